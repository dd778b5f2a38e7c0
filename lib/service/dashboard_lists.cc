// DashboardService: activity, my tickets and notifications (api-v1.md §9).

#include <fmt/format.h>

#include "core/macros.h"
#include "core/time.h"
#include "goatflow/dashboard.h"
#include "service/dashboard_scope.h"
#include "service/ticket_filter.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using service::Caller;
using service::DashboardScope;

// api-v1.md §2.6: the Activity type of a history entry.
std::string ActivityType(const std::string& history_type, bool has_article) {
  if (history_type == "NewTicket") return "ticket_created";
  if (history_type == "StateUpdate") return "state_changed";
  if (history_type == "OwnerUpdate") return "owner_changed";
  if (history_type == "PriorityUpdate") return "priority_changed";
  if (history_type == "Move") return "queue_changed";
  if (has_article) return "article_added";
  return "ticket_updated";
}

// The visible history rows as a condition on `h` joined with ticket `t`;
// parameter ?1. Customers see their own tickets without internal articles'
// entries.
std::string ActivityCondition(const DashboardScope& scope) {
  if (scope.customer)
    return " WHERE t.customer_user_id = ?1 AND (h.article_id IS NULL OR EXISTS (SELECT 1 FROM "
           "article a WHERE a.id = h.article_id AND a.is_visible_for_customer = 1))";
  if (scope.all_queues) return " WHERE ?1 IS NOT NULL";
  return " WHERE t.queue_id IN (SELECT value FROM json_each(?1))";
}

std::string ScopeParam(const DashboardScope& scope) {
  if (scope.customer) return scope.customer_login;
  return scope.all_queues ? "[]" : scope.queue_ids_json;
}

// The number of visible history rows: from ticket_history_count for agents.
Result<std::int64_t> CountActivity(store::Db& db, const DashboardScope& scope) {
  std::string sql;
  if (scope.customer) {
    sql = "SELECT count(*) FROM ticket_history h JOIN ticket t ON t.id = h.ticket_id" +
          ActivityCondition(scope);
  } else if (scope.all_queues) {
    sql = "SELECT coalesce(sum(n), 0) FROM ticket_history_count WHERE ?1 IS NOT NULL";
  } else {
    sql = "SELECT coalesce(sum(n), 0) FROM ticket_history_count "
          "WHERE queue_id IN (SELECT value FROM json_each(?1))";
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  stmt.Bind(1, ScopeParam(scope));
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

// The notification recipient of a caller: (user_kind, id).
std::pair<std::string, std::int64_t> Recipient(const Caller& caller) {
  return {caller.IsCustomer() ? "customer" : "agent", caller.id};
}

Error NotificationNotFound() {
  return Error(ErrorCode::kNotFound, "Notification not found").WithWireCode("core:not_found");
}

}  // namespace

Result<ActivityPage> DashboardService::Activity(const RequestContext& ctx,
                                                const PageRequest& request) {
  const PageRequest page = request.Normalized();
  return service::Read(impl_, [&](store::Db& db) -> Result<ActivityPage> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsRead));
    GOATFLOW_ASSIGN_OR_RETURN(DashboardScope scope, service::LoadDashboardScope(db, caller));
    ActivityPage out;
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t total, CountActivity(db, scope));
    out.pagination = MakePagination(page, total);
    if (page.Offset() >= total) return out;
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      SELECT h.id, ht.name, h.name, h.ticket_id, t.tn, h.create_by, u.login, h.create_time,
             h.article_id IS NOT NULL
        FROM ticket_history h JOIN ticket t ON t.id = h.ticket_id
        JOIN ticket_history_type ht ON ht.id = h.history_type_id
        LEFT JOIN users u ON u.id = h.create_by)sql" +
                                                     ActivityCondition(scope) +
                                                     " ORDER BY h.id DESC LIMIT ?2 OFFSET ?3"));
    stmt.Bind(1, ScopeParam(scope)).Bind(2, page.limit).Bind(3, page.Offset());
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      ::goatflow::Activity a;
      a.id = stmt.Int(0);
      a.type = ActivityType(stmt.Text(1), stmt.Int(8) != 0);
      a.message = stmt.Text(2);
      a.ticket_id = stmt.Int(3);
      a.ticket_number = stmt.Text(4);
      if (!stmt.IsNull(6)) a.user = ActivityUser{stmt.Int(5), stmt.Text(6)};
      a.timestamp = core::ParseDbTime(stmt.Text(7)).value_or(TimePoint{});
      out.activities.push_back(std::move(a));
    }
    return out;
  });
}

Result<TicketPage> DashboardService::MyTickets(const RequestContext& ctx,
                                               const MyTicketsRequest& request) {
  return service::Read(impl_, [&](store::Db& db) -> Result<TicketPage> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsRead));
    ListTicketsRequest list = request.filters;
    list.within_queue.reset();
    if (list.status.empty() && list.state_ids.empty()) list.status = {"active"};
    list.sort = request.sort.value_or("updated");
    list.order = request.order.value_or("desc");
    GOATFLOW_ASSIGN_OR_RETURN(auto query, service::BuildTicketQuery(db, caller, list));
    if (!query) {
      TicketPage empty;
      empty.pagination = MakePagination(list.page.Normalized(), 0);
      return empty;
    }
    // Customers' own tickets are already the query's visibility condition.
    if (!caller.IsCustomer())
      query->Add("(t.user_id = ? OR t.responsible_user_id = ?)", {caller.id, caller.id});
    return service::ListTicketPage(db, caller, *query, list);
  });
}

Result<NotificationPage> DashboardService::Notifications(const RequestContext& ctx,
                                                         const ListNotificationsRequest& request) {
  const PageRequest page = request.page.Normalized();
  return service::Read(impl_, [&](store::Db& db) -> Result<NotificationPage> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    auto [kind, id] = Recipient(caller);
    NotificationPage out;
    GOATFLOW_ASSIGN_OR_RETURN(auto counts, db.Prepare(R"sql(
      SELECT count(*), coalesce(sum(is_read = 0), 0) FROM notification
       WHERE user_kind = ?1 AND user_id = ?2)sql"));
    counts.BindAll(kind, id);
    GOATFLOW_ASSIGN_OR_RETURN(bool counted, counts.Step());
    const std::int64_t all = counted ? counts.Int(0) : 0;
    out.unread_count = counted ? counts.Int(1) : 0;
    const std::int64_t total = request.unread_only ? out.unread_count : all;
    out.pagination = MakePagination(page, total);
    if (page.Offset() >= total) return out;
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      SELECT id, kind, title, body, ticket_id, is_read, create_time FROM notification
       WHERE user_kind = ?1 AND user_id = ?2 AND (?3 = 0 OR is_read = 0)
       ORDER BY id DESC LIMIT ?4 OFFSET ?5)sql"));
    stmt.BindAll(kind, id, request.unread_only ? 1 : 0, page.limit, page.Offset());
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      Notification n;
      n.id = stmt.Int(0);
      n.type = stmt.Text(1);
      n.title = stmt.Text(2);
      n.message = stmt.Text(3);
      if (!stmt.IsNull(4)) n.ticket_id = stmt.Int(4);
      n.read = stmt.Int(5) != 0;
      n.created_at = core::ParseDbTime(stmt.Text(6)).value_or(TimePoint{});
      out.notifications.push_back(std::move(n));
    }
    return out;
  });
}

Result<NotificationRead> DashboardService::MarkNotificationRead(const RequestContext& ctx,
                                                                std::int64_t id) {
  return service::Write(impl_, [&](store::Db& db) -> Result<NotificationRead> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    auto [kind, user_id] = Recipient(caller);
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      UPDATE notification SET is_read = 1 WHERE id = ?1 AND user_kind = ?2 AND user_id = ?3)sql"));
    stmt.BindAll(id, kind, user_id);
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
    if (db.Changes() == 0) return NotificationNotFound();
    return NotificationRead{id, true};
  });
}

}  // namespace goatflow
