// The conventions every route shares (api-v1.md §0, §1): envelope on 404/405,
// request ids, the 406/415/413/400 check order, path ids, the catch-all, and
// that the server keeps answering after bad input.

#include <boost/json.hpp>

#include <atomic>
#include <stdexcept>

#include "http/http_fixture.h"
#include "server/http.h"

namespace goatflow {
namespace {

using testing::BodyField;
using testing::TestServer;

// Test routes run without credentials (authentication has its own tests).
constexpr server::RouteOptions kOpen{.authenticate = false};

// Test routes exercising the helpers the real endpoints use.
void AddTestRoutes(server::Router& router, Helpdesk&) {
  router.Post("/test/echo", [](server::HttpRequest& req) -> server::Reply {
    GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
    return server::Ok(boost::json::serialize(body), 201);
  }, kOpen);
  router.Post(
      "/test/upload",
      [](server::HttpRequest& req) -> server::Reply {
        GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
        return server::Ok(std::to_string(req.body().size()));
      },
      server::RouteOptions{.large_body = true, .authenticate = false});
  router.Get("/test/items/:id", [](server::HttpRequest& req) -> server::Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "item"));
    return server::Ok(std::to_string(id));
  }, kOpen);
  router.Get("/test/items/special",
             [](server::HttpRequest&) { return server::Ok(R"("special")"); }, kOpen);
  router.Get("/test/throw", [](server::HttpRequest&) -> server::Reply {
    throw std::runtime_error("SELECT secret FROM users");
  }, kOpen);
  router.Get("/test/missing", [](server::HttpRequest&) {
    return server::Fail(Error(ErrorCode::kNotFound, "Ticket not found"));
  }, kOpen);
}

void RequireStillHealthy(httplib::Client& client) {
  auto res = client.Get("/health");
  REQUIRE(res);
  REQUIRE(res->status == 200);
}

void RequireError(const httplib::Result& res, int status, const std::string& code,
                  const std::string& message) {
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == status);
  REQUIRE(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  REQUIRE(BodyField(res, "/success") == "false");
  REQUIRE(BodyField(res, "/code") == code);
  REQUIRE(BodyField(res, "/error") == message);
}

TEST_CASE("Unknown paths and wrong methods answer in the envelope") {
  TestServer server;
  auto client = server.Client();
  RequireError(client.Get("/api/v1/nothing-here"), 404, "core:not_found", "Resource not found");
  auto wrong = client.Delete("/api/v1/status");
  RequireError(wrong, 405, "core:method_not_allowed", "Method not allowed");
  REQUIRE(wrong->get_header_value("Allow") == "GET, HEAD, OPTIONS");
  RequireError(client.Get("/health/"), 404, "core:not_found", "Resource not found");
  RequireStillHealthy(client);
}

TEST_CASE("Every response carries X-API-Version and a request id") {
  TestServer server;
  auto client = server.Client();
  SECTION("a usable client id is echoed") {
    auto res = client.Get("/nowhere", {{"X-Request-ID", "trace-42.abc"}});
    REQUIRE(res->get_header_value("X-Request-ID") == "trace-42.abc");
    REQUIRE(res->get_header_value("X-API-Version") == "1.0");
  }
  SECTION("an unusable id is replaced by a generated UUID") {
    for (const std::string& bad : {std::string(129, 'a'), std::string("has space")}) {
      auto res = client.Get("/healthz", {{"X-Request-ID", bad}});
      std::string id = res->get_header_value("X-Request-ID");
      REQUIRE(id != bad);
      REQUIRE(id.size() == 36);
      REQUIRE(id[14] == '4');
    }
  }
  SECTION("generated ids differ per request") {
    auto a = client.Get("/healthz")->get_header_value("X-Request-ID");
    auto b = client.Get("/healthz")->get_header_value("X-Request-ID");
    REQUIRE(a.size() == 36);
    REQUIRE(a != b);
  }
}

TEST_CASE("Bodies are checked in order: Accept 406 then type 415 then size 413 then syntax 400") {
  TestServer server(TestServer::DefaultConfig(), AddTestRoutes);
  auto client = server.Client();
  std::string oversize(1024 * 1024 + 1, ' ');
  oversize.front() = '{';
  oversize.back() = '}';

  RequireError(client.Post("/test/echo", {{"Accept", "text/html"}}, "{}", "application/json"), 406,
               "core:not_acceptable", "Not acceptable: responses are application/json");
  RequireStillHealthy(client);
  RequireError(client.Post("/test/echo", oversize, "text/plain"), 415,
               "core:unsupported_media_type", "Unsupported media type: send application/json");
  RequireStillHealthy(client);
  RequireError(client.Post("/test/echo", oversize, "application/json"), 413, "core:invalid_request",
               "Request body too large");
  RequireStillHealthy(client);
  RequireError(client.Post("/test/echo", "{\"title\": ", "application/json"), 400,
               "core:invalid_request", "Invalid request body");
  RequireStillHealthy(client);
  RequireError(client.Post("/test/echo", "[1, 2]", "application/json"), 400,
               "core:invalid_request", "Invalid request body");
  RequireStillHealthy(client);

  auto ok = client.Post("/test/echo", {{"Accept", "application/json"}}, R"({"a":1})",
                        "application/json; charset=utf-8");
  REQUIRE(ok->status == 201);
  REQUIRE(BodyField(ok, "/data/a") == "1");
  // Ticket and article create routes take up to 16 MiB.
  auto upload = client.Post("/test/upload", oversize, "application/json");
  REQUIRE(upload->status == 200);
  REQUIRE(BodyField(upload, "/data") == std::to_string(oversize.size()));
}

TEST_CASE("A body beyond every limit is refused before routing in the envelope") {
  TestServer server(TestServer::DefaultConfig(), AddTestRoutes);
  auto client = server.Client();
  std::string huge(16 * 1024 * 1024 + 1, 'x');
  auto res = client.Post("/test/upload", huge, "application/json");
  RequireError(res, 413, "core:invalid_request", "Request body too large");
  REQUIRE(res->get_header_value("X-Request-ID").size() == 36);
  auto fresh = server.Client();
  RequireStillHealthy(fresh);
}

TEST_CASE("Path ids must be positive integers and literal segments win over parameters") {
  TestServer server(TestServer::DefaultConfig(), AddTestRoutes);
  auto client = server.Client();
  for (const char* bad : {"/test/items/abc", "/test/items/0", "/test/items/-3", "/test/items/1x",
                          "/test/items/99999999999999999999"}) {
    INFO(bad);
    RequireError(client.Get(bad), 400, "core:invalid_id", "Invalid item ID");
  }
  RequireStillHealthy(client);
  REQUIRE(BodyField(client.Get("/test/items/7"), "/data") == "7");
  REQUIRE(BodyField(client.Get("/test/items/special"), "/data") == "special");
}

TEST_CASE("A throwing handler gives 500 without internals and library errors are mapped") {
  TestServer server(TestServer::DefaultConfig(), AddTestRoutes);
  auto client = server.Client();
  auto res = client.Get("/test/throw");
  RequireError(res, 500, "core:internal_error", "Internal server error");
  REQUIRE(res->body.find("SELECT") == std::string::npos);
  RequireError(client.Get("/test/missing"), 404, "core:not_found", "Ticket not found");
  RequireStillHealthy(client);
}

TEST_CASE("CORS headers appear only for configured origins and never with credentials") {
  SECTION("off by default") {
    TestServer server;
    auto client = server.Client();
    auto res = client.Get("/healthz", {{"Origin", "https://app.example.com"}});
    REQUIRE(res->status == 200);
    REQUIRE_FALSE(res->has_header("Access-Control-Allow-Origin"));
  }
  SECTION("on for a configured origin") {
    auto config = TestServer::DefaultConfig();
    config.cors_origins = {"https://app.example.com"};
    TestServer server(config);
    auto client = server.Client();
    auto res = client.Get("/api/v1/status", {{"Origin", "https://app.example.com"}});
    REQUIRE(res->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
    REQUIRE(res->get_header_value("Vary") == "Origin");
    REQUIRE_FALSE(res->has_header("Access-Control-Allow-Credentials"));
    auto other = client.Get("/api/v1/status", {{"Origin", "https://evil.example.net"}});
    REQUIRE_FALSE(other->has_header("Access-Control-Allow-Origin"));

    auto preflight = client.Options("/api/v1/status", {{"Origin", "https://app.example.com"},
                                                      {"Access-Control-Request-Method", "GET"}});
    REQUIRE(preflight->status == 204);
    REQUIRE(preflight->get_header_value("Access-Control-Allow-Methods") == "GET, HEAD, OPTIONS");
    REQUIRE(preflight->get_header_value("Access-Control-Allow-Origin") ==
            "https://app.example.com");
    REQUIRE_FALSE(preflight->has_header("Access-Control-Allow-Credentials"));
  }
}

TEST_CASE("Stopping lets a request in flight finish and then refuses new connections") {
  std::atomic<bool> entered{false};
  TestServer server(TestServer::DefaultConfig(), [&entered](server::Router& router, Helpdesk&) {
    router.Get("/test/slow", [&entered](server::HttpRequest&) {
      entered = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      return server::Ok(R"("done")");
    }, kOpen);
  });
  int slow_status = 0;
  std::string slow_body;
  std::thread caller([&] {
    auto res = server.Client().Get("/test/slow");
    if (res) {
      slow_status = res->status;
      slow_body = res->body;
    }
  });
  while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server.Stop();
  caller.join();
  REQUIRE(slow_status == 200);
  REQUIRE(slow_body == R"({"success":true,"data":"done"})");
  REQUIRE(server.server().draining());
  REQUIRE_FALSE(server.Client().Get("/healthz"));
}

}  // namespace
}  // namespace goatflow
