#include "service/ticket_filter.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "service/lookup_data.h"
#include "service/ticket_access.h"

namespace goatflow::service {
namespace {

using tickets::Invalid;

// Columns that table ticket_count (migration 0002) keeps counts by.
constexpr std::string_view kCountedColumns[] = {"t.queue_id ", "t.ticket_state_id ",
                                                "t.ticket_priority_id ", "t.archive_flag "};

// The FTS5 columns a customer's query may match (never internal_text).
constexpr std::string_view kCustomerColumns = "tn title customer public_text";
// The text columns of ticket_search (not `scope`, which only visibility matches).
constexpr std::string_view kTextColumns = "tn title customer public_text internal_text";

// Whether FTS5 could match `match` in ticket_search's `scope` column, whose
// tokens are "q<digits>", "s<digits>" and "archived" (migration 0005); when
// not, the text columns need no column filter. Conservative: any non-ASCII
// byte (unicode61 folds diacritics), any token shaped like a scope token and,
// in a prefix query, any token that begins one.
bool MayMatchScope(std::string_view match) {
  constexpr std::string_view kArchived = "archived";
  const bool prefix = match.find('*') != std::string_view::npos;
  std::size_t i = 0;
  while (i < match.size()) {
    if (static_cast<unsigned char>(match[i]) >= 0x80) return true;
    if (!std::isalnum(static_cast<unsigned char>(match[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < match.size() && std::isalnum(static_cast<unsigned char>(match[end]))) ++end;
    const std::string token = core::ToLowerAscii(match.substr(i, end - i));
    i = end;
    if (token == kArchived || (prefix && kArchived.starts_with(token))) return true;
    if (token[0] != 'q' && token[0] != 's') continue;
    const bool digits = std::all_of(token.begin() + 1, token.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
    if (digits && (token.size() > 1 || prefix)) return true;
  }
  return false;
}

void AddIdFilter(TicketQuery& q, std::string_view column, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return;
  q.Add(fmt::format("{} IN (SELECT value FROM json_each(?))", column), {JsonIds(ids)});
}

std::string JsonStrings(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const std::string& v : values) out.emplace_back(v);
  return boost::json::serialize(out);
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

Status AddStatusFilter(store::Db& db, TicketQuery& q, const std::vector<std::string>& status) {
  GOATFLOW_ASSIGN_OR_RETURN(auto ids, StatusFilterIds(db, status));
  if (ids) q.Add("t.ticket_state_id IN (SELECT value FROM json_each(?))", {JsonIds(*ids)});
  return OkStatus();
}

Status AddPriorityFilter(store::Db& db, TicketQuery& q, const std::vector<std::string>& priority) {
  if (std::string terms = FilterTerms(priority); !terms.empty()) {
    GOATFLOW_ASSIGN_OR_RETURN(auto ids, ResolvePriorityFilter(db, terms));
    q.Add("t.ticket_priority_id IN (SELECT value FROM json_each(?))", {JsonIds(ids)});
  }
  return OkStatus();
}

}  // namespace

Result<std::optional<std::vector<std::int64_t>>> StatusFilterIds(
    store::Db& db, const std::vector<std::string>& status) {
  std::string terms = FilterTerms(status);
  if (terms.empty()) return std::optional<std::vector<std::int64_t>>();
  GOATFLOW_ASSIGN_OR_RETURN(auto ids, ResolveStatusFilter(db, terms));
  return std::optional<std::vector<std::int64_t>>(std::move(ids));
}

void TicketQuery::Add(std::string clause, std::vector<SqlParam> values) {
  bool counted = false;
  for (std::string_view column : kCountedColumns)
    if (clause.rfind(column, 0) == 0) counted = true;
  countable = countable && counted;
  where.push_back(std::move(clause));
  for (auto& v : values) params.push_back(std::move(v));
}

std::string TicketQuery::WhereSql() const {
  if (where.empty()) return "";
  return " WHERE " + core::Join(where, " AND ");
}

std::string TicketQuery::CountSql() const {
  if (!countable) return "SELECT count(*) FROM ticket t" + WhereSql();
  return "SELECT coalesce(sum(t.n), 0) FROM ticket_count t" + WhereSql();
}

int TicketQuery::BindTo(store::Stmt& stmt, int first) const {
  int i = first;
  for (const SqlParam& p : params) {
    if (std::holds_alternative<std::int64_t>(p)) {
      stmt.Bind(i++, std::get<std::int64_t>(p));
    } else {
      stmt.Bind(i++, std::get<std::string>(p));
    }
  }
  return i;
}

std::string JsonIds(const std::vector<std::int64_t>& ids) {
  std::vector<std::string> parts;
  for (std::int64_t id : ids) parts.push_back(std::to_string(id));
  std::string out = "[";
  out += core::Join(parts, ",");
  out += ']';
  return out;
}

std::string TicketMatch(const Caller& caller, const search::ParsedQuery& parsed, bool fulltext) {
  if (!fulltext) return search::RestrictColumns(parsed.match, "tn title customer");
  if (caller.IsCustomer()) return search::RestrictColumns(parsed.match, kCustomerColumns);
  // Every column but `scope`: without a column filter FTS5 reads no positions for a
  // word (a common word's count takes 2 ms instead of 7 on 100,000 tickets).
  if (!MayMatchScope(parsed.match)) return parsed.match;
  return search::RestrictColumns(parsed.match, kTextColumns);
}

Status AddQueryFilters(store::Db& db, const Caller& caller, const search::ParsedQuery& parsed,
                       TicketQuery& q) {
  if (!parsed.queues.empty())
    q.Add("t.queue_id IN (SELECT id FROM queue WHERE lower(name) IN "
          "(SELECT lower(value) FROM json_each(?)))",
          {JsonStrings(parsed.queues)});
  GOATFLOW_RETURN_IF_ERROR(AddStatusFilter(db, q, parsed.statuses));
  GOATFLOW_RETURN_IF_ERROR(AddPriorityFilter(db, q, parsed.priorities));
  if (!parsed.owners.empty() && !caller.IsCustomer())
    q.Add("t.user_id IN (SELECT id FROM users WHERE lower(login) IN "
          "(SELECT lower(value) FROM json_each(?)))",
          {JsonStrings(parsed.owners)});
  if (parsed.created_after) q.Add("t.create_time > ?", {*parsed.created_after});
  if (parsed.created_before) q.Add("t.create_time < ?", {*parsed.created_before});
  return OkStatus();
}

std::string TicketOrderBy(const std::string& sort, const std::string& order) {
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

Result<std::optional<TicketQuery>> BuildTicketQuery(store::Db& db, const Caller& caller,
                                                    const ListTicketsRequest& request,
                                                    bool scope_apart) {
  TicketQuery q;
  bool visible_queues_applied = false;
  if (caller.IsCustomer()) {
    q.Add("t.customer_user_id = ?", {caller.login});
  } else if (!caller.grants.is_admin) {
    std::vector<std::int64_t> groups;
    for (const auto& [group, bits] : caller.grants.by_group)
      if (rbac::AgentAllows(caller.grants, group, rbac::Permission::kRo)) groups.push_back(group);
    if (groups.empty()) return std::optional<TicketQuery>();
    // Visible groups become visible queue ids, so neither query needs to join queue.
    std::vector<std::int64_t> queues;
    GOATFLOW_ASSIGN_OR_RETURN(
        auto stmt,
        db.Prepare("SELECT id, group_id IN (SELECT value FROM json_each(?)) FROM queue"));
    stmt.BindAll(JsonIds(groups));
    bool every_queue = true;
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      if (stmt.Int(1) != 0) {
        queues.push_back(stmt.Int(0));
      } else {
        every_queue = false;
      }
    }
    // An agent who reads every queue sees every ticket (ticket.queue_id references
    // queue): no condition, so a search need not look up each match's queue.
    if (!every_queue || !request.queue_ids.empty()) {
      // One queue condition: the planner can then drive the count from the queue index.
      if (!request.queue_ids.empty()) {
        std::set<std::int64_t> wanted(request.queue_ids.begin(), request.queue_ids.end());
        std::erase_if(queues, [&](std::int64_t id) { return !wanted.count(id); });
      }
      if (scope_apart) {
        q.queues = std::move(queues);
      } else {
        q.Add("t.queue_id IN (SELECT value FROM json_each(?))", {JsonIds(queues)});
      }
      visible_queues_applied = true;
    }
  }
  GOATFLOW_RETURN_IF_ERROR(AddStatusFilter(db, q, request.status));
  AddIdFilter(q, "t.ticket_state_id", request.state_ids);
  GOATFLOW_RETURN_IF_ERROR(AddPriorityFilter(db, q, request.priority));
  if (!visible_queues_applied && scope_apart && !request.queue_ids.empty()) {
    q.queues = request.queue_ids;
  } else if (!visible_queues_applied) {
    AddIdFilter(q, "t.queue_id", request.queue_ids);
  }
  AddIdFilter(q, "t.type_id", request.type_ids);
  if (!caller.IsCustomer()) {
    AddIdFilter(q, "t.user_id", request.owner_ids);
    AddIdFilter(q, "t.responsible_user_id", request.responsible_ids);
  }
  if (request.customer_id) q.Add("t.customer_id = ?", {*request.customer_id});
  if (request.customer_user_id) q.Add("t.customer_user_id = ?", {*request.customer_user_id});
  if (request.search && !core::Trim(*request.search).empty()) {
    std::string text(core::Trim(*request.search));
    if (!core::IsValidUtf8(text) || core::Utf8Length(text) > 200)
      return Invalid("search is too long", "search", "too_long");
    GOATFLOW_ASSIGN_OR_RETURN(search::ParsedQuery parsed, search::ParseQuery(text));
    if (std::string match = TicketMatch(caller, parsed, true); !match.empty())
      q.Add("t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?)", {match});
    GOATFLOW_RETURN_IF_ERROR(AddQueryFilters(db, caller, parsed, q));
  }
  if (request.archived != ArchivedFilter::kAll) {
    const int flag = request.archived == ArchivedFilter::kArchived ? 1 : 0;
    if (scope_apart) {
      q.archive_flag = flag;
    } else {
      q.Add(fmt::format("t.archive_flag = {}", flag), {});
    }
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto after, TimeFilter(request.created_after, "created_after"));
  GOATFLOW_ASSIGN_OR_RETURN(auto before, TimeFilter(request.created_before, "created_before"));
  GOATFLOW_ASSIGN_OR_RETURN(auto updated, TimeFilter(request.updated_after, "updated_after"));
  if (after) q.Add("t.create_time > ?", {*after});
  if (before) q.Add("t.create_time < ?", {*before});
  if (updated) q.Add("t.change_time > ?", {*updated});
  return std::optional<TicketQuery>(std::move(q));
}

}  // namespace goatflow::service
