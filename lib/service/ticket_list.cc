// TicketService::List: sorting and pagination of api-v1.md §1.4 and §4.1 over
// the conditions of service/ticket_filter.h, as one page query plus one count
// query. Filters are bound as JSON arrays so each filter combination is one
// cached statement.

#include <fmt/format.h>

#include <algorithm>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "goatflow/tickets.h"
#include "service/ticket_access.h"
#include "service/ticket_filter.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

// Article counts and last articles of one page: one query each, not one per ticket.
Status AddIncludes(store::Db& db, bool customer, const ListTicketsRequest& request,
                   std::vector<Ticket>& tickets) {
  if (tickets.empty()) return OkStatus();
  std::vector<std::int64_t> ids;
  for (const Ticket& t : tickets) ids.push_back(t.id);
  std::string json = service::JsonIds(ids);
  auto find = [&](std::int64_t id) -> Ticket* {
    for (Ticket& t : tickets)
      if (t.id == id) return &t;
    return nullptr;
  };
  if (request.include_article_count) {
    for (Ticket& t : tickets) t.article_count = 0;
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      SELECT ticket_id, count(*) FROM article
       WHERE ticket_id IN (SELECT value FROM json_each(?1))
         AND (?2 = 0 OR is_visible_for_customer = 1) GROUP BY ticket_id)sql"));
    stmt.BindAll(json, customer ? 1 : 0);
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      if (Ticket* t = find(stmt.Int(0))) t->article_count = stmt.Int(1);
    }
  }
  if (request.include_last_article) {
    for (Ticket& t : tickets) t.has_last_article_field = true;
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      SELECT a.ticket_id, a.id, m.a_subject, a.create_time
        FROM article a JOIN article_data_mime m ON m.article_id = a.id
       WHERE a.id IN (SELECT max(id) FROM article
                       WHERE ticket_id IN (SELECT value FROM json_each(?1))
                         AND (?2 = 0 OR is_visible_for_customer = 1) GROUP BY ticket_id))sql"));
    stmt.BindAll(json, customer ? 1 : 0);
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      if (Ticket* t = find(stmt.Int(0))) {
        LastArticle last{stmt.Int(1), stmt.Text(2), {}};
        if (auto when = core::ParseDbTime(stmt.Text(3))) last.created_at = *when;
        t->last_article = last;
      }
    }
  }
  return OkStatus();
}

// Who may list queue `queue_id` (GET /queues/:id/tickets, security.md §9.2):
// agents who can read the queue (a queue they cannot read, or a missing one, is
// not_found before a missing token scope); customers are denied.
Status CheckQueueListing(store::Db& db, const RequestContext& ctx, const service::Caller& caller,
                         std::int64_t queue_id) {
  if (caller.IsCustomer()) {
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsRead));
    return service::tickets::Denied("This endpoint is not available to customers");
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT group_id FROM queue WHERE id = ?"));
  stmt.BindAll(queue_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found || !rbac::AgentAllows(caller.grants, stmt.Int(0), rbac::Permission::kRo))
    return Error(ErrorCode::kNotFound, "Queue not found").WithWireCode("core:not_found");
  return service::RequireScope(ctx, service::kScopeTicketsRead);
}

}  // namespace

namespace service {

Result<TicketPage> ListTickets(store::Db& db, const RequestContext& ctx, const Caller& caller,
                               const ListTicketsRequest& request) {
  std::vector<std::int64_t> queue_ids = request.queue_ids;
  if (request.within_queue) {
    GOATFLOW_RETURN_IF_ERROR(CheckQueueListing(db, ctx, caller, *request.within_queue));
    queue_ids = {*request.within_queue};
  } else {
    GOATFLOW_RETURN_IF_ERROR(RequireScope(ctx, kScopeTicketsRead));
  }
  ListTicketsRequest effective = request;
  effective.queue_ids = std::move(queue_ids);
  GOATFLOW_ASSIGN_OR_RETURN(auto query, BuildTicketQuery(db, caller, effective));
  if (!query) {  // no readable queue: an empty list, not an error
    TicketPage page;
    page.pagination = MakePagination(request.page.Normalized(), 0);
    return page;
  }
  return ListTicketPage(db, caller, *query, request);
}

Result<TicketPage> ListTicketPage(store::Db& db, const Caller& caller, const TicketQuery& q,
                                  const ListTicketsRequest& request) {
  PageRequest window = request.page.Normalized();
  const std::int64_t skip = request.offset ? std::max<std::int64_t>(*request.offset, 0)
                                           : window.Offset();
  window.page = skip / window.limit + 1;
  TicketPage page;
  std::int64_t total = 0;
  {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(q.CountSql()));
    q.BindTo(stmt);
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) total = stmt.Int(0);
  }
  page.pagination = MakePagination(window, total);
  if (skip >= total) return page;
  std::string sql = std::string(store::TicketSelectSql()) + q.WhereSql() +
                    TicketOrderBy(request.sort, request.order) + " LIMIT ? OFFSET ?";
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  int next = q.BindTo(stmt);
  stmt.Bind(next, window.limit).Bind(next + 1, skip);
  GOATFLOW_ASSIGN_OR_RETURN(const store::Catalog* names, store::CurrentCatalog(db));
  page.tickets.reserve(static_cast<std::size_t>(window.limit));
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    page.tickets.push_back(store::ReadTicketRow(stmt, *names).ticket);
  }
  GOATFLOW_RETURN_IF_ERROR(AddIncludes(db, caller.IsCustomer(), request, page.tickets));
  return page;
}

}  // namespace service

Result<TicketPage> TicketService::List(const RequestContext& ctx,
                                       const ListTicketsRequest& request) {
  return service::Read(impl_, [&](store::Db& db) -> Result<TicketPage> {
    GOATFLOW_ASSIGN_OR_RETURN(service::Caller caller, service::LoadCaller(db, ctx));
    return service::ListTickets(db, ctx, caller, request);
  });
}

}  // namespace goatflow
