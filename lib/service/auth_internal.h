#pragma once

// Internals shared by the AuthService implementation files: the service's
// process state (keys, rate limiters) and small helpers over the database.

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/password_policy.h"
#include "auth/rate_limiter.h"
#include "goatflow/auth.h"
#include "service/helpdesk_impl.h"
#include "store/db.h"

namespace goatflow::service {

struct AuthKeys {
  std::string jwt;         // HMAC-SHA256 signing key
  std::string token_hash;  // BLAKE2b key for API token, session and jti hashes
};

// Settings the auth code reads (domain.md §8.4, api-v1.md §0), with defaults.
struct AuthSettings {
  std::int64_t session_max_time = 57600;
  std::int64_t session_max_idle_time = 7200;
  int login_per_minute = 10;
  int password_reset_per_hour = 3;
  int customer_ticket_create_per_hour = 10;
  int general_per_minute = 100;
  int token_default_per_hour = 1000;
  // PasswordMinLength (6-128) and PasswordRequire{Uppercase,Lowercase,Digit,Special}.
  auth::PasswordPolicy password_policy;
};

inline constexpr std::int64_t kAccessTokenTtl = 900;             // 15 minutes
inline constexpr std::int64_t kRefreshTokenTtl = 7 * 24 * 3600;  // 7 days
// Sessions' LastRequest and tokens' last_used_at are written at most this often.
inline constexpr std::int64_t kTouchIntervalSeconds = 60;

// Reads the stored settings (system_config) with process overrides applied.
Result<AuthSettings> LoadAuthSettings(store::Db& db, const OpenOptions& options);

// Sessions and tokens carry (kind, id); kind is "agent" or "customer".
std::string_view KindName(PrincipalKind kind);
std::optional<PrincipalKind> ParseKind(std::string_view name);

// The principal's login if the account exists and is valid, else nullopt.
Result<std::optional<std::string>> ValidLogin(store::Db& db, PrincipalKind kind, std::int64_t id);

// "Admin"/"Agent"/"Customer" and the e-mail shown for a principal.
Result<AuthUser> LoadAuthUser(store::Db& db, PrincipalKind kind, std::int64_t id);

// API-token scopes as stored (a JSON array; NULL or [] = all).
std::vector<std::string> ScopesFromJson(const std::optional<std::string>& json_text);

Error InvalidCredentials();
Error InvalidToken();
Error Unauthenticated(std::string message = "Authentication required");
Error ValidationFailed(std::string message, std::string field, std::string reason);
Error RateLimitedError(std::string message, std::int64_t retry_after_sec);

// Outcomes counted for GET /metrics: lock-free, bumped on the request path.
struct AuthCounters {
  enum Login { kLoginSuccess, kLoginFailure, kLoginBlocked, kLoginOutcomes };
  static constexpr std::size_t kBuckets = 5;  // RateBucket values

  std::array<std::atomic<std::uint64_t>, kLoginOutcomes> password_logins{};
  std::array<std::atomic<std::uint64_t>, kBuckets> rate_limited{};

  void CountLogin(Login outcome) {
    password_logins[outcome].fetch_add(1, std::memory_order_relaxed);
  }
  void CountRateLimited(RateBucket bucket) {
    rate_limited[static_cast<std::size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
  }
};

struct AuthState {
  std::mutex keys_mu;
  std::optional<service::AuthKeys> keys;         // set once, under keys_mu
  std::atomic<const AuthKeys*> loaded{nullptr};  // lock-free read after that

  std::mutex settings_mu;
  std::optional<service::AuthSettings> settings;
  TimePoint settings_loaded_at{};
  std::uint64_t settings_generation = 0;  // Impl::settings_generation at load

  auth::RateLimiter limiter;
  auth::LoginBackoff backoff;
  AuthCounters counters;

  // API tokens' hourly limits, recorded when a token authenticates, so that
  // CheckRequestRate needs no database access.
  std::mutex token_limits_mu;
  std::unordered_map<std::int64_t, int> token_limits;
};

// The signing and hashing keys, loaded (or generated and stored) on first use
// in their own write transaction: call outside any Read/Write.
// The pointer stays valid for the life of the state.
Result<const AuthKeys*> GetKeys(Helpdesk::Impl& impl, AuthState& state);

// Settings cached for a few seconds (rate-limit checks must not hit the
// database); a configuration write of this process invalidates the cache, a
// write by another process (the CLI) is seen within the TTL.
AuthSettings GetSettings(Helpdesk::Impl& impl, AuthState& state);

// A new session row for the principal; returns (sessions.id, raw session id).
struct NewSession {
  std::int64_t id = 0;
  std::string raw_id;
  TimePoint expires_at;
};
Result<NewSession> CreateSession(store::Db& db, Helpdesk::Impl& impl, const AuthKeys& keys,
                                 const AuthUser& user, const RequestContext& ctx, TimePoint now,
                                 std::int64_t max_time);

// Issues an access token and a refresh token of `family` (a new family when
// empty) for the session, recording the refresh token.
Result<TokenPair> IssueTokens(store::Db& db, Helpdesk::Impl& impl, const AuthKeys& keys,
                              const AuthUser& user, std::int64_t session_id,
                              TimePoint session_expires_at, const AuthSettings& settings,
                              TimePoint now, std::string family);

}  // namespace goatflow::service
