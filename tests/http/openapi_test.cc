// GET /api/v1/openapi.yaml (api-v1.md §0) and the agreement between the
// document's paths and the routes the server registers.

#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include "http/http_fixture.h"
#include "server/openapi_document.h"

namespace goatflow {
namespace {

using testing::TestServer;
using RouteSet = std::set<std::pair<std::string, std::string>>;  // (METHOD, router template)

// "/api/v1/tickets/{id}/articles/{article_id}" -> "/api/v1/tickets/:id/articles/:article_id".
std::string RouterTemplate(std::string_view openapi_path) {
  std::string out;
  for (char c : openapi_path) {
    if (c == '{') {
      out.push_back(':');
    } else if (c != '}') {
      out.push_back(c);
    }
  }
  return out;
}

// The operations of the document's `paths:` section, read line by line: a path
// is a key indented by two spaces and starting with '/', an operation a key
// indented by four spaces naming an HTTP method.
RouteSet DocumentedRoutes(std::string_view yaml) {
  RouteSet routes;
  std::istringstream in{std::string(yaml)};
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (line[0] != ' ') {
      in_paths = line == "paths:";
      continue;
    }
    if (!in_paths || line.back() != ':') continue;
    if (line.rfind("  /", 0) == 0) {
      path = RouterTemplate(line.substr(2, line.size() - 3));
      continue;
    }
    for (const char* method : {"get", "put", "post", "delete", "patch"}) {
      if (line == std::string("    ") + method + ":" && !path.empty()) {
        std::string upper(method);
        for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
        routes.emplace(upper, path);
      }
    }
  }
  return routes;
}

RouteSet RegisteredRoutes(TestServer& server) {
  RouteSet routes;
  for (const server::Route& route : server.server().router().routes())
    routes.emplace(route.method, route.path);
  return routes;
}

// Lines "  METHOD /template" of `a` that are not in `b`.
std::string Missing(const RouteSet& a, const RouteSet& b) {
  std::string out;
  for (const auto& route : a)
    if (!b.count(route)) out += "  " + route.first + " " + route.second + "\n";
  return out;
}

// Empty when the document and the router agree; otherwise says what differs.
std::string CompareRoutes(const RouteSet& documented, const RouteSet& registered) {
  std::string report;
  std::string undocumented = Missing(registered, documented);
  std::string unserved = Missing(documented, registered);
  if (!undocumented.empty())
    report += "Registered routes missing from docs/openapi.yaml:\n" + undocumented;
  if (!unserved.empty())
    report += "Routes in docs/openapi.yaml that the server does not register:\n" + unserved;
  return report;
}

TEST_CASE("The OpenAPI document is served publicly as YAML, not enveloped") {
  TestServer server;
  auto client = server.Client();
  auto res = client.Get("/api/v1/openapi.yaml");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  REQUIRE(res->get_header_value("Content-Type") == "application/yaml");
  REQUIRE(res->body.rfind("openapi: 3.0", 0) == 0);
  REQUIRE(res->body == server::OpenApiDocument());
  REQUIRE(res->has_header("X-Request-ID"));

  SECTION("a YAML-only Accept header is served, HEAD has no body") {
    auto yaml = client.Get("/api/v1/openapi.yaml", {{"Accept", "application/yaml"}});
    REQUIRE(yaml->status == 200);
    auto head = client.Head("/api/v1/openapi.yaml");
    REQUIRE(head->status == 200);
    REQUIRE(head->body.empty());
  }
  SECTION("other methods are refused in the envelope") {
    auto post = client.Post("/api/v1/openapi.yaml", "{}", "application/json");
    REQUIRE(post->status == 405);
    REQUIRE(testing::BodyField(post, "/code") == "core:method_not_allowed");
  }
  SECTION("the route needs no credential and stays up in maintenance mode") {
    const server::Route* route = nullptr;
    for (const server::Route& r : server.server().router().routes())
      if (r.method == "GET" && r.path == "/api/v1/openapi.yaml") route = &r;
    REQUIRE(route != nullptr);
    REQUIRE_FALSE(route->options.authenticate);
    REQUIRE(route->options.maintenance_exempt);
    REQUIRE_FALSE(route->options.json);
  }
}

TEST_CASE("The route reader finds every operation of the document's paths section") {
  RouteSet routes = DocumentedRoutes(server::OpenApiDocument());
  REQUIRE(routes.count({"GET", "/api/v1/openapi.yaml"}));
  REQUIRE(routes.count({"GET", "/healthz"}));
  REQUIRE(routes.count({"POST", "/api/v1/auth/login"}));
  REQUIRE(routes.count({"PUT", "/api/v1/tickets/:id"}));
  REQUIRE(routes.count({"DELETE", "/customer/api/v1/tokens/:id"}));
  REQUIRE(
      routes.count({"GET", "/api/v1/tickets/:id/articles/:article_id/attachments/:attachment_id"}));
  // Keys of components (schemas, parameters) are not mistaken for paths.
  for (const auto& route : routes) {
    INFO(route.first << " " << route.second);
    REQUIRE(route.second.front() == '/');
    REQUIRE(route.second.find_first_of("{} ") == std::string::npos);
  }

  std::string sample =
      "openapi: 3.0.3\npaths:\n  /a/{id}:\n    parameters:\n      - name: id\n"
      "    get:\n      responses: {}\n    delete:\n      responses: {}\n"
      "  /b:\n    post:\n      responses: {}\ncomponents:\n  /c:\n    get:\n";
  REQUIRE(DocumentedRoutes(sample) ==
          RouteSet{{"GET", "/a/:id"}, {"DELETE", "/a/:id"}, {"POST", "/b"}});
  REQUIRE(CompareRoutes({{"GET", "/a"}}, {{"GET", "/a"}}).empty());
  REQUIRE(CompareRoutes({{"GET", "/a"}}, {{"POST", "/a"}}) ==
          "Registered routes missing from docs/openapi.yaml:\n  POST /a\n"
          "Routes in docs/openapi.yaml that the server does not register:\n  GET /a\n");
}

TEST_CASE("Every route the server registers is in the OpenAPI document") {
  TestServer server;
  std::string undocumented =
      Missing(RegisteredRoutes(server), DocumentedRoutes(server::OpenApiDocument()));
  INFO("Registered routes missing from docs/openapi.yaml:\n" << undocumented);
  REQUIRE(undocumented.empty());
}

// The document and the router must agree exactly, in both directions.
TEST_CASE("The OpenAPI document and the router list the same routes") {
  TestServer server;
  std::string report =
      CompareRoutes(DocumentedRoutes(server::OpenApiDocument()), RegisteredRoutes(server));
  INFO(report);
  REQUIRE(report.empty());
}

}  // namespace
}  // namespace goatflow
