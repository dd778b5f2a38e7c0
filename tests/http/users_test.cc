// The current user (api-v1.md §7) and the agent directory pickers (§13.1):
// /users/me, preferences, password, /users, /users/:id, /groups.

#include <string>

#include "goatflow/auth.h"
#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::Bearer;
using testing::BodyField;
using testing::PermissionWorld;
using testing::ScopedToken;
using testing::TestServer;

constexpr const char* kJson = "application/json";

TEST_CASE("GET /api/v1/users/me shows the agent or the customer") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();

  auto rw = client.Get("/api/v1/users/me", Bearer(world.rw_token));
  REQUIRE(rw->status == 200);
  REQUIRE(BodyField(rw, "/data/login") == "agent_rw");
  REQUIRE(BodyField(rw, "/data/role") == "Agent");
  REQUIRE(BodyField(rw, "/data/is_admin") == "false");
  REQUIRE(BodyField(rw, "/data/full_name") == "Agent agent_rw");
  REQUIRE(BodyField(rw, "/data/groups/0/name") == "ro_group");
  REQUIRE(BodyField(rw, "/data/groups/1/permissions") == R"(["rw"])");

  auto admin = client.Get("/api/v1/users/me", Bearer(world.admin_token));
  REQUIRE(BodyField(admin, "/data/role") == "Admin");
  REQUIRE(BodyField(admin, "/data/is_admin") == "true");
  auto none = client.Get("/api/v1/users/me", Bearer(world.none_token));
  REQUIRE(BodyField(none, "/data/groups") == "[]");

  auto customer = client.Get("/api/v1/users/me", Bearer(world.cust_a_token));
  REQUIRE(customer->status == 200);
  REQUIRE(BodyField(customer, "/data/login") == "cust_a");
  REQUIRE(BodyField(customer, "/data/role") == "Customer");
  REQUIRE(BodyField(customer, "/data/customer_id") == "acme");
  REQUIRE(BodyField(customer, "/data/email") == "cust_a@acme.example");
  REQUIRE(customer->body.find("\"pw\"") == std::string::npos);

  // Any valid API token may read its owner (security.md §9.2).
  const std::string token = ScopedToken(server.helpdesk(), world.ro_token, {"tickets:read"});
  REQUIRE(BodyField(client.Get("/api/v1/users/me", Bearer(token)), "/data/login") == "agent_ro");
  REQUIRE(client.Get("/api/v1/users/me")->status == 401);
  REQUIRE(client.Get("/api/v1/users/me", Bearer("garbage"))->status == 401);
}

TEST_CASE("PUT /api/v1/users/me updates own profile fields") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();

  auto updated = client.Put("/api/v1/users/me", Bearer(world.ro_token),
                            R"({"first_name":"Rosa","last_name":"","email":"rosa@x.example",)"
                            R"("login":"hacker","valid_id":2,"unknown":1})",
                            kJson);
  REQUIRE(updated->status == 200);
  REQUIRE(BodyField(updated, "/data/first_name") == "Rosa");
  REQUIRE(BodyField(updated, "/data/last_name") == "agent_ro");  // empty string ignored
  REQUIRE(BodyField(updated, "/data/email") == "rosa@x.example");
  REQUIRE(BodyField(updated, "/data/login") == "agent_ro");
  REQUIRE(BodyField(updated, "/data/valid_id") == "1");

  auto taken = client.Put("/api/v1/users/me", Bearer(world.rw_token),
                          R"({"email":"ROSA@x.example"})", kJson);
  REQUIRE(taken->status == 409);
  REQUIRE(BodyField(taken, "/details/field") == "email");
  REQUIRE(
      client
          .Put("/api/v1/users/me", Bearer(world.rw_token), R"({"email":"not-an-address"})", kJson)
          ->status == 400);
  REQUIRE(client.Put("/api/v1/users/me", Bearer(world.rw_token), R"({"first_name":7})", kJson)
              ->status == 400);
  REQUIRE(client.Put("/api/v1/users/me", Bearer(world.rw_token), "{oops", kJson)->status == 400);

  auto customer = client.Put("/api/v1/users/me", Bearer(world.cust_a_token),
                             R"({"phone":"+49 30 1234","title":"Dr."})", kJson);
  REQUIRE(customer->status == 200);
  REQUIRE(BodyField(customer, "/data/phone") == "+49 30 1234");
  REQUIRE(BodyField(customer, "/data/title") == "Dr.");
  REQUIRE(client
              .Put("/api/v1/users/me", Bearer(world.cust_b_token),
                   R"({"email":"cust_a@acme.example"})", kJson)
              ->status == 409);
  REQUIRE(client.Put("/api/v1/users/me", R"({"first_name":"x"})", kJson)->status == 401);
  REQUIRE(client.Get("/health")->status == 200);
}

TEST_CASE("Preferences are read and written as a flat object") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();

  auto defaults = client.Get("/api/v1/users/me/preferences", Bearer(world.ro_token));
  REQUIRE(defaults->status == 200);
  REQUIRE(BodyField(defaults, "/data/Language") == "en");
  REQUIRE(BodyField(defaults, "/data/Theme") == "light");

  auto set = client.Put("/api/v1/users/me/preferences", Bearer(world.ro_token),
                        R"({"Language":"de","SessionTimeout":3600})", kJson);
  REQUIRE(set->status == 200);
  REQUIRE(BodyField(set, "/data/Language") == "de");
  REQUIRE(BodyField(set, "/data/SessionTimeout") == "3600");
  auto again = client.Get("/api/v1/users/me/preferences", Bearer(world.ro_token));
  REQUIRE(BodyField(again, "/data/Language") == "de");
  // Another principal does not see them.
  auto other = client.Get("/api/v1/users/me/preferences", Bearer(world.cust_a_token));
  REQUIRE(other->status == 200);
  REQUIRE(BodyField(other, "/data/Language") == "en");

  auto secret = client.Put("/api/v1/users/me/preferences", Bearer(world.ro_token),
                           R"({"UserTOTPSecret":"x"})", kJson);
  REQUIRE(secret->status == 400);
  REQUIRE(BodyField(secret, "/error") == "Preference key not allowed");
  REQUIRE(client
              .Put("/api/v1/users/me/preferences", Bearer(world.ro_token), R"({"Theme":{"a":1}})",
                   kJson)
              ->status == 400);
  REQUIRE(
      client.Put("/api/v1/users/me/preferences", Bearer(world.ro_token), R"({"Theme":[1]})", kJson)
          ->status == 400);
  REQUIRE(client.Put("/api/v1/users/me/preferences", Bearer(world.ro_token), "[", kJson)->status ==
          400);
  REQUIRE(client.Get("/api/v1/users/me/preferences")->status == 401);
}

TEST_CASE("POST /api/v1/users/me/password") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  const std::string path = "/api/v1/users/me/password";

  auto wrong = client.Post(path, Bearer(world.rw_token),
                           R"({"current_password":"nope","new_password":"Another-Pw-77"})", kJson);
  REQUIRE(wrong->status == 400);
  REQUIRE(BodyField(wrong, "/error") == "Current password is incorrect");
  REQUIRE(BodyField(wrong, "/details/field") == "current_password");
  auto weak = client.Post(path, Bearer(world.rw_token),
                          std::string(R"({"current_password":")") + testing::kTestPassword +
                              R"(","new_password":"short"})",
                          kJson);
  REQUIRE(weak->status == 400);
  REQUIRE(BodyField(weak, "/details/field") == "new_password");
  REQUIRE(client.Post(path, Bearer(world.rw_token), R"({"current_password":1})", kJson)->status ==
          400);

  const std::string token = ScopedToken(server.helpdesk(), world.rw_token, {});
  auto by_token = client.Post(path, Bearer(token),
                              std::string(R"({"current_password":")") + testing::kTestPassword +
                                  R"(","new_password":"Another-Pw-77"})",
                              kJson);
  REQUIRE(by_token->status == 403);

  auto changed = client.Post(path, Bearer(world.cust_a_token),
                             std::string(R"({"current_password":")") + testing::kTestPassword +
                                 R"(","new_password":"Another-Pw-77"})",
                             kJson);
  REQUIRE(changed->status == 200);
  REQUIRE(BodyField(changed, "/data/message") == "Password changed successfully");
  REQUIRE(BodyField(changed, "/data/changed_at").size() == 20);
  REQUIRE_FALSE(testing::AccessToken(server.helpdesk(), "cust_a", "Another-Pw-77").empty());
  REQUIRE(client.Post(path, R"({})", kJson)->status == 401);
}

TEST_CASE("GET /api/v1/users lists valid agents for agents only") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();

  auto listed = client.Get("/api/v1/users?limit=2", Bearer(world.none_token));
  REQUIRE(listed->status == 200);
  REQUIRE(BodyField(listed, "/pagination/total") == "4");  // admin + 3 agents
  REQUIRE(BodyField(listed, "/pagination/total_pages") == "2");
  REQUIRE(BodyField(listed, "/data/0/groups") == "<absent>");
  auto beyond = client.Get("/api/v1/users?page=9", Bearer(world.ro_token));
  REQUIRE(BodyField(beyond, "/data") == "[]");
  auto sql = client.Get("/api/v1/users?search=%27%20OR%20%271%27%3D%271", Bearer(world.ro_token));
  REQUIRE(sql->status == 200);
  REQUIRE(BodyField(sql, "/pagination/total") == "0");

  auto one = client.Get("/api/v1/users/" + std::to_string(world.agent_rw), Bearer(world.ro_token));
  REQUIRE(one->status == 200);
  REQUIRE(BodyField(one, "/data/login") == "agent_rw");
  REQUIRE(client.Get("/api/v1/users/999999", Bearer(world.ro_token))->status == 404);
  for (const std::string bad : {"x", "0", "-4"}) {
    auto res = client.Get("/api/v1/users/" + bad, Bearer(world.ro_token));
    REQUIRE(res->status == 400);
    REQUIRE(BodyField(res, "/error") == "Invalid user ID");
  }
  for (const std::string& path : {std::string("/api/v1/users"), std::string("/api/v1/groups"),
                                  "/api/v1/users/" + std::to_string(world.agent_rw)}) {
    INFO(path);
    REQUIRE(client.Get(path, Bearer(world.cust_a_token))->status == 403);
    REQUIRE(client.Get(path)->status == 401);
    REQUIRE(client.Get(path, Bearer(world.admin_token))->status == 200);
  }
}

TEST_CASE("GET /api/v1/groups lists valid groups without pagination") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  auto groups = client.Get("/api/v1/groups", Bearer(world.ro_token));
  REQUIRE(groups->status == 200);
  REQUIRE(BodyField(groups, "/pagination") == "<absent>");
  REQUIRE(BodyField(groups, "/data/0/name") == "users");
  REQUIRE(groups->body.find("\"ro_group\"") != std::string::npos);
  REQUIRE(BodyField(groups, "/data/0/valid_id") == "1");
}

TEST_CASE("API tokens need users:read for the directory, not for /users/me") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  const std::string narrow = ScopedToken(server.helpdesk(), world.ro_token, {"tickets:read"});
  for (const std::string path : {"/api/v1/users", "/api/v1/groups", "/api/v1/users/1"}) {
    auto res = client.Get(path, Bearer(narrow));
    REQUIRE(res->status == 403);
    REQUIRE(BodyField(res, "/error") == "Token missing required scope: users:read");
  }
  const std::string users = ScopedToken(server.helpdesk(), world.ro_token, {"users:read"});
  REQUIRE(client.Get("/api/v1/users", Bearer(users))->status == 200);
  REQUIRE(client.Get("/api/v1/groups", Bearer(users))->status == 200);
  REQUIRE(client.Get("/api/v1/users/me/preferences", Bearer(narrow))->status == 200);
}

}  // namespace
}  // namespace goatflow
