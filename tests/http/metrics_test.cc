// GET /metrics (spec/health.md §5): a strict exposition whose values follow
// what the test does, labelled by route template; access per health.md §4.

#include <sqlite3.h>

#include <fmt/format.h>

#include "goatflow/helpdesk.h"
#include "http/http_fixture.h"
#include "http/prometheus_parser.h"

namespace goatflow {
namespace {

using testing::Bearer;
using testing::BodyField;
using testing::PermissionWorld;
using testing::PromExposition;
using testing::TestServer;

constexpr const char* kJson = "application/json";

PromExposition Scrape(httplib::Client& client, const httplib::Headers& headers = {}) {
  auto res = client.Get("/metrics", headers);
  REQUIRE(res);
  REQUIRE(res->status == 200);
  REQUIRE(res->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  REQUIRE(res->get_header_value("Cache-Control") == "no-store");
  auto parsed = testing::ParsePrometheusText(res->body);
  INFO(res->body);
  REQUIRE_OK(parsed);
  return std::move(parsed).value();
}

double Sum(const PromExposition& e, std::string_view family, const std::string& label = "",
           const std::string& value = "") {
  double total = 0;
  if (const auto* f = e.Family(family))
    for (const auto& s : f->samples)
      if (label.empty() || (s.labels.count(label) && s.labels.at(label) == value)) total += s.value;
  return total;
}

httplib::Result Login(httplib::Client& client, const std::string& password) {
  return client.Post("/api/v1/auth/login",
                     R"({"username":"admin","password":")" + password + R"("})", kJson);
}

TEST_CASE("GET /metrics is a strict exposition holding every family of health.md 5.2") {
  TestServer server;
  auto client = server.Client();
  REQUIRE(client.Get("/healthz")->status == 200);
  PromExposition e = Scrape(client);
  const std::pair<const char*, const char*> families[] = {
      {"goatflow_up", "gauge"},
      {"goatflow_build_info", "gauge"},
      {"goatflow_start_time_seconds", "gauge"},
      {"goatflow_db_up", "gauge"},
      {"goatflow_tickets", "gauge"},
      {"goatflow_auth_attempts_total", "counter"},
      {"goatflow_rate_limited_total", "counter"},
      {"process_resident_memory_bytes", "gauge"},
      {"process_open_fds", "gauge"},
      {"goatflow_http_requests_total", "counter"},
      {"goatflow_http_request_duration_seconds", "histogram"},
      {"goatflow_http_requests_in_flight", "gauge"}};
  for (const auto& [name, type] : families) {
    INFO(name);
    REQUIRE(e.Family(name) != nullptr);
    REQUIRE(e.Family(name)->type == type);
    REQUIRE_FALSE(e.Family(name)->help.empty());
  }
  REQUIRE(e.Value("goatflow_up") == 1.0);
  REQUIRE(e.Value("goatflow_db_up") == 1.0);
  REQUIRE(e.Value("goatflow_build_info", {{"version", std::string(Version())}}) == 1.0);
  REQUIRE(e.ValueOr0("process_resident_memory_bytes") > 0);
  REQUIRE(e.ValueOr0("process_open_fds") > 0);
  REQUIRE(e.ValueOr0("goatflow_http_requests_in_flight") >= 1);  // this scrape
  REQUIRE(e.Value("goatflow_http_requests_total",
                  {{"method", "GET"}, {"route", "/healthz"}, {"status", "200"}}) == 1.0);
  for (const char* bucket : {"login", "password_reset", "customer_ticket", "general", "token"})
    REQUIRE(e.Value("goatflow_rate_limited_total", {{"bucket", bucket}}) == 0.0);

  auto head = client.Head("/metrics");
  REQUIRE(head->status == 200);
  REQUIRE(head->body.empty());
  // The scrapes themselves are counted like any other route.
  REQUIRE(Scrape(client).ValueOr0("goatflow_http_requests_total",
                                  {{"method", "HEAD"}, {"route", "/metrics"}, {"status", "200"}}) ==
          1.0);
}

TEST_CASE("Requests are counted and timed under their route template, never the raw path") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  const std::string route = "/api/v1/tickets/:id";
  PromExposition before = Scrape(client);
  for (int i = 0; i < 2; ++i)
    REQUIRE(client.Get(fmt::format("/api/v1/tickets/{}", w.rw_ticket), Bearer(w.admin_token))
                ->status == 200);
  REQUIRE(client.Get("/api/v1/tickets/999999", Bearer(w.admin_token))->status == 404);
  REQUIRE(client.Get("/no/such/page?secret=1")->status == 404);
  REQUIRE(client.Get(fmt::format("/api/v1/tickets/{}", w.rw_ticket))->status == 401);
  PromExposition after = Scrape(client);

  auto delta = [&](const testing::PromLabels& labels) {
    return after.ValueOr0("goatflow_http_requests_total", labels) -
           before.ValueOr0("goatflow_http_requests_total", labels);
  };
  REQUIRE(delta({{"method", "GET"}, {"route", route}, {"status", "200"}}) == 2);
  REQUIRE(delta({{"method", "GET"}, {"route", route}, {"status", "404"}}) == 1);
  REQUIRE(delta({{"method", "GET"}, {"route", "unmatched"}, {"status", "404"}}) == 1);
  REQUIRE(delta({{"method", "GET"}, {"route", route}, {"status", "401"}}) == 1);
  testing::PromLabels timed{{"method", "GET"}, {"route", route}};
  REQUIRE(after.ValueOr0("goatflow_http_request_duration_seconds_count", timed) -
              before.ValueOr0("goatflow_http_request_duration_seconds_count", timed) ==
          4);
  REQUIRE(after.ValueOr0("goatflow_http_request_duration_seconds_sum", timed) > 0);
  for (const auto& family : after.families)
    for (const auto& sample : family.samples)
      for (const auto& [label, value] : sample.labels) {
        INFO(sample.name << " " << label << "=" << value);
        REQUIRE(value.find(fmt::format("/tickets/{}", w.rw_ticket)) == std::string::npos);
        REQUIRE(value.find("999999") == std::string::npos);
        REQUIRE(value.find("secret") == std::string::npos);
      }
}

TEST_CASE("Login outcomes and rate-limit refusals are counted as they happen") {
  auto config = TestServer::DefaultConfig();
  config.rate_limits["RateLimit::LoginPerMinute"] = 5;
  config.rate_limits["RateLimit::GeneralPerMinute"] = 8;
  TestServer server(config);
  auto client = server.Client();
  PromExposition before = Scrape(client);
  for (int i = 0; i < 3; ++i) REQUIRE(Login(client, "wrong-password")->status == 401);
  REQUIRE(Login(client, "admin")->status == 200);
  REQUIRE(Login(client, "wrong-password")->status == 401);
  auto refused = Login(client, "admin");  // the sixth login in a minute
  REQUIRE(refused->status == 429);
  PromExposition after = Scrape(client);

  auto delta = [&](std::string_view name, const testing::PromLabels& labels) {
    return after.ValueOr0(name, labels) - before.ValueOr0(name, labels);
  };
  const std::string attempts = "goatflow_auth_attempts_total";
  REQUIRE(delta(attempts, {{"method", "password"}, {"result", "failure"}}) == 4);
  REQUIRE(delta(attempts, {{"method", "password"}, {"result", "success"}}) == 1);
  REQUIRE(delta(attempts, {{"method", "password"}, {"result", "blocked"}}) == 1);
  REQUIRE(delta("goatflow_rate_limited_total", {{"bucket", "login"}}) == 1);
  REQUIRE(delta("goatflow_rate_limited_total", {{"bucket", "general"}}) == 0);
  REQUIRE(delta("goatflow_http_requests_total",
                {{"method", "POST"}, {"route", "/api/v1/auth/login"}, {"status", "429"}}) == 1);

  // Exhaust the general bucket of this client address (8 per minute).
  int refusals = 0;
  for (int i = 0; i < 10 && refusals == 0; ++i)
    refusals += client.Get("/api/v1/unknown")->status == 429 ? 1 : 0;
  REQUIRE(refusals == 1);
  PromExposition last = Scrape(client);
  REQUIRE(last.ValueOr0("goatflow_rate_limited_total", {{"bucket", "general"}}) -
              after.ValueOr0("goatflow_rate_limited_total", {{"bucket", "general"}}) ==
          1);
}

TEST_CASE("Tickets by state type follow creations and closes") {
  TestServer server;
  auto client = server.Client();
  PromExposition before = Scrape(client);
  PermissionWorld w(server.helpdesk());  // three tickets
  PromExposition created = Scrape(client);
  REQUIRE(Sum(created, "goatflow_tickets") - Sum(before, "goatflow_tickets") == 3);
  REQUIRE(client.Post(fmt::format("/api/v1/tickets/{}/close", w.rw_ticket),
                      Bearer(w.admin_token), "", kJson)
              ->status == 200);
  PromExposition closed = Scrape(client);
  REQUIRE(Sum(closed, "goatflow_tickets") == Sum(created, "goatflow_tickets"));
  REQUIRE(Sum(closed, "goatflow_tickets", "state_type", "closed") -
              Sum(created, "goatflow_tickets", "state_type", "closed") ==
          1);
  REQUIRE(closed.Value("goatflow_tickets",
                       {{"state_type", "closed"}, {"state", "closed successful"}})
              .has_value());
}

// A server behind a trusted proxy on 127.0.0.1, so X-Forwarded-For sets the
// client address the access rule sees.
server::ServerConfig BehindProxy() {
  auto config = TestServer::DefaultConfig();
  config.trusted_proxies = {"127.0.0.1"};
  return config;
}

httplib::Headers From(const std::string& ip, httplib::Headers extra = {}) {
  extra.emplace("X-Forwarded-For", ip);
  return extra;
}

void RequireForbidden(const httplib::Result& res) {
  REQUIRE(res);
  REQUIRE(res->status == 403);
  REQUIRE(res->body == R"({"success":false,"error":"Forbidden","code":"core:forbidden"})");
}

TEST_CASE("Metrics and the detailed health admit loopback and admins and refuse the rest") {
  auto config = BehindProxy();
  config.operations.metrics_token = "scrape-secret-0123456789";
  TestServer server(config);
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  const std::string outside = "203.0.113.9";

  // Loopback: allowed without credentials.
  REQUIRE(client.Get("/metrics")->status == 200);
  REQUIRE(client.Get("/health/detailed")->status == 200);
  // A public address without credentials, with a non-admin agent, with a bad token.
  for (const char* path : {"/metrics", "/health/detailed"}) {
    INFO(path);
    RequireForbidden(client.Get(path, From(outside)));
    RequireForbidden(client.Get(path, From(outside, Bearer(w.rw_token))));
    RequireForbidden(client.Get(path, From(outside, Bearer("not-a-token"))));
    REQUIRE(client.Head(path, From(outside))->status == 403);
    // An admin's JWT and an unrestricted admin API token are accepted.
    REQUIRE(client.Get(path, From(outside, Bearer(w.admin_token)))->status == 200);
    std::string full = testing::ScopedToken(server.helpdesk(), w.admin_token, {});
    REQUIRE(client.Get(path, From(outside, Bearer(full)))->status == 200);
    // An admin API token narrowed to other scopes is not.
    std::string narrow = testing::ScopedToken(server.helpdesk(), w.admin_token, {"tickets:read"});
    RequireForbidden(client.Get(path, From(outside, Bearer(narrow))));
  }
  // The metrics token opens /metrics only.
  auto scraped = client.Get("/metrics", From(outside, Bearer("scrape-secret-0123456789")));
  REQUIRE(scraped->status == 200);
  REQUIRE(testing::ParsePrometheusText(scraped->body).ok());
  RequireForbidden(client.Get("/health/detailed", From(outside, Bearer("scrape-secret-0123456789"))));
  RequireForbidden(client.Get("/metrics", From(outside, Bearer("scrape-secret-012345678"))));
  // Refusals are counted too, under the route template.
  REQUIRE(Scrape(client).ValueOr0("goatflow_http_requests_total",
                                  {{"method", "GET"}, {"route", "/metrics"}, {"status", "403"}}) ==
          5);
}

TEST_CASE("Allowed networks and health.public widen access") {
  auto config = BehindProxy();
  config.operations.allowed_networks = {"10.0.0.0/8", "fd00::/8"};
  TestServer server(config);
  auto client = server.Client();
  REQUIRE(client.Get("/metrics", From("10.20.30.40"))->status == 200);
  REQUIRE(client.Get("/health/detailed", From("fd12::7"))->status == 200);
  RequireForbidden(client.Get("/metrics", From("11.0.0.1")));
  // Loopback is no longer listed, so the test client itself is refused.
  RequireForbidden(client.Get("/metrics"));

  auto open = BehindProxy();
  open.operations.open_to_all = true;
  TestServer public_server(open);
  auto public_client = public_server.Client();
  REQUIRE(public_client.Get("/metrics", From("203.0.113.9"))->status == 200);
  REQUIRE(public_client.Get("/health/detailed", From("203.0.113.9"))->status == 200);
}

TEST_CASE("The server refuses malformed allowed networks and reads them from the environment") {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "GOATFLOW_HEALTH_ALLOWED_NETWORKS") return "10.0.0.0/8, 192.168.1.7";
    if (name == "GOATFLOW_HEALTH_PUBLIC") return "false";
    if (name == "GOATFLOW_METRICS_TOKEN") return "tok";
    return std::nullopt;
  };
  auto config = server::LoadServerConfig({}, env);
  REQUIRE_OK(config);
  REQUIRE(config->operations.allowed_networks ==
          std::vector<std::string>{"10.0.0.0/8", "192.168.1.7"});
  REQUIRE(config->operations.metrics_token == "tok");
  REQUIRE_FALSE(config->operations.open_to_all);
  REQUIRE_ERR(server::LoadServerConfig({"--health-public", "yes"}, env),
              ErrorCode::kInvalidArgument, "invalid --health-public: expected true or false");

  auto helpdesk = testing::OpenTestHelpdesk();
  auto bad = TestServer::DefaultConfig();
  bad.operations.allowed_networks = {"10.0.0.0/33"};
  REQUIRE_ERR(server::Server::Create(bad, *helpdesk), ErrorCode::kInvalidArgument,
              "invalid allowed network '10.0.0.0/33': expected an address or CIDR block such "
              "as 10.0.0.0/8");
}

}  // namespace
}  // namespace goatflow
