// SearchService: ranked ticket search over the FTS5 index (migration 0003)
// with the listing conditions of service/ticket_filter.h, so visibility is
// part of the query; the search box, agent search and suggestions.

#include "goatflow/search.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "search/query.h"
#include "service/caller.h"
#include "service/checks.h"
#include "service/directory_repo.h"
#include "service/ticket_filter.h"
#include "service/unit_of_work.h"
#include "store/ticket_repo.h"

namespace goatflow {
namespace {

using service::Caller;
using service::TicketQuery;

// Weights of ticket_search's columns: a title or number hit outranks a body
// hit; the scope column (visibility, not text) counts for nothing.
constexpr std::string_view kTicketWeights = "10.0, 8.0, 3.0, 1.0, 1.0, 0.0";
// article_search: subject, body.
constexpr std::string_view kArticleWeights = "4.0, 1.0";

// BM25 over `table` (store/fts_rank.h): phrases' IDFs only matter when the
// query has more than one word or phrase.
std::string RankSql(std::string_view table, const search::ParsedQuery& parsed,
                    std::string_view weights) {
  return fmt::format("goatflow_rank({}, {}, {})", table, parsed.words.size() > 1 ? 1 : 0, weights);
}

// Recency boost: a ticket created today scores up to twice a month-old one
// with the same text score.
constexpr std::string_view kRecency =
    "(1.0 + 1.0 / (1.0 + max(0.0, julianday(?) - julianday(t.create_time)) / 30.0))";

// Snippet markers: control characters the index never stores in text shown
// to users, turned into <mark> after HTML escaping.
constexpr char kMarkOpen = '\x01';
constexpr char kMarkClose = '\x02';

std::string SnippetSql(std::string_view table, int column) {
  return fmt::format("snippet({}, {}, char(1), char(2), '…', 12)", table, column);
}

std::string HtmlSnippet(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    switch (c) {
      case kMarkOpen: out += "<mark>"; break;
      case kMarkClose: out += "</mark>"; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// The snippet column of a ticket hit: agents the best column; customers the
// visible article text, else the title (never internal notes).
std::string TicketSnippetSql(const Caller& caller, bool fulltext) {
  if (!caller.IsCustomer() && fulltext) return SnippetSql("ticket_search", -1);
  std::string title = SnippetSql("ticket_search", 1);
  if (!fulltext) return title;
  std::string visible = SnippetSql("ticket_search", 3);
  return fmt::format("CASE WHEN instr({0}, char(1)) > 0 THEN {0} ELSE {1} END", visible, title);
}

Result<std::vector<Ticket>> LoadTickets(store::Db& db, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, Ticket> by_id;
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare(std::string(store::TicketSelectSql()) +
                            " WHERE t.id IN (SELECT value FROM json_each(?))"));
  stmt.BindAll(service::JsonIds(ids));
  GOATFLOW_ASSIGN_OR_RETURN(const store::Catalog* names, store::CurrentCatalog(db));
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    Ticket ticket = store::ReadTicketRow(stmt, *names).ticket;
    by_id.emplace(ticket.id, std::move(ticket));
  }
  std::vector<Ticket> out;
  for (std::int64_t id : ids)
    if (auto it = by_id.find(id); it != by_id.end()) out.push_back(std::move(it->second));
  return out;
}

struct TicketSearch {
  std::string rank;        // the ranking expression (RankSql)
  TicketQuery conditions;
  std::string text_match;  // the words: "" when the query has field filters only
  std::string match;       // text_match AND the allowed queues (ticket_search.queue)
};

// The ids of the queues named (case-insensitively) in `names`.
Result<std::vector<std::int64_t>> QueueIdsByName(store::Db& db,
                                                 const std::vector<std::string>& names) {
  boost::json::array json;
  for (const std::string& name : names) json.emplace_back(name);
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("SELECT id FROM queue WHERE lower(name) IN "
                            "(SELECT lower(value) FROM json_each(?))"));
  stmt.BindAll(boost::json::serialize(json));
  return stmt.IntColumn();
}

// "{scope} : ("q5" OR "q6")" for ids {5, 6} and prefix "q".
std::string ScopeTokens(std::string_view prefix, const std::vector<std::int64_t>& ids) {
  std::vector<std::string> tokens;
  for (std::int64_t id : ids) tokens.push_back(fmt::format("\"{}{}\"", prefix, id));
  return fmt::format("{{scope}} : ({})", core::Join(tokens, " OR "));
}

// `text` restricted to the queues, states and archive flag of `q` through
// ticket_search's `scope` column (migration 0005): "q<queue id>" and
// "s<state id>" tokens, and "archived" on archived tickets only (few: NOT
// skips them cheaply).
std::string ScopedMatch(const std::string& text, const TicketQuery& q) {
  std::string match = "(" + text + ")";
  if (q.queues) match = fmt::format("({} AND {})", match, ScopeTokens("q", *q.queues));
  if (q.states) match = fmt::format("({} AND {})", match, ScopeTokens("s", *q.states));
  if (q.archive_flag) {
    match = fmt::format("({} {} {{scope}} : \"archived\")", match,
                        *q.archive_flag == 1 ? "AND" : "NOT");
  }
  return match;
}

// The conditions of `request` for `caller`; nullopt when nothing is visible.
// The caller's visible queues and the query's `queue:` names restrict the
// match inside the index rather than as a condition on each matching ticket.
Result<std::optional<TicketSearch>> PrepareTicketSearch(store::Db& db, const Caller& caller,
                                                        const SearchTicketsRequest& request) {
  GOATFLOW_ASSIGN_OR_RETURN(search::ParsedQuery parsed, search::ParseQuery(request.query));
  ListTicketsRequest filters = request.filters;
  filters.search.reset();
  GOATFLOW_ASSIGN_OR_RETURN(auto conditions,
                            service::BuildTicketQuery(db, caller, filters, /*scope_apart=*/true));
  if (!conditions) return std::optional<TicketSearch>();
  TicketQuery& q = *conditions;
  if (!parsed.queues.empty()) {
    GOATFLOW_ASSIGN_OR_RETURN(std::vector<std::int64_t> named, QueueIdsByName(db, parsed.queues));
    if (q.queues) std::erase_if(named, [&](std::int64_t id) {
      return std::find(q.queues->begin(), q.queues->end(), id) == q.queues->end();
    });
    q.queues = std::move(named);
    parsed.queues.clear();
  }
  GOATFLOW_ASSIGN_OR_RETURN(q.states, service::StatusFilterIds(db, parsed.statuses));
  parsed.statuses.clear();
  if (q.states && q.states->empty()) return std::optional<TicketSearch>();
  GOATFLOW_RETURN_IF_ERROR(service::AddQueryFilters(db, caller, parsed, q));
  if (q.queues && q.queues->empty()) return std::optional<TicketSearch>();
  TicketSearch out;
  out.rank = RankSql("ticket_search", parsed, kTicketWeights);
  out.text_match = service::TicketMatch(caller, parsed, request.fulltext);
  out.match = out.text_match;
  if (!out.text_match.empty()) {
    out.match = ScopedMatch(out.text_match, q);
  } else {
    // Field filters only: no index to match in, the conditions go on the tickets.
    if (q.queues)
      q.Add("t.queue_id IN (SELECT value FROM json_each(?))", {service::JsonIds(*q.queues)});
    if (q.archive_flag) q.Add(fmt::format("t.archive_flag = {}", *q.archive_flag), {});
    if (q.states)
      q.Add("t.ticket_state_id IN (SELECT value FROM json_each(?))", {service::JsonIds(*q.states)});
  }
  out.conditions = std::move(q);
  return std::optional<TicketSearch>(std::move(out));
}

// Ranking costs about 1 microsecond per matching ticket (the rank reads each
// row's column sizes and positions, the recency boost its ticket row), and a
// common word matches most tickets. Past this many
// visible matches, a first page ranks only the newest kRankWindow of them
// (ticket ids grow with creation, and the recency boost favours them anyway);
// pages beyond the window rank every match.
constexpr std::int64_t kRankWindow = 1000;

// The lowest rowid of `table` among the newest kRankWindow rows of
// `from_where` (its parameters bound by `bind`, which returns the next index),
// when there are more than kRankWindow rows and rows up to `page_end` lie
// inside that window; nullopt means rank every row.
Result<std::optional<std::int64_t>> RankWindowStart(
    store::Db& db, std::string_view table, const std::string& from_where,
    const std::function<int(store::Stmt&)>& bind, std::int64_t total, std::int64_t page_end) {
  if (total <= kRankWindow || page_end > kRankWindow) return std::optional<std::int64_t>();
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(fmt::format(
                                           "SELECT {0}.rowid{1} ORDER BY {0}.rowid DESC "
                                           "LIMIT 1 OFFSET ?",
                                           table, from_where)));
  stmt.Bind(bind(stmt), kRankWindow - 1);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(stmt.Int(0));
}

// Snippets of the page's hits only: in the ranked query they would be built
// for every ranked row before the sort keeps a page of them. One statement for
// the page: the match is set up once (a prefix term merges its words' lists),
// read between the page's lowest and highest rowid; `+` keeps the id list out
// of FTS5's hands, which would restart the match once per id.
Result<std::vector<std::string>> Snippets(store::Db& db, std::string_view table,
                                          const std::string& snippet_sql, const std::string& match,
                                          const std::vector<std::int64_t>& ids) {
  std::vector<std::string> out(ids.size());
  if (ids.empty()) return out;
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare(fmt::format("SELECT rowid, {1} FROM {0} WHERE {0} MATCH ? AND "
                                        "rowid >= ? AND rowid <= ? AND "
                                        "+rowid IN (SELECT value FROM json_each(?))",
                                        table, snippet_sql)));
  auto [low, high] = std::minmax_element(ids.begin(), ids.end());
  stmt.BindAll(match, *low, *high, service::JsonIds(ids));
  std::map<std::int64_t, std::string> by_id;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    by_id[stmt.Int(0)] = HtmlSnippet(stmt.Text(1));
  }
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (auto it = by_id.find(ids[i]); it != by_id.end()) out[i] = std::move(it->second);
  return out;
}

Result<TicketSearchPage> RunTicketSearch(store::Db& db, const Caller& caller, TimePoint now,
                                         const SearchTicketsRequest& request) {
  const PageRequest window = request.filters.page.Normalized();
  TicketSearchPage page;
  GOATFLOW_ASSIGN_OR_RETURN(auto prepared, PrepareTicketSearch(db, caller, request));
  if (!prepared) {
    page.pagination = MakePagination(window, 0);
    return page;
  }
  const TicketQuery& q = prepared->conditions;
  const std::string& match = prepared->match;
  const bool ranked = !match.empty();
  std::string from = ranked ? " FROM ticket_search JOIN ticket t ON t.id = ticket_search.rowid"
                            : " FROM ticket t";
  std::string where = q.WhereSql();
  if (ranked) where = where.empty() ? " WHERE ticket_search MATCH ?" : where + " AND ticket_search MATCH ?";
  // Without conditions on the ticket (an agent who reads every queue, no
  // filters) the matches are counted and walked in the index alone: every
  // ticket_search row is a ticket (the triggers of migration 0003).
  const std::string count_from =
      ranked && q.where.empty() ? std::string(" FROM ticket_search") : from;

  std::int64_t total = 0;
  {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT count(*)" + count_from + where));
    int next = q.BindTo(stmt);
    if (ranked) stmt.Bind(next, match);
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) total = stmt.Int(0);
  }
  page.pagination = MakePagination(window, total);
  if (window.Offset() >= total) return page;

  std::optional<std::int64_t> window_start;
  if (ranked && request.by_relevance) {
    auto bind = [&](store::Stmt& stmt) {
      int next = q.BindTo(stmt);
      stmt.Bind(next, match);
      return next + 1;
    };
    GOATFLOW_ASSIGN_OR_RETURN(window_start,
                              RankWindowStart(db, "ticket_search", count_from + where, bind, total,
                                              window.Offset() + window.limit));
    if (window_start) where += " AND ticket_search.rowid >= ?";
  }
  std::string select = ranked
                           ? fmt::format("SELECT t.id, -{} * {} AS score", prepared->rank, kRecency)
                           : "SELECT t.id, 0.0 AS score";
  std::string order = ranked && request.by_relevance
                          ? " ORDER BY score DESC, t.id DESC"
                          : service::TicketOrderBy(request.filters.sort, request.filters.order);
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                            db.Prepare(select + from + where + order + " LIMIT ? OFFSET ?"));
  int next = 1;
  if (ranked) stmt.Bind(next++, core::FormatDbTime(now));
  next = q.BindTo(stmt, next);
  if (ranked) stmt.Bind(next++, match);
  if (window_start) stmt.Bind(next++, *window_start);
  stmt.Bind(next, window.limit).Bind(next + 1, window.Offset());
  std::vector<std::int64_t> ids;
  std::vector<double> scores;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ids.push_back(stmt.Int(0));
    scores.push_back(stmt.Real(1));
  }
  std::vector<std::string> snippets(ids.size());
  if (ranked) {
    GOATFLOW_ASSIGN_OR_RETURN(snippets, Snippets(db, "ticket_search",
                                                 TicketSnippetSql(caller, request.fulltext),
                                                 prepared->text_match, ids));
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto tickets, LoadTickets(db, ids));
  for (std::size_t i = 0; i < tickets.size() && i < ids.size(); ++i)
    page.hits.push_back(TicketSearchHit{std::move(tickets[i]), snippets[i], scores[i]});
  return page;
}

// Article hits of the search box: visible tickets' articles (customers: the
// customer-visible ones), best match first, with the total.
Result<std::pair<std::vector<ArticleBrief>, std::int64_t>> SearchArticles(
    store::Db& db, const Caller& caller, const search::ParsedQuery& parsed, int limit) {
  std::pair<std::vector<ArticleBrief>, std::int64_t> out;
  if (parsed.match.empty()) return out;
  GOATFLOW_ASSIGN_OR_RETURN(auto visible,
                            service::BuildTicketQuery(db, caller, {}, /*scope_apart=*/true));
  if (!visible) return out;
  if (visible->queues)
    visible->Add("t.queue_id IN (SELECT value FROM json_each(?))",
                 {service::JsonIds(*visible->queues)});
  // Active tickets only: a condition only when archived tickets exist at all.
  if (visible->archive_flag) {
    GOATFLOW_ASSIGN_OR_RETURN(
        std::int64_t archived,
        db.QueryInt("SELECT EXISTS (SELECT 1 FROM ticket WHERE archive_flag = 1)"));
    if (archived != 0 || *visible->archive_flag != 0)
      visible->Add(fmt::format("t.archive_flag = {}", *visible->archive_flag), {});
  }
  GOATFLOW_RETURN_IF_ERROR(service::AddQueryFilters(db, caller, parsed, *visible));
  if (caller.IsCustomer()) visible->Add("a.is_visible_for_customer = 1", {});
  // No conditions (an agent who reads every queue, no archived tickets):
  // counted and walked in the index alone, as every article_search row is an
  // article of a ticket.
  const bool index_only = visible->where.empty();
  std::string from =
      index_only ? " FROM article_search WHERE article_search MATCH ?"
                 : " FROM article_search JOIN article a ON a.id = article_search.rowid"
                   " JOIN ticket t ON t.id = a.ticket_id" +
                       visible->WhereSql() + " AND article_search MATCH ?";
  {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT count(*)" + from));
    int next = visible->BindTo(stmt);
    stmt.Bind(next, parsed.match);
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) out.second = stmt.Int(0);
  }
  auto bind = [&](store::Stmt& stmt) {
    int next = visible->BindTo(stmt);
    stmt.Bind(next, parsed.match);
    return next + 1;
  };
  GOATFLOW_ASSIGN_OR_RETURN(
      auto window_start, RankWindowStart(db, "article_search", from, bind, out.second, limit));
  if (index_only)
    from = " FROM article_search JOIN article a ON a.id = article_search.rowid"
           " WHERE article_search MATCH ?";
  if (window_start) from += " AND article_search.rowid >= ?";
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt,
      db.Prepare("SELECT a.id, a.ticket_id" + from +
                 fmt::format(" ORDER BY {}, a.id DESC LIMIT ?",
                             RankSql("article_search", parsed, kArticleWeights))));
  int next = bind(stmt);
  if (window_start) stmt.Bind(next++, *window_start);
  stmt.Bind(next, limit);
  std::vector<std::int64_t> ids;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ids.push_back(stmt.Int(0));
    out.first.push_back(ArticleBrief{stmt.Int(0), stmt.Int(1), "", ""});
  }
  // Subjects of the hits only: selected in the ranked query, the index's copy
  // was read for every ranked row before the sort kept `limit` of them.
  for (ArticleBrief& brief : out.first) {
    GOATFLOW_ASSIGN_OR_RETURN(
        auto subject,
        db.Prepare("SELECT coalesce(a_subject, '') FROM article_data_mime WHERE article_id = ?"));
    subject.BindAll(brief.id);
    GOATFLOW_ASSIGN_OR_RETURN(bool row, subject.Step());
    if (row) brief.subject = subject.Text(0);
  }
  GOATFLOW_ASSIGN_OR_RETURN(
      auto snippets,
      Snippets(db, "article_search", SnippetSql("article_search", -1), parsed.match, ids));
  for (std::size_t i = 0; i < ids.size(); ++i) out.first[i].snippet = std::move(snippets[i]);
  return out;
}

// Valid agents whose login, name or e-mail contains `text` (admins may ask
// for invalid ones too).
Result<Page<Agent>> FindAgents(store::Db& db, const Caller& caller, const std::string& text,
                               PageRequest page, bool include_invalid) {
  ListAgentsRequest request;
  request.page = page;
  request.search = text;
  return service::ListAgentRows(db, request, caller.is_admin && include_invalid);
}

std::string EscapeLike(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string ToUpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Past this many tickets whose number (or title) starts with the typed text,
// suggestions walk the tickets newest change first instead of sorting them all.
constexpr std::int64_t kSortedSuggestions = 1000;

// Appends the visible tickets whose `column` ("tn" or "title") starts with
// `text` (LIKE 'text%': ASCII case ignored), newest change first, until `out`
// holds `cap` suggestions. A ticket already suggested by number is not
// suggested again by title. `column` is read through its index (tn's unique
// index, ticket_title_nocase of migration 0005) as a range, so only the
// tickets that start with `text` are read.
Status AppendTicketSuggestions(store::Db& db, const Caller& caller, const TicketQuery& visible,
                               const std::string& column, const std::string& text, int cap,
                               std::vector<Suggestion>& out) {
  const int wanted = cap - static_cast<int>(out.size());
  if (wanted <= 0) return OkStatus();
  const bool by_tn = column == "tn";
  const std::string like = EscapeLike(text) + "%";
  // Every text with a prefix that equals `text` but for ASCII case lies in
  // [low, high) in the index's order ('\xff' never occurs in UTF-8).
  std::string range, low, high;
  if (by_tn) {
    range = "t.tn >= ? AND t.tn < ?";
    low = ToUpperAscii(text);
    high = core::ToLowerAscii(text) + '\xff';
  } else {
    range = "t.title >= ? COLLATE NOCASE AND t.title < ? COLLATE NOCASE";
    low = text;
    high = text + '\xff';
  }
  TicketQuery q = visible;
  q.Add(fmt::format("t.{} LIKE ? ESCAPE '\\'", column), {like});
  if (!by_tn) q.Add("NOT (t.tn LIKE ? ESCAPE '\\')", {like});

  // How many tickets start with `text`, regardless of visibility (index only).
  GOATFLOW_ASSIGN_OR_RETURN(auto count, db.Prepare(fmt::format(
                                            "SELECT count(*) FROM (SELECT 1 FROM ticket t "
                                            "WHERE {} LIMIT ?)",
                                            range)));
  count.BindAll(low, high, kSortedSuggestions + 1);
  GOATFLOW_ASSIGN_OR_RETURN(bool counted, count.Step());
  const bool few = counted && count.Int(0) <= kSortedSuggestions;
  // Few: read them through the range and sort them (`+` keeps the planner
  // from walking the change_time index instead). Many, or a customer (whose
  // own tickets are found through their index): the newest first, stopping
  // at `wanted`.
  std::string sql = "SELECT t.id, t.tn, t.title FROM ticket t";
  if (few) {
    sql += q.WhereSql() + " AND " + range + " ORDER BY +t.change_time DESC, t.id DESC LIMIT ?";
  } else {
    if (!caller.IsCustomer()) sql += " INDEXED BY ticket_change_time";
    sql += q.WhereSql() + " ORDER BY t.change_time DESC, t.id DESC LIMIT ?";
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  int next = q.BindTo(stmt);
  if (few) {
    stmt.Bind(next++, low);
    stmt.Bind(next++, high);
  }
  stmt.Bind(next, wanted);
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    std::string tn = stmt.Text(1), title = stmt.Text(2);
    out.push_back(Suggestion{"ticket", stmt.Int(0), fmt::format("{} {}", tn, title),
                             by_tn ? tn : title});
  }
  return OkStatus();
}

// Ticket suggestions: numbers starting with `text`, then titles, each newest
// change first.
Status SuggestTickets(store::Db& db, const Caller& caller, const TicketQuery& visible,
                      const std::string& text, int cap, std::vector<Suggestion>& out) {
  GOATFLOW_RETURN_IF_ERROR(AppendTicketSuggestions(db, caller, visible, "tn", text, cap, out));
  return AppendTicketSuggestions(db, caller, visible, "title", text, cap, out);
}

}  // namespace

Result<TicketSearchPage> SearchService::SearchTickets(const RequestContext& ctx,
                                                      const SearchTicketsRequest& request) {
  return service::Read(impl_, [&](store::Db& db) -> Result<TicketSearchPage> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsRead));
    return RunTicketSearch(db, caller, impl_.clock->Now(), request);
  });
}

Result<GlobalSearchResult> SearchService::Search(const RequestContext& ctx,
                                                 const GlobalSearchRequest& request) {
  return service::Read(impl_, [&](store::Db& db) -> Result<GlobalSearchResult> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsRead));
    GOATFLOW_ASSIGN_OR_RETURN(search::ParsedQuery parsed, search::ParseQuery(request.query));
    const int limit = std::clamp(request.limit, 1, 50);
    GlobalSearchResult out;
    out.query = std::string(core::Trim(request.query));
    if (request.tickets) {
      SearchTicketsRequest tickets;
      tickets.query = request.query;
      tickets.filters.page.limit = limit;
      GOATFLOW_ASSIGN_OR_RETURN(auto page,
                                RunTicketSearch(db, caller, impl_.clock->Now(), tickets));
      out.tickets.emplace();
      for (const TicketSearchHit& hit : page.hits)
        out.tickets->push_back(TicketBrief{hit.ticket.id, hit.ticket.tn, hit.ticket.title,
                                           hit.ticket.state, hit.ticket.priority, hit.snippet});
      out.ticket_count = page.pagination.total;
    }
    if (request.articles) {
      GOATFLOW_ASSIGN_OR_RETURN(auto articles, SearchArticles(db, caller, parsed, limit));
      out.articles = std::move(articles.first);
      out.article_count = articles.second;
    }
    if (request.users && caller.IsAgent() && service::RequireScope(ctx, service::kScopeUsersRead).ok()) {
      GOATFLOW_ASSIGN_OR_RETURN(
          auto agents, FindAgents(db, caller, out.query, PageRequest{1, limit}, false));
      out.users.emplace();
      for (const Agent& agent : agents.items)
        out.users->push_back(UserBrief{agent.id, agent.login, agent.full_name});
      out.user_count = agents.pagination.total;
    }
    return out;
  });
}

Result<Page<Agent>> SearchService::SearchUsers(const RequestContext& ctx,
                                               const SearchUsersRequest& request) {
  return service::Read(impl_, [&](store::Db& db) -> Result<Page<Agent>> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeUsersRead));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAgent(caller));
    std::string text(core::Trim(request.query));
    if (text.empty())
      return Error(ErrorCode::kInvalidArgument, "Search query required",
                   {{"field", "q"}, {"reason", "required"}})
          .WithWireCode("core:validation_failed");
    return FindAgents(db, caller, text, request.page, request.include_invalid);
  });
}

Result<std::vector<Suggestion>> SearchService::Suggest(const RequestContext& ctx,
                                                       const std::string& prefix, int limit) {
  return service::Read(impl_, [&](store::Db& db) -> Result<std::vector<Suggestion>> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsRead));
    std::vector<Suggestion> out;
    std::string text(core::Trim(prefix));
    if (!core::IsValidUtf8(text) || core::Utf8Length(text) < 2) return out;
    if (core::Utf8Length(text) > search::kMaxQueryLength)
      return Error(ErrorCode::kInvalidArgument, "Search query too long",
                   {{"field", "q"}, {"reason", "too_long"}})
          .WithWireCode("core:validation_failed");
    const int cap = std::clamp(limit, 1, 20);
    const std::string like = EscapeLike(text) + "%";
    GOATFLOW_ASSIGN_OR_RETURN(auto visible, service::BuildTicketQuery(db, caller, {}));
    if (visible) {
      GOATFLOW_RETURN_IF_ERROR(SuggestTickets(db, caller, *visible, text, cap, out));
    }
    if (caller.IsAgent() && static_cast<int>(out.size()) < cap) {
      GOATFLOW_ASSIGN_OR_RETURN(auto queues, db.Prepare(R"sql(
        SELECT id, name, group_id FROM queue
         WHERE valid_id = 1 AND name LIKE ? ESCAPE '\' ORDER BY name COLLATE NOCASE LIMIT ?)sql"));
      queues.BindAll(like, cap);
      while (true) {
        GOATFLOW_ASSIGN_OR_RETURN(bool row, queues.Step());
        if (!row) break;
        if (!rbac::AgentAllows(caller.grants, queues.Int(2), rbac::Permission::kRo)) continue;
        out.push_back(Suggestion{"queue", queues.Int(0), queues.Text(1), queues.Text(1)});
      }
      GOATFLOW_ASSIGN_OR_RETURN(auto users, db.Prepare(R"sql(
        SELECT id, login, trim(first_name || ' ' || last_name) FROM users
         WHERE valid_id = 1 AND login LIKE ? ESCAPE '\' ORDER BY login COLLATE NOCASE LIMIT ?)sql"));
      users.BindAll(like, cap);
      while (true) {
        GOATFLOW_ASSIGN_OR_RETURN(bool row, users.Step());
        if (!row) break;
        out.push_back(Suggestion{"user", users.Int(0),
                                 fmt::format("{} ({})", users.Text(2), users.Text(1)),
                                 users.Text(1)});
      }
    }
    if (static_cast<int>(out.size()) > cap) out.resize(static_cast<std::size_t>(cap));
    return out;
  });
}

}  // namespace goatflow
