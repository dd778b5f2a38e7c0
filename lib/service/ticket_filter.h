#pragma once

// The WHERE clause of every ticket listing (api-v1.md §4.1): the caller's
// visibility plus the list filters, as SQL over `ticket t` with bound
// parameters. Shared by TicketService::List and the search service, so a
// search and a list with the same filters see exactly the same tickets.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "goatflow/error.h"
#include "goatflow/tickets.h"
#include "search/query.h"
#include "service/caller.h"
#include "store/db.h"

namespace goatflow::service {

using SqlParam = std::variant<std::int64_t, std::string>;

struct TicketQuery {
  std::vector<std::string> where;
  std::vector<SqlParam> params;
  bool countable = true;  // every condition is on a column of ticket_count (migration 0002)
  // Set when BuildTicketQuery kept these conditions out of `where` (its
  // `scope_apart`); the search puts them into its MATCH expression
  // (ticket_search's `scope` column, migration 0005).
  // The only queues whose tickets may be selected; nullopt: no restriction.
  std::optional<std::vector<std::int64_t>> queues;
  // The archive flag the tickets must have; nullopt: either.
  std::optional<int> archive_flag;
  // The states a search's `status:` allows (set by the search only); nullopt: any.
  std::optional<std::vector<std::int64_t>> states;

  void Add(std::string clause, std::vector<SqlParam> values);
  std::string WhereSql() const;  // " WHERE a AND b", or ""
  // The total: summed from ticket_count when every filter is counted there, else counted.
  std::string CountSql() const;
  // Binds the parameters from position `first`; returns the next free position.
  int BindTo(store::Stmt& stmt, int first = 1) const;
};

// The listing conditions for `caller`; nullopt when the caller can see no
// ticket at all (an agent without any readable queue: an empty list, not an
// error). `request.search` is matched through the full-text index with the
// query language of docs/search.md. With `scope_apart`, the visible queues
// and the request's queue and archive filters go to `TicketQuery::queues`
// and `archive_flag` instead of `where`. Errors: invalid_argument (filters).
Result<std::optional<TicketQuery>> BuildTicketQuery(store::Db& db, const Caller& caller,
                                                    const ListTicketsRequest& request,
                                                    bool scope_apart = false);

// The state ids of a status filter (api-v1.md §1.5 vocabulary, OR-combined);
// nullopt when it has no terms. Errors: invalid_argument (unknown status).
Result<std::optional<std::vector<std::int64_t>>> StatusFilterIds(
    store::Db& db, const std::vector<std::string>& status);

// The field filters of a parsed query (queue:, status:, priority:, owner:,
// created:). Errors: invalid_argument (unknown status or priority).
Status AddQueryFilters(store::Db& db, const Caller& caller, const search::ParsedQuery& parsed,
                       TicketQuery& query);

// The FTS5 expression of `parsed` over the ticket_search columns the caller
// may match: customers never internal_text; `fulltext` false keeps to ticket
// number, title and customer; never the `scope` column. "" when the query has
// field filters only.
std::string TicketMatch(const Caller& caller, const search::ParsedQuery& parsed, bool fulltext);

// One page of the listing for `caller` (TicketService::List inside an open
// transaction). Errors: as TicketService::List.
Result<TicketPage> ListTickets(store::Db& db, const RequestContext& ctx, const Caller& caller,
                               const ListTicketsRequest& request);
// One page of the tickets matching `query`, sorted and paged as `request`
// says, with its includes (article counts, last articles) and pagination.
Result<TicketPage> ListTicketPage(store::Db& db, const Caller& caller, const TicketQuery& query,
                                  const ListTicketsRequest& request);

// " ORDER BY ..." for the list's sort (created, updated, priority, tn, title,
// id; unknown: created) and order (asc; anything else desc).
std::string TicketOrderBy(const std::string& sort, const std::string& order);

// "[1,2,3]" for binding id lists through json_each.
std::string JsonIds(const std::vector<std::int64_t>& ids);

}  // namespace goatflow::service
