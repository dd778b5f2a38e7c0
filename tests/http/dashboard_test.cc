// /api/v1/dashboard/* (api-v1.md §9, security.md §9.2): credentials, scopes,
// per-caller figures, notifications and their read marks, charts; and the
// server's background job runner.

#include <chrono>
#include <string>

#include "goatflow/dashboard.h"
#include "goatflow/tickets.h"
#include "http/http_fixture.h"
#include "server/job_runner.h"

namespace goatflow {
namespace {

using testing::Bearer;
using testing::BodyField;
using testing::PermissionWorld;
using testing::ScopedToken;
using testing::TestServer;

const std::vector<std::string> kReadRoutes = {
    "/api/v1/dashboard/stats",
    "/api/v1/dashboard/activity",
    "/api/v1/dashboard/my-tickets",
    "/api/v1/dashboard/notifications",
    "/api/v1/dashboard/charts/tickets-by-status",
    "/api/v1/dashboard/charts/tickets-by-priority",
    "/api/v1/dashboard/charts/tickets-over-time?days=7",
};

TEST_CASE("Dashboard routes need a credential") {
  TestServer server;
  auto client = server.Client();
  for (const std::string& path : kReadRoutes) {
    INFO(path);
    auto res = client.Get(path);
    REQUIRE(res->status == 401);
    REQUIRE(BodyField(res, "/success") == "false");
  }
  auto read = client.Post("/api/v1/dashboard/notifications/1/read", "", "application/json");
  REQUIRE(read->status == 401);
}

TEST_CASE("Dashboard stats are filtered per caller") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  auto stats = [&](const std::string& token, const std::string& field) {
    auto res = client.Get("/api/v1/dashboard/stats", Bearer(token));
    REQUIRE(res->status == 200);
    return BodyField(res, "/data/" + field);
  };
  REQUIRE(stats(world.admin_token, "total_tickets") == "3");
  REQUIRE(stats(world.admin_token, "created_today") == "3");
  REQUIRE(stats(world.admin_token, "avg_response_time") == "null");
  REQUIRE(stats(world.ro_token, "total_tickets") == "1");    // ro_queue only
  REQUIRE(stats(world.rw_token, "total_tickets") == "3");    // both queues
  REQUIRE(stats(world.none_token, "total_tickets") == "0");  // no queue
  REQUIRE(stats(world.cust_a_token, "total_tickets") == "2");  // own tickets only
  REQUIRE(stats(world.cust_a_token, "my_tickets") == "2");
  REQUIRE(stats(world.cust_b_token, "total_tickets") == "1");
  REQUIRE(stats(world.cust_b_token, "open_tickets") == "1");

  auto chart = client.Get("/api/v1/dashboard/charts/tickets-by-status", Bearer(world.ro_token));
  REQUIRE(chart->status == 200);
  REQUIRE(BodyField(chart, "/data/labels") == R"(["new"])");
  REQUIRE(BodyField(chart, "/data/data") == "[1]");
  auto days = client.Get("/api/v1/dashboard/charts/tickets-over-time?days=3",
                         Bearer(world.cust_b_token));
  REQUIRE(days->status == 200);
  REQUIRE(BodyField(days, "/data/datasets/0/label") == "Created");
  REQUIRE(BodyField(days, "/data/datasets/0/data") == "[0,0,1]");
  auto bad = client.Get("/api/v1/dashboard/charts/tickets-over-time?days=abc",
                        Bearer(world.admin_token));
  REQUIRE(bad->status == 400);

  auto activity = client.Get("/api/v1/dashboard/activity?limit=1", Bearer(world.ro_token));
  REQUIRE(activity->status == 200);
  REQUIRE(BodyField(activity, "/data/0/ticket_id") == std::to_string(world.ro_ticket));
  REQUIRE(BodyField(activity, "/pagination/per_page") == "1");

  auto mine = client.Get("/api/v1/dashboard/my-tickets", Bearer(world.cust_b_token));
  REQUIRE(mine->status == 200);
  REQUIRE(BodyField(mine, "/pagination/total") == "1");
  REQUIRE(BodyField(mine, "/data/0/id") == std::to_string(world.ticket_b));
}

TEST_CASE("Dashboard scopes: tickets:read for figures, none for notifications") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  std::string queues_only = ScopedToken(server.helpdesk(), world.admin_token, {"queues:read"});
  for (const std::string& path : kReadRoutes) {
    INFO(path);
    auto res = client.Get(path, Bearer(queues_only));
    if (path == "/api/v1/dashboard/notifications") {
      REQUIRE(res->status == 200);
    } else {
      REQUIRE(res->status == 403);
      REQUIRE(BodyField(res, "/error") == "Token missing required scope: tickets:read");
    }
  }
  std::string readers = ScopedToken(server.helpdesk(), world.admin_token, {"tickets:read"});
  REQUIRE(client.Get("/api/v1/dashboard/stats", Bearer(readers))->status == 200);
}

TEST_CASE("Notifications list, unread count and mark read over HTTP") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  // The operator assigns the rw ticket to agent_rw: one notification for agent_rw.
  AssignTicketRequest assign;
  assign.owner_id = world.agent_rw;
  REQUIRE(server.helpdesk()
              .Tickets()
              .Assign(RequestContext::LocalOperator(), world.rw_ticket, assign)
              .ok());

  auto list = client.Get("/api/v1/dashboard/notifications", Bearer(world.rw_token));
  REQUIRE(list->status == 200);
  REQUIRE(BodyField(list, "/data/unread_count") == "1");
  REQUIRE(BodyField(list, "/data/notifications/0/type") == "ticket_assigned");
  REQUIRE(BodyField(list, "/data/notifications/0/read") == "false");
  REQUIRE(BodyField(list, "/pagination/total") == "1");
  std::string id = BodyField(list, "/data/notifications/0/id");

  auto others = client.Post("/api/v1/dashboard/notifications/" + id + "/read",
                            Bearer(world.ro_token), "", "application/json");
  REQUIRE(others->status == 404);
  REQUIRE(BodyField(others, "/code") == "core:not_found");
  auto customer = client.Post("/api/v1/dashboard/notifications/" + id + "/read",
                              Bearer(world.cust_a_token), "", "application/json");
  REQUIRE(customer->status == 404);
  auto bad = client.Post("/api/v1/dashboard/notifications/x/read", Bearer(world.rw_token), "",
                         "application/json");
  REQUIRE(bad->status == 400);

  auto read = client.Post("/api/v1/dashboard/notifications/" + id + "/read",
                          Bearer(world.rw_token), "", "application/json");
  REQUIRE(read->status == 200);
  REQUIRE(BodyField(read, "/data/id") == id);
  REQUIRE(BodyField(read, "/data/read") == "true");
  auto unread = client.Get("/api/v1/dashboard/notifications?unread_only=true",
                           Bearer(world.rw_token));
  REQUIRE(BodyField(unread, "/data/notifications") == "[]");
  REQUIRE(BodyField(unread, "/data/unread_count") == "0");
  auto bad_flag = client.Get("/api/v1/dashboard/notifications?unread_only=maybe",
                             Bearer(world.rw_token));
  REQUIRE(bad_flag->status == 400);
}

TEST_CASE("The job runner runs at start and stops cleanly") {
  TestServer server;
  server::JobRunner runner(server.helpdesk(), std::chrono::hours(1));
  runner.Start();
  REQUIRE(runner.WaitForRuns(1, std::chrono::seconds(60)));
  runner.Stop();  // wakes the hour-long wait
  REQUIRE(runner.runs() == 1);
  runner.Stop();  // idempotent
}

}  // namespace
}  // namespace goatflow
