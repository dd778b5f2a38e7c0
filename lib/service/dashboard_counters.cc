// DashboardService::CheckCounters: every maintained counter against a recount
// from the rows it counts. A counter row of 0 equals an absent recount row.

#include <fmt/format.h>

#include <map>
#include <set>

#include "core/macros.h"
#include "goatflow/dashboard.h"
#include "service/dashboard_scope.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using Counts = std::map<std::string, std::int64_t>;

// Runs `sql` returning (key, count) rows.
Result<Counts> LoadCounts(store::Db& db, const std::string& sql) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  Counts out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out[stmt.Text(0)] += stmt.Int(1);
  }
  return out;
}

// Compares one counter's stored rows with its recount into `check`.
Status Compare(store::Db& db, std::string_view counter, const std::string& stored_sql,
               const std::string& recount_sql, CounterCheck& check) {
  GOATFLOW_ASSIGN_OR_RETURN(Counts stored, LoadCounts(db, stored_sql));
  GOATFLOW_ASSIGN_OR_RETURN(Counts recounted, LoadCounts(db, recount_sql));
  std::set<std::string> keys;
  for (const auto& [key, n] : stored) keys.insert(key);
  for (const auto& [key, n] : recounted) keys.insert(key);
  for (const std::string& key : keys) {
    ++check.rows_checked;
    std::int64_t a = stored.count(key) ? stored[key] : 0;
    std::int64_t b = recounted.count(key) ? recounted[key] : 0;
    if (a != b) check.mismatches.push_back({std::string(counter), key, a, b});
  }
  return OkStatus();
}

constexpr std::string_view kTicketCountKey =
    "'queue=' || queue_id || ' state=' || ticket_state_id || ' priority=' || ticket_priority_id "
    "|| ' archived=' || archive_flag";

}  // namespace

Result<CounterCheck> DashboardService::CheckCounters(const RequestContext& ctx) {
  return service::Read(impl_, [&](store::Db& db) -> Result<CounterCheck> {
    GOATFLOW_ASSIGN_OR_RETURN(service::Caller caller, service::LoadCaller(db, ctx));
    if (!caller.is_admin)
      return Error(ErrorCode::kPermissionDenied, "Admin access required")
          .WithWireCode("core:forbidden");
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeAdmin));
    CounterCheck check;
    GOATFLOW_RETURN_IF_ERROR(Compare(
        db, "ticket_count", fmt::format("SELECT {}, n FROM ticket_count", kTicketCountKey),
        fmt::format("SELECT {}, count(*) FROM ticket GROUP BY queue_id, ticket_state_id, "
                    "ticket_priority_id, archive_flag",
                    kTicketCountKey),
        check));
    GOATFLOW_RETURN_IF_ERROR(Compare(
        db, "ticket_event_count.created",
        "SELECT 'queue=' || queue_id || ' bucket=' || bucket, created FROM ticket_event_count",
        "SELECT 'queue=' || queue_id || ' bucket=' || (unixepoch(create_time) / 900), count(*) "
        "FROM ticket GROUP BY 1",
        check));
    GOATFLOW_RETURN_IF_ERROR(Compare(
        db, "ticket_event_count.closed",
        "SELECT 'queue=' || queue_id || ' bucket=' || bucket, closed FROM ticket_event_count",
        fmt::format("SELECT 'queue=' || h.queue_id || ' bucket=' || "
                    "(unixepoch(h.create_time) / 900), count(*) FROM ticket_history h "
                    "WHERE {} GROUP BY 1",
                    service::kClosingEntrySql),
        check));
    GOATFLOW_RETURN_IF_ERROR(Compare(
        db, "ticket_history_count",
        "SELECT 'queue=' || queue_id, n FROM ticket_history_count",
        "SELECT 'queue=' || t.queue_id, count(*) FROM ticket_history h "
        "JOIN ticket t ON t.id = h.ticket_id GROUP BY 1",
        check));
    check.consistent = check.mismatches.empty();
    return check;
  });
}

}  // namespace goatflow
