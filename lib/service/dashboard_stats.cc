// DashboardService: the figures and charts of api-v1.md §9. Agents' figures
// are sums over the maintained counters (ticket_count of migration 0002,
// ticket_event_count of 0004) restricted to their readable queues; a
// customer's are counted over their own tickets through the customer index.

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/macros.h"
#include "core/time.h"
#include "goatflow/dashboard.h"
#include "service/dashboard_scope.h"
#include "service/ticket_access.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using service::DashboardScope;

constexpr std::int64_t kBucketSeconds = 900;  // ticket_event_count.bucket

// " AND <queue restriction>" over column `column` for a non-customer scope;
// binds the JSON list as parameter ?1.
std::string QueueCondition(const DashboardScope& scope, std::string_view column) {
  if (scope.all_queues) return " AND ?1 IS NOT NULL";
  return fmt::format(" AND {} IN (SELECT value FROM json_each(?1))", column);
}

std::string ScopeParam(const DashboardScope& scope) {
  return scope.all_queues ? "[]" : scope.queue_ids_json;
}

// The rows a customer's figures count: their own tickets.
constexpr std::string_view kCustomerTickets = "t.customer_user_id = ?1";

// Sums per state type of the visible non-archived tickets.
Result<std::map<std::string, std::int64_t>> CountByStateType(store::Db& db,
                                                              const DashboardScope& scope) {
  std::string sql;
  if (scope.customer) {
    sql = fmt::format(R"sql(
      SELECT st.name, count(*) FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
        JOIN ticket_state_type st ON st.id = s.type_id
       WHERE {} AND t.archive_flag = 0 GROUP BY st.name)sql",
                      kCustomerTickets);
  } else {
    sql = R"sql(
      SELECT st.name, sum(c.n) FROM ticket_count c JOIN ticket_state s ON s.id = c.ticket_state_id
        JOIN ticket_state_type st ON st.id = s.type_id
       WHERE c.archive_flag = 0)sql" +
          QueueCondition(scope, "c.queue_id") + " GROUP BY st.name";
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  stmt.Bind(1, scope.customer ? scope.customer_login : ScopeParam(scope));
  std::map<std::string, std::int64_t> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out[stmt.Text(0)] = stmt.Int(1);
  }
  return out;
}

struct DayCounts {
  std::int64_t created = 0;
  std::int64_t closed = 0;
};

// Created and closed counts per bucket start (Unix seconds) since `from`.
Result<std::map<std::int64_t, DayCounts>> EventsSince(store::Db& db, const DashboardScope& scope,
                                                      std::int64_t from) {
  std::map<std::int64_t, DayCounts> out;
  const std::int64_t first_bucket = from / kBucketSeconds;
  if (!scope.customer) {
    GOATFLOW_ASSIGN_OR_RETURN(
        auto stmt, db.Prepare("SELECT c.bucket, sum(c.created), sum(c.closed) "
                              "FROM ticket_event_count c WHERE c.bucket >= ?2" +
                              QueueCondition(scope, "c.queue_id") + " GROUP BY c.bucket"));
    stmt.Bind(1, ScopeParam(scope)).Bind(2, first_bucket);
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      out[stmt.Int(0) * kBucketSeconds] = {stmt.Int(1), stmt.Int(2)};
    }
    return out;
  }
  // A customer's own tickets: few, found through the customer index.
  GOATFLOW_ASSIGN_OR_RETURN(auto created, db.Prepare(fmt::format(R"sql(
    SELECT unixepoch(t.create_time) / 900, count(*) FROM ticket t
     WHERE {} AND unixepoch(t.create_time) >= ?2 GROUP BY 1)sql",
                                                                  kCustomerTickets)));
  created.Bind(1, scope.customer_login).Bind(2, first_bucket * kBucketSeconds);
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, created.Step());
    if (!row) break;
    out[created.Int(0) * kBucketSeconds].created += created.Int(1);
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto closed, db.Prepare(fmt::format(R"sql(
    SELECT unixepoch(h.create_time) / 900, count(*) FROM ticket t
      JOIN ticket_history h ON h.ticket_id = t.id
     WHERE {} AND unixepoch(h.create_time) >= ?2 AND {} GROUP BY 1)sql",
                                                                 kCustomerTickets,
                                                                 service::kClosingEntrySql)));
  closed.Bind(1, scope.customer_login).Bind(2, first_bucket * kBucketSeconds);
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, closed.Step());
    if (!row) break;
    out[closed.Int(0) * kBucketSeconds].closed += closed.Int(1);
  }
  return out;
}

// Active visible tickets matching `condition` (parameters ?2, ?3).
Result<std::int64_t> CountActive(store::Db& db, const DashboardScope& scope,
                                 const std::string& condition, std::int64_t p2, std::int64_t p3) {
  std::string visible =
      scope.customer ? std::string(" AND ") + std::string(kCustomerTickets)
                     : QueueCondition(scope, "t.queue_id");
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(fmt::format(R"sql(
    SELECT count(*) FROM ticket t WHERE ({}) AND t.archive_flag = 0
       AND t.ticket_state_id IN (SELECT s.id FROM ticket_state s JOIN ticket_state_type st
                                    ON st.id = s.type_id WHERE st.name IN {}){})sql",
                                                               condition, service::kActiveTypesSql,
                                                               visible)));
  stmt.Bind(1, scope.customer ? scope.customer_login : ScopeParam(scope));
  stmt.Bind(2, p2).Bind(3, p3);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

// Counts of visible non-archived tickets by `label_sql` (a joined name), in id order.
Result<CountChart> CountChartBy(store::Db& db, const DashboardScope& scope, bool by_state) {
  std::string sql;
  const char* join = by_state ? "JOIN ticket_state l ON l.id = {}.ticket_state_id"
                              : "JOIN ticket_priority l ON l.id = {}.ticket_priority_id";
  if (scope.customer) {
    sql = "SELECT l.name, count(*) FROM ticket t " + fmt::format(fmt::runtime(join), "t") +
          " WHERE " + std::string(kCustomerTickets) +
          " AND t.archive_flag = 0 GROUP BY l.id ORDER BY l.id";
  } else {
    sql = "SELECT l.name, sum(c.n) FROM ticket_count c " + fmt::format(fmt::runtime(join), "c") +
          " WHERE c.archive_flag = 0" + QueueCondition(scope, "c.queue_id") +
          " GROUP BY l.id ORDER BY l.id";
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  stmt.Bind(1, scope.customer ? scope.customer_login : ScopeParam(scope));
  CountChart chart;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    if (stmt.Int(1) == 0) continue;
    chart.labels.push_back(stmt.Text(0));
    chart.data.push_back(stmt.Int(1));
  }
  return chart;
}

template <typename T, typename Fn>
Result<T> ReadForCaller(Helpdesk::Impl& impl, const RequestContext& ctx, Fn&& fn) {
  return service::Read(impl, [&](store::Db& db) -> Result<T> {
    GOATFLOW_ASSIGN_OR_RETURN(service::Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsRead));
    GOATFLOW_ASSIGN_OR_RETURN(DashboardScope scope, service::LoadDashboardScope(db, caller));
    return fn(db, caller, scope);
  });
}

}  // namespace

Result<DashboardStats> DashboardService::Stats(const RequestContext& ctx) {
  const std::int64_t now = core::ToUnixSeconds(impl_.clock->Now());
  return ReadForCaller<DashboardStats>(
      impl_, ctx,
      [&](store::Db& db, const service::Caller& caller,
          const DashboardScope& scope) -> Result<DashboardStats> {
        DashboardStats stats;
        GOATFLOW_ASSIGN_OR_RETURN(auto by_type, CountByStateType(db, scope));
        for (const auto& [type, n] : by_type) {
          stats.total_tickets += n;
          if (type == "new" || type == "open") stats.open_tickets += n;
          if (type == "pending reminder" || type == "pending auto") stats.pending_tickets += n;
        }
        GOATFLOW_ASSIGN_OR_RETURN(core::TimeZone zone, service::LoadTimeZone(db));
        GOATFLOW_ASSIGN_OR_RETURN(auto events, EventsSince(db, scope, zone.StartOfDay(now)));
        for (const auto& [bucket, counts] : events) {
          stats.created_today += counts.created;
          stats.closed_today += counts.closed;
        }
        if (scope.customer) {
          GOATFLOW_ASSIGN_OR_RETURN(stats.my_tickets, CountActive(db, scope, "?2 = ?3", 0, 0));
        } else {
          GOATFLOW_ASSIGN_OR_RETURN(
              stats.my_tickets,
              CountActive(db, scope, "t.user_id = ?2 OR t.responsible_user_id = ?3", caller.id,
                          caller.id));
        }
        GOATFLOW_ASSIGN_OR_RETURN(
            stats.overdue_tickets,
            CountActive(db, scope, "t.escalation_time > ?2 AND t.escalation_time <= ?3", 0, now));
        return stats;
      });
}

Result<CountChart> DashboardService::TicketsByStatus(const RequestContext& ctx) {
  return ReadForCaller<CountChart>(
      impl_, ctx, [&](store::Db& db, const service::Caller&, const DashboardScope& scope) {
        return CountChartBy(db, scope, true);
      });
}

Result<CountChart> DashboardService::TicketsByPriority(const RequestContext& ctx) {
  return ReadForCaller<CountChart>(
      impl_, ctx, [&](store::Db& db, const service::Caller&, const DashboardScope& scope) {
        return CountChartBy(db, scope, false);
      });
}

Result<TimeChart> DashboardService::TicketsOverTime(const RequestContext& ctx, std::int64_t days) {
  const std::int64_t now = core::ToUnixSeconds(impl_.clock->Now());
  return ReadForCaller<TimeChart>(
      impl_, ctx,
      [&](store::Db& db, const service::Caller&, const DashboardScope& scope) -> Result<TimeChart> {
        if (days < 1 || days > 90)
          return service::tickets::Invalid("days must be between 1 and 90", "days",
                                           "out_of_range");
        GOATFLOW_ASSIGN_OR_RETURN(core::TimeZone zone, service::LoadTimeZone(db));
        // Local day starts, oldest first; the day before a start ends one second earlier.
        std::vector<std::int64_t> starts(static_cast<std::size_t>(days));
        starts.back() = zone.StartOfDay(now);
        for (std::size_t i = starts.size() - 1; i > 0; --i)
          starts[i - 1] = zone.StartOfDay(starts[i] - 1);
        GOATFLOW_ASSIGN_OR_RETURN(auto events, EventsSince(db, scope, starts.front()));
        TimeChart chart;
        ChartDataset created{"Created", std::vector<std::int64_t>(starts.size(), 0)};
        ChartDataset closed{"Closed", std::vector<std::int64_t>(starts.size(), 0)};
        for (std::int64_t start : starts) chart.labels.push_back(zone.LocalDate(start));
        for (const auto& [bucket_start, counts] : events) {
          auto day = std::upper_bound(starts.begin(), starts.end(), bucket_start) - starts.begin();
          if (day == 0) continue;
          created.data[static_cast<std::size_t>(day - 1)] += counts.created;
          closed.data[static_cast<std::size_t>(day - 1)] += counts.closed;
        }
        chart.datasets = {std::move(created), std::move(closed)};
        return chart;
      });
}

}  // namespace goatflow
