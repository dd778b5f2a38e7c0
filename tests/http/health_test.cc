// Health and status endpoints (spec/health.md §2, §6, §7), GET and HEAD.

#include "goatflow/helpdesk.h"
#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::BodyField;
using testing::TestServer;

TEST_CASE("Health endpoints answer GET with their bodies and HEAD with the same status") {
  TestServer server;
  auto client = server.Client();
  auto healthz = client.Get("/healthz");
  REQUIRE(healthz->status == 200);
  REQUIRE(healthz->body == R"({"status":"healthy"})");
  REQUIRE(healthz->get_header_value("Cache-Control") == "no-store");

  auto health = client.Get("/health");
  REQUIRE(health->status == 200);
  REQUIRE(BodyField(health, "/status") == "healthy");
  REQUIRE(BodyField(health, "/service") == "goatflow");
  REQUIRE(BodyField(health, "/version") == std::string(Version()));

  auto api = client.Get("/api/v1/health");
  REQUIRE(api->status == 200);
  REQUIRE(BodyField(api, "/success") == "true");
  REQUIRE(BodyField(api, "/data/status") == "healthy");
  REQUIRE(BodyField(api, "/data/service") == "goatflow-api");
  REQUIRE(BodyField(api, "/data/timestamp").size() == 20);

  for (const char* path : {"/healthz", "/health", "/api/v1/health", "/api/v1/status"}) {
    INFO(path);
    auto head = client.Head(path);
    REQUIRE(head);
    REQUIRE(head->status == 200);
    REQUIRE(head->body.empty());
    REQUIRE(head->get_header_value("Content-Type") == "application/json; charset=utf-8");
    REQUIRE(head->has_header("X-Request-ID"));
  }
}

TEST_CASE("Status reports version and uptime and maintenance and components") {
  TestServer server;
  auto client = server.Client();
  auto res = client.Get("/api/v1/status");
  REQUIRE(res->status == 200);
  REQUIRE(BodyField(res, "/success") == "true");
  REQUIRE(BodyField(res, "/data/status") == "operational");
  REQUIRE(BodyField(res, "/data/version") == std::string(Version()));
  REQUIRE(BodyField(res, "/data/api_version") == "1");
  REQUIRE(BodyField(res, "/data/maintenance_mode") == "false");
  REQUIRE(BodyField(res, "/data/maintenance_message") == "null");
  REQUIRE(BodyField(res, "/data/components/database") == "healthy");
  REQUIRE(std::stoll(BodyField(res, "/data/uptime_seconds")) >= 0);
  REQUIRE(BodyField(res, "/data/started_at").back() == 'Z');
  REQUIRE(BodyField(res, "/data/timestamp") >= BodyField(res, "/data/started_at"));
}

TEST_CASE("Health routes reject other methods and bodies of the wrong type") {
  TestServer server;
  auto client = server.Client();
  auto res = client.Post("/healthz", "{}", "application/json");
  REQUIRE(res->status == 405);
  REQUIRE(BodyField(res, "/code") == "core:method_not_allowed");
  REQUIRE(client.Get("/healthz")->status == 200);
}

}  // namespace
}  // namespace goatflow

namespace goatflow {
namespace {

TEST_CASE("The general rate limit counts API requests but never health probes") {
  auto config = testing::TestServer::DefaultConfig();
  config.rate_limits["RateLimit::GeneralPerMinute"] = 3;
  testing::TestServer server(config);
  auto client = server.Client();
  for (int i = 0; i < 10; ++i) {
    REQUIRE(client.Get("/api/v1/health")->status == 200);
    REQUIRE(client.Get("/healthz")->status == 200);
  }
  for (const char* left : {"2", "1", "0"}) {
    auto res = client.Get("/api/v1/unknown");
    REQUIRE(res->status == 404);
    REQUIRE(res->get_header_value("X-RateLimit-Limit") == "3");
    REQUIRE(res->get_header_value("X-RateLimit-Remaining") == left);
    REQUIRE(res->has_header("X-RateLimit-Reset"));
  }
  auto refused = client.Get("/api/v1/unknown");
  REQUIRE(refused->status == 429);
  REQUIRE(testing::BodyField(refused, "/code") == "core:rate_limited");
  REQUIRE(testing::BodyField(refused, "/error") == "Too many requests");
  REQUIRE(refused->get_header_value("Retry-After") == "20");
  REQUIRE(testing::BodyField(refused, "/retry_after_sec") == "20");
  REQUIRE(client.Get("/api/v1/status")->status == 200);
  REQUIRE_FALSE(client.Get("/api/v1/status")->has_header("X-RateLimit-Limit"));
}

}  // namespace
}  // namespace goatflow
