#include "service/ticket_statistics.h"

#include <fmt/format.h>

#include "core/macros.h"
#include "service/caller.h"
#include "service/ticket_filter.h"
#include "service/unit_of_work.h"

namespace goatflow::service {
namespace {

// Counts of `query`'s tickets grouped by the name `name_sql` joins in, as
// (name, count) pairs sorted by name.
Result<std::vector<std::pair<std::string, std::int64_t>>> CountBy(store::Db& db,
                                                                  const TicketQuery& query,
                                                                  std::string_view join) {
  std::string sql =
      query.countable
          ? fmt::format("SELECT n.name, sum(t.n) FROM ticket_count t {}{} GROUP BY n.name "
                        "HAVING sum(t.n) > 0 ORDER BY n.name COLLATE NOCASE",
                        join, query.WhereSql())
          : fmt::format("SELECT n.name, count(*) FROM ticket t {}{} GROUP BY n.name "
                        "ORDER BY n.name COLLATE NOCASE",
                        join, query.WhereSql());
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  query.BindTo(stmt);
  std::vector<std::pair<std::string, std::int64_t>> counts;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    counts.emplace_back(stmt.Text(0), stmt.Int(1));
  }
  return counts;
}

}  // namespace

Result<TicketStatistics> CountVisibleTickets(Helpdesk::Impl& impl, const RequestContext& ctx) {
  return Read(impl, [&](store::Db& db) -> Result<TicketStatistics> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(RequireScope(ctx, kScopeTicketsRead));
    TicketStatistics stats;
    GOATFLOW_ASSIGN_OR_RETURN(stats.valid_agents,
                              db.QueryInt("SELECT count(*) FROM users WHERE valid_id = 1"));
    GOATFLOW_ASSIGN_OR_RETURN(auto query, BuildTicketQuery(db, caller, ListTicketsRequest{}));
    if (!query) return stats;  // no readable queue
    GOATFLOW_ASSIGN_OR_RETURN(stats.by_state,
                              CountBy(db, *query, "JOIN ticket_state n ON n.id = t.ticket_state_id"));
    GOATFLOW_ASSIGN_OR_RETURN(stats.by_queue,
                              CountBy(db, *query, "JOIN queue n ON n.id = t.queue_id"));
    for (const auto& [name, count] : stats.by_queue) stats.total_tickets += count;
    return stats;
  });
}

}  // namespace goatflow::service
