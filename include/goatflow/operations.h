#pragma once

// Operations (spec/health.md §4, §5): who may read the detailed health report
// and the metrics, and the figures the library contributes to GET /metrics.
// HTTP request metrics belong to the server; what is counted here is what
// only the library sees (logins, rate-limit refusals, tickets, the database).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/error.h"
#include "goatflow/seams.h"

namespace goatflow {

// Process settings of health.md §4 (api-v1.md §0 "Settings: where they live").
struct OperationsAccessPolicy {
  // health.public: anybody may read both endpoints.
  bool open_to_all = false;
  // Clients in these networks may read without credentials: CIDR blocks
  // ("10.0.0.0/8", "fc00::/7") or single addresses. Default: loopback only.
  std::vector<std::string> allowed_networks = {"127.0.0.0/8", "::1/128"};
  // metrics.token: when set, `Authorization: Bearer <token>` also opens /metrics.
  std::string metrics_token;
};

enum class OperationsEndpoint { kDetailedHealth, kMetrics };

// A validated OperationsAccessPolicy. Immutable; safe to share between threads.
class OperationsAccess {
 public:
  // Errors: invalid_argument naming the malformed network.
  static Result<OperationsAccess> Create(const OperationsAccessPolicy& policy);

  bool open_to_all() const { return open_to_all_; }
  // Whether `client_ip` (IPv4, IPv6, or IPv4-mapped IPv6) lies in an allowed network.
  bool NetworkAllowed(std::string_view client_ip) const;
  // Whether `authorization` is "Bearer <metrics token>" (compared in constant
  // time); always false when no token is configured.
  bool CarriesMetricsToken(std::string_view authorization) const;

 private:
  struct Network {
    std::array<std::uint8_t, 16> address{};  // IPv4 stored IPv4-mapped
    int prefix_bits = 0;                     // of the 128-bit form
  };
  bool open_to_all_ = false;
  std::vector<Network> networks_;
  std::string metrics_token_;
};

// Non-archived tickets in one state, from the maintained counters.
struct TicketStateCount {
  std::string state_type;  // "open", "closed", "new" ...
  std::string state;
  std::int64_t tickets = 0;
};

// Authentication outcomes since the Helpdesk was opened.
struct AuthAttemptCount {
  std::string method;  // "password"
  std::string result;  // "success", "failure", "blocked" (failure backoff)
  std::uint64_t count = 0;
};

// Requests refused by a rate-limit bucket since the Helpdesk was opened.
struct RateLimitedCount {
  // "login" (per-IP bucket and the failure backoff), "password_reset",
  // "customer_ticket", "general", "token".
  std::string bucket;
  std::uint64_t count = 0;
};

struct MetricsSnapshot {
  std::string version;
  TimePoint started_at;      // when the Helpdesk was opened
  bool database_up = false;  // a read transaction ran at collection
  // States holding at least one ticket; empty when the database is down.
  std::vector<TicketStateCount> tickets;
  // Every method/result pair and every bucket, zeros included.
  std::vector<AuthAttemptCount> auth_attempts;
  std::vector<RateLimitedCount> rate_limited;
};

}  // namespace goatflow
