// TicketService::List: filters, visibility, sorting and pagination of
// api-v1.md §1.4, §1.5 and §4.1 as one page query plus one count query. List
// filters are bound as JSON arrays so each filter combination is one cached
// statement.

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <variant>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "domain/ticket_rules.h"
#include "goatflow/tickets.h"
#include "service/lookup_data.h"
#include "service/ticket_access.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using service::tickets::Invalid;
using Param = std::variant<std::int64_t, std::string>;

// Columns that table ticket_count (migration 0002) keeps counts by.
constexpr std::string_view kCountedColumns[] = {"t.queue_id ", "t.ticket_state_id ",
                                                "t.ticket_priority_id ", "t.archive_flag "};

struct Query {
  std::vector<std::string> where;
  std::vector<Param> params;
  bool countable = true;  // every condition is on a column of ticket_count

  void Add(std::string clause, std::vector<Param> values) {
    bool counted = false;
    for (std::string_view column : kCountedColumns)
      if (clause.rfind(column, 0) == 0) counted = true;
    countable = countable && counted;
    where.push_back(std::move(clause));
    for (auto& v : values) params.push_back(std::move(v));
  }
  std::string WhereSql() const {
    if (where.empty()) return "";
    return " WHERE " + core::Join(where, " AND ");
  }
  // The total: summed from ticket_count when every filter is counted there, else counted.
  std::string CountSql() const {
    if (!countable) return "SELECT count(*) FROM ticket t" + WhereSql();
    std::string sql = "SELECT coalesce(sum(t.n), 0) FROM ticket_count t" + WhereSql();
    return sql;
  }
  void BindTo(store::Stmt& stmt) const {
    int i = 1;
    for (const Param& p : params) {
      if (std::holds_alternative<std::int64_t>(p)) {
        stmt.Bind(i++, std::get<std::int64_t>(p));
      } else {
        stmt.Bind(i++, std::get<std::string>(p));
      }
    }
  }
};

template <typename Container>
std::string JsonIds(const Container& ids) {
  std::vector<std::string> parts;
  for (std::int64_t id : ids) parts.push_back(std::to_string(id));
  return "[" + core::Join(parts, ",") + "]";
}

void AddIdFilter(Query& q, std::string_view column, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return;
  q.Add(fmt::format("{} IN (SELECT value FROM json_each(?))", column), {JsonIds(ids)});
}

// The non-empty terms of a list filter as one comma-separated vocabulary
// filter (api-v1 §1.5); "" when there are none.
std::string FilterTerms(const std::vector<std::string>& terms) {
  std::vector<std::string> kept;
  for (const std::string& term : terms)
    if (!core::Trim(term).empty()) kept.push_back(term);
  return core::Join(kept, ",");
}

Result<std::optional<std::string>> TimeFilter(const std::optional<std::string>& text,
                                              const char* field) {
  if (!text || core::Trim(*text).empty()) return std::optional<std::string>();
  auto t = core::ParseRfc3339(core::Trim(*text));
  if (!t) t = core::ParseDbTime(core::Trim(*text));
  if (!t) return Invalid(fmt::format("Invalid {}", field), field, "invalid");
  return std::optional<std::string>(core::FormatDbTime(*t));
}

std::string EscapeLike(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string OrderBy(const std::string& sort, const std::string& order) {
  std::string dir = core::ToLowerAscii(core::Trim(order)) == "asc" ? "ASC" : "DESC";
  std::string key = core::ToLowerAscii(core::Trim(sort));
  std::string column = "t.create_time";
  if (key == "updated") column = "t.change_time";
  if (key == "priority") column = "t.ticket_priority_id";
  if (key == "tn") column = "t.tn";
  if (key == "title") column = "t.title COLLATE NOCASE";
  if (key == "id") return " ORDER BY t.id " + dir;
  return fmt::format(" ORDER BY {} {}, t.id {}", column, dir, dir);
}

// Article counts and last articles of one page: one query each, not one per ticket.
Status AddIncludes(store::Db& db, bool customer, const ListTicketsRequest& request,
                   std::vector<Ticket>& tickets) {
  if (tickets.empty()) return OkStatus();
  std::vector<std::int64_t> ids;
  for (const Ticket& t : tickets) ids.push_back(t.id);
  std::string json = JsonIds(ids);
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

Result<TicketPage> TicketService::List(const RequestContext& ctx,
                                       const ListTicketsRequest& request) {
  return service::Read(impl_, [&](store::Db& db) -> Result<TicketPage> {
    GOATFLOW_ASSIGN_OR_RETURN(service::Caller caller, service::LoadCaller(db, ctx));
    std::vector<std::int64_t> queue_ids = request.queue_ids;
    if (request.within_queue) {
      GOATFLOW_RETURN_IF_ERROR(CheckQueueListing(db, ctx, caller, *request.within_queue));
      queue_ids = {*request.within_queue};
    } else {
      GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsRead));
    }
    const PageRequest window = request.page.Normalized();
    TicketPage page;
    Query q;
    bool visible_queues_applied = false;
    if (caller.IsCustomer()) {
      q.Add("t.customer_user_id = ?", {caller.login});
    } else if (!caller.grants.is_admin) {
      std::vector<std::int64_t> groups;
      for (const auto& [group, bits] : caller.grants.by_group)
        if (rbac::AgentAllows(caller.grants, group, rbac::Permission::kRo)) groups.push_back(group);
      if (groups.empty()) {  // no readable queue: an empty list, not an error
        page.pagination = MakePagination(window, 0);
        return page;
      }
      // Visible groups become visible queue ids, so neither query needs to join queue.
      std::vector<std::int64_t> queues;
      GOATFLOW_ASSIGN_OR_RETURN(
          auto stmt,
          db.Prepare("SELECT id FROM queue WHERE group_id IN (SELECT value FROM json_each(?))"));
      stmt.BindAll(JsonIds(groups));
      while (true) {
        GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        queues.push_back(stmt.Int(0));
      }
      // One queue condition: the planner can then drive the count from the queue index.
      if (!queue_ids.empty()) {
        std::set<std::int64_t> wanted(queue_ids.begin(), queue_ids.end());
        std::erase_if(queues, [&](std::int64_t id) { return !wanted.count(id); });
      }
      q.Add("t.queue_id IN (SELECT value FROM json_each(?))", {JsonIds(queues)});
      visible_queues_applied = true;
    }
    if (std::string terms = FilterTerms(request.status); !terms.empty()) {
      GOATFLOW_ASSIGN_OR_RETURN(auto ids, service::ResolveStatusFilter(db, terms));
      q.Add("t.ticket_state_id IN (SELECT value FROM json_each(?))", {JsonIds(ids)});
    }
    AddIdFilter(q, "t.ticket_state_id", request.state_ids);
    if (std::string terms = FilterTerms(request.priority); !terms.empty()) {
      GOATFLOW_ASSIGN_OR_RETURN(auto ids, service::ResolvePriorityFilter(db, terms));
      q.Add("t.ticket_priority_id IN (SELECT value FROM json_each(?))", {JsonIds(ids)});
    }
    if (!visible_queues_applied) AddIdFilter(q, "t.queue_id", queue_ids);
    AddIdFilter(q, "t.type_id", request.type_ids);
    if (!caller.IsCustomer()) {
      AddIdFilter(q, "t.user_id", request.owner_ids);
      AddIdFilter(q, "t.responsible_user_id", request.responsible_ids);
    }
    if (request.customer_id) q.Add("t.customer_id = ?", {*request.customer_id});
    if (request.customer_user_id) q.Add("t.customer_user_id = ?", {*request.customer_user_id});
    if (request.search && !core::Trim(*request.search).empty()) {
      std::string text(core::Trim(*request.search));
      if (core::Utf8Length(text) > 200 || !core::IsValidUtf8(text))
        return Invalid("search is too long", "search", "too_long");
      std::string like = EscapeLike(text);
      q.Add(R"sql((t.title LIKE ? ESCAPE '\' OR t.tn LIKE ? ESCAPE '\' OR EXISTS (
                SELECT 1 FROM article a JOIN article_data_mime m ON m.article_id = a.id
                 WHERE a.ticket_id = t.id AND (? = 0 OR a.is_visible_for_customer = 1)
                   AND (m.a_subject LIKE ? ESCAPE '\' OR m.a_body LIKE ? ESCAPE '\'))))sql",
            {"%" + like + "%", like + "%", std::int64_t{caller.IsCustomer() ? 1 : 0},
             "%" + like + "%", "%" + like + "%"});
    }
    if (request.archived == ArchivedFilter::kActive) q.Add("t.archive_flag = 0", {});
    if (request.archived == ArchivedFilter::kArchived) q.Add("t.archive_flag = 1", {});
    GOATFLOW_ASSIGN_OR_RETURN(auto after, TimeFilter(request.created_after, "created_after"));
    GOATFLOW_ASSIGN_OR_RETURN(auto before, TimeFilter(request.created_before, "created_before"));
    GOATFLOW_ASSIGN_OR_RETURN(auto updated, TimeFilter(request.updated_after, "updated_after"));
    if (after) q.Add("t.create_time > ?", {*after});
    if (before) q.Add("t.create_time < ?", {*before});
    if (updated) q.Add("t.change_time > ?", {*updated});

    std::int64_t total = 0;
    {
      GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(q.CountSql()));
      q.BindTo(stmt);
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (row) total = stmt.Int(0);
    }
    page.pagination = MakePagination(window, total);
    if (window.Offset() >= total) return page;
    std::string sql = std::string(store::TicketSelectSql()) + q.WhereSql() +
                      OrderBy(request.sort, request.order) + " LIMIT ? OFFSET ?";
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
    q.BindTo(stmt);
    int next = static_cast<int>(q.params.size()) + 1;
    stmt.Bind(next, window.limit).Bind(next + 1, window.Offset());
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      page.tickets.push_back(store::ReadTicketRow(stmt).ticket);
    }
    GOATFLOW_RETURN_IF_ERROR(AddIncludes(db, caller.IsCustomer(), request, page.tickets));
    return page;
  });
}

}  // namespace goatflow
