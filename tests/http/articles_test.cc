// Articles and attachment downloads over HTTP (api-v1.md §5, §0 Attachments):
// the permission matrix, customer filtering of internal articles, bodies,
// pagination, the raw download and API-token scopes.

#include <fmt/format.h>

#include "goatflow/tickets.h"
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

std::string Articles(std::int64_t ticket, const std::string& rest = "") {
  return fmt::format("/api/v1/tickets/{}/articles{}", ticket, rest);
}

TEST_CASE("POST /tickets/:id/articles adds notes with note permission") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto post = [&](std::int64_t ticket, const std::string& token, const std::string& body) {
    return client.Post(Articles(ticket), Bearer(token), body, kJson);
  };
  auto note = post(w.rw_ticket, w.rw_token, R"({"body":"Internal remark","unknown":true})");
  REQUIRE(Status(note) == 201);
  REQUIRE(BodyField(note, "/data/article_type") == "note-internal");
  REQUIRE(BodyField(note, "/data/is_visible_for_customer") == "false");
  REQUIRE(BodyField(note, "/data/subject") == "Ticket for cust_a");
  REQUIRE(BodyField(note, "/data/sender_type") == "agent");
  auto email =
      post(w.rw_ticket, w.rw_token,
           R"({"body":"Hello","subject":"Re","article_type":"email-external",)"
           R"("to_email":"cust_a@acme.example","from":"desk@example.com","time_units":2})");
  REQUIRE(Status(email) == 201);
  REQUIRE(BodyField(email, "/data/channel") == "email");
  REQUIRE(BodyField(email, "/data/to") == "cust_a@acme.example");
  REQUIRE(BodyField(email, "/data/is_visible_for_customer") == "true");
  auto system = post(w.rw_ticket, w.admin_token,
                     R"({"body":"x","article_sender_type_id":2,"is_visible":true})");
  REQUIRE(BodyField(system, "/data/sender_type") == "system");
  REQUIRE(BodyField(system, "/data/is_visible_for_customer") == "true");

  // Customers: forced visible web requests on their own tickets only.
  auto customer =
      post(w.rw_ticket, w.cust_a_token,
           R"({"body":"Any news?","is_visible_for_customer":false,"sender_type":"agent"})");
  REQUIRE(Status(customer) == 201);
  REQUIRE(BodyField(customer, "/data/sender_type") == "customer");
  REQUIRE(BodyField(customer, "/data/article_type") == "webrequest");
  REQUIRE(BodyField(customer, "/data/is_visible_for_customer") == "true");
  RequireError(post(w.ticket_b, w.cust_a_token, R"({"body":"x"})"), 404, "core:not_found");
  RequireError(post(w.ro_ticket, w.ro_token, R"({"body":"x"})"), 403, "core:forbidden");
  RequireError(post(w.rw_ticket, w.none_token, R"({"body":"x"})"), 404, "core:not_found");
  RequireError(client.Post(Articles(w.rw_ticket), R"({"body":"x"})", kJson), 401,
               "core:unauthorized");

  RequireError(post(w.rw_ticket, w.rw_token, R"({"body":"  "})"), 400, "core:validation_failed",
               "Article body is required");
  RequireError(post(w.rw_ticket, w.rw_token, R"({"body":"x","sender_type":"robot"})"), 400,
               "core:validation_failed", "Invalid sender type");
  RequireError(post(w.rw_ticket, w.rw_token, R"({"body":"x","communication_channel_id":77})"), 400,
               "core:validation_failed", "Invalid communication channel");
  RequireError(post(w.rw_ticket, w.rw_token, R"({"body":7})"), 400, "core:invalid_request");
  RequireError(post(w.rw_ticket, w.rw_token, R"({"body":"x","is_visible":"yes"})"), 400,
               "core:invalid_request");
  RequireError(post(w.rw_ticket, w.rw_token, R"({"body":"x","time_unit":"1"})"), 400,
               "core:invalid_request");
  RequireError(post(w.rw_ticket, w.rw_token, "{\"body\":"), 400, "core:invalid_request");
  RequireError(client.Post(Articles(0), Bearer(w.rw_token), R"({"body":"x"})", kJson), 400,
               "core:invalid_id");
  // Article create allows 16 MiB bodies; beyond that 413.
  std::string huge(17 * 1024 * 1024, 'a');
  RequireError(post(w.rw_ticket, w.rw_token, fmt::format(R"({{"body":"{}"}})", huge)), 413,
               "core:invalid_request");
  RequireStillHealthy(client);
}

TEST_CASE("GET /tickets/:id/articles filters internal articles for customers and pages") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto& hd = server.helpdesk();
  const RequestContext op = RequestContext::LocalOperator();
  for (int i = 0; i < 4; ++i) {
    AddArticleRequest request;
    request.body = fmt::format("Internal {}", i);
    REQUIRE_OK(hd.Tickets().AddArticle(op, w.rw_ticket, request));
  }
  auto client = server.Client();
  auto agent = client.Get(Articles(w.rw_ticket), Bearer(w.rw_token));
  REQUIRE(Status(agent) == 200);
  REQUIRE(BodyField(agent, "/pagination/total") == "5");
  REQUIRE(BodyField(agent, "/data/0/body") == "First article");
  REQUIRE(BodyField(agent, "/data/0/attachments") == "<absent>");
  auto desc = client.Get(Articles(w.rw_ticket, "?order=desc&limit=2&page=2"), Bearer(w.rw_token));
  REQUIRE(DataSize(desc) == 2);
  REQUIRE(BodyField(desc, "/data/0/body") == "Internal 1");
  REQUIRE(BodyField(desc, "/pagination/total_pages") == "3");
  REQUIRE(BodyField(desc, "/pagination/has_next") == "true");
  auto beyond = client.Get(Articles(w.rw_ticket, "?page=7"), Bearer(w.rw_token));
  REQUIRE(Status(beyond) == 200);
  REQUIRE(DataSize(beyond) == 0);
  auto customer = client.Get(Articles(w.rw_ticket, "?limit=abc"), Bearer(w.cust_a_token));
  REQUIRE(BodyField(customer, "/pagination/total") == "1");
  REQUIRE(BodyField(customer, "/pagination/per_page") == "20");
  RequireError(client.Get(Articles(w.rw_ticket), Bearer(w.cust_b_token)), 404, "core:not_found");
  RequireError(client.Get(Articles(w.rw_ticket), Bearer(w.ro_token)), 404, "core:not_found");
  RequireError(client.Get(Articles(w.rw_ticket), Bearer(w.none_token)), 404, "core:not_found");
  REQUIRE(Status(client.Get(Articles(w.ro_ticket), Bearer(w.ro_token))) == 200);
  RequireError(client.Get(Articles(w.rw_ticket)), 401, "core:unauthorized");

  // A single internal article: agents see it, the owning customer gets 404.
  std::int64_t internal = std::stoll(BodyField(agent, "/data/1/id"));
  std::int64_t first = std::stoll(BodyField(agent, "/data/0/id"));
  REQUIRE(Status(client.Get(Articles(w.rw_ticket, fmt::format("/{}", internal)),
                            Bearer(w.rw_token))) == 200);
  RequireError(
      client.Get(Articles(w.rw_ticket, fmt::format("/{}", internal)), Bearer(w.cust_a_token)), 404,
      "core:not_found", "Article not found");
  auto visible =
      client.Get(Articles(w.rw_ticket, fmt::format("/{}", first)), Bearer(w.cust_a_token));
  REQUIRE(Status(visible) == 200);
  REQUIRE(BodyField(visible, "/data/ticket_id") == std::to_string(w.rw_ticket));
  // last_article is the newest article the caller may see.
  auto ticket_path = fmt::format("/api/v1/tickets/{}?include=last_article", w.rw_ticket);
  auto agent_last = client.Get(ticket_path, Bearer(w.rw_token));
  REQUIRE(BodyField(agent_last, "/data/last_article/id") == BodyField(agent, "/data/4/id"));
  REQUIRE(BodyField(agent_last, "/data/articles") == "<absent>");
  auto customer_last = client.Get(ticket_path, Bearer(w.cust_a_token));
  REQUIRE(BodyField(customer_last, "/data/last_article/id") == std::to_string(first));
  REQUIRE(BodyField(customer_last, "/data/article_count") == "1");
  // An article of another ticket is not found under this one.
  RequireError(client.Get(Articles(w.ticket_b, fmt::format("/{}", first)), Bearer(w.rw_token)), 404,
               "core:not_found");
  RequireError(client.Get(Articles(w.rw_ticket, "/abc"), Bearer(w.rw_token)), 400,
               "core:invalid_id", "Invalid article ID");
  RequireError(client.Get(Articles(w.rw_ticket, "/-2"), Bearer(w.rw_token)), 400,
               "core:invalid_id");
}

TEST_CASE("Attachments round-trip byte for byte with safe download headers") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  // "Hello\0\xff world" with a NUL and a non-UTF-8 byte.
  const std::string bytes("Hello\0\xff world", 13);
  const std::string base64 = "SGVsbG8A/yB3b3JsZA==";
  auto created = client.Post(
      "/api/v1/tickets", Bearer(w.rw_token),
      fmt::format(R"({{"title":"With file","queue_id":{},"body":"see file","customer_user_id":)"
                  R"("cust_a","attachments":[{{"filename":"r\u00e9sum\u00e9 \"q\".txt",)"
                  R"("content_type":"text/plain","content_base64":"{}"}}]}})",
                  w.rw_queue, base64),
      kJson);
  REQUIRE(Status(created) == 201);
  std::int64_t ticket = DataId(created);
  auto list = client.Get(Articles(ticket, "?include_attachments=1"), Bearer(w.rw_token));
  std::string article = BodyField(list, "/data/0/id");
  std::string attachment = BodyField(list, "/data/0/attachments/0/id");
  REQUIRE(BodyField(list, "/data/0/attachments/0/size") == "13");
  auto single =
      client.Get(Articles(ticket, "/" + article + "?include_attachments=true"), Bearer(w.rw_token));
  REQUIRE(BodyField(single, "/data/attachments/0/content_type") == "text/plain");
  REQUIRE(BodyField(client.Get(Articles(ticket, "/" + article), Bearer(w.rw_token)),
                    "/data/attachments") == "<absent>");

  std::string download = Articles(ticket, "/" + article + "/attachments/" + attachment);
  auto res = client.Get(download, Bearer(w.rw_token, {{"Accept", "application/octet-stream"}}));
  REQUIRE(Status(res) == 200);
  REQUIRE(res->body == bytes);
  REQUIRE(res->get_header_value("Content-Type") == "text/plain");
  REQUIRE(res->get_header_value("X-Content-Type-Options") == "nosniff");
  std::string raw = testing::RawGet(server.port(), download, w.rw_token);
  REQUIRE(raw.find("\r\nContent-Disposition: attachment; filename=\"r__sum__ _q_.txt\"; "
                   "filename*=UTF-8''r%C3%A9sum%C3%A9%20%22q%22.txt\r\n") != std::string::npos);
  REQUIRE(Status(client.Get(download, Bearer(w.cust_a_token))) == 200);
  RequireError(client.Get(download, Bearer(w.cust_b_token)), 404, "core:not_found");
  RequireError(client.Get(download, Bearer(w.ro_token)), 404, "core:not_found");
  RequireError(client.Get(download), 401, "core:unauthorized");
  RequireError(
      client.Get(Articles(ticket, "/" + article + "/attachments/999999"), Bearer(w.rw_token)), 404,
      "core:not_found", "Attachment not found");
  RequireError(client.Get(Articles(ticket, "/" + article + "/attachments/x"), Bearer(w.rw_token)),
               400, "core:invalid_id", "Invalid attachment ID");

  // An internal note's attachment stays hidden from the ticket's customer.
  auto internal = client.Post(
      Articles(ticket), Bearer(w.rw_token),
      R"({"body":"internal","attachments":[{"filename":"secret.txt","content_type":"text/plain",)"
      R"("content_base64":"c2VjcmV0"}]})",
      kJson);
  REQUIRE(Status(internal) == 201);
  REQUIRE(BodyField(internal, "/data/attachments/0/filename") == "secret.txt");
  std::string hidden = Articles(ticket, fmt::format("/{}/attachments/{}", DataId(internal),
                                                    BodyField(internal, "/data/attachments/0/id")));
  auto agent_view = client.Get(hidden, Bearer(w.rw_token));
  REQUIRE(agent_view->body == "secret");
  RequireError(client.Get(hidden, Bearer(w.cust_a_token)), 404, "core:not_found");
  // Disallowed types and broken attachment shapes are refused.
  RequireError(
      client.Post(Articles(ticket), Bearer(w.rw_token),
                  R"({"body":"x","attachments":[{"filename":"a.exe",)"
                  R"("content_type":"application/x-msdownload","content_base64":"TVo="}]})",
                  kJson),
      400, "core:validation_failed");
  RequireError(client.Post(Articles(ticket), Bearer(w.rw_token),
                           R"({"body":"x","attachments":[{"filename":"a.txt"}]})", kJson),
               400, "core:invalid_request");
  RequireError(client.Post(Articles(ticket), Bearer(w.rw_token),
                           R"({"body":"x","attachments":{"filename":"a.txt"}})", kJson),
               400, "core:invalid_request");
  RequireStillHealthy(client);
}

TEST_CASE("Article endpoints enforce articles:read and articles:write scopes") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto& hd = server.helpdesk();
  auto tickets_only = Bearer(ScopedToken(hd, w.rw_token, {"tickets:read", "tickets:write"}));
  auto read = Bearer(ScopedToken(hd, w.rw_token, {"articles:read"}));
  auto write = Bearer(ScopedToken(hd, w.cust_a_token, {"articles:write"}));
  RequireError(client.Get(Articles(w.rw_ticket), tickets_only), 403, "core:forbidden",
               "Token missing required scope: articles:read");
  RequireError(client.Post(Articles(w.rw_ticket), tickets_only, R"({"body":"x"})", kJson), 403,
               "core:forbidden", "Token missing required scope: articles:write");
  auto listed = client.Get(Articles(w.rw_ticket), read);
  REQUIRE(Status(listed) == 200);
  std::string first = BodyField(listed, "/data/0/id");
  REQUIRE(Status(client.Get(Articles(w.rw_ticket, "/" + first), read)) == 200);
  RequireError(client.Post(Articles(w.rw_ticket), read, R"({"body":"x"})", kJson), 403,
               "core:forbidden", "Token missing required scope: articles:write");
  REQUIRE(Status(client.Post(Articles(w.rw_ticket), write, R"({"body":"x"})", kJson)) == 201);
  RequireError(client.Get(Articles(w.rw_ticket), write), 403, "core:forbidden",
               "Token missing required scope: articles:read");
  // Another customer's ticket stays invisible, scope or not.
  RequireError(client.Post(Articles(w.ticket_b), write, R"({"body":"x"})", kJson), 404,
               "core:not_found");
}

}  // namespace
}  // namespace goatflow
