// API-token management (api-v1.md §13.2, security.md §8.4) over HTTP.

#include <string>

#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::Bearer;
using testing::BodyField;
using testing::PermissionWorld;
using testing::TestServer;

constexpr const char* kJson = "application/json";

TEST_CASE("A token created over HTTP authenticates until it is revoked") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();

  auto created = client.Post("/api/v1/tokens", Bearer(world.ro_token),
                             R"({"name":"ci","scopes":["queues:read"],"expires_in":"30d"})", kJson);
  REQUIRE(created->status == 201);
  const std::string token = BodyField(created, "/data/token");
  REQUIRE(token.size() == 68);
  REQUIRE(token.rfind("gf_", 0) == 0);
  REQUIRE(BodyField(created, "/data/warning") == "Save this token now. It won't be shown again.");
  REQUIRE(BodyField(created, "/data/scopes") == R"(["queues:read"])");
  const std::string id = BodyField(created, "/data/id");

  auto queues = client.Get("/api/v1/queues", Bearer(token));
  REQUIRE(queues->status == 200);
  REQUIRE(BodyField(queues, "/data/0/name") == "ro_queue");

  auto listed = client.Get("/api/v1/tokens", Bearer(world.ro_token));
  REQUIRE(listed->status == 200);
  REQUIRE(BodyField(listed, "/data/0/name") == "ci");
  REQUIRE(BodyField(listed, "/data/0/is_active") == "true");
  REQUIRE(listed->body.find(token.substr(12)) == std::string::npos);  // never the secret
  REQUIRE(BodyField(client.Get("/api/v1/tokens", Bearer(world.rw_token)), "/data") == "[]");

  // Another agent cannot see or revoke it.
  auto foreign = client.Delete("/api/v1/tokens/" + id, Bearer(world.rw_token));
  REQUIRE(foreign->status == 404);
  REQUIRE(BodyField(foreign, "/error") == "Token not found");

  auto revoked = client.Delete("/api/v1/tokens/" + id, Bearer(world.ro_token));
  REQUIRE(revoked->status == 200);
  REQUIRE(BodyField(revoked, "/data/status") == "revoked");
  REQUIRE(BodyField(revoked, "/data/id") == id);
  auto after = client.Get("/api/v1/queues", Bearer(token));
  REQUIRE(after->status == 401);
  REQUIRE(BodyField(after, "/code") == "core:token_revoked");
}

TEST_CASE("Token management refuses API tokens and anonymous callers") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  auto created =
      client.Post("/api/v1/tokens", Bearer(world.admin_token), R"({"name":"all"})", kJson);
  REQUIRE(created->status == 201);
  REQUIRE(BodyField(created, "/data/scopes") == "[]");
  const std::string token = BodyField(created, "/data/token");
  const std::string id = BodyField(created, "/data/id");

  for (const std::string base : {"/api/v1/tokens", "/customer/api/v1/tokens"}) {
    INFO(base);
    REQUIRE(client.Get(base, Bearer(token))->status == 403);
    REQUIRE(client.Get(base + "/scopes", Bearer(token))->status == 403);
    REQUIRE(client.Post(base, Bearer(token), R"({"name":"minted"})", kJson)->status == 403);
    REQUIRE(client.Delete(base + "/" + id, Bearer(token))->status == 403);
    REQUIRE(client.Get(base)->status == 401);
    REQUIRE(client.Post(base, R"({"name":"x"})", kJson)->status == 401);
    REQUIRE(client.Get(base, Bearer("gf_00000000_bad"))->status == 401);
  }
}

TEST_CASE("Token creation validates name, scopes and expiry") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  struct Case {
    std::string body;
    std::string code;
  };
  for (const Case& c :
       {Case{"{", "core:invalid_request"}, Case{R"({"name":5})", "core:invalid_request"},
        Case{R"({"name":"a","scopes":"tickets:read"})", "core:invalid_request"},
        Case{R"({"name":""})", "core:validation_failed"},
        Case{R"({"name":"a","scopes":["root"]})", "core:invalid_scope"},
        Case{R"({"name":"a","expires_in":"5w"})", "core:invalid_expiration"},
        Case{R"({"name":"a","expires_in":"never"})", "core:invalid_expiration"},
        Case{R"({"name":"a","expires_in":"2y"})", "core:invalid_expiration"}}) {
    INFO(c.body);
    auto res = client.Post("/api/v1/tokens", Bearer(world.rw_token), c.body, kJson);
    REQUIRE(res->status == 400);
    REQUIRE(BodyField(res, "/code") == c.code);
  }
  auto admin_never = client.Post("/api/v1/tokens", Bearer(world.admin_token),
                                 R"({"name":"forever","expires_in":"never"})", kJson);
  REQUIRE(admin_never->status == 201);
  REQUIRE(BodyField(admin_never, "/data/expires_at") == "null");
  for (const std::string bad : {"abc", "0", "-2"}) {
    auto res = client.Delete("/api/v1/tokens/" + bad, Bearer(world.rw_token));
    REQUIRE(res->status == 400);
    REQUIRE(BodyField(res, "/error") == "Invalid token ID");
  }
  REQUIRE(client.Delete("/api/v1/tokens/99999", Bearer(world.rw_token))->status == 404);
  REQUIRE(client.Get("/health")->status == 200);
}

TEST_CASE("Customers manage their own tokens under /customer/api/v1/tokens") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();

  auto scopes = client.Get("/customer/api/v1/tokens/scopes", Bearer(world.cust_a_token));
  REQUIRE(scopes->status == 200);
  REQUIRE(scopes->body.find("tickets:read") != std::string::npos);
  REQUIRE(scopes->body.find("admin:*") == std::string::npos);
  REQUIRE(scopes->body.find("queues:read") == std::string::npos);
  auto agent_scopes = client.Get("/api/v1/tokens/scopes", Bearer(world.ro_token));
  REQUIRE(agent_scopes->body.find("queues:read") != std::string::npos);
  REQUIRE(BodyField(agent_scopes, "/data/0/category") != "<absent>");

  auto refused = client.Post("/customer/api/v1/tokens", Bearer(world.cust_a_token),
                             R"({"name":"x","scopes":["admin:*"]})", kJson);
  REQUIRE(refused->status == 400);
  auto created = client.Post("/customer/api/v1/tokens", Bearer(world.cust_a_token),
                             R"({"name":"portal","scopes":["tickets:read"]})", kJson);
  REQUIRE(created->status == 201);
  const std::string token = BodyField(created, "/data/token");
  const std::string id = BodyField(created, "/data/id");
  auto me = client.Get("/api/v1/users/me", Bearer(token));
  REQUIRE(BodyField(me, "/data/login") == "cust_a");

  REQUIRE(BodyField(client.Get("/customer/api/v1/tokens", Bearer(world.cust_b_token)), "/data") ==
          "[]");
  REQUIRE(client.Delete("/customer/api/v1/tokens/" + id, Bearer(world.cust_b_token))->status ==
          404);
  auto listed = client.Get("/customer/api/v1/tokens", Bearer(world.cust_a_token));
  REQUIRE(BodyField(listed, "/data/0/name") == "portal");
  auto revoked = client.Delete("/customer/api/v1/tokens/" + id, Bearer(world.cust_a_token));
  REQUIRE(revoked->status == 200);
  REQUIRE(BodyField(revoked, "/data/status") == "revoked");
  REQUIRE(client.Get("/api/v1/users/me", Bearer(token))->status == 401);
}

TEST_CASE("Each token path serves its own principal family") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  const std::string body = R"({"name":"x"})";

  auto customer = client.Get("/api/v1/tokens", Bearer(world.cust_a_token));
  REQUIRE(customer->status == 403);
  REQUIRE(BodyField(customer, "/error") == "This endpoint is not available to customers");
  REQUIRE(client.Post("/api/v1/tokens", Bearer(world.cust_a_token), body, kJson)->status == 403);
  REQUIRE(client.Delete("/api/v1/tokens/1", Bearer(world.cust_a_token))->status == 403);
  REQUIRE(client.Get("/api/v1/tokens/scopes", Bearer(world.cust_a_token))->status == 200);

  auto agent = client.Get("/customer/api/v1/tokens", Bearer(world.rw_token));
  REQUIRE(agent->status == 403);
  REQUIRE(BodyField(agent, "/code") == "core:forbidden");
  REQUIRE(client.Post("/customer/api/v1/tokens", Bearer(world.admin_token), body, kJson)->status ==
          403);
  REQUIRE(client.Delete("/customer/api/v1/tokens/1", Bearer(world.rw_token))->status == 403);
  REQUIRE(client.Get("/customer/api/v1/tokens/scopes", Bearer(world.rw_token))->status == 403);
  REQUIRE(BodyField(client.Get("/api/v1/tokens", Bearer(world.rw_token)), "/data") == "[]");
}

}  // namespace
}  // namespace goatflow
