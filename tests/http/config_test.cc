// Server configuration, the listen refusal, the error mapping and route
// matching, as functions (no sockets).

#include <map>

#include "server/config.h"
#include "server/http.h"
#include "server/router.h"
#include "server/server.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

using server::LoadServerConfig;

server::EnvLookup FakeEnv(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST_CASE("Defaults are loopback 8080 with 1 MiB bodies and 16 MiB uploads and no CORS") {
  auto config = LoadServerConfig({}, FakeEnv({}));
  REQUIRE_OK(config);
  REQUIRE(config->host == "127.0.0.1");
  REQUIRE(config->port == 8080);
  REQUIRE(config->max_body_bytes == 1048576);
  REQUIRE(config->max_upload_bytes == 16777216);
  REQUIRE(config->cors_origins.empty());
  REQUIRE(config->tls_cert.empty());
}

TEST_CASE("Environment variables apply and flags override them") {
  auto env = FakeEnv({{"GOATFLOW_LISTEN", "0.0.0.0:9000"},
                      {"GOATFLOW_DB", "/srv/hd.db"},
                      {"GOATFLOW_THREADS", "12"},
                      {"GOATFLOW_CORS_ORIGINS", "https://a.example, https://b.example"}});
  auto from_env = LoadServerConfig({}, env);
  REQUIRE_OK(from_env);
  REQUIRE(from_env->host == "0.0.0.0");
  REQUIRE(from_env->port == 9000);
  REQUIRE(from_env->db_path == "/srv/hd.db");
  REQUIRE(from_env->threads == 12);
  REQUIRE(from_env->cors_origins ==
          std::vector<std::string>{"https://a.example", "https://b.example"});

  auto flags = LoadServerConfig({"--listen", "[::1]:8443", "--threads=3", "--db", "x.db"}, env);
  REQUIRE_OK(flags);
  REQUIRE(flags->host == "::1");
  REQUIRE(flags->port == 8443);
  REQUIRE(flags->threads == 3);
  REQUIRE(flags->db_path == "x.db");
}

TEST_CASE("Bad settings are refused with the flag or variable named") {
  REQUIRE_ERR(LoadServerConfig({"--listen", "8080"}, FakeEnv({})), ErrorCode::kInvalidArgument,
              "invalid --listen");
  REQUIRE_ERR(LoadServerConfig({"--threads", "0"}, FakeEnv({})), ErrorCode::kInvalidArgument,
              "invalid --threads");
  REQUIRE_ERR(LoadServerConfig({}, FakeEnv({{"GOATFLOW_LISTEN", "host:99999"}})),
              ErrorCode::kInvalidArgument, "invalid GOATFLOW_LISTEN");
  REQUIRE_ERR(LoadServerConfig({"--frobnicate"}, FakeEnv({})), ErrorCode::kInvalidArgument,
              "unknown option '--frobnicate'");
  REQUIRE_ERR(LoadServerConfig({"--db"}, FakeEnv({})), ErrorCode::kInvalidArgument,
              "needs a value");
  REQUIRE_ERR(LoadServerConfig({"--tls-cert", "c.pem"}, FakeEnv({})),
              ErrorCode::kInvalidArgument, "give both");
}

TEST_CASE("Only loopback addresses may be used while admin has the default password") {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "localhost", "::ffff:127.0.0.1"}) {
    INFO(host);
    REQUIRE(server::IsLoopbackHost(host));
    REQUIRE_OK(server::CheckListenAllowed(host, true));
  }
  for (const char* host : {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.com"}) {
    INFO(host);
    REQUIRE_FALSE(server::IsLoopbackHost(host));
    REQUIRE_ERR(server::CheckListenAllowed(host, true), ErrorCode::kFailedPrecondition,
                "default password");
    REQUIRE_OK(server::CheckListenAllowed(host, false));
  }
}

TEST_CASE("Library errors map to HTTP statuses and core codes") {
  struct Case {
    ErrorCode code;
    int status;
    std::string wire;
  };
  for (const auto& c :
       std::vector<Case>{{ErrorCode::kInvalidArgument, 400, "core:validation_failed"},
                         {ErrorCode::kNotFound, 404, "core:not_found"},
                         {ErrorCode::kAlreadyExists, 409, "core:conflict"},
                         {ErrorCode::kConflict, 409, "core:conflict"},
                         {ErrorCode::kFailedPrecondition, 409, "core:conflict"},
                         {ErrorCode::kUnauthenticated, 401, "core:unauthorized"},
                         {ErrorCode::kPermissionDenied, 403, "core:forbidden"},
                         {ErrorCode::kRateLimited, 429, "core:rate_limited"},
                         {ErrorCode::kUnavailable, 503, "core:service_unavailable"},
                         {ErrorCode::kInternal, 500, "core:internal_error"}}) {
    auto mapped = server::MapError(Error(c.code, "x"));
    INFO(c.wire);
    REQUIRE(mapped.status == c.status);
    REQUIRE(mapped.code == c.wire);
  }
  auto expired = server::MapError(
      Error(ErrorCode::kUnauthenticated, "Token has expired").WithWireCode("core:token_expired"));
  REQUIRE(expired.status == 401);
  REQUIRE(expired.code == "core:token_expired");
}

TEST_CASE("A 429 carries Retry-After and retry_after_sec and rate headers are set together") {
  auto reply = server::Fail(
      Error(ErrorCode::kRateLimited, "Too many requests", {{"retry_after_sec", "17"}}));
  REQUIRE(reply.status == 429);
  REQUIRE(reply.headers == std::vector<std::pair<std::string, std::string>>{{"Retry-After", "17"}});
  REQUIRE(reply.body.find(R"("retry_after_sec":17)") != std::string::npos);
  server::Reply ok = server::Ok("{}");
  server::AddRateLimitHeaders(ok, 100, 99, 1700000000);
  REQUIRE(ok.headers.size() == 3);
  REQUIRE(ok.headers[1] == std::pair<std::string, std::string>{"X-RateLimit-Remaining", "99"});
}

TEST_CASE("The router matches templates and lists the methods of a known path") {
  server::Router router;
  auto handler = [](server::HttpRequest&) { return server::Ok("{}"); };
  router.Get("/api/v1/tickets/:id", handler);
  router.Put("/api/v1/tickets/:id", handler);
  router.Get("/api/v1/tickets/:id/articles/:article_id", handler);
  auto match = router.Find("GET", "/api/v1/tickets/42/articles/7");
  REQUIRE(match.route != nullptr);
  REQUIRE(match.route->path == "/api/v1/tickets/:id/articles/:article_id");
  REQUIRE(match.params.size() == 2);
  REQUIRE(match.params[1] == std::pair<std::string, std::string>{"article_id", "7"});
  REQUIRE(router.Find("HEAD", "/api/v1/tickets/1").route != nullptr);
  auto wrong = router.Find("DELETE", "/api/v1/tickets/1");
  REQUIRE(wrong.route == nullptr);
  REQUIRE(server::JoinAllowed(wrong.allowed) == "GET, PUT, HEAD, OPTIONS");
  REQUIRE(router.Find("GET", "/api/v1/tickets").allowed.empty());
  REQUIRE(router.Find("GET", "/api/v1/tickets/1/").allowed.empty());
}

}  // namespace
}  // namespace goatflow
