// Search over HTTP (api-v1.md §8): the search box, ticket search with list
// filters and pagination, agent search, suggestions; permissions and bad input.

#include <boost/json.hpp>

#include "goatflow/tickets.h"
#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::Bearer;
using testing::BodyField;
using testing::PermissionWorld;
using testing::TestServer;

void AddArticle(Helpdesk& hd, std::int64_t ticket, const std::string& body, bool internal) {
  AddArticleRequest request;
  request.body = body;
  request.article_type = internal ? "note-internal" : "email-external";
  REQUIRE_OK(hd.Tickets().AddArticle(RequestContext::LocalOperator(), ticket, request));
}

std::string Get(httplib::Client& client, const std::string& path, const std::string& token,
                int expected_status) {
  auto res = client.Get(path, Bearer(token));
  REQUIRE(res);
  INFO(path << " -> " << res->body);
  REQUIRE(res->status == expected_status);
  return res->body;
}

TEST_CASE("GET /api/v1/search/tickets ranks visible tickets and pages them") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  AddArticle(server.helpdesk(), world.ro_ticket, "quantum flux capacitor", false);
  AddArticle(server.helpdesk(), world.rw_ticket, "flux audit secret", true);
  auto client = server.Client();

  // Titles are "Ticket for cust_a" (two) and "Ticket for cust_b".
  auto admin = boost::json::parse(
      Get(client, "/api/v1/search/tickets?q=ticket&limit=2", world.admin_token, 200));
  REQUIRE(admin.at("data").as_array().size() == 2);
  REQUIRE(admin.at("pagination").at("total").as_int64() == 3);
  REQUIRE(admin.at("pagination").at("has_next").as_bool());
  auto last = boost::json::parse(
      Get(client, "/api/v1/search/tickets?q=ticket&limit=2&page=2", world.admin_token, 200));
  REQUIRE(last.at("data").as_array().size() == 1);
  REQUIRE(boost::json::parse(Get(client, "/api/v1/search/tickets?q=ticket&page=9",
                                 world.admin_token, 200))
              .at("data")
              .as_array()
              .empty());

  // Article text needs fulltext=true; agent_ro sees only ro_queue.
  REQUIRE(BodyField(client.Get("/api/v1/search/tickets?q=flux", Bearer(world.admin_token)),
                    "/pagination/total") == "0");
  auto flux = client.Get("/api/v1/search/tickets?q=flux&fulltext=true", Bearer(world.ro_token));
  REQUIRE(BodyField(flux, "/pagination/total") == "1");
  REQUIRE(BodyField(flux, "/data/0/id") == std::to_string(world.ro_ticket));
  REQUIRE_THAT(BodyField(flux, "/data/0/snippet"), Catch::Contains("<mark>flux</mark>"));
  REQUIRE(BodyField(client.Get("/api/v1/search/tickets?q=flux&fulltext=true",
                               Bearer(world.admin_token)),
                    "/pagination/total") == "2");
  REQUIRE(BodyField(client.Get("/api/v1/search/tickets?q=ticket", Bearer(world.none_token)),
                    "/pagination/total") == "0");

  // Customers: own tickets, never internal notes.
  REQUIRE(BodyField(client.Get("/api/v1/search/tickets?q=ticket", Bearer(world.cust_b_token)),
                    "/pagination/total") == "1");
  REQUIRE(BodyField(client.Get("/api/v1/search/tickets?q=audit&fulltext=true",
                               Bearer(world.cust_a_token)),
                    "/pagination/total") == "0");
  REQUIRE(BodyField(client.Get("/api/v1/search/tickets?q=quantum&fulltext=1",
                               Bearer(world.cust_a_token)),
                    "/pagination/total") == "1");

  // List filters combine with the query.
  std::string in_queue = "/api/v1/search/tickets?q=ticket&queue_id=" + std::to_string(world.rw_queue);
  REQUIRE(BodyField(client.Get(in_queue, Bearer(world.admin_token)), "/pagination/total") == "2");
  REQUIRE(BodyField(client.Get("/api/v1/search/tickets?q=ticket%20queue:rw_queue",
                               Bearer(world.admin_token)),
                    "/pagination/total") == "2");
}

TEST_CASE("Search endpoints refuse bad input with 400 and stay healthy") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  REQUIRE(client.Get("/api/v1/search/tickets?q=x")->status == 401);
  const std::string bad[] = {
      "/api/v1/search/tickets",
      "/api/v1/search/tickets?q=",
      "/api/v1/search/tickets?q=%20%20",
      "/api/v1/search/tickets?q=-only",
      "/api/v1/search/tickets?q=" + std::string(300, 'a'),
      "/api/v1/search/tickets?q=caf%C3",
      "/api/v1/search/tickets?q=x%20status:sleeping",
      "/api/v1/search/tickets?q=x&fulltext=maybe",
      "/api/v1/search/tickets?q=x&queue_id=abc",
      "/api/v1/search?q=",
      "/api/v1/search?q=x&types=tickets,bogus",
      "/api/v1/search/users?q=",
  };
  for (const std::string& path : bad) Get(client, path, world.admin_token, 400);
  // Hostile FTS syntax is data: results (possibly none) or a clear 400, never a
  // server error; "*", "^" and ":" alone hold no word to look for.
  for (const char* q : {"%22unbalanced", "NEAR(a%20b)", "a%20OR%20b", "'%20OR%201=1--",
                        "%7Btitle%7D:x", "x%22*"}) {
    Get(client, std::string("/api/v1/search/tickets?q=") + q, world.admin_token, 200);
    Get(client, std::string("/api/v1/search?q=") + q, world.admin_token, 200);
  }
  for (const char* q : {"*", "%5E", ":"}) {
    auto res = client.Get(std::string("/api/v1/search/tickets?q=") + q, Bearer(world.admin_token));
    REQUIRE(res->status == 400);
    REQUIRE(BodyField(res, "/error") == "Search query required");
  }
  REQUIRE(client.Get("/health")->status == 200);
}

TEST_CASE("GET /api/v1/search returns only the requested types with their totals") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  AddArticle(server.helpdesk(), world.rw_ticket, "printer toner empty", false);
  auto client = server.Client();
  auto all = boost::json::parse(Get(client, "/api/v1/search?q=agent", world.rw_token, 200));
  const auto& data = all.at("data").as_object();
  REQUIRE(data.at("query").as_string() == "agent");
  REQUIRE(data.contains("tickets"));
  REQUIRE(data.contains("articles"));
  REQUIRE(data.at("counts").at("users").as_int64() == 3);  // agent_ro, agent_rw, agent_none
  REQUIRE(data.at("users").as_array()[0].at("type").as_string() == "user");

  auto tickets_only = boost::json::parse(
      Get(client, "/api/v1/search?q=toner&types=articles", world.rw_token, 200));
  const auto& only = tickets_only.at("data").as_object();
  REQUIRE_FALSE(only.contains("tickets"));
  REQUIRE_FALSE(only.contains("users"));
  REQUIRE(only.at("counts").at("articles").as_int64() == 1);
  REQUIRE(only.at("articles").as_array()[0].at("ticket_id").as_int64() == world.rw_ticket);

  auto customer = boost::json::parse(Get(client, "/api/v1/search?q=agent", world.cust_a_token, 200));
  REQUIRE_FALSE(customer.at("data").as_object().contains("users"));
  REQUIRE(Get(client, "/api/v1/search?q=toner&types=articles", world.ro_token, 200)
              .find("\"articles\":0") != std::string::npos);
}

TEST_CASE("Agent search and suggestions over HTTP") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  auto users = client.Get("/api/v1/search/users?q=agent_r", Bearer(world.ro_token));
  REQUIRE(users->status == 200);
  REQUIRE(BodyField(users, "/pagination/total") == "2");
  REQUIRE(client.Get("/api/v1/search/users?q=agent", Bearer(world.cust_a_token))->status == 403);

  auto queues = client.Get("/api/v1/search/suggestions?q=rw_", Bearer(world.rw_token));
  REQUIRE(queues->status == 200);
  REQUIRE(BodyField(queues, "/data/0/type") == "queue");
  REQUIRE(BodyField(queues, "/data/0/value") == "rw_queue");
  auto hidden = client.Get("/api/v1/search/suggestions?q=rw_", Bearer(world.ro_token));
  REQUIRE(BodyField(hidden, "/data") == "[]");
  auto tickets = client.Get("/api/v1/search/suggestions?q=Ticket%20for", Bearer(world.cust_b_token));
  REQUIRE(BodyField(tickets, "/data/0/id") == std::to_string(world.ticket_b));
  REQUIRE(BodyField(tickets, "/data/1") == "<absent>");
  REQUIRE(BodyField(client.Get("/api/v1/search/suggestions?q=T", Bearer(world.rw_token)),
                    "/data") == "[]");
}

TEST_CASE("Saved searches over HTTP: round trip, URL-encoded names, owners only") {
  TestServer server;
  PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  const std::string json = "application/json";

  auto created = client.Post(
      "/api/v1/search/saved", Bearer(world.rw_token),
      R"({"name":"My open tickets","filters":{"status":"open","queue_id":)" +
          std::to_string(world.rw_queue) + "}}",
      json.c_str());
  REQUIRE(created);
  INFO(created->body);
  REQUIRE(created->status == 201);
  REQUIRE(BodyField(created, "/data/name") == "My open tickets");
  REQUIRE(BodyField(created, "/data/type") == "TicketSearch");
  REQUIRE(BodyField(created, "/data/parameters/queue_id") == std::to_string(world.rw_queue));

  auto again = client.Post("/api/v1/search/saved", Bearer(world.rw_token),
                           R"({"name":"My open tickets","parameters":{}})", json.c_str());
  REQUIRE(again->status == 409);
  auto bad = client.Post("/api/v1/search/saved", Bearer(world.rw_token),
                         R"({"name":"x","parameters":{"colour":"red"}})", json.c_str());
  REQUIRE(bad->status == 400);
  REQUIRE(BodyField(bad, "/error") == "Unknown search parameter: colour");
  REQUIRE(client.Post("/api/v1/search/saved", Bearer(world.rw_token),
                      R"({"name":"x","parameters":{"status":["open"]}})", json.c_str())
              ->status == 400);
  REQUIRE(client.Post("/api/v1/search/saved", Bearer(world.rw_token), R"({"parameters":{}})",
                      json.c_str())
              ->status == 400);

  auto list = client.Get("/api/v1/search/saved", Bearer(world.rw_token));
  REQUIRE(list->status == 200);
  REQUIRE(BodyField(list, "/pagination/total") == "1");
  REQUIRE(BodyField(list, "/data/0/parameters/status") == "open");

  const std::string item = "/api/v1/search/saved/My%20open%20tickets";
  auto got = client.Get(item, Bearer(world.rw_token));
  REQUIRE(got->status == 200);
  REQUIRE(BodyField(got, "/data/name") == "My open tickets");
  REQUIRE(client.Get(item, Bearer(world.ro_token))->status == 404);  // not the owner
  REQUIRE(client.Get(item)->status == 401);

  auto run = client.Post(item + "/execute?limit=5", Bearer(world.rw_token), "", json.c_str());
  REQUIRE(run);
  INFO(run->body);
  REQUIRE(run->status == 200);
  REQUIRE(BodyField(run, "/pagination/total") == "2");  // rw_ticket and ticket_b
  REQUIRE(BodyField(run, "/data/0/queue_id") == std::to_string(world.rw_queue));
  auto one = client.Post(item + "/execute?limit=1&customer_user_id=cust_b", Bearer(world.rw_token),
                         "", json.c_str());
  REQUIRE(BodyField(one, "/pagination/total") == "1");
  REQUIRE(BodyField(one, "/data/0/id") == std::to_string(world.ticket_b));
  REQUIRE(client.Post(item + "/execute", Bearer(world.ro_token), "", json.c_str())->status == 404);

  auto renamed = client.Put(item, Bearer(world.rw_token),
                            R"({"name":"Renamed","parameters":{"status":"closed"}})", json.c_str());
  REQUIRE(renamed->status == 200);
  REQUIRE(BodyField(renamed, "/data/parameters/status") == "closed");
  REQUIRE(client.Get(item, Bearer(world.rw_token))->status == 404);
  auto none = client.Post("/api/v1/search/saved/Renamed/execute", Bearer(world.rw_token), "",
                          json.c_str());
  REQUIRE(BodyField(none, "/pagination/total") == "0");

  REQUIRE(client.Delete("/api/v1/search/saved/Renamed", Bearer(world.ro_token))->status == 404);
  auto deleted = client.Delete("/api/v1/search/saved/Renamed", Bearer(world.rw_token));
  REQUIRE(deleted->status == 200);
  REQUIRE(BodyField(deleted, "/data/deleted") == "true");
  REQUIRE(client.Get("/api/v1/search/saved/Renamed", Bearer(world.rw_token))->status == 404);

  // A token without tickets:read cannot reach them.
  std::string narrow = testing::ScopedToken(server.helpdesk(), world.rw_token, {"queues:read"});
  REQUIRE(client.Get("/api/v1/search/saved", Bearer(narrow))->status == 403);
}

}  // namespace
}  // namespace goatflow
