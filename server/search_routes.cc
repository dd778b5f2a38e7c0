// Search endpoints (api-v1.md §8): the search box, ticket search with the
// list filters, agent search and suggestions. The query language is the
// library's (docs/search.md).

#include <charconv>

#include "goatflow/json.h"
#include "goatflow/search.h"
#include "server/query_params.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

// An integer query parameter; `fallback` when absent or not a number (lenient,
// as pagination is: api-v1.md §1.4).
int IntParam(const HttpRequest& req, std::string_view name, int fallback) {
  auto text = req.Query(name);
  if (!text) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) return fallback;
  return value;
}

// `q` (alias `query`), as the library will judge it ("" when absent).
std::string QueryText(const HttpRequest& req) {
  if (auto q = req.Query("q")) return *q;
  return req.Query("query").value_or("");
}

Reply GlobalSearch(Helpdesk& hd, HttpRequest& req) {
  GlobalSearchRequest request;
  request.query = QueryText(req);
  request.limit = IntParam(req, "limit", 10);
  if (auto types = req.Query("types"); types && !types->empty()) {
    request.tickets = request.users = request.articles = false;
    std::size_t start = 0;
    while (start <= types->size()) {
      std::size_t comma = std::min(types->find(',', start), types->size());
      std::string type = types->substr(start, comma - start);
      if (type == "tickets") request.tickets = true;
      else if (type == "users") request.users = true;
      else if (type == "articles") request.articles = true;
      else if (!type.empty())
        return Fail(Error(ErrorCode::kInvalidArgument, "Invalid types value",
                          {{"field", "types"}, {"reason", "invalid"}})
                        .WithWireCode("core:validation_failed"));
      start = comma + 1;
    }
  }
  return Render(hd.Search().Search(req.context(), request));
}

Reply TicketSearch(Helpdesk& hd, HttpRequest& req) {
  SearchTicketsRequest request;
  request.query = QueryText(req);
  GOATFLOW_HTTP_ASSIGN(request.filters, ParseListQuery(req));
  request.filters.search.reset();  // `q` is the query here, not a list filter
  GOATFLOW_HTTP_ASSIGN(request.fulltext, ParseBoolParam(req.Query("fulltext"), "fulltext"));
  request.by_relevance = !req.Query("sort").has_value();
  auto page = hd.Search().SearchTickets(req.context(), request);
  if (!page.ok()) return Fail(page.error());
  return List(json::ToJson(page->hits), page->pagination);
}

Reply UserSearch(Helpdesk& hd, HttpRequest& req) {
  SearchUsersRequest request;
  request.query = QueryText(req);
  request.page = req.Page();
  GOATFLOW_HTTP_ASSIGN(request.include_invalid,
                       ParseBoolParam(req.Query("include_invalid"), "include_invalid"));
  auto page = hd.Search().SearchUsers(req.context(), request);
  if (!page.ok()) return Fail(page.error());
  return List(json::ToJson(page->items), page->pagination);
}

}  // namespace

void RegisterSearchRoutes(Router& router, Helpdesk& hd) {
  router.Get("/api/v1/search", [&hd](HttpRequest& req) { return GlobalSearch(hd, req); });
  router.Get("/api/v1/search/tickets", [&hd](HttpRequest& req) { return TicketSearch(hd, req); });
  router.Get("/api/v1/search/users", [&hd](HttpRequest& req) { return UserSearch(hd, req); });
  router.Get("/api/v1/search/suggestions", [&hd](HttpRequest& req) {
    return Render(hd.Search().Suggest(req.context(), QueryText(req), IntParam(req, "limit", 10)));
  });
}

}  // namespace goatflow::server
