#pragma once

// Entry point of libgoatflow.
//
//   auto hd = goatflow::Helpdesk::Open({.path = "goatflow.db"});
//   if (!hd.ok()) { /* hd.error().message */ }
//
// Thread rule: a Helpdesk is safe for concurrent use from many threads. Each
// call leases its own SQLite connection; writes are serialised on one writer
// connection, reads run concurrently on reader connections (WAL).

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/options.h"

namespace goatflow {

class AuthService;
class SearchService;

// The library's version, "MAJOR.MINOR.PATCH".
std::string_view Version();

class TicketService;
class LookupService;
class QueueService;
class DirectoryService;
class CustomerService;
class AdminService;

struct StoreStatus {
  std::string path;
  int schema_version = 0;         // applied migrations
  int latest_schema_version = 0;  // migrations this build knows
  int migrations_applied_on_open = 0;
  std::string journal_mode;  // "wal" for file databases
  std::vector<std::pair<std::string, std::int64_t>> row_counts;  // main tables
};

struct HealthReport;  // goatflow/health.h
struct SystemStatus;  // goatflow/health.h

class Helpdesk {
 public:
  // Opens (and, per the options, creates and migrates) a helpdesk database.
  // Errors: not_found (file missing and !create_if_missing), failed_precondition
  // (not a goatflow database, or its schema is newer than this build),
  // unavailable (cannot open or locked), internal.
  static Result<std::unique_ptr<Helpdesk>> Open(const OpenOptions& options);

  ~Helpdesk();
  Helpdesk(const Helpdesk&) = delete;
  Helpdesk& operator=(const Helpdesk&) = delete;

  // Schema version and row counts of the main tables.
  Result<StoreStatus> GetStoreStatus() const;

  // Applies pending migrations; returns how many were applied.
  Result<int> Migrate();

  // Runs the health checks now (a trivial timed query, the schema version).
  // Never fails: a failing check is reported in the result.
  HealthReport CheckHealth() const;

  // Health plus uptime and the maintenance settings (spec/health.md §7).
  SystemStatus GetSystemStatus() const;

  // Whether `ctx` may be served now: while setting MaintenanceMode is on, only
  // admins are (api-v1.md §0). Errors: unavailable core:service_unavailable
  // carrying MaintenanceMessage (or "System under maintenance").
  Status CheckMaintenance(const RequestContext& ctx) const;

  // True while the enabled `admin` account (user 1) still accepts the
  // password "admin". Errors: unavailable, internal.
  Result<bool> AdminUsesDefaultPassword() const;
  // Tickets, articles, history and links (goatflow/tickets.h).
  TicketService& Tickets();
  // A context for local, trusted front-ends (CLI --as, stdio MCP): the valid
  // agent or customer user with `login` (case-insensitive), audited with
  // auth_method "local". No password is checked. Errors: not_found (no such
  // login), unauthenticated (the account is disabled), internal.
  Result<RequestContext> LocalContextFor(std::string_view login) const;

  // Services; each lives as long as the Helpdesk.
  LookupService& Lookups();
  QueueService& Queues();
  DirectoryService& Directory();
  CustomerService& Customers();
  // Login, tokens, sessions, API tokens, own password and preferences.
  AuthService& Auth();
  // Full-text ticket search, the search box, agent search, suggestions.
  SearchService& Search();
  // Configuration, maintenance mode and the audit log (goatflow/admin.h).
  AdminService& Admin();

  class Impl;

 private:
  explicit Helpdesk(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace goatflow
