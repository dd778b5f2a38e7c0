// /api/v1/queues (api-v1.md §6, security.md §9.2): visibility by ro, admin
// mutations, customers refused, API-token scopes, bad input.

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

std::string Path(std::int64_t id, const std::string& suffix = "") {
  return "/api/v1/queues/" + std::to_string(id) + suffix;
}

TEST_CASE("GET /api/v1/queues lists the queues the caller holds ro on, by name") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();

  auto admin = client.Get("/api/v1/queues?limit=100", Bearer(world.admin_token));
  REQUIRE(admin->status == 200);
  REQUIRE(BodyField(admin, "/pagination/total") == "6");  // 4 defaults + 2
  REQUIRE(BodyField(admin, "/data/0/name") == "Junk");
  REQUIRE(BodyField(admin, "/data/5/name") == "rw_queue");

  auto ro = client.Get("/api/v1/queues", Bearer(world.ro_token));
  REQUIRE(ro->status == 200);
  REQUIRE(BodyField(ro, "/pagination/total") == "1");
  REQUIRE(BodyField(ro, "/data/0/name") == "ro_queue");

  auto rw = client.Get("/api/v1/queues?include_stats=true", Bearer(world.rw_token));
  REQUIRE(BodyField(rw, "/pagination/total") == "2");
  REQUIRE(BodyField(rw, "/data/1/name") == "rw_queue");
  REQUIRE(BodyField(rw, "/data/1/ticket_count") == "2");

  auto none = client.Get("/api/v1/queues", Bearer(world.none_token));
  REQUIRE(none->status == 200);
  REQUIRE(BodyField(none, "/pagination/total") == "0");
  REQUIRE(BodyField(none, "/data") == "[]");

  for (const std::string& token : {world.cust_a_token, world.cust_b_token}) {
    auto customer = client.Get("/api/v1/queues", Bearer(token));
    REQUIRE(customer->status == 403);
    REQUIRE(BodyField(customer, "/code") == "core:forbidden");
  }
  REQUIRE(client.Get("/api/v1/queues")->status == 401);
  REQUIRE(client.Get("/api/v1/queues", Bearer("not-a-token"))->status == 401);
}

TEST_CASE("Queue list filters and pagination edges") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  auto auth = Bearer(world.admin_token);

  auto page2 = client.Get("/api/v1/queues?limit=4&page=2", auth);
  REQUIRE(BodyField(page2, "/pagination/total_pages") == "2");
  REQUIRE(BodyField(page2, "/pagination/has_prev") == "true");
  REQUIRE(BodyField(page2, "/pagination/has_next") == "false");
  REQUIRE(BodyField(page2, "/data/1/name") == "rw_queue");
  auto beyond = client.Get("/api/v1/queues?page=50", auth);
  REQUIRE(beyond->status == 200);
  REQUIRE(BodyField(beyond, "/data") == "[]");
  auto lenient = client.Get("/api/v1/queues?page=-3&limit=abc", auth);
  REQUIRE(BodyField(lenient, "/pagination/page") == "1");
  REQUIRE(BodyField(lenient, "/pagination/per_page") == "20");
  auto clamped = client.Get("/api/v1/queues?limit=1000", auth);
  REQUIRE(BodyField(clamped, "/pagination/per_page") == "100");

  auto search = client.Get("/api/v1/queues?search=_QUEUE", auth);
  REQUIRE(BodyField(search, "/pagination/total") == "2");
  auto injection = client.Get("/api/v1/queues?search=%27%20OR%201%3D1%20--", auth);
  REQUIRE(injection->status == 200);
  REQUIRE(BodyField(injection, "/pagination/total") == "0");

  REQUIRE(client.Delete(Path(world.ro_queue), auth)->status == 409);  // has a ticket
  auto created =
      client.Post("/api/v1/queues", auth, R"({"name":"Spare","group_id":1})", "application/json");
  REQUIRE(created->status == 201);
  REQUIRE(client.Delete("/api/v1/queues/" + BodyField(created, "/data/id"), auth)->status == 200);
  REQUIRE(BodyField(client.Get("/api/v1/queues?valid=2", auth), "/pagination/total") == "1");
  REQUIRE(BodyField(client.Get("/api/v1/queues?valid=1", auth), "/pagination/total") == "6");
  REQUIRE(BodyField(client.Get("/api/v1/queues?valid=all", auth), "/pagination/total") == "7");
  REQUIRE(client.Get("/api/v1/queues?valid=yes", auth)->status == 400);
  REQUIRE(client.Get("/api/v1/queues?include_stats=maybe", auth)->status == 400);
}

TEST_CASE("GET /api/v1/queues/:id and /stats hide queues without ro") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();

  for (const std::string& suffix : {std::string(), std::string("/stats")}) {
    INFO(suffix);
    REQUIRE(client.Get(Path(world.rw_queue, suffix), Bearer(world.admin_token))->status == 200);
    REQUIRE(client.Get(Path(world.ro_queue, suffix), Bearer(world.ro_token))->status == 200);
    auto hidden = client.Get(Path(world.rw_queue, suffix), Bearer(world.ro_token));
    REQUIRE(hidden->status == 404);
    REQUIRE(BodyField(hidden, "/error") == "Queue not found");
    REQUIRE(client.Get(Path(world.rw_queue, suffix), Bearer(world.rw_token))->status == 200);
    REQUIRE(client.Get(Path(world.ro_queue, suffix), Bearer(world.none_token))->status == 404);
    REQUIRE(client.Get(Path(world.ro_queue, suffix), Bearer(world.cust_a_token))->status == 403);
    REQUIRE(client.Get(Path(999999, suffix), Bearer(world.admin_token))->status == 404);
    REQUIRE(client.Get(Path(world.ro_queue, suffix))->status == 401);
  }
  auto queue = client.Get(Path(world.ro_queue), Bearer(world.ro_token));
  REQUIRE(BodyField(queue, "/data/name") == "ro_queue");
  REQUIRE(BodyField(queue, "/data/group_id") == std::to_string(world.ro_group));
  REQUIRE(BodyField(queue, "/data/valid") == "true");
  auto stats = client.Get(Path(world.rw_queue, "/stats"), Bearer(world.rw_token));
  REQUIRE(BodyField(stats, "/data/queue_id") == std::to_string(world.rw_queue));
  REQUIRE(BodyField(stats, "/data/total_tickets") == "2");
  REQUIRE(BodyField(stats, "/data/open_tickets") == "2");

  for (const std::string bad : {"abc", "0", "-1", "1.5"}) {
    auto res = client.Get("/api/v1/queues/" + bad, Bearer(world.admin_token));
    REQUIRE(res->status == 400);
    REQUIRE(BodyField(res, "/error") == "Invalid queue ID");
  }
  REQUIRE(client.Get("/health")->status == 200);
}

TEST_CASE("Queue create, update and delete are for admins") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  auto admin = Bearer(world.admin_token);
  const std::string body = R"({"name":"Support","group_id":)" + std::to_string(world.rw_group) +
                           R"(,"comments":"alias","unlock_timeout":5,"extra":"ignored"})";

  for (const std::string& token :
       {world.ro_token, world.rw_token, world.none_token, world.cust_a_token}) {
    REQUIRE(client.Post("/api/v1/queues", Bearer(token), body, "application/json")->status == 403);
    REQUIRE(client.Put(Path(world.rw_queue), Bearer(token), R"({"name":"x"})", "application/json")
                ->status == 403);
    REQUIRE(client.Delete(Path(world.rw_queue), Bearer(token))->status == 403);
  }
  REQUIRE(client.Post("/api/v1/queues", body, "application/json")->status == 401);

  auto created = client.Post("/api/v1/queues", admin, body, "application/json");
  REQUIRE(created->status == 201);
  REQUIRE(BodyField(created, "/data/name") == "Support");
  REQUIRE(BodyField(created, "/data/comment") == "alias");
  REQUIRE(BodyField(created, "/data/unlock_timeout") == "5");
  const std::string id = BodyField(created, "/data/id");
  REQUIRE(
      client
          .Post("/api/v1/queues", admin, R"({"name":"support","group_id":1})", "application/json")
          ->status == 409);

  auto updated = client.Put("/api/v1/queues/" + id, admin,
                            R"({"name":"Support L2","follow_up_lock":1})", "application/json");
  REQUIRE(updated->status == 200);
  REQUIRE(BodyField(updated, "/data/name") == "Support L2");
  REQUIRE(BodyField(updated, "/data/follow_up_lock") == "1");
  REQUIRE(client.Put("/api/v1/queues/" + id, admin, R"({"name":"rw_queue"})", "application/json")
              ->status == 409);
  REQUIRE(
      client.Put("/api/v1/queues/" + id, admin, R"({"valid_id":3})", "application/json")->status ==
      400);
  REQUIRE(client.Put("/api/v1/queues/" + id, admin, R"({"follow_up_lock":2})", "application/json")
              ->status == 400);
  REQUIRE(
      client.Put("/api/v1/queues/999999", admin, R"({"name":"n"})", "application/json")->status ==
      404);

  auto deleted = client.Delete("/api/v1/queues/" + id, admin);
  REQUIRE(deleted->status == 200);
  REQUIRE(BodyField(deleted, "/data/deleted") == "true");
  REQUIRE(BodyField(deleted, "/data/id") == id);
  auto system = client.Delete(Path(1), admin);
  REQUIRE(system->status == 403);
  REQUIRE(BodyField(system, "/error") == "Cannot delete system queue");
}

TEST_CASE("Queue writes reject malformed bodies and wrong types") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  auto admin = Bearer(world.admin_token);
  const std::string group = std::to_string(world.ro_group);
  struct Case {
    std::string body;
    std::string error;
  };
  for (const Case& c :
       {Case{"{not json", "Invalid request body"},
        Case{R"({"name":5,"group_id":1})", "Invalid request body"},
        Case{R"({"name":"A","group_id":"1"})", "Invalid request body"},
        Case{R"({"name":"A","group_id":1,"group_access":["x"]})", "Invalid request body"},
        Case{R"({"name":"   ","group_id":1})", ""}, Case{R"({"name":"A"})", "group_id is required"},
        Case{R"({"name":"A","group_id":424242})", ""},
        Case{R"({"name":"A","group_id":1,"unlock_timeout":-1})", ""}}) {
    INFO(c.body);
    auto res = client.Post("/api/v1/queues", admin, c.body, "application/json");
    REQUIRE(res->status == 400);
    if (!c.error.empty()) REQUIRE(BodyField(res, "/error") == c.error);
  }
  auto sql = client.Post("/api/v1/queues", admin,
                         R"({"name":"x'); DROP TABLE queue; --","group_id":)" + group + "}",
                         "application/json");
  REQUIRE(sql->status == 201);
  REQUIRE(BodyField(sql, "/data/name") == "x'); DROP TABLE queue; --");
  REQUIRE(client.Get("/api/v1/queues", admin)->status == 200);
  REQUIRE(client.Get("/health")->status == 200);
}

TEST_CASE("API tokens need queues:read for queue reads and admin:* for writes") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  Helpdesk& hd = server.helpdesk();

  const std::string tickets_only = ScopedToken(hd, world.ro_token, {"tickets:read"});
  auto refused = client.Get("/api/v1/queues", Bearer(tickets_only));
  REQUIRE(refused->status == 403);
  REQUIRE(BodyField(refused, "/error") == "Token missing required scope: queues:read");
  REQUIRE(client.Get(Path(world.ro_queue, "/stats"), Bearer(tickets_only))->status == 403);
  // An invisible queue is 404 before a missing scope is 403 (security.md §9.1).
  REQUIRE(client.Get(Path(world.rw_queue), Bearer(tickets_only))->status == 404);

  const std::string queues = ScopedToken(hd, world.ro_token, {"queues:read"});
  auto listed = client.Get("/api/v1/queues", Bearer(queues));
  REQUIRE(listed->status == 200);
  REQUIRE(BodyField(listed, "/pagination/total") == "1");
  REQUIRE(client.Get(Path(world.ro_queue), Bearer(queues))->status == 200);
  REQUIRE(client.Get(Path(world.rw_queue), Bearer(queues))->status == 404);  // scopes only narrow

  const std::string admin_read = ScopedToken(hd, world.admin_token, {"queues:read"});
  const std::string body = R"({"name":"ByToken","group_id":1})";
  auto no_admin_scope = client.Post("/api/v1/queues", Bearer(admin_read), body, "application/json");
  REQUIRE(no_admin_scope->status == 403);
  REQUIRE(BodyField(no_admin_scope, "/error") == "Token missing required scope: admin:*");
  const std::string admin_all = ScopedToken(hd, world.admin_token, {"admin:*", "queues:read"});
  REQUIRE(client.Post("/api/v1/queues", Bearer(admin_all), body, "application/json")->status ==
          201);
  const std::string inherit = ScopedToken(hd, world.admin_token, {});
  REQUIRE(client.Get(Path(world.rw_queue), Bearer(inherit))->status == 200);
}

}  // namespace
}  // namespace goatflow
