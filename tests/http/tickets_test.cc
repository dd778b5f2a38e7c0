// GET/POST /api/v1/tickets, GET/PUT/DELETE /api/v1/tickets/:id and
// GET /api/v1/queues/:id/tickets over HTTP (api-v1.md §4.1-4.5, security.md §9):
// the permission matrix, filters, pagination, bodies and API-token scopes.

#include "goatflow/tickets.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "http/ticket_test_support.h"

namespace goatflow {
namespace {

using testing::Bearer;
using testing::BodyField;
using testing::DataId;
using testing::DataSize;
using testing::kJson;
using testing::PermissionWorld;
using testing::RequireError;
using testing::RequireStillHealthy;
using testing::ScopedToken;
using testing::Status;
using testing::TestServer;

TEST_CASE("GET /api/v1/tickets shows each caller the tickets they may see") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  RequireError(client.Get("/api/v1/tickets"), 401, "core:unauthorized");
  RequireError(client.Get("/api/v1/tickets", Bearer("not-a-token")), 401, "core:invalid_token");

  auto admin = client.Get("/api/v1/tickets", Bearer(w.admin_token));
  REQUIRE(Status(admin) == 200);
  REQUIRE(BodyField(admin, "/pagination/total") == "3");
  auto ro = client.Get("/api/v1/tickets", Bearer(w.ro_token));
  REQUIRE(BodyField(ro, "/pagination/total") == "1");
  REQUIRE(BodyField(ro, "/data/0/id") == std::to_string(w.ro_ticket));
  REQUIRE(BodyField(client.Get("/api/v1/tickets", Bearer(w.rw_token)), "/pagination/total") == "3");
  auto none = client.Get("/api/v1/tickets", Bearer(w.none_token));
  REQUIRE(Status(none) == 200);
  REQUIRE(DataSize(none) == 0);
  REQUIRE(BodyField(none, "/pagination/total_pages") == "0");
  auto cust_a = client.Get("/api/v1/tickets", Bearer(w.cust_a_token));
  REQUIRE(BodyField(cust_a, "/pagination/total") == "2");
  // Owner filters are ignored for customers; their own tickets only.
  auto cust_b = client.Get("/api/v1/tickets?owner_id=1", Bearer(w.cust_b_token));
  REQUIRE(BodyField(cust_b, "/pagination/total") == "1");
  REQUIRE(BodyField(cust_b, "/data/0/id") == std::to_string(w.ticket_b));
  REQUIRE(BodyField(cust_b, "/data/0/customer_user_id") == "cust_b");
  REQUIRE(BodyField(cust_b, "/data/0/articles") == "<absent>");
}

TEST_CASE("GET /api/v1/tickets filters, validates filters and treats SQL as data") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto admin = Bearer(w.admin_token);
  auto total = [&](const std::string& query) {
    auto res = client.Get("/api/v1/tickets?" + query, admin);
    INFO(query << " -> " << res->body);
    REQUIRE(Status(res) == 200);
    return BodyField(res, "/pagination/total");
  };
  REQUIRE(total("status=open") == "3");  // new counts as open
  REQUIRE(total("status=closed,pending") == "0");
  REQUIRE(total("status=NEW") == "3");
  REQUIRE(total("priority=normal") == "3");
  REQUIRE(total("priority=high,5") == "0");
  REQUIRE(total("priority_id=3") == "3");
  REQUIRE(total(fmt::format("queue_id={}", w.rw_queue)) == "2");
  REQUIRE(total(fmt::format("queue={},{}", w.rw_queue, w.ro_queue)) == "3");
  REQUIRE(total("customer_user_id=cust_b") == "1");
  REQUIRE(total("customer_id=acme") == "3");
  REQUIRE(total("owner_id=1") == "3");
  REQUIRE(total("assigned_to=999") == "0");
  REQUIRE(total("search=cust_b") == "1");
  REQUIRE(total("q=Ticket%20for") == "3");
  REQUIRE(total("customer_user_id=x%27%20OR%20%271%27%3D%271") == "0");
  REQUIRE(total("search=%27%3B%20DROP%20TABLE%20ticket%3B--") == "0");
  REQUIRE(total("archived=all") == "3");
  REQUIRE(total("archived=true") == "0");
  REQUIRE(total("created_after=2000-01-01T00:00:00Z") == "3");
  REQUIRE(total("created_before=2000-01-01T00:00:00Z") == "0");

  RequireError(client.Get("/api/v1/tickets?status=bogus", admin), 400, "core:validation_failed",
               "Invalid status filter");
  RequireError(client.Get("/api/v1/tickets?status=open%27%20OR%201%3D1--", admin), 400,
               "core:validation_failed", "Invalid status filter");
  RequireError(client.Get("/api/v1/tickets?priority=urgentest", admin), 400,
               "core:validation_failed", "Invalid priority filter");
  RequireError(client.Get("/api/v1/tickets?queue_id=abc", admin), 400, "core:validation_failed",
               "Invalid queue_id filter");
  RequireError(client.Get("/api/v1/tickets?state_id=1%20OR%201", admin), 400,
               "core:validation_failed", "Invalid state_id filter");
  RequireError(client.Get("/api/v1/tickets?created_after=yesterday", admin), 400,
               "core:validation_failed");

  // Sorting and includes.
  auto asc =
      client.Get("/api/v1/tickets?sort=id&order=asc&include=article_count,last_article", admin);
  REQUIRE(BodyField(asc, "/data/0/id") == std::to_string(w.ro_ticket));
  REQUIRE(BodyField(asc, "/data/0/article_count") == "1");
  REQUIRE(BodyField(asc, "/data/0/last_article/subject") == "Ticket for cust_a");
  auto desc = client.Get("/api/v1/tickets?sort=id&order=sideways", admin);
  REQUIRE(BodyField(desc, "/data/0/id") == std::to_string(w.ticket_b));
  REQUIRE(BodyField(desc, "/data/0/article_count") == "<absent>");
  RequireStillHealthy(client);
}

TEST_CASE("GET /api/v1/tickets pages at the edges") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  for (int i = 0; i < 22; ++i) {
    CreateTicketRequest request;
    request.title = fmt::format("Bulk {}", i);
    request.queue_id = w.rw_queue;
    REQUIRE_OK(server.helpdesk().Tickets().Create(RequestContext::LocalOperator(), request));
  }
  auto client = server.Client();
  auto admin = Bearer(w.admin_token);
  auto first = client.Get("/api/v1/tickets", admin);  // 25 tickets
  REQUIRE(DataSize(first) == 20);
  REQUIRE(BodyField(first, "/pagination/page") == "1");
  REQUIRE(BodyField(first, "/pagination/per_page") == "20");
  REQUIRE(BodyField(first, "/pagination/total") == "25");
  REQUIRE(BodyField(first, "/pagination/total_pages") == "2");
  REQUIRE(BodyField(first, "/pagination/has_next") == "true");
  REQUIRE(BodyField(first, "/pagination/has_prev") == "false");
  auto second = client.Get("/api/v1/tickets?page=2", admin);
  REQUIRE(DataSize(second) == 5);
  REQUIRE(BodyField(second, "/pagination/has_next") == "false");
  REQUIRE(BodyField(second, "/pagination/has_prev") == "true");
  auto beyond = client.Get("/api/v1/tickets?page=9", admin);
  REQUIRE(Status(beyond) == 200);
  REQUIRE(DataSize(beyond) == 0);
  REQUIRE(BodyField(beyond, "/pagination/total") == "25");
  for (const char* limit : {"0", "-1", "abc", ""}) {
    auto res = client.Get(std::string("/api/v1/tickets?limit=") + limit, admin);
    INFO(limit);
    REQUIRE(BodyField(res, "/pagination/per_page") == "20");
  }
  auto clamped = client.Get("/api/v1/tickets?limit=1000", admin);
  REQUIRE(BodyField(clamped, "/pagination/per_page") == "100");
  REQUIRE(DataSize(clamped) == 25);
  auto seven = client.Get("/api/v1/tickets?per_page=7&page=4", admin);
  REQUIRE(DataSize(seven) == 4);
  REQUIRE(BodyField(seven, "/pagination/total_pages") == "4");
  auto offset = client.Get("/api/v1/tickets?limit=10&offset=20", admin);
  REQUIRE(BodyField(offset, "/pagination/page") == "3");
  REQUIRE(DataSize(offset) == 5);
  auto bad_page = client.Get("/api/v1/tickets?page=-3", admin);
  REQUIRE(BodyField(bad_page, "/pagination/page") == "1");
}

TEST_CASE("POST /api/v1/tickets creates from JSON with aliases and the article form") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto body = fmt::format(
      R"({{"subject":"Printer on fire","queue_id":{},"description":"Smoke!","priority":"high",)"
      R"("customer_user_id":"cust_b","unknown_field":[1,2]}})",
      w.rw_queue);
  auto res = client.Post("/api/v1/tickets", Bearer(w.rw_token), body, kJson);
  REQUIRE(Status(res) == 201);
  std::int64_t id = DataId(res);
  REQUIRE(res->get_header_value("Location") == fmt::format("/api/v1/tickets/{}", id));
  REQUIRE(BodyField(res, "/data/title") == "Printer on fire");
  REQUIRE(BodyField(res, "/data/priority") == "4 high");
  REQUIRE(BodyField(res, "/data/ticket_priority_id") == BodyField(res, "/data/priority_id"));
  REQUIRE(BodyField(res, "/data/ticket_state_id") == BodyField(res, "/data/state_id"));
  REQUIRE(BodyField(res, "/data/state") == "new");
  REQUIRE(BodyField(res, "/data/lock") == "unlock");
  REQUIRE(BodyField(res, "/data/customer_id") == "acme");
  REQUIRE(BodyField(res, "/data/article_count") == "1");
  // cust_b now sees it; the first article carries the description.
  auto seen =
      client.Get(fmt::format("/api/v1/tickets/{}?include=articles", id), Bearer(w.cust_b_token));
  REQUIRE(Status(seen) == 200);
  REQUIRE(BodyField(seen, "/data/articles/0/body") == "Smoke!");

  auto article_form =
      client.Post("/api/v1/tickets", Bearer(w.admin_token),
                  fmt::format(R"({{"title":"Form","queue_id":{},"article":{{"body":"<p>hi</p>",)"
                              R"("content_type":"text/html","subject":"First words",)"
                              R"("is_visible_for_customer":false}},"state":"open"}})",
                              w.ro_queue),
                  kJson);
  REQUIRE(Status(article_form) == 201);
  REQUIRE(BodyField(article_form, "/data/state") == "open");
  auto articles = client.Get(fmt::format("/api/v1/tickets/{}/articles", DataId(article_form)),
                             Bearer(w.admin_token));
  REQUIRE(BodyField(articles, "/data/0/body") == "<p>hi</p>");
  REQUIRE(BodyField(articles, "/data/0/content_type").rfind("text/html", 0) == 0);
  REQUIRE(BodyField(articles, "/data/0/subject") == "First words");
  REQUIRE(BodyField(articles, "/data/0/is_visible_for_customer") == "false");
  RequireError(client.Post("/api/v1/tickets", Bearer(w.admin_token),
                           fmt::format(R"({{"title":"T","queue_id":{},"article":{{"body":"b",)"
                                       R"("subject":"{}"}}}})",
                                       w.ro_queue, std::string(256, 's')),
                           kJson),
               400, "core:validation_failed", "subject too long");

  // A customer's ticket goes to the default queue with their identity.
  auto customer =
      client.Post("/api/v1/tickets", Bearer(w.cust_a_token),
                  R"({"title":"Help","body":"Please","customer_user_id":"cust_b"})", kJson);
  REQUIRE(Status(customer) == 201);
  REQUIRE(BodyField(customer, "/data/customer_user_id") == "cust_a");
  REQUIRE(BodyField(customer, "/data/queue") == "Raw");
  REQUIRE(BodyField(customer, "/data/owner_id") == "1");
}

TEST_CASE("POST /api/v1/tickets accepts form bodies") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto urlencoded = client.Post(
      "/api/v1/tickets", Bearer(w.rw_token),
      fmt::format("title=From+a+form&queue_id={}&body=Line%201&priority_id=5", w.rw_queue),
      "application/x-www-form-urlencoded");
  REQUIRE(Status(urlencoded) == 201);
  REQUIRE(BodyField(urlencoded, "/data/title") == "From a form");
  REQUIRE(BodyField(urlencoded, "/data/priority_id") == "5");

  httplib::MultipartFormDataItems items = {
      {"subject", "Multipart ticket", "", ""},
      {"queue_id", std::to_string(w.rw_queue), "", ""},
      {"description", "See the log", "", ""},
      {"attachments", "line one\nline two\n", "log.txt", "text/plain"},
  };
  auto multipart = client.Post("/api/v1/tickets", Bearer(w.rw_token), items);
  REQUIRE(Status(multipart) == 201);
  std::int64_t id = DataId(multipart);
  auto articles = client.Get(
      fmt::format("/api/v1/tickets/{}/articles?include_attachments=true", id), Bearer(w.rw_token));
  REQUIRE(BodyField(articles, "/data/0/attachments/0/filename") == "log.txt");
  REQUIRE(BodyField(articles, "/data/0/attachments/0/size") == "18");

  RequireError(client.Post("/api/v1/tickets", Bearer(w.rw_token),
                           fmt::format("title=x&queue_id=abc", w.rw_queue),
                           "application/x-www-form-urlencoded"),
               400, "core:invalid_request");
}

TEST_CASE("POST /api/v1/tickets rejects bad input and enforces create permission") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto rw = Bearer(w.rw_token);
  auto post = [&](const httplib::Headers& who, const std::string& body) {
    return client.Post("/api/v1/tickets", who, body, kJson);
  };
  RequireError(client.Post("/api/v1/tickets", R"({"title":"x"})", kJson), 401, "core:unauthorized");
  RequireError(post(rw, R"({"title":)"), 400, "core:invalid_request", "Invalid request body");
  RequireError(post(rw, "[1,2]"), 400, "core:invalid_request", "Invalid request body");
  RequireError(post(rw, fmt::format(R"({{"title":5,"queue_id":{}}})", w.rw_queue)), 400,
               "core:invalid_request");
  RequireError(post(rw, R"({"title":"x","queue_id":"2"})"), 400, "core:invalid_request");
  RequireError(
      post(rw, fmt::format(R"({{"title":"x","queue_id":{},"article":"text"}})", w.rw_queue)), 400,
      "core:invalid_request");
  RequireError(post(rw, fmt::format(R"({{"queue_id":{}}})", w.rw_queue)), 400,
               "core:validation_failed", "title is required");
  RequireError(post(rw, R"({"title":"x"})"), 400, "core:validation_failed", "queue_id is required");
  RequireError(post(rw, R"({"title":"x","queue_id":99999})"), 400, "core:validation_failed",
               "invalid queue");
  RequireError(
      post(rw, fmt::format(R"({{"title":"{}","queue_id":{}}})", std::string(256, 'a'), w.rw_queue)),
      400, "core:validation_failed", "title too long");
  RequireError(post(rw, fmt::format(R"({{"title":"x","queue_id":{},"state":"pending reminder"}})",
                                    w.rw_queue)),
               400, "core:validation_failed", "pending state requires pending_until");
  RequireError(
      post(rw, fmt::format(
                   R"({{"title":"x","queue_id":{},"body":"b","attachments":[{{"filename":"a.txt",)"
                   R"("content_type":"text/plain","content_base64":"***"}}]}})",
                   w.rw_queue)),
      400, "core:invalid_request");
  // Permission: ro only, no groups, customers outside the open queues.
  RequireError(
      post(Bearer(w.ro_token), fmt::format(R"({{"title":"x","queue_id":{}}})", w.ro_queue)), 403,
      "core:forbidden", "No permission to create tickets in this queue");
  RequireError(
      post(Bearer(w.none_token), fmt::format(R"({{"title":"x","queue_id":{}}})", w.rw_queue)), 403,
      "core:forbidden");
  RequireError(
      post(Bearer(w.cust_a_token), fmt::format(R"({{"title":"x","queue_id":{}}})", w.rw_queue)),
      403, "core:forbidden");
  // 16 MiB on create: 2 MiB passes the size check (and then the library), 17 MiB does not.
  std::string big_body(2 * 1024 * 1024, 'b');
  auto two_mib =
      post(rw, fmt::format(R"({{"title":"Big","queue_id":{},"body":"{}"}})", w.rw_queue, big_body));
  REQUIRE(Status(two_mib) != 413);
  std::string huge(17 * 1024 * 1024, 'x');
  RequireError(
      post(rw, fmt::format(R"({{"title":"x","queue_id":{},"body":"{}"}})", w.rw_queue, huge)), 413,
      "core:invalid_request", "Request body too large");
  RequireStillHealthy(client);
}

TEST_CASE("POST /api/v1/tickets limits customers to 10 tickets an hour") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  for (int i = 0; i < 10; ++i) {
    auto res = client.Post("/api/v1/tickets", Bearer(w.cust_a_token),
                           fmt::format(R"({{"title":"Request {}"}})", i), kJson);
    INFO(i);
    REQUIRE(Status(res) == 201);
  }
  auto limited =
      client.Post("/api/v1/tickets", Bearer(w.cust_a_token), R"({"title":"One more"})", kJson);
  RequireError(limited, 429, "core:rate_limited");
  REQUIRE(!limited->get_header_value("Retry-After").empty());
  // Another customer and agents are unaffected.
  REQUIRE(Status(client.Post("/api/v1/tickets", Bearer(w.cust_b_token), R"({"title":"Mine"})",
                             kJson)) == 201);
  REQUIRE(Status(client.Post("/api/v1/tickets", Bearer(w.rw_token),
                             fmt::format(R"({{"title":"Agent","queue_id":{}}})", w.rw_queue),
                             kJson)) == 201);
}

TEST_CASE("GET /api/v1/tickets/:id follows the visibility matrix") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto path = fmt::format("/api/v1/tickets/{}", w.rw_ticket);
  RequireError(client.Get(path), 401, "core:unauthorized");
  RequireError(client.Get(path, Bearer("gf_bad_token")), 401, "core:invalid_token");
  auto admin = client.Get(path + "?include=articles,last_article", Bearer(w.admin_token));
  REQUIRE(Status(admin) == 200);
  REQUIRE(BodyField(admin, "/data/tn").size() >= 8);
  REQUIRE(BodyField(admin, "/data/article_count") == "1");
  REQUIRE(BodyField(admin, "/data/articles/0/body") == "First article");
  REQUIRE(BodyField(admin, "/data/last_article/id") == BodyField(admin, "/data/articles/0/id"));
  REQUIRE(Status(client.Get(path, Bearer(w.rw_token))) == 200);
  RequireError(client.Get(path, Bearer(w.ro_token)), 404, "core:not_found", "Ticket not found");
  RequireError(client.Get(path, Bearer(w.none_token)), 404, "core:not_found", "Ticket not found");
  REQUIRE(Status(client.Get(path, Bearer(w.cust_a_token))) == 200);
  RequireError(client.Get(path, Bearer(w.cust_b_token)), 404, "core:not_found");
  auto ro = client.Get(fmt::format("/api/v1/tickets/{}", w.ro_ticket), Bearer(w.ro_token));
  REQUIRE(Status(ro) == 200);
  REQUIRE(BodyField(ro, "/data/articles") == "<absent>");
  RequireError(client.Get("/api/v1/tickets/999999", Bearer(w.admin_token)), 404, "core:not_found");
  for (const char* bad : {"abc", "-1", "0", "1.5", "99999999999999999999", "1%20OR%201=1"}) {
    INFO(bad);
    RequireError(client.Get(std::string("/api/v1/tickets/") + bad, Bearer(w.admin_token)), 400,
                 "core:invalid_id", "Invalid ticket ID");
  }
  RequireStillHealthy(client);
}

TEST_CASE("PUT /api/v1/tickets/:id updates with rw and refuses the others") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto put = [&](std::int64_t id, const std::string& token, const std::string& body) {
    return client.Put(fmt::format("/api/v1/tickets/{}", id), Bearer(token), body, kJson);
  };
  auto ok = put(w.rw_ticket, w.rw_token,
                R"({"title":"Renamed","priority":"very high","ticket_lock_id":2,"ignored":1})");
  REQUIRE(Status(ok) == 200);
  REQUIRE(BodyField(ok, "/data/title") == "Renamed");
  REQUIRE(BodyField(ok, "/data/priority") == "5 very high");
  REQUIRE(BodyField(ok, "/data/lock") == "lock");
  REQUIRE(BodyField(ok, "/data/owner_id") == std::to_string(w.agent_rw));
  auto unlocked = put(w.rw_ticket, w.rw_token, R"({"lock":"unlock","responsible_id":null})");
  REQUIRE(BodyField(unlocked, "/data/lock") == "unlock");
  REQUIRE(BodyField(unlocked, "/data/responsible_id") == "null");

  RequireError(put(w.ro_ticket, w.ro_token, R"({"title":"x"})"), 403, "core:forbidden",
               "Write access denied");
  RequireError(put(w.rw_ticket, w.ro_token, R"({"title":"x"})"), 404, "core:not_found");
  RequireError(put(w.rw_ticket, w.none_token, R"({"title":"x"})"), 404, "core:not_found");
  RequireError(put(w.rw_ticket, w.cust_a_token, R"({"title":"x"})"), 403, "core:forbidden");
  RequireError(put(w.ticket_b, w.cust_a_token, R"({"title":"x"})"), 404, "core:not_found");
  RequireError(
      client.Put(fmt::format("/api/v1/tickets/{}", w.rw_ticket), R"({"title":"x"})", kJson), 401,
      "core:unauthorized");
  RequireError(put(w.rw_ticket, w.rw_token, "{}"), 400, "core:validation_failed",
               "No fields to update");
  RequireError(put(w.rw_ticket, w.rw_token, R"({"unknown":1})"), 400, "core:validation_failed",
               "No fields to update");
  RequireError(put(w.rw_ticket, w.rw_token, "{not json"), 400, "core:invalid_request");
  RequireError(put(w.rw_ticket, w.rw_token, R"({"title":["x"]})"), 400, "core:invalid_request");
  RequireError(put(w.rw_ticket, w.rw_token, R"({"title":"   "})"), 400, "core:validation_failed",
               "Title cannot be empty");
  RequireError(put(w.rw_ticket, w.rw_token, R"({"state_id":4242})"), 400, "core:validation_failed");
  // agent_rw has no move_into on ro_queue: moving there is refused.
  RequireError(put(w.rw_ticket, w.rw_token, fmt::format(R"({{"queue_id":{}}})", w.ro_queue)), 403,
               "core:forbidden");
  RequireError(client.Put("/api/v1/tickets/-4", Bearer(w.rw_token), R"({"title":"x"})", kJson), 400,
               "core:invalid_id");
  // Non-upload routes stop at 1 MiB.
  std::string big(1024 * 1024 + 10, 'x');
  RequireError(put(w.rw_ticket, w.rw_token, fmt::format(R"({{"title":"{}"}})", big)), 413,
               "core:invalid_request", "Request body too large");
  RequireStillHealthy(client);
}

TEST_CASE("DELETE /api/v1/tickets/:id archives for rw agents only") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto del = [&](std::int64_t id, const std::string& token) {
    return client.Delete(fmt::format("/api/v1/tickets/{}", id), Bearer(token));
  };
  RequireError(client.Delete(fmt::format("/api/v1/tickets/{}", w.rw_ticket)), 401,
               "core:unauthorized");
  RequireError(del(w.ro_ticket, w.ro_token), 403, "core:forbidden");
  RequireError(del(w.rw_ticket, w.none_token), 404, "core:not_found");
  RequireError(del(w.rw_ticket, w.cust_a_token), 403, "core:forbidden",
               "Customers cannot delete tickets");
  RequireError(del(w.ticket_b, w.cust_a_token), 404, "core:not_found");
  auto archived = del(w.rw_ticket, w.rw_token);
  REQUIRE(Status(archived) == 200);
  REQUIRE(BodyField(archived, "/data/id") == std::to_string(w.rw_ticket));
  REQUIRE(BodyField(archived, "/data/archived") == "true");
  REQUIRE(BodyField(archived, "/data/state") == "closed successful");
  RequireError(del(w.rw_ticket, w.rw_token), 400, "core:validation_failed",
               "Ticket is already archived");
  auto admin = Bearer(w.admin_token);
  REQUIRE(BodyField(client.Get("/api/v1/tickets", admin), "/pagination/total") == "2");
  auto only_archived = client.Get("/api/v1/tickets?archived=true", admin);
  REQUIRE(BodyField(only_archived, "/data/0/id") == std::to_string(w.rw_ticket));
  REQUIRE(BodyField(client.Get("/api/v1/tickets?archive_flag=1", admin), "/pagination/total") ==
          "1");
  REQUIRE(Status(client.Get(fmt::format("/api/v1/tickets/{}", w.rw_ticket), admin)) == 200);
}

TEST_CASE("GET /api/v1/queues/:id/tickets lists one readable queue") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto path = [](std::int64_t queue, const std::string& query = "") {
    return fmt::format("/api/v1/queues/{}/tickets{}", queue, query);
  };
  RequireError(client.Get(path(w.rw_queue)), 401, "core:unauthorized");
  auto admin = client.Get(path(w.rw_queue), Bearer(w.admin_token));
  REQUIRE(Status(admin) == 200);
  REQUIRE(BodyField(admin, "/pagination/total") == "2");
  // queue_id in the query cannot widen the list beyond the path's queue.
  auto fixed =
      client.Get(path(w.ro_queue, fmt::format("?queue_id={}", w.rw_queue)), Bearer(w.rw_token));
  REQUIRE(BodyField(fixed, "/pagination/total") == "1");
  REQUIRE(BodyField(fixed, "/data/0/id") == std::to_string(w.ro_ticket));
  auto filtered =
      client.Get(path(w.rw_queue, "?customer_user_id=cust_b&limit=1"), Bearer(w.rw_token));
  REQUIRE(BodyField(filtered, "/pagination/total") == "1");
  REQUIRE(BodyField(filtered, "/pagination/per_page") == "1");
  REQUIRE(Status(client.Get(path(w.ro_queue), Bearer(w.ro_token))) == 200);
  RequireError(client.Get(path(w.rw_queue), Bearer(w.ro_token)), 404, "core:not_found",
               "Queue not found");
  RequireError(client.Get(path(w.rw_queue), Bearer(w.none_token)), 404, "core:not_found");
  RequireError(client.Get(path(99999), Bearer(w.admin_token)), 404, "core:not_found");
  RequireError(client.Get(path(w.rw_queue), Bearer(w.cust_a_token)), 403, "core:forbidden");
  RequireError(client.Get(path(w.rw_queue, "?status=nope"), Bearer(w.admin_token)), 400,
               "core:validation_failed", "Invalid status filter");
  RequireError(client.Get("/api/v1/queues/abc/tickets", Bearer(w.admin_token)), 400,
               "core:invalid_id", "Invalid queue ID");
}

TEST_CASE("Ticket endpoints enforce API-token scopes after visibility") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto& hd = server.helpdesk();
  auto read = Bearer(ScopedToken(hd, w.rw_token, {"tickets:read"}));
  auto write = Bearer(ScopedToken(hd, w.rw_token, {"tickets:write"}));
  auto all_tickets =
      Bearer(ScopedToken(hd, w.rw_token, {"tickets:read", "tickets:write", "tickets:delete"}));
  auto articles = Bearer(ScopedToken(hd, w.ro_token, {"articles:read"}));
  auto customer_read = Bearer(ScopedToken(hd, w.cust_a_token, {"tickets:read"}));
  auto ticket = fmt::format("/api/v1/tickets/{}", w.rw_ticket);
  auto create = fmt::format(R"({{"title":"Scoped","queue_id":{}}})", w.rw_queue);

  REQUIRE(Status(client.Get("/api/v1/tickets", read)) == 200);
  REQUIRE(Status(client.Get(ticket, read)) == 200);
  REQUIRE(Status(client.Get(fmt::format("/api/v1/queues/{}/tickets", w.rw_queue), read)) == 200);
  RequireError(client.Post("/api/v1/tickets", read, create, kJson), 403, "core:forbidden",
               "Token missing required scope: tickets:write");
  RequireError(client.Put(ticket, read, R"({"title":"x"})", kJson), 403, "core:forbidden",
               "Token missing required scope: tickets:write");
  RequireError(client.Get("/api/v1/tickets", write), 403, "core:forbidden",
               "Token missing required scope: tickets:read");
  RequireError(client.Get(fmt::format("/api/v1/queues/{}/tickets", w.rw_queue), write), 403,
               "core:forbidden", "Token missing required scope: tickets:read");
  REQUIRE(Status(client.Post("/api/v1/tickets", write, create, kJson)) == 201);
  RequireError(client.Delete(ticket, write), 403, "core:forbidden",
               "Token missing required scope: tickets:delete");
  // Invisible objects stay 404 whatever the scope.
  RequireError(client.Get(ticket, articles), 404, "core:not_found");
  RequireError(client.Get(fmt::format("/api/v1/queues/{}/tickets", w.rw_queue), articles), 404,
               "core:not_found");
  RequireError(client.Get(fmt::format("/api/v1/tickets/{}", w.ro_ticket), articles), 403,
               "core:forbidden", "Token missing required scope: tickets:read");
  REQUIRE(Status(client.Get(ticket, customer_read)) == 200);
  RequireError(client.Get(fmt::format("/api/v1/tickets/{}", w.ticket_b), customer_read), 404,
               "core:not_found");
  REQUIRE(Status(client.Delete(ticket, all_tickets)) == 200);
}

}  // namespace
}  // namespace goatflow
