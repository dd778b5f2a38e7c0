// The ten tools of spec/mcp.md §6: success and failure paths, and the REST permission rules applied to the
// token owner.

#include <fmt/format.h>

#include "mcp/mcp_fixture.h"

namespace goatflow {
namespace {

namespace bj = boost::json;
using testing::McpFixture;

std::vector<std::int64_t> Ids(const bj::value& list) {
  std::vector<std::int64_t> ids;
  for (const auto& item : list.as_array()) ids.push_back(item.at("id").as_int64());
  return ids;
}

// The tool's error text (REQUIREs a tool error).
std::string Failure(const bj::object& result) {
  INFO(McpFixture::Text(result));
  REQUIRE(McpFixture::IsError(result));
  return McpFixture::Text(result);
}

TEST_CASE("list_tickets shows readable queues only, newest first, by name") {
  McpFixture f;
  auto rows = McpFixture::Value(f.CallTool(McpFixture::Agent(f.agent_rw), "list_tickets"));
  REQUIRE(Ids(rows) == std::vector<std::int64_t>{f.rw_ticket, f.ro_ticket});
  const auto& first = rows.as_array()[0].as_object();
  REQUIRE(first.size() == 7);
  REQUIRE(first.at("title").as_string() == "Mail server down");
  REQUIRE(first.at("queue").as_string() == "rw_queue");
  REQUIRE(first.at("state").as_string() == "new");
  REQUIRE(first.at("priority").as_string() == "3 normal");
  REQUIRE(first.at("owner").as_string() == "admin");
  REQUIRE_FALSE(first.at("number").as_string().empty());

  REQUIRE(Ids(McpFixture::Value(f.CallTool(McpFixture::Agent(f.agent_ro), "list_tickets"))) ==
          std::vector<std::int64_t>{f.ro_ticket});
  SECTION("no readable queue, or an unreadable queue filter: an empty array") {
    REQUIRE(McpFixture::Text(f.CallTool(McpFixture::Agent(f.agent_none), "list_tickets")) == "[]");
    auto filtered = f.CallTool(McpFixture::Agent(f.agent_ro), "list_tickets",
                               fmt::format(R"({{"queue_id":{}}})", f.rw_queue));
    REQUIRE(McpFixture::Value(filtered).as_array().empty());
  }
  SECTION("filters, limit and any offset") {
    std::int64_t third = f.NewTicket(f.rw_queue, "Third").id;
    auto ctx = McpFixture::Agent(f.agent_rw);
    REQUIRE(Ids(McpFixture::Value(f.CallTool(ctx, "list_tickets", R"({"limit":1,"offset":1})"))) ==
            std::vector<std::int64_t>{f.rw_ticket});
    REQUIRE(Ids(McpFixture::Value(f.CallTool(ctx, "list_tickets", R"({"limit":2.0,"offset":0})"))) ==
            std::vector<std::int64_t>{third, f.rw_ticket});
    REQUIRE(McpFixture::Value(f.CallTool(ctx, "list_tickets", R"({"limit":0})")).as_array().size() ==
            3);
    REQUIRE(McpFixture::Value(f.CallTool(ctx, "list_tickets", R"({"limit":1000})")).as_array().size() ==
            3);
    REQUIRE(Ids(McpFixture::Value(f.CallTool(
                ctx, "list_tickets", fmt::format(R"({{"queue_id":{},"status":"open"}})", f.ro_queue)))) ==
            std::vector<std::int64_t>{f.ro_ticket});
    REQUIRE(McpFixture::Value(f.CallTool(ctx, "list_tickets", R"({"status":"closed"})"))
                .as_array()
                .empty());
    REQUIRE(Ids(McpFixture::Value(f.CallTool(ctx, "list_tickets", R"({"customer_id":"acme"})"))) ==
            std::vector<std::int64_t>{f.rw_ticket, f.ro_ticket});
  }
  SECTION("bad arguments and missing scopes are tool errors") {
    auto ctx = McpFixture::Agent(f.agent_rw);
    REQUIRE(Failure(f.CallTool(ctx, "list_tickets", R"({"offset":-1})")) ==
            "Error: offset must be at least 0");
    REQUIRE(Failure(f.CallTool(ctx, "list_tickets", R"({"limit":"5"})")) ==
            "Error: limit must be an integer");
    REQUIRE(Failure(f.CallTool(ctx, "list_tickets", R"({"status":"bogus"})")) ==
            "Error: invalid status filter");
    REQUIRE(Failure(f.CallTool(McpFixture::Scoped(f.agent_rw, {"queues:read"}), "list_tickets")) ==
            "Error: token missing required scope: tickets:read");
  }
}

TEST_CASE("get_ticket by id or number, with articles unless asked not to") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_rw);
  auto ticket = McpFixture::Value(
      f.CallTool(ctx, "get_ticket", fmt::format(R"({{"ticket_id":{}}})", f.rw_ticket)));
  REQUIRE(ticket.at("id").as_int64() == f.rw_ticket);
  REQUIRE(ticket.at("customer_user_id").as_string() == "cust_a");
  REQUIRE(ticket.at("customer_id").as_string() == "acme");
  REQUIRE(ticket.at("create_time").as_string() == "2026-03-01T09:00:00Z");
  const auto& articles = ticket.at("articles").as_array();
  REQUIRE(articles.size() == 1);
  REQUIRE(articles[0].at("body").as_string() == "It is really on fire.");
  REQUIRE(articles[0].at("sender_type").as_string() == "agent");
  REQUIRE(articles[0].at("is_visible_for_customer").as_bool());

  std::string number(ticket.at("number").as_string());
  auto by_number = McpFixture::Value(f.CallTool(
      ctx, "get_ticket", fmt::format(R"({{"ticket_number":"{}","include_articles":false}})", number)));
  REQUIRE(by_number.at("id").as_int64() == f.rw_ticket);
  REQUIRE_FALSE(by_number.as_object().contains("articles"));
  auto by_number_with_articles = McpFixture::Value(
      f.CallTool(ctx, "get_ticket", fmt::format(R"({{"ticket_number":"{}"}})", number)));
  REQUIRE(by_number_with_articles.at("articles").as_array().size() == 1);

  REQUIRE(Failure(f.CallTool(ctx, "get_ticket")) ==
          "Error: either ticket_id or ticket_number is required");
  SECTION("missing and invisible tickets read alike") {
    auto ro = McpFixture::Agent(f.agent_ro);
    REQUIRE(Failure(f.CallTool(ro, "get_ticket", fmt::format(R"({{"ticket_id":{}}})", f.rw_ticket))) ==
            "Error: ticket not found");
    REQUIRE(Failure(f.CallTool(ro, "get_ticket", R"({"ticket_id":999999})")) ==
            "Error: ticket not found");
    REQUIRE(Failure(f.CallTool(ro, "get_ticket", fmt::format(R"({{"ticket_number":"{}"}})", number))) ==
            "Error: ticket not found");
  }
}

TEST_CASE("create_ticket goes through ticket creation with its rules") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_rw);
  auto created = McpFixture::Value(f.CallTool(
      ctx, "create_ticket",
      fmt::format(R"({{"title":"VPN broken","queue_id":{},"body":"Cannot connect.",)"
                  R"("priority_id":4,"customer_user":"cust_a"}})",
                  f.rw_queue)));
  REQUIRE(created.at("message").as_string() == "Ticket created successfully");
  std::int64_t id = created.at("ticket_id").as_int64();
  auto ticket = f.tickets().Get(McpFixture::Admin(), id, true);
  REQUIRE_OK(ticket);
  REQUIRE(ticket->tn == created.at("ticket_number").as_string());
  REQUIRE(ticket->title == "VPN broken");
  REQUIRE(ticket->priority == "4 high");
  REQUIRE(ticket->customer_user_id == "cust_a");
  REQUIRE(ticket->customer_id == "acme");
  REQUIRE(ticket->articles->size() == 1);
  REQUIRE((*ticket->articles)[0].id == created.at("article_id").as_int64());
  REQUIRE((*ticket->articles)[0].subject == "VPN broken");
  REQUIRE(f.QueryInt(fmt::format(
              "SELECT count(*) FROM ticket_history WHERE ticket_id = {} AND create_by = {}", id,
              f.agent_rw)) >= 1);

  SECTION("failures") {
    REQUIRE(Failure(f.CallTool(McpFixture::Agent(f.agent_ro), "create_ticket",
                               fmt::format(R"({{"title":"x","queue_id":{},"body":"y"}})",
                                           f.ro_queue))) ==
            "Error: no permission to create tickets in this queue");
    REQUIRE(Failure(f.CallTool(ctx, "create_ticket",
                               fmt::format(R"({{"title":"x","queue_id":{}}})", f.rw_queue))) ==
            "Error: body is required");
    REQUIRE(Failure(f.CallTool(ctx, "create_ticket", R"({"title":"x","queue_id":99999,"body":"y"})")) ==
            "Error: invalid queue");
    REQUIRE(Failure(f.CallTool(ctx, "create_ticket",
                               fmt::format(R"({{"title":"  ","queue_id":{},"body":"y"}})",
                                           f.rw_queue)))
                .rfind("Error: ", 0) == 0);
    // Pending states need a pending time, which the tool does not take.
    REQUIRE(McpFixture::IsError(f.CallTool(
        ctx, "create_ticket",
        fmt::format(R"({{"title":"x","queue_id":{},"body":"y","state_id":6}})", f.rw_queue))));
    REQUIRE(Failure(f.CallTool(McpFixture::Scoped(f.agent_rw, {"tickets:read"}), "create_ticket",
                               fmt::format(R"({{"title":"x","queue_id":{},"body":"y"}})",
                                           f.rw_queue))) ==
            "Error: token missing required scope: tickets:write");
  }
}

TEST_CASE("update_ticket needs rw and the field permissions") {
  McpFixture f;
  auto rw = McpFixture::Agent(f.agent_rw);
  auto updated = McpFixture::Value(f.CallTool(
      rw, "update_ticket",
      fmt::format(R"({{"ticket_id":{},"title":"Mail server back","state_id":4}})", f.rw_ticket)));
  REQUIRE(updated.at("message").as_string() == "Ticket updated successfully");
  REQUIRE(bj::serialize(updated.at("updated")) == R"(["title","state_id"])");
  auto ticket = f.tickets().Get(McpFixture::Admin(), f.rw_ticket);
  REQUIRE_OK(ticket);
  REQUIRE(ticket->title == "Mail server back");
  REQUIRE(ticket->state == "open");

  SECTION("read-only access cannot update; no access cannot see") {
    auto ro = McpFixture::Agent(f.agent_ro);
    REQUIRE(Failure(f.CallTool(ro, "update_ticket",
                               fmt::format(R"({{"ticket_id":{},"title":"x"}})", f.ro_ticket))) ==
            "Error: write access denied");
    REQUIRE(Failure(f.CallTool(ro, "update_ticket",
                               fmt::format(R"({{"ticket_id":{},"title":"x"}})", f.rw_ticket))) ==
            "Error: ticket not found");
    REQUIRE(f.tickets().Get(McpFixture::Admin(), f.ro_ticket)->title == "Printer on fire");
  }
  SECTION("moving needs move_into on the target queue") {
    REQUIRE(Failure(f.CallTool(rw, "update_ticket",
                               fmt::format(R"({{"ticket_id":{},"queue_id":{}}})", f.rw_ticket,
                                           f.ro_queue)))
                .rfind("Error: ", 0) == 0);
    REQUIRE(f.tickets().Get(McpFixture::Admin(), f.rw_ticket)->queue_id == f.rw_queue);
  }
  SECTION("argument errors") {
    REQUIRE(Failure(f.CallTool(rw, "update_ticket",
                               fmt::format(R"({{"ticket_id":{}}})", f.rw_ticket))) ==
            "Error: no fields to update");
    REQUIRE(Failure(f.CallTool(rw, "update_ticket", R"({"title":"x"})")) ==
            "Error: ticket_id is required");
    REQUIRE(Failure(f.CallTool(rw, "update_ticket",
                               fmt::format(R"({{"ticket_id":{},"priority_id":99}})", f.rw_ticket)))
                .rfind("Error: ", 0) == 0);
  }
}

TEST_CASE("add_article adds notes and replies with the note permission") {
  McpFixture f;
  auto rw = McpFixture::Agent(f.agent_rw);
  auto added = McpFixture::Value(f.CallTool(
      rw, "add_article",
      fmt::format(R"({{"ticket_id":{},"body":"Restarted the daemon.","article_type":"note-external"}})",
                  f.rw_ticket)));
  REQUIRE(added.at("message").as_string() == "Article added successfully");
  REQUIRE(added.at("article_type").as_string() == "note-external");
  REQUIRE(added.at("ticket_id").as_int64() == f.rw_ticket);
  auto note = McpFixture::Value(
      f.CallTool(rw, "add_article",
                 fmt::format(R"({{"ticket_id":{},"body":"Internal only","subject":"Hint"}})",
                             f.rw_ticket)));
  auto ticket = f.tickets().Get(McpFixture::Admin(), f.rw_ticket, true);
  REQUIRE_OK(ticket);
  const auto& articles = *ticket->articles;
  REQUIRE(articles.size() == 3);
  REQUIRE(articles[1].id == added.at("article_id").as_int64());
  REQUIRE(articles[1].is_visible_for_customer);
  REQUIRE(articles[1].subject == "Mail server down");
  REQUIRE(articles[2].id == note.at("article_id").as_int64());
  REQUIRE_FALSE(articles[2].is_visible_for_customer);
  REQUIRE(articles[2].subject == "Hint");
  REQUIRE(articles[2].channel == "internal");

  SECTION("failures") {
    REQUIRE(Failure(f.CallTool(rw, "add_article",
                               fmt::format(R"({{"ticket_id":{},"body":"x","article_type":"phone"}})",
                                           f.rw_ticket))) ==
            "Error: article_type must be one of note-internal, note-external, email-external");
    REQUIRE(Failure(f.CallTool(rw, "add_article",
                               fmt::format(R"({{"ticket_id":{},"body":"   "}})", f.rw_ticket))) ==
            "Error: article body is required");
    REQUIRE(Failure(f.CallTool(McpFixture::Agent(f.agent_ro), "add_article",
                               fmt::format(R"({{"ticket_id":{},"body":"x"}})", f.ro_ticket))) ==
            "Error: permission 'note' on this queue is required");
    REQUIRE(Failure(f.CallTool(McpFixture::Scoped(f.agent_rw, {"tickets:write"}), "add_article",
                               fmt::format(R"({{"ticket_id":{},"body":"x"}})", f.rw_ticket))) ==
            "Error: token missing required scope: articles:write");
  }
}

TEST_CASE("list_queues shows valid readable queues by name") {
  McpFixture f;
  auto rows = McpFixture::Value(f.CallTool(McpFixture::Agent(f.agent_rw), "list_queues"));
  REQUIRE(bj::serialize(rows) ==
          fmt::format(R"([{{"id":{},"name":"ro_queue","group_id":{},"group_name":"ro_group"}},)"
                      R"({{"id":{},"name":"rw_queue","group_id":{},"group_name":"rw_group"}}])",
                      f.ro_queue, f.ro_group, f.rw_queue, f.rw_group));
  REQUIRE(McpFixture::Text(f.CallTool(McpFixture::Agent(f.agent_none), "list_queues")) == "[]");
  auto all = McpFixture::Value(f.CallTool(McpFixture::Admin(), "list_queues")).as_array();
  REQUIRE(all.size() > 2);
  for (std::size_t i = 1; i < all.size(); ++i)
    REQUIRE(std::string(all[i - 1].at("name").as_string()) <=
            std::string(all[i].at("name").as_string()));
  f.Sql(fmt::format("UPDATE queue SET valid_id = 2 WHERE id = {}", f.ro_queue));
  REQUIRE(Ids(McpFixture::Value(f.CallTool(McpFixture::Agent(f.agent_rw), "list_queues"))) ==
          std::vector<std::int64_t>{f.rw_queue});
  REQUIRE(Failure(f.CallTool(McpFixture::Scoped(f.agent_rw, {"tickets:read"}), "list_queues")) ==
          "Error: token missing required scope: queues:read");
}

TEST_CASE("list_users lists agents by login without contact data") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_ro);
  auto rows = McpFixture::Value(f.CallTool(ctx, "list_users")).as_array();
  std::vector<std::string> logins;
  for (const auto& row : rows) {
    logins.emplace_back(row.at("login").as_string());
    REQUIRE(row.as_object().size() == 6);
    REQUIRE(row.at("valid").as_bool());
  }
  REQUIRE(logins == std::vector<std::string>{"admin", "agent_none", "agent_ro", "agent_rw"});
  REQUIRE(McpFixture::Value(f.CallTool(ctx, "list_users", R"({"limit":2})")).as_array().size() == 2);

  f.Sql(fmt::format("UPDATE users SET valid_id = 2 WHERE id = {}", f.agent_none));
  REQUIRE(McpFixture::Value(f.CallTool(ctx, "list_users")).as_array().size() == 3);
  auto everyone =
      McpFixture::Value(f.CallTool(McpFixture::Agent(1), "list_users", R"({"valid":false})"));
  REQUIRE(everyone.as_array().size() == 4);
  REQUIRE_FALSE(everyone.as_array()[1].at("valid").as_bool());
  REQUIRE(Failure(f.CallTool(ctx, "list_users", R"({"valid":"yes"})")) ==
          "Error: valid must be a boolean");
  REQUIRE(Failure(f.CallTool(McpFixture::Scoped(f.agent_ro, {"tickets:read"}), "list_users")) ==
          "Error: token missing required scope: users:read");
}

TEST_CASE("search_tickets searches readable queues, best match first") {
  McpFixture f;
  auto rows = McpFixture::Value(
      f.CallTool(McpFixture::Agent(f.agent_rw), "search_tickets", R"({"query":"printer"})"));
  REQUIRE(Ids(rows) == std::vector<std::int64_t>{f.ro_ticket});
  REQUIRE(rows.as_array()[0].as_object().size() == 5);
  REQUIRE(rows.as_array()[0].at("queue").as_string() == "ro_queue");
  // Article text is searched too.
  REQUIRE(Ids(McpFixture::Value(f.CallTool(McpFixture::Agent(f.agent_rw), "search_tickets",
                                           R"({"query":"fire","limit":1})")))
              .size() == 1);
  REQUIRE(McpFixture::Value(f.CallTool(McpFixture::Agent(f.agent_none), "search_tickets",
                                       R"({"query":"printer"})"))
              .as_array()
              .empty());
  auto ctx = McpFixture::Agent(f.agent_rw);
  REQUIRE(Failure(f.CallTool(ctx, "search_tickets")) == "Error: query is required");
  REQUIRE(Failure(f.CallTool(ctx, "search_tickets", R"({"query":"  "})")) ==
          "Error: query is required");
  REQUIRE(Failure(f.CallTool(ctx, "search_tickets",
                             R"({"query":")" + std::string(201, 'a') + R"("})")) ==
          "Error: query must be at most 200 characters");
}

TEST_CASE("get_statistics counts visible tickets by state and queue") {
  McpFixture f;
  auto stats = McpFixture::Value(f.CallTool(McpFixture::Agent(f.agent_ro), "get_statistics"));
  REQUIRE(bj::serialize(stats.at("tickets_by_state")) == R"({"new":1})");
  REQUIRE(bj::serialize(stats.at("tickets_by_queue")) == R"({"ro_queue":1})");
  REQUIRE(stats.at("total_tickets").as_int64() == 1);
  std::int64_t users = stats.at("total_users").as_int64();
  REQUIRE(users == 4);

  f.NewTicket(f.rw_queue, "Another");
  REQUIRE(f.tickets().Close(McpFixture::Admin(), f.rw_ticket, CloseTicketRequest{}).ok());
  auto rw = McpFixture::Value(f.CallTool(McpFixture::Agent(f.agent_rw), "get_statistics"));
  REQUIRE(bj::serialize(rw.at("tickets_by_queue")) == R"({"ro_queue":1,"rw_queue":2})");
  REQUIRE(rw.at("tickets_by_state").at("new").as_int64() == 2);
  REQUIRE(rw.at("tickets_by_state").at("closed successful").as_int64() == 1);
  REQUIRE(rw.at("total_tickets").as_int64() == 3);

  auto none = McpFixture::Value(f.CallTool(McpFixture::Agent(f.agent_none), "get_statistics"));
  REQUIRE(bj::serialize(none) ==
          R"({"tickets_by_state":{},"tickets_by_queue":{},"total_tickets":0,"total_users":4})");
  f.Sql(fmt::format("UPDATE users SET valid_id = 2 WHERE id = {}", f.agent_none));
  REQUIRE(McpFixture::Value(f.CallTool(McpFixture::Scoped(f.agent_ro, {"tickets:read"}),
                                       "get_statistics"))
              .at("total_users")
              .as_int64() == 3);
  REQUIRE(Failure(f.CallTool(McpFixture::Scoped(f.agent_ro, {"queues:read"}), "get_statistics")) ==
          "Error: token missing required scope: tickets:read");
}

TEST_CASE("execute_sql runs read-only SQL for admins through the SQL console") {
  McpFixture f;
  constexpr std::int64_t kAdminGroup = 2;  // default group "admin"
  auto admin = McpFixture::Agent(f.AddAgent("root", kAdminGroup, {"rw"}));
  auto result = McpFixture::Value(f.CallTool(
      admin, "execute_sql",
      fmt::format(R"({{"query":"SELECT id, title, ? AS flag, ? AS n, ? AS empty FROM ticket WHERE id = ?",)"
                  R"("args":[true, 2.5, null, {}]}})",
                  f.rw_ticket)));
  REQUIRE(bj::serialize(result) ==
          fmt::format(R"({{"columns":["id","title","flag","n","empty"],"rows":[{{"id":{},)"
                      R"("title":"Mail server down","flag":1,"n":2.5E0,"empty":null}}],)"
                      R"("rows_count":1,"truncated":false}})",
                      f.rw_ticket));

  REQUIRE(Failure(f.CallTool(admin, "execute_sql", R"({"query":"SELECT ?","args":[[1]]})")) ==
          "Error: args[0] must be a string, number, boolean or null");
  REQUIRE(Failure(f.CallTool(admin, "execute_sql", R"({"query":"SELECT 1","args":"x"})")) ==
          "Error: args must be an array");
  REQUIRE(Failure(f.CallTool(admin, "execute_sql", R"({"args":[]})")) == "Error: query is required");
  REQUIRE(Failure(f.CallTool(admin, "execute_sql", R"({"query":"SELECT ?, ?","args":[1]})")) ==
          "Error: query has 2 placeholders but 1 arguments were given");
  REQUIRE(Failure(f.CallTool(admin, "execute_sql", R"({"query":"DELETE FROM ticket"})")) ==
          "Error: statement is not read-only");
  REQUIRE(Failure(f.CallTool(admin, "execute_sql", R"({"query":"SELECT * FROM user_api_tokens"})")) ==
          "Error: access to table user_api_tokens is not allowed");
  REQUIRE(Failure(f.CallTool(McpFixture::Agent(f.agent_rw), "execute_sql",
                             R"({"query":"SELECT 1"})")) ==
          "Error: execute_sql requires admin group membership");
  REQUIRE(f.QueryInt("SELECT count(*) FROM ticket") == 2);
}

TEST_CASE("execute_sql refuses attacks through the dispatcher and bounds time and size") {
  McpFixture f;
  constexpr std::int64_t kAdminGroup = 2;
  auto admin = McpFixture::Agent(f.AddAgent("root", kAdminGroup, {"rw"}));
  auto call = [&](std::string_view sql) {
    bj::object arguments{{"query", sql}};
    return f.CallTool(admin, "execute_sql", bj::serialize(arguments));
  };
  struct Attack {
    const char* sql;
    const char* error;
  };
  for (Attack a : {Attack{"SELECT 1; DELETE FROM ticket", "Error: only one statement allowed"},
                   Attack{"UPDATE ticket SET title = 'x'", "Error: statement is not read-only"},
                   Attack{"ATTACH DATABASE '/tmp/x.db' AS x", "Error: ATTACH and DETACH are not allowed"},
                   Attack{"PRAGMA journal_mode", "Error: PRAGMA is not allowed"},
                   Attack{"SELECT load_extension('/tmp/x.so')",
                          "Error: function load_extension is not allowed"},
                   Attack{"SELECT token_hash FROM user_api_tokens",
                          "Error: access to table user_api_tokens is not allowed"},
                   Attack{"SELECT * FROM sessions", "Error: access to table sessions is not allowed"}}) {
    INFO(a.sql);
    REQUIRE(Failure(call(a.sql)) == a.error);
  }
  // Password hashes read as NULL, also in conditions.
  auto pw = McpFixture::Value(call("SELECT login, pw FROM users WHERE id = 1 OR pw IS NOT NULL"));
  REQUIRE(bj::serialize(pw.at("rows")) == R"([{"login":"admin","pw":null}])");

  auto huge = McpFixture::Value(call(
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5000) SELECT x FROM c"));
  REQUIRE(huge.at("rows_count").as_int64() == 1000);
  REQUIRE(huge.at("truncated").as_bool());

  OpenOptions options = testing::TestOptions(f.path());
  options.sql_console.time_limit = std::chrono::milliseconds(200);
  auto quick = testing::OpenTestHelpdesk(options);
  auto reply = quick->Mcp().Handle(
      admin, R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"execute_sql",)"
             R"("arguments":{"query":"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 )"
             R"(FROM c) SELECT count(*) FROM c"}}})");
  REQUIRE_OK(reply);
  auto result = bj::parse(reply->body).at("result").as_object();
  REQUIRE(Failure(result) == "Error: query stopped: time limit of 200 ms exceeded");
}

}  // namespace
}  // namespace goatflow
