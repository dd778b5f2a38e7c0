// Search endpoints (api-v1.md §8): the search box, ticket search with the
// list filters, agent search, suggestions and saved searches. The query
// language is the library's (docs/search.md).

#include <charconv>

#include "goatflow/json.h"
#include "goatflow/search.h"
#include "server/body.h"
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

// POST /search/saved: `parameters` (alias `filters`) of GET /tickets params.
Result<SavedSearch> ParseSavedSearch(const HttpRequest& req) {
  auto body = req.JsonBody();
  if (!body.ok()) return body.error();
  BodyReader in(*body);
  SavedSearch search;
  search.name = in.String("name").value_or("");
  if (auto type = in.String("type")) search.type = *type;
  auto parameters = in.StringMap("parameters");
  if (!parameters) parameters = in.StringMap("filters");
  if (parameters) search.parameters = std::move(*parameters);
  if (!in.ok()) return in.error();
  return search;
}

Result<UpdateSavedSearchRequest> ParseSavedSearchUpdate(const HttpRequest& req) {
  auto body = req.JsonBody();
  if (!body.ok()) return body.error();
  BodyReader in(*body);
  UpdateSavedSearchRequest request;
  request.name = in.String("name");
  request.type = in.String("type");
  request.parameters = in.StringMap("parameters");
  if (!request.parameters) request.parameters = in.StringMap("filters");
  if (!in.ok()) return in.error();
  return request;
}

void RegisterSavedSearchRoutes(Router& router, Helpdesk& hd) {
  router.Get("/api/v1/search/saved", [&hd](HttpRequest& req) -> Reply {
    auto page = hd.Search().ListSavedSearches(req.context(), req.Page());
    if (!page.ok()) return Fail(page.error());
    return List(json::ToJson(page->items), page->pagination);
  });
  router.Post("/api/v1/search/saved", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto search, ParseSavedSearch(req));
    return Render(hd.Search().CreateSavedSearch(req.context(), search), 201);
  });
  router.Get("/api/v1/search/saved/:name", [&hd](HttpRequest& req) -> Reply {
    return Render(hd.Search().GetSavedSearch(req.context(), req.PathParam("name")));
  });
  router.Put("/api/v1/search/saved/:name", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto request, ParseSavedSearchUpdate(req));
    return Render(hd.Search().UpdateSavedSearch(req.context(), req.PathParam("name"), request));
  });
  router.Delete("/api/v1/search/saved/:name", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto search,
                         hd.Search().DeleteSavedSearch(req.context(), req.PathParam("name")));
    return Ok(json::SavedSearchDeleted(search));
  });
  router.Post("/api/v1/search/saved/:name/execute", [&hd](HttpRequest& req) -> Reply {
    auto page = hd.Search().ExecuteSavedSearch(req.context(), req.PathParam("name"),
                                               req.QueryParams());
    if (!page.ok()) return Fail(page.error());
    return List(json::ToJson(page->tickets), page->pagination);
  });
}

}  // namespace

void RegisterSearchRoutes(Router& router, Helpdesk& hd) {
  router.Get("/api/v1/search", [&hd](HttpRequest& req) { return GlobalSearch(hd, req); });
  router.Get("/api/v1/search/tickets", [&hd](HttpRequest& req) { return TicketSearch(hd, req); });
  router.Get("/api/v1/search/users", [&hd](HttpRequest& req) { return UserSearch(hd, req); });
  router.Get("/api/v1/search/suggestions", [&hd](HttpRequest& req) {
    return Render(hd.Search().Suggest(req.context(), QueryText(req), IntParam(req, "limit", 10)));
  });
  RegisterSavedSearchRoutes(router, hd);
}

}  // namespace goatflow::server
