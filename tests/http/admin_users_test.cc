// /api/v1/admin/users (api-v1.md §10): list, create, get, update, delete,
// memberships, activate, deactivate, reset-password, and their audit entries.

#include <string>

#include "goatflow/admin.h"
#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::AccessToken;
using testing::Bearer;
using testing::BodyField;
using testing::PermissionWorld;
using testing::ScopedToken;
using testing::TestServer;

constexpr const char* kJson = "application/json";

Page<AuditLogEntry> Audit(Helpdesk& hd, const std::string& action,
                          std::optional<std::string> target_id = std::nullopt) {
  ListAuditLogRequest request;
  request.action = action;
  request.target_id = std::move(target_id);
  auto page = hd.Admin().ListAuditLog(RequestContext::LocalOperator(), request);
  REQUIRE(page.ok());
  return *page;
}

TEST_CASE("Admins create, read, list and update agents with their groups") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  const auto admin = Bearer(world.admin_token, {{"X-Request-ID", "req-create-1"}});

  const std::string body = R"({"login":"nina","first_name":"Nina","last_name":"Berg",)"
                           R"("email":"nina@x.example","password":"Correct-Horse-42-battery",)"
                           R"("groups":[{"group_id":)" +
                           std::to_string(world.rw_group) + R"(,"permissions":["rw"]}]})";
  auto created = client.Post("/api/v1/admin/users", admin, body, kJson);
  REQUIRE(created->status == 201);
  const std::string id = BodyField(created, "/data/id");
  REQUIRE(BodyField(created, "/data/login") == "nina");
  REQUIRE(BodyField(created, "/data/email") == "nina@x.example");
  REQUIRE(BodyField(created, "/data/groups/0/name") == "rw_group");
  REQUIRE(created->body.find("\"pw\"") == std::string::npos);

  auto entries = Audit(server.helpdesk(), "user.create", id);
  REQUIRE(entries.pagination.total == 1);
  const AuditLogEntry& entry = entries.items.front();
  REQUIRE(entry.target_type == std::optional<std::string>("user"));
  REQUIRE(entry.target_id == std::optional<std::string>(id));
  REQUIRE(entry.target_identifier == std::optional<std::string>("nina"));
  REQUIRE(entry.actor_login == std::optional<std::string>("admin"));
  REQUIRE(entry.outcome == "success");
  REQUIRE(entry.request_id == std::optional<std::string>("req-create-1"));
  REQUIRE(entry.ip_address == std::optional<std::string>("127.0.0.1"));

  auto duplicate = client.Post("/api/v1/admin/users", Bearer(world.admin_token),
                               R"({"login":"NINA","first_name":"N","last_name":"B",)"
                               R"("email":"other@x.example"})",
                               kJson);
  REQUIRE(duplicate->status == 409);
  auto missing = client.Post("/api/v1/admin/users", Bearer(world.admin_token),
                             R"({"login":"olaf","last_name":"B"})", kJson);
  REQUIRE(missing->status == 400);
  REQUIRE(BodyField(missing, "/code") == "core:validation_failed");
  REQUIRE(BodyField(missing, "/details/field") == "first_name");
  auto weak =
      client.Post("/api/v1/admin/users", Bearer(world.admin_token),
                  R"({"login":"olaf","first_name":"O","last_name":"B","password":"short"})", kJson);
  REQUIRE(weak->status == 400);
  REQUIRE(BodyField(weak, "/details/reason") == "min_size");
  auto bad_groups =
      client.Post("/api/v1/admin/users", Bearer(world.admin_token),
                  R"({"login":"olaf","first_name":"O","last_name":"B","groups":7})", kJson);
  REQUIRE(bad_groups->status == 400);
  REQUIRE(BodyField(bad_groups, "/code") == "core:invalid_request");

  auto got = client.Get("/api/v1/admin/users/" + id, Bearer(world.admin_token));
  REQUIRE(got->status == 200);
  REQUIRE(BodyField(got, "/data/groups/0/permissions") == R"(["rw"])");
  REQUIRE(client.Get("/api/v1/admin/users/99999", Bearer(world.admin_token))->status == 404);
  REQUIRE(client.Get("/api/v1/admin/users/abc", Bearer(world.admin_token))->status == 400);

  auto listed = client.Get("/api/v1/admin/users?search=nin&per_page=5", Bearer(world.admin_token));
  REQUIRE(listed->status == 200);
  REQUIRE(BodyField(listed, "/pagination/total") == "1");
  REQUIRE(BodyField(listed, "/data/0/login") == "nina");

  auto updated = client.Put("/api/v1/admin/users/" + id, Bearer(world.admin_token),
                            R"({"first_name":"Nora","groups":[{"group_id":)" +
                                std::to_string(world.ro_group) + R"(,"permissions":["ro"]}]})",
                            kJson);
  REQUIRE(updated->status == 200);
  REQUIRE(BodyField(updated, "/data/first_name") == "Nora");
  REQUIRE(BodyField(updated, "/data/groups/0/name") == "ro_group");
  REQUIRE(Audit(server.helpdesk(), "permission.change", id).pagination.total == 1);

  auto replaced = client.Put(
      "/api/v1/admin/users/" + id + "/groups", Bearer(world.admin_token),
      R"([{"group_id":)" + std::to_string(world.rw_group) + R"(,"permissions":["ro","note"]}])",
      kJson);
  REQUIRE(replaced->status == 200);
  REQUIRE(BodyField(replaced, "/data/0/name") == "rw_group");
  REQUIRE(Audit(server.helpdesk(), "permission.change", id).pagination.total == 2);
  auto unknown_group =
      client.Put("/api/v1/admin/users/" + id + "/groups", Bearer(world.admin_token),
                 R"([{"group_id":424242,"permissions":["ro"]}])", kJson);
  REQUIRE(unknown_group->status == 400);
}

TEST_CASE("Deleting an agent is a soft delete that revokes tokens and sessions") {
  TestServer server;
  Helpdesk& hd = server.helpdesk();
  PermissionWorld world(hd);
  auto client = server.Client();
  const std::string victim_api_token = ScopedToken(hd, world.ro_token, {});
  REQUIRE(client.Get("/api/v1/users/me", Bearer(world.ro_token))->status == 200);

  const std::string path = "/api/v1/admin/users/" + std::to_string(world.agent_ro);
  auto deleted = client.Delete(path, Bearer(world.admin_token));
  REQUIRE(deleted->status == 200);
  REQUIRE(BodyField(deleted, "/data/id") == std::to_string(world.agent_ro));
  REQUIRE(BodyField(deleted, "/data/active") == "false");
  REQUIRE(client.Get("/api/v1/users/me", Bearer(world.ro_token))->status == 401);
  REQUIRE(client.Get("/api/v1/users/me", Bearer(victim_api_token))->status == 401);
  auto still_there = client.Get(path, Bearer(world.admin_token));
  REQUIRE(BodyField(still_there, "/data/valid_id") == "2");
  REQUIRE(Audit(hd, "user.deactivate").pagination.total == 1);

  auto self = client.Delete("/api/v1/admin/users/1", Bearer(world.admin_token));
  REQUIRE(self->status == 400);
  REQUIRE(BodyField(self, "/error") == "Cannot delete yourself");

  // A second administrator may not remove the initial administrator (id 1).
  REQUIRE(client
              .Put("/api/v1/admin/users/" + std::to_string(world.agent_none) + "/groups",
                   Bearer(world.admin_token), R"([{"group_id":2,"permissions":["rw"]}])", kJson)
              ->status == 200);
  const std::string second_admin = AccessToken(hd, "agent_none");
  auto initial = client.Delete("/api/v1/admin/users/1", Bearer(second_admin));
  REQUIRE(initial->status == 403);
  REQUIRE(Audit(hd, "access.denied").pagination.total == 1);
  REQUIRE(client.Delete("/api/v1/admin/users/424242", Bearer(world.admin_token))->status == 404);
}

TEST_CASE("Activate, deactivate and reset-password") {
  TestServer server;
  Helpdesk& hd = server.helpdesk();
  PermissionWorld world(hd);
  auto client = server.Client();
  const std::string base = "/api/v1/admin/users/" + std::to_string(world.agent_rw);

  auto off = client.Post(base + "/deactivate", Bearer(world.admin_token), "", kJson);
  REQUIRE(off->status == 200);
  REQUIRE(BodyField(off, "/data/active") == "false");
  auto refused = client.Post(
      "/api/v1/auth/login", R"({"login":"agent_rw","password":"Correct-Horse-42-battery"})", kJson);
  REQUIRE(refused->status == 401);
  auto on = client.Post(base + "/activate", Bearer(world.admin_token), "", kJson);
  REQUIRE(on->status == 200);
  REQUIRE(BodyField(on, "/data/active") == "true");

  auto weak = client.Post(base + "/reset-password", Bearer(world.admin_token),
                          R"({"new_password":"abc"})", kJson);
  REQUIRE(weak->status == 400);
  REQUIRE(BodyField(weak, "/details/field") == "new_password");
  auto reset = client.Post(base + "/reset-password", Bearer(world.admin_token),
                           R"({"new_password":"Another-Good-Pass-77"})", kJson);
  REQUIRE(reset->status == 200);
  REQUIRE(client.Get("/api/v1/users/me", Bearer(world.rw_token))->status == 401);
  auto login = client.Post("/api/v1/auth/login",
                           R"({"login":"agent_rw","password":"Another-Good-Pass-77"})", kJson);
  REQUIRE(login->status == 200);

  auto entries = Audit(hd, "auth.password.reset");
  REQUIRE(entries.pagination.total == 1);
  REQUIRE(entries.items.front().target_identifier == std::optional<std::string>("agent_rw"));
  const std::string details = entries.items.front().details_json.value_or("");
  REQUIRE(details.find("Another-Good-Pass-77") == std::string::npos);
  REQUIRE(Audit(hd, "user.deactivate").pagination.total == 1);
  REQUIRE(Audit(hd, "user.activate").pagination.total == 1);
}

}  // namespace
}  // namespace goatflow
