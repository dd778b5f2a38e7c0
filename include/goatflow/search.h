#pragma once

// Search (api-v1.md §8, docs/search.md): tickets through the full-text index
// that every write keeps current in its own transaction, the global search
// box, agent search and suggestions. Every result respects the caller's
// visibility inside the query, so a page of N visible hits is N hits.
//
// Queries use the language of docs/search.md: words, "phrases", prefix*,
// -exclusion, queue:, state:/status:, priority:, owner:, customer:,
// created:>YYYY-MM-DD / created:<YYYY-MM-DD.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/directory.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "goatflow/listing.h"
#include "goatflow/pagination.h"
#include "goatflow/tickets.h"

namespace goatflow {

struct SearchTicketsRequest {
  std::string query;            // required
  ListTicketsRequest filters{};  // list filters and pagination; filters.search is ignored
  // Also match article subjects and bodies (customers: visible articles only);
  // false matches ticket number, title and customer only.
  bool fulltext = false;
  // Best match first (BM25 with a recency boost); false: filters.sort/order.
  bool by_relevance = true;
};

struct TicketSearchHit {
  Ticket ticket;
  // HTML-escaped text around the first match, matches in <mark>…</mark>.
  std::string snippet;
  double score = 0;  // higher is better
};

struct TicketSearchPage {
  std::vector<TicketSearchHit> hits;
  Pagination pagination{};
};

// The search box (GET /api/v1/search): a few hits per type and the totals.
struct GlobalSearchRequest {
  std::string query;
  bool tickets = true;
  bool users = true;     // ignored for customers
  bool articles = true;
  int limit = 10;        // per type, 1-50
};

struct TicketBrief {
  std::int64_t id = 0;
  std::string tn;
  std::string title;
  std::string state;
  std::string priority;
  std::string snippet;
};

struct UserBrief {
  std::int64_t id = 0;
  std::string login;
  std::string name;
};

struct ArticleBrief {
  std::int64_t id = 0;
  std::int64_t ticket_id = 0;
  std::string subject;
  std::string snippet;
};

struct GlobalSearchResult {
  std::string query;
  // A type that was not asked for (or not allowed) is absent, not empty.
  std::optional<std::vector<TicketBrief>> tickets;
  std::optional<std::vector<UserBrief>> users;
  std::optional<std::vector<ArticleBrief>> articles;
  std::optional<std::int64_t> ticket_count, user_count, article_count;  // total matches
};

struct SearchUsersRequest {
  std::string query;  // substring of login, first or last name, or e-mail
  PageRequest page{};
  bool include_invalid = false;  // admins only
};

struct Suggestion {
  std::string type;  // "ticket", "queue" or "user"
  std::int64_t id = 0;
  std::string label;
  std::string value;
};

// State of the full-text indexes against the tables they index.
struct IndexReport {
  std::int64_t tickets = 0;   // ticket rows indexed
  std::int64_t articles = 0;  // article rows indexed
  std::int64_t missing = 0;   // tickets or articles without an index row
  std::int64_t stale = 0;     // index rows whose text differs from the tables
  std::int64_t orphaned = 0;  // index rows of tickets or articles that no longer exist
  bool consistent() const { return missing == 0 && stale == 0 && orphaned == 0; }
};

class SearchService {
 public:
  // Errors: unauthenticated, permission_denied (token scope tickets:read),
  // invalid_argument (query or filters; core:validation_failed, field "q").
  Result<TicketSearchPage> SearchTickets(const RequestContext& ctx,
                                         const SearchTicketsRequest& request);
  // Errors: as SearchTickets; limit outside 1-50 is clamped.
  Result<GlobalSearchResult> Search(const RequestContext& ctx, const GlobalSearchRequest& request);
  // Agents only (customers: permission_denied); token scope users:read.
  Result<Page<Agent>> SearchUsers(const RequestContext& ctx, const SearchUsersRequest& request);
  // Compares the indexes with the tables (read only). Admins only.
  Result<IndexReport> CheckIndex(const RequestContext& ctx);
  // Rebuilds both indexes from the tables in one transaction (audited as
  // search.reindex) and returns the check afterwards. Admins only. The
  // triggers keep the indexes current; this repairs a database whose index was
  // damaged or edited by hand.
  Result<IndexReport> Reindex(const RequestContext& ctx);

  // Ticket numbers and titles starting with `prefix` (visible tickets), and for
  // agents queue names and agent logins. Fewer than 2 characters: empty.
  // limit 1-20 (clamped).
  Result<std::vector<Suggestion>> Suggest(const RequestContext& ctx, const std::string& prefix,
                                          int limit = 10);

 private:
  friend class Helpdesk;
  explicit SearchService(Helpdesk::Impl& impl) : impl_(impl) {}
  Helpdesk::Impl& impl_;
};

}  // namespace goatflow
