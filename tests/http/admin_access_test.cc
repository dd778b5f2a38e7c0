// The admin gate on every /api/v1/admin/* route (security.md §9.2, api-v1.md
// §10): 401 without a credential, 403 (and one access.denied audit entry) for
// agents, customers and admin API tokens without admin:*, success for admins;
// and maintenance mode, during which admin routes stay available.

#include <string>
#include <vector>

#include "goatflow/admin.h"
#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::Bearer;
using testing::BodyField;
using testing::CountAudit;
using testing::PermissionWorld;
using testing::ScopedToken;
using testing::TestServer;

constexpr const char* kJson = "application/json";

// The route template with its parameters filled in with existing objects.
std::string Concrete(std::string path, const PermissionWorld& world) {
  auto replace = [&](const std::string& param, const std::string& value) {
    if (auto at = path.find(param); at != std::string::npos) path.replace(at, param.size(), value);
  };
  const bool groups = path.rfind("/api/v1/admin/groups", 0) == 0;
  replace(":id", std::to_string(groups ? world.ro_group : world.agent_none));
  replace(":login", "cust_b");
  replace(":customer_id", "acme");
  return path;
}

// A body every route accepts as JSON of the right shape, so the gate decides.
std::string BodyFor(const std::string& route) {
  if (route == "/api/v1/admin/users/:id/groups") return "[]";
  if (route == "/api/v1/admin/system/maintenance") return R"({"enabled":false})";
  return "{}";
}

httplib::Result Send(httplib::Client& client, const std::string& method, const std::string& path,
                     const httplib::Headers& headers, const std::string& body) {
  if (method == "GET") return client.Get(path, headers);
  if (method == "POST") return client.Post(path, headers, body, kJson);
  if (method == "PUT") return client.Put(path, headers, body, kJson);
  return client.Delete(path, headers, body, kJson);
}

TEST_CASE("Every admin route refuses anonymous callers, agents, customers and narrow tokens") {
  TestServer server;
  Helpdesk& hd = server.helpdesk();
  PermissionWorld world(hd);
  auto client = server.Client();
  const std::string narrow = ScopedToken(hd, world.admin_token, {"tickets:read", "users:read"});
  const std::string admin_scoped = ScopedToken(hd, world.admin_token, {"admin:*"});
  const std::string unrestricted = ScopedToken(hd, world.admin_token, {});

  int admin_routes = 0, denials = 0;
  for (const server::Route& route : server.server().router().routes()) {
    if (route.path.rfind("/api/v1/admin/", 0) != 0) continue;
    ++admin_routes;
    const std::string path = Concrete(route.path, world);
    const std::string body = BodyFor(route.path);
    INFO(route.method << " " << route.path);
    auto anonymous = Send(client, route.method, path, {}, body);
    REQUIRE(anonymous->status == 401);
    for (const std::string& token :
         std::vector<std::string>{world.rw_token, world.none_token, world.cust_a_token, narrow}) {
      auto denied = Send(client, route.method, path, Bearer(token), body);
      REQUIRE(denied->status == 403);
      REQUIRE(BodyField(denied, "/code") == "core:forbidden");
      ++denials;
    }
    auto missing_scope = Send(client, route.method, path, Bearer(narrow), body);
    REQUIRE(BodyField(missing_scope, "/error") == "Token missing required scope: admin:*");
    ++denials;
    if (route.method == "GET") {
      for (const std::string& token :
           std::vector<std::string>{world.admin_token, admin_scoped, unrestricted})
        REQUIRE(Send(client, "GET", path, Bearer(token), body)->status == 200);
    }
  }
  REQUIRE(admin_routes >= 27);
  // One access.denied entry per refused request, nothing for the 401s.
  REQUIRE(CountAudit(hd, "access.denied") == denials);

  ListAuditLogRequest request;
  request.action = "access.denied";
  request.actor_id = world.agent_rw;
  auto entries = hd.Admin().ListAuditLog(RequestContext::LocalOperator(), request);
  REQUIRE(entries.ok());
  REQUIRE(entries->pagination.total == admin_routes);
  const AuditLogEntry& entry = entries->items.front();
  REQUIRE(entry.outcome == "denied");
  REQUIRE(entry.actor_kind == "agent");
  REQUIRE(entry.actor_login == std::optional<std::string>("agent_rw"));
  REQUIRE(entry.auth_method == std::optional<std::string>("jwt"));
  REQUIRE(entry.ip_address == std::optional<std::string>("127.0.0.1"));
  REQUIRE(entry.request_id.has_value());
}

TEST_CASE("Maintenance mode: 503 with the message for non-admins, admin routes stay available") {
  TestServer server;
  Helpdesk& hd = server.helpdesk();
  PermissionWorld world(hd);
  auto client = server.Client();

  auto denied = client.Post("/api/v1/admin/system/maintenance", Bearer(world.rw_token),
                            R"({"enabled":true,"message":"x"})", kJson);
  REQUIRE(denied->status == 403);

  auto on = client.Post("/api/v1/admin/system/maintenance", Bearer(world.admin_token),
                        R"({"enabled":true,"message":"Back at noon"})", kJson);
  REQUIRE(on->status == 200);
  REQUIRE(BodyField(on, "/data/enabled") == "true");
  REQUIRE(BodyField(on, "/data/message") == "Back at noon");

  auto agent = client.Get("/api/v1/tickets", Bearer(world.rw_token));
  REQUIRE(agent->status == 503);
  REQUIRE(BodyField(agent, "/code") == "core:service_unavailable");
  REQUIRE(BodyField(agent, "/error") == "Back at noon");
  REQUIRE(client.Get("/api/v1/tickets", Bearer(world.admin_token))->status == 200);
  REQUIRE(client.Get("/api/v1/admin/system/config", Bearer(world.admin_token))->status == 200);
  REQUIRE(client.Get("/api/v1/admin/audit/logs", Bearer(world.admin_token))->status == 200);
  REQUIRE(client.Get("/api/v1/health")->status == 200);
  auto status = client.Get("/api/v1/status");
  REQUIRE(status->status == 200);
  REQUIRE(BodyField(status, "/data/status") == "maintenance");
  auto login = client.Post("/api/v1/auth/login", R"({"login":"admin","password":"admin"})", kJson);
  REQUIRE(login->status == 200);
  // The non-admin's request to an admin route is still refused by the library.
  REQUIRE(client.Get("/api/v1/admin/system/config", Bearer(world.rw_token))->status == 403);

  auto config = client.Get("/api/v1/admin/system/config", Bearer(world.admin_token));
  REQUIRE(BodyField(config, "/data/MaintenanceMode") == "true");

  auto off = client.Post("/api/v1/admin/system/maintenance", Bearer(world.admin_token),
                         R"({"enabled":false})", kJson);
  REQUIRE(off->status == 200);
  REQUIRE(BodyField(off, "/data/message") == "null");
  REQUIRE(client.Get("/api/v1/tickets", Bearer(world.rw_token))->status == 200);
  // Two changes on, two off: each changed key audited once.
  REQUIRE(CountAudit(hd, "config.update") == 4);

  auto missing = client.Post("/api/v1/admin/system/maintenance", Bearer(world.admin_token),
                             R"({"message":"x"})", kJson);
  REQUIRE(missing->status == 400);
  REQUIRE(BodyField(missing, "/details/field") == "enabled");
}

}  // namespace
}  // namespace goatflow
