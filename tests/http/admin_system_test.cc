// GET/PUT /api/v1/admin/system/config and GET /api/v1/admin/audit/logs
// (api-v1.md §10, domain.md §8.4, security.md §12).

#include <string>

#include "goatflow/admin.h"
#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::Bearer;
using testing::BodyField;
using testing::CountAudit;
using testing::PermissionWorld;
using testing::TestServer;

constexpr const char* kJson = "application/json";
constexpr const char* kConfig = "/api/v1/admin/system/config";

TEST_CASE("GET config shows every setting's effective value") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  auto config = client.Get(kConfig, Bearer(world.admin_token));
  REQUIRE(config->status == 200);
  REQUIRE(BodyField(config, "/data/SystemID") == "10");
  REQUIRE(BodyField(config, "/data/MaintenanceMode") == "false");
  REQUIRE(BodyField(config, "/data/MaintenanceMessage") == "null");
  REQUIRE(BodyField(config, "/data/SessionMaxTime") == "57600");
  REQUIRE(BodyField(config, "/data/CustomerPanel::SelectableQueues") ==
          R"(["Raw","Misc","Postmaster"])");
  REQUIRE(BodyField(config, "/data/RateLimit::GeneralPerMinute") == "100");
  REQUIRE(BodyField(config, "/data/mcp.execute_sql.enabled") == "true");
}

TEST_CASE("PUT config validates every key and changes nothing when one is bad") {
  TestServer server;
  Helpdesk& hd = server.helpdesk();
  PermissionWorld world(hd);
  auto client = server.Client();
  const auto admin = Bearer(world.admin_token);

  auto unknown = client.Put(kConfig, admin, R"({"SystemID":20,"NoSuchKey":1})", kJson);
  REQUIRE(unknown->status == 400);
  REQUIRE(BodyField(unknown, "/error") == "Unknown setting: NoSuchKey");
  auto wrong_type = client.Put(kConfig, admin, R"({"MaintenanceMode":"yes"})", kJson);
  REQUIRE(wrong_type->status == 400);
  REQUIRE(BodyField(wrong_type, "/details/reason") == "wrong_type");
  auto out_of_range = client.Put(kConfig, admin, R"({"SystemID":20,"PasswordMinLength":2})", kJson);
  REQUIRE(out_of_range->status == 400);
  REQUIRE(BodyField(out_of_range, "/error") == "PasswordMinLength must be between 6 and 128");
  REQUIRE(BodyField(out_of_range, "/details/field") == "PasswordMinLength");
  auto bad_queue = client.Put(kConfig, admin, R"({"Ticket::DefaultQueue":"Nowhere"})", kJson);
  REQUIRE(bad_queue->status == 400);
  REQUIRE(BodyField(bad_queue, "/details/reason") == "unknown_reference");
  REQUIRE(client.Put(kConfig, admin, "{}", kJson)->status == 400);

  auto unchanged = client.Get(kConfig, admin);
  REQUIRE(BodyField(unchanged, "/data/SystemID") == "10");
  REQUIRE(CountAudit(hd, "config.update") == 0);

  auto ok = client.Put(kConfig, admin,
                       R"({"SystemID":20,"Organization":"Acme","TimeZone":"UTC",)"
                       R"("CustomerPanel::SelectableQueues":["Raw"]})",
                       kJson);
  REQUIRE(ok->status == 200);
  REQUIRE(BodyField(ok, "/data/updated") == "3");  // TimeZone already was UTC
  auto after = client.Get(kConfig, admin);
  REQUIRE(BodyField(after, "/data/SystemID") == "20");
  REQUIRE(BodyField(after, "/data/Organization") == "Acme");
  REQUIRE(BodyField(after, "/data/CustomerPanel::SelectableQueues") == R"(["Raw"])");

  ListAuditLogRequest request;
  request.action = "config.update";
  request.target_id = "SystemID";
  auto entries = hd.Admin().ListAuditLog(RequestContext::LocalOperator(), request);
  REQUIRE(entries.ok());
  REQUIRE(entries->pagination.total == 1);
  REQUIRE(entries->items.front().target_type == std::optional<std::string>("config"));
  REQUIRE(entries->items.front().details_json ==
          std::optional<std::string>(R"({"new":"20","old":"10"})"));
  REQUIRE(CountAudit(hd, "config.update") == 3);
}

TEST_CASE("Config changes take effect without a restart") {
  TestServer server;
  Helpdesk& hd = server.helpdesk();
  PermissionWorld world(hd);
  auto client = server.Client();
  const auto admin = Bearer(world.admin_token);
  const std::string user = R"({"login":"pat","first_name":"P","last_name":"Q",)"
                           R"("password":"Abcdefgh1234"})";

  REQUIRE(client.Put(kConfig, admin, R"({"PasswordMinLength":16})", kJson)->status == 200);
  auto refused = client.Post("/api/v1/admin/users", admin, user, kJson);
  REQUIRE(refused->status == 400);
  REQUIRE(BodyField(refused, "/details/reason") == "min_size");
  REQUIRE(client.Put(kConfig, admin, R"({"PasswordMinLength":8})", kJson)->status == 200);
  REQUIRE(client.Post("/api/v1/admin/users", admin, user, kJson)->status == 201);

  // The general rate limit is cached by the auth service; the PUT invalidates it.
  REQUIRE(client.Put(kConfig, admin, R"({"RateLimit::GeneralPerMinute":2})", kJson)->status == 200);
  int limited = 0;
  for (int i = 0; i < 4; ++i)
    if (client.Get("/api/v1/users/me", Bearer(world.rw_token))->status == 429) ++limited;
  REQUIRE(limited >= 2);
}

TEST_CASE("Audit log: filters, pagination, newest first, ticket history, no way to change it") {
  TestServer server;
  Helpdesk& hd = server.helpdesk();
  PermissionWorld world(hd);
  auto client = server.Client();
  const auto admin = Bearer(world.admin_token);
  // The fixture's own groups were created before; only g1-g3 are newer than this.
  const std::int64_t fixture_groups = CountAudit(hd, "group.create");
  for (const char* name : {"g1", "g2", "g3"}) {
    REQUIRE(
        client
            .Post("/api/v1/admin/groups", admin, std::string(R"({"name":")") + name + "\"}", kJson)
            ->status == 201);
  }

  auto all = client.Get("/api/v1/admin/audit/logs?action=group.create", admin);
  REQUIRE(all->status == 200);
  REQUIRE(BodyField(all, "/pagination/total") == std::to_string(fixture_groups + 3));
  REQUIRE(BodyField(all, "/data/0/target_identifier") == "g3");  // newest first
  REQUIRE(BodyField(all, "/data/2/target_identifier") == "g1");
  REQUIRE(BodyField(all, "/data/0/actor_id") == "1");
  REQUIRE(BodyField(all, "/data/0/outcome") == "success");
  REQUIRE(BodyField(all, "/data/0/source") == "audit_log");

  auto second = client.Get("/api/v1/admin/audit/logs?action=group.create&per_page=1&page=2", admin);
  REQUIRE(BodyField(second, "/pagination/total_pages") == std::to_string(fixture_groups + 3));
  REQUIRE(BodyField(second, "/data/0/target_identifier") == "g2");
  auto capped = client.Get("/api/v1/admin/audit/logs?per_page=500", admin);
  REQUIRE(BodyField(capped, "/pagination/per_page") == "100");

  const std::string g2 = BodyField(second, "/data/0/target_id");
  auto by_target = client.Get("/api/v1/admin/audit/logs?target_type=group&target_id=" + g2, admin);
  REQUIRE(BodyField(by_target, "/pagination/total") == "1");
  auto by_actor = client.Get(
      "/api/v1/admin/audit/logs?action=group.create&actor_id=" + std::to_string(world.agent_rw),
      admin);
  REQUIRE(BodyField(by_actor, "/pagination/total") == "0");
  auto by_admin = client.Get("/api/v1/admin/audit/logs?action=group.create&actor_id=1", admin);
  REQUIRE(BodyField(by_admin, "/pagination/total") == std::to_string(fixture_groups + 3));
  auto future = client.Get("/api/v1/admin/audit/logs?from=2200-01-01T00:00:00Z", admin);
  REQUIRE(BodyField(future, "/pagination/total") == "0");
  auto past = client.Get(
      "/api/v1/admin/audit/"
      "logs?action=group.create&to=2200-01-01T00:00:00Z&from=2000-01-01T00:00:00Z",
      admin);
  REQUIRE(BodyField(past, "/pagination/total") == std::to_string(fixture_groups + 3));
  auto bad_time = client.Get("/api/v1/admin/audit/logs?from=yesterday", admin);
  REQUIRE(bad_time->status == 400);
  REQUIRE(BodyField(bad_time, "/details/field") == "from");
  REQUIRE(client.Get("/api/v1/admin/audit/logs?actor_id=x", admin)->status == 400);
  REQUIRE(client.Get("/api/v1/admin/audit/logs?include=everything", admin)->status == 400);

  auto history = client.Get(
      "/api/v1/admin/audit/logs?include=ticket_history&action=ticket.NewTicket&target_id=" +
          std::to_string(world.rw_ticket),
      admin);
  REQUIRE(history->status == 200);
  REQUIRE(BodyField(history, "/pagination/total") == "1");
  REQUIRE(BodyField(history, "/data/0/source") == "ticket_history");
  REQUIRE(BodyField(history, "/data/0/target_type") == "ticket");
  REQUIRE(BodyField(history, "/data/0/target_id") == std::to_string(world.rw_ticket));
  REQUIRE(BodyField(history, "/data/0/actor_kind") == "agent");
  auto without = client.Get(
      "/api/v1/admin/audit/logs?target_type=ticket&target_id=" + std::to_string(world.rw_ticket),
      admin);
  REQUIRE(BodyField(without, "/pagination/total") == "0");

  // Append-only: no route changes or deletes entries.
  REQUIRE(client.Delete("/api/v1/admin/audit/logs", admin)->status == 405);
  REQUIRE(client.Put("/api/v1/admin/audit/logs", admin, "{}", kJson)->status == 405);
  REQUIRE(client.Get("/api/v1/admin/audit/logs/1", admin)->status == 404);
}

}  // namespace
}  // namespace goatflow
