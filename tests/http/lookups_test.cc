// Lookups (api-v1.md §13.1): priorities (with admin CRUD), states, types.

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

TEST_CASE("Lookup lists are open to every principal and not paginated") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  for (const std::string& token :
       {world.admin_token, world.ro_token, world.none_token, world.cust_a_token}) {
    for (const char* path : {"/api/v1/priorities", "/api/v1/states", "/api/v1/types"}) {
      INFO(path);
      auto res = client.Get(path, Bearer(token));
      REQUIRE(res->status == 200);
      REQUIRE(BodyField(res, "/pagination") == "<absent>");
      REQUIRE(BodyField(res, "/data/0/id") == "1");
    }
  }
  for (const char* path :
       {"/api/v1/priorities", "/api/v1/states", "/api/v1/types", "/api/v1/priorities/1"}) {
    REQUIRE(client.Get(path)->status == 401);
    REQUIRE(client.Get(path, Bearer("gf_deadbeef_nope"))->status == 401);
  }
  auto priorities = client.Get("/api/v1/priorities", Bearer(world.ro_token));
  REQUIRE(BodyField(priorities, "/data/3/name") == "4 high");
  REQUIRE(BodyField(priorities, "/data/3/color") != "<absent>");
  auto states = client.Get("/api/v1/states?type=closed", Bearer(world.ro_token));
  REQUIRE(states->status == 200);
  REQUIRE(BodyField(states, "/data/0/type") == "closed");
  REQUIRE(BodyField(states, "/data/2") == "<absent>");
  auto bad_type =
      client.Get("/api/v1/states?type=%27%3B%20DROP%20TABLE%20x", Bearer(world.ro_token));
  REQUIRE(bad_type->status == 400);
  REQUIRE(BodyField(bad_type, "/details/field") == "type");
  auto types = client.Get("/api/v1/types?valid=all", Bearer(world.cust_a_token));
  REQUIRE(BodyField(types, "/data/0/valid_id") == "1");
  REQUIRE(client.Get("/api/v1/types?valid=3", Bearer(world.ro_token))->status == 400);

  auto one = client.Get("/api/v1/priorities/3", Bearer(world.cust_a_token));
  REQUIRE(BodyField(one, "/data/name") == "3 normal");
  REQUIRE(client.Get("/api/v1/priorities/99", Bearer(world.ro_token))->status == 404);
  REQUIRE(client.Get("/api/v1/priorities/abc", Bearer(world.ro_token))->status == 400);
  REQUIRE(BodyField(client.Get("/api/v1/priorities/-1", Bearer(world.ro_token)), "/error") ==
          "Invalid priority ID");
  REQUIRE(client.Get("/health")->status == 200);
}

TEST_CASE("Admins create, update and invalidate priorities") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  auto admin = Bearer(world.admin_token);

  auto created = client.Post("/api/v1/priorities", admin,
                             R"({"name":"6 blocker","color":"#FF0000","extra":true})", kJson);
  REQUIRE(created->status == 201);
  REQUIRE(BodyField(created, "/data/name") == "6 blocker");
  REQUIRE(BodyField(created, "/data/color") == "#FF0000");
  REQUIRE(BodyField(created, "/data/valid_id") == "1");
  const std::string path = "/api/v1/priorities/" + BodyField(created, "/data/id");
  REQUIRE(client.Post("/api/v1/priorities", admin, R"({"name":"6 BLOCKER"})", kJson)->status ==
          409);

  auto updated = client.Put(path, admin, R"({"color":"#00ff00"})", kJson);
  REQUIRE(updated->status == 200);
  REQUIRE(BodyField(updated, "/data/color") == "#00ff00");
  REQUIRE(BodyField(updated, "/data/name") == "6 blocker");
  REQUIRE(client.Put(path, admin, R"({"name":"4 high"})", kJson)->status == 409);
  REQUIRE(client.Put("/api/v1/priorities/999", admin, R"({"name":"x"})", kJson)->status == 404);

  auto deleted = client.Delete(path, admin);
  REQUIRE(deleted->status == 200);
  REQUIRE(BodyField(deleted, "/data/valid_id") == "2");
  auto valid = client.Get("/api/v1/priorities", admin);
  REQUIRE(valid->body.find("6 blocker") == std::string::npos);
  auto invalid = client.Get("/api/v1/priorities?valid=2", admin);
  REQUIRE(BodyField(invalid, "/data/0/name") == "6 blocker");
  REQUIRE(client.Get("/api/v1/priorities?valid=all", admin)->body.find("6 blocker") !=
          std::string::npos);

  for (const std::string& token :
       {world.ro_token, world.rw_token, world.none_token, world.cust_a_token}) {
    REQUIRE(client.Post("/api/v1/priorities", Bearer(token), R"({"name":"7 x"})", kJson)->status ==
            403);
    REQUIRE(client.Put(path, Bearer(token), R"({"name":"7 x"})", kJson)->status == 403);
    REQUIRE(client.Delete(path, Bearer(token))->status == 403);
  }
  REQUIRE(client.Post("/api/v1/priorities", R"({"name":"7 x"})", kJson)->status == 401);
}

TEST_CASE("Priority writes reject bad input; admin:* is needed on tokens") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  auto admin = Bearer(world.admin_token);
  for (const std::string& body :
       {std::string("{"), std::string(R"({"name":1})"),
        std::string(R"({"name":"a","valid_id":"1"})"), std::string(R"({"name":""})"),
        std::string(R"({"name":"a","color":"red"})"),
        std::string(R"({"name":"a","valid_id":3})")}) {
    INFO(body);
    REQUIRE(client.Post("/api/v1/priorities", admin, body, kJson)->status == 400);
  }
  auto sql = client.Post("/api/v1/priorities", admin, R"({"name":"x' OR '1'='1"})", kJson);
  REQUIRE(sql->status == 201);
  REQUIRE(BodyField(sql, "/data/color") == "#cdcdcd");
  REQUIRE(client.Get("/health")->status == 200);

  const std::string read_only = ScopedToken(server.helpdesk(), world.admin_token, {"tickets:read"});
  auto refused = client.Post("/api/v1/priorities", Bearer(read_only), R"({"name":"8 y"})", kJson);
  REQUIRE(refused->status == 403);
  REQUIRE(BodyField(refused, "/error") == "Token missing required scope: admin:*");
  REQUIRE(client.Get("/api/v1/priorities", Bearer(read_only))->status == 200);
  const std::string admin_scope = ScopedToken(server.helpdesk(), world.admin_token, {"admin:*"});
  REQUIRE(
      client.Post("/api/v1/priorities", Bearer(admin_scope), R"({"name":"8 y"})", kJson)->status ==
      201);
}

}  // namespace
}  // namespace goatflow
