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
#include "goatflow/jobs.h"
#include "goatflow/options.h"
#include "goatflow/seams.h"

namespace goatflow {

class AuthService;
class SearchService;
class SqlConsole;

// The library's version, "MAJOR.MINOR.PATCH".
std::string_view Version();

class TicketService;
class LookupService;
class QueueService;
class DirectoryService;
class CustomerService;
class McpService;
class DashboardService;
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
struct MaintenanceState;  // goatflow/health.h
struct MetricsSnapshot;  // goatflow/operations.h
class OperationsAccess;  // goatflow/operations.h
enum class OperationsEndpoint;  // goatflow/operations.h

namespace service {
class SharedRead;
}

// While it lives, the reads the creating thread makes through its helpdesk
// share one snapshot (one transaction on one reader connection) instead of a
// transaction each: a server request authenticates and runs its use case in
// one. A write through the helpdesk ends the shared snapshot first, so reads
// after it see the write. Keep it short-lived (it holds a reader connection
// from the first read until it ends) and end it on the thread that made it.
class SharedReads {
 public:
  explicit SharedReads(std::unique_ptr<service::SharedRead> read);
  ~SharedReads();
  SharedReads(SharedReads&&) noexcept;
  SharedReads& operator=(SharedReads&&) = delete;

 private:
  std::unique_ptr<service::SharedRead> read_;
};

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

  // Shares one read snapshot among this thread's calls until the result ends (see SharedReads).
  [[nodiscard]] SharedReads ShareReads();

  // Applies pending migrations; returns how many were applied.
  Result<int> Migrate();

  // Runs the health checks now (a trivial timed query, the schema version).
  // Never fails: a failing check is reported in the result.
  HealthReport CheckHealth() const;

  // Health plus uptime and the maintenance settings (spec/health.md §7).
  SystemStatus GetSystemStatus() const;

  // The per-component report of GET /health/detailed (spec/health.md §3):
  // database (critical), storage (free space of the database directory; file
  // databases only) and search (full-text index consistency), each timed.
  // Never fails: a failing check is reported in the result.
  HealthReport CheckHealthDetailed() const;

  // The library's figures for GET /metrics (goatflow/operations.h): database
  // up, tickets per state from the maintained counters, authentication and
  // rate-limit counters. Never fails: a database outage shows as
  // database_up = false with no ticket figures.
  MetricsSnapshot CollectMetrics() const;

  // Whether the caller may read `endpoint` (spec/health.md §4): allowed when
  // `access` is open to all, the client address (ctx.client_ip) is in an
  // allowed network, `authorization` carries the metrics token (/metrics
  // only), or ctx is an admin whose API token, if any, is unrestricted or
  // holds admin:*. Errors: permission_denied "Forbidden" (core:forbidden).
  Status AuthorizeOperations(const RequestContext& ctx, const OperationsAccess& access,
                             OperationsEndpoint endpoint, std::string_view authorization) const;

  // Whether `ctx` may be served now: while setting MaintenanceMode is on, only
  // admins are (api-v1.md §0). `known`, when given, is the setting as
  // AuthService::Authenticate read it for this request, which spares a read
  // transaction. Errors: unavailable core:service_unavailable carrying
  // MaintenanceMessage (or "System under maintenance").
  Status CheckMaintenance(const RequestContext& ctx, const MaintenanceState* known = nullptr) const;

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
  // The read-only SQL console of MCP execute_sql (goatflow/sql_console.h).
  SqlConsole& Sql();
  // The Model Context Protocol server over these services (goatflow/mcp.h).
  McpService& Mcp();
  // Dashboard figures, activity, own tickets, notifications (goatflow/dashboard.h).
  DashboardService& Dashboard();

  // Runs the background jobs that are due at `now` (api-v1.md §0), each in its
  // own transaction: pending-reminder notifications (once per reminder),
  // pending auto-close, the queues' unlock timeout, and removal of expired
  // sessions and refresh tokens. Idempotent: a second run at the same `now`
  // does nothing. Never fails as a whole: a failing job is reported in
  // `errors` and the others still run.
  JobRunSummary RunDueJobs(TimePoint now);
  // Configuration, maintenance mode and the audit log (goatflow/admin.h).
  AdminService& Admin();

  class Impl;

 private:
  explicit Helpdesk(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace goatflow
