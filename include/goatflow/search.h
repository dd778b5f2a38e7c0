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
#include <map>
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

// A saved search (api-v1.md §8, domain.md §8.1): GET /tickets parameters
// stored under a name, per user.
struct SavedSearch {
  std::string name;                               // 1-200 characters, unique per user
  std::string type = "TicketSearch";
  std::map<std::string, std::string> parameters;  // names of api-v1.md §4.1
};

// Changes to a saved search: only set fields change.
struct UpdateSavedSearchRequest {
  std::optional<std::string> name{};  // rename
  std::optional<std::string> type{};
  std::optional<std::map<std::string, std::string>> parameters{};  // replaces all
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

  // Saved searches belong to the caller alone: another user's name is
  // not_found. Token scope tickets:read. Errors of every call: unauthenticated,
  // permission_denied (scope).
  //
  // The caller's saved searches sorted by name.
  Result<Page<SavedSearch>> ListSavedSearches(const RequestContext& ctx, const PageRequest& page);
  // Errors: not_found "Saved search not found".
  Result<SavedSearch> GetSavedSearch(const RequestContext& ctx, const std::string& name);
  // Errors: invalid_argument (name: empty, longer than 200 characters, control
  // characters or invalid UTF-8; type: empty or longer than 64; a parameter
  // that GET /tickets does not read, or a value it rejects), already_exists
  // "Saved search already exists".
  Result<SavedSearch> CreateSavedSearch(const RequestContext& ctx, const SavedSearch& search);
  // Errors: as Create, and not_found.
  Result<SavedSearch> UpdateSavedSearch(const RequestContext& ctx, const std::string& name,
                                        const UpdateSavedSearchRequest& request);
  // Returns the deleted search. Errors: not_found.
  Result<SavedSearch> DeleteSavedSearch(const RequestContext& ctx, const std::string& name);
  // The tickets the stored parameters select, under the caller's current
  // permissions; `overrides` (GET /tickets parameters, e.g. page) replace
  // stored ones of the same name. Errors: not_found, and those of
  // TicketService::List.
  Result<TicketPage> ExecuteSavedSearch(const RequestContext& ctx, const std::string& name,
                                        const std::map<std::string, std::string>& overrides = {});

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
