// Ticket actions over HTTP (api-v1.md §4.6-4.9, §0 Merge/Lock): assign, close,
// reopen, priority, queue, lock/unlock, merge, history, links and bulk, each
// with its permission matrix, bad input and token scopes.

#include <fmt/format.h>

#include "goatflow/directory.h"
#include "goatflow/tickets.h"
#include "http/ticket_test_support.h"

namespace goatflow {
namespace {

using testing::Bearer;
using testing::BodyField;
using testing::kJson;
using testing::PermissionWorld;
using testing::RequireError;
using testing::RequireStillHealthy;
using testing::ScopedToken;
using testing::Status;
using testing::TestServer;

struct Actions {
  httplib::Client& client;
  httplib::Result Post(std::int64_t id, const std::string& verb, const std::string& token,
                       const std::string& body = "{}") {
    return client.Post(fmt::format("/api/v1/tickets/{}/{}", id, verb), Bearer(token), body, kJson);
  }
};

TEST_CASE("POST /tickets/:id/assign needs owner; the target must be eligible") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  Actions a{client};
  auto body = fmt::format(R"({{"assigned_to":{},"comment":"yours"}})", w.agent_rw);
  auto ok = a.Post(w.rw_ticket, "assign", w.rw_token, body);
  REQUIRE(Status(ok) == 200);
  REQUIRE(BodyField(ok, "/data/owner_id") == std::to_string(w.agent_rw));
  REQUIRE(BodyField(ok, "/data/owner") == "agent_rw");
  REQUIRE(Status(a.Post(w.rw_ticket, "assign", w.admin_token,
                        fmt::format(R"({{"agent_id":{},"responsible_id":{}}})", w.agent_rw,
                                    w.agent_rw))) == 200);
  RequireError(a.Post(w.rw_ticket, "assign", w.rw_token, "{}"), 400, "core:validation_failed",
               "user_id is required");
  RequireError(
      a.Post(w.rw_ticket, "assign", w.rw_token, fmt::format(R"({{"user_id":{}}})", w.agent_ro)),
      400, "core:validation_failed", "User lacks owner permission on this queue");
  RequireError(a.Post(w.rw_ticket, "assign", w.rw_token, R"({"user_id":987654})"), 400,
               "core:validation_failed", "User not found or inactive");
  RequireError(a.Post(w.rw_ticket, "assign", w.rw_token, R"({"user_id":"3"})"), 400,
               "core:invalid_request");
  RequireError(a.Post(w.rw_ticket, "assign", w.rw_token, "nope"), 400, "core:invalid_request");
  RequireError(a.Post(w.ro_ticket, "assign", w.ro_token, body), 403, "core:forbidden");
  RequireError(a.Post(w.rw_ticket, "assign", w.none_token, body), 404, "core:not_found");
  RequireError(a.Post(w.rw_ticket, "assign", w.cust_a_token, body), 403, "core:forbidden");
  RequireError(a.Post(w.ticket_b, "assign", w.cust_a_token, body), 404, "core:not_found");
  RequireError(client.Post(fmt::format("/api/v1/tickets/{}/assign", w.rw_ticket), body, kJson), 401,
               "core:unauthorized");
  RequireError(client.Post("/api/v1/tickets/x/assign", Bearer(w.rw_token), body, kJson), 400,
               "core:invalid_id");
}

TEST_CASE("POST /tickets/:id/close and /reopen follow the state rules") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  Actions a{client};
  // No body at all is a valid close.
  auto closed = client.Post(fmt::format("/api/v1/tickets/{}/close", w.rw_ticket),
                            Bearer(w.rw_token), "", kJson);
  REQUIRE(Status(closed) == 200);
  REQUIRE(BodyField(closed, "/data/state") == "closed successful");
  REQUIRE(BodyField(closed, "/data/status") == "closed");
  RequireError(a.Post(w.rw_ticket, "close", w.rw_token), 400, "core:validation_failed",
               "Ticket is already closed");
  auto unsuccessful = a.Post(w.ticket_b, "close", w.admin_token,
                             R"({"resolution":"wontfix","notes":"duplicate","time_units":1.5})");
  REQUIRE(BodyField(unsuccessful, "/data/state") == "closed unsuccessful");
  RequireError(a.Post(w.ro_ticket, "close", w.rw_token, R"({"state":"open"})"), 403,
               "core:forbidden");
  RequireError(a.Post(w.ro_ticket, "close", w.admin_token, R"({"state":"open"})"), 400,
               "core:validation_failed", "state must be a closed state");
  RequireError(a.Post(w.ro_ticket, "close", w.admin_token, R"({"notify_customer":"yes"})"), 400,
               "core:invalid_request");
  RequireError(a.Post(w.ro_ticket, "close", w.none_token), 404, "core:not_found");
  RequireError(a.Post(w.ro_ticket, "close", w.cust_a_token), 403, "core:forbidden");

  RequireError(a.Post(w.rw_ticket, "reopen", w.rw_token, "{}"), 400, "core:validation_failed",
               "reason is required");
  RequireError(a.Post(w.rw_ticket, "reopen", w.ro_token, R"({"reason":"x"})"), 404,
               "core:not_found");
  RequireError(a.Post(w.rw_ticket, "reopen", w.cust_a_token, R"({"reason":"x"})"), 403,
               "core:forbidden");
  RequireError(a.Post(w.ro_ticket, "reopen", w.admin_token, R"({"reason":"x"})"), 400,
               "core:validation_failed", "Ticket is not closed");
  auto reopened = a.Post(w.rw_ticket, "reopen", w.rw_token,
                         R"({"reason":"Customer replied","state":"new","notes":"again"})");
  REQUIRE(Status(reopened) == 200);
  REQUIRE(BodyField(reopened, "/data/state") == "new");
  auto fallback = a.Post(w.ticket_b, "reopen", w.rw_token, R"({"reason":"x","state":"closed"})");
  REQUIRE(BodyField(fallback, "/data/state") == "open");
  RequireStillHealthy(client);
}

TEST_CASE("POST /tickets/:id/priority, /queue, /lock and /unlock") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  Actions a{client};
  auto high = a.Post(w.rw_ticket, "priority", w.rw_token, R"({"priority":"high","comment":"c"})");
  REQUIRE(Status(high) == 200);
  REQUIRE(BodyField(high, "/data/priority") == "4 high");
  REQUIRE(BodyField(a.Post(w.rw_ticket, "priority", w.rw_token, R"({"priority_id":1})"),
                    "/data/priority") == "1 very low");
  RequireError(a.Post(w.rw_ticket, "priority", w.rw_token, "{}"), 400, "core:validation_failed",
               "priority_id is required");
  RequireError(a.Post(w.rw_ticket, "priority", w.rw_token, R"({"priority":"sky-high"})"), 400,
               "core:validation_failed");
  RequireError(a.Post(w.ro_ticket, "priority", w.ro_token, R"({"priority_id":2})"), 403,
               "core:forbidden");
  RequireError(a.Post(w.rw_ticket, "priority", w.none_token, R"({"priority_id":2})"), 404,
               "core:not_found");

  // agent_rw lacks move_into on ro_queue; the admin may move anywhere.
  RequireError(
      a.Post(w.rw_ticket, "queue", w.rw_token, fmt::format(R"({{"queue_id":{}}})", w.ro_queue)),
      403, "core:forbidden");
  RequireError(
      a.Post(w.rw_ticket, "queue", w.cust_a_token, fmt::format(R"({{"queue_id":{}}})", w.ro_queue)),
      403, "core:forbidden");
  RequireError(a.Post(w.rw_ticket, "queue", w.admin_token, R"({"queue_id":424242})"), 400,
               "core:validation_failed");
  auto moved = a.Post(w.rw_ticket, "queue", w.admin_token,
                      fmt::format(R"({{"queue_id":{},"comment":"triage"}})", w.ro_queue));
  REQUIRE(Status(moved) == 200);
  REQUIRE(BodyField(moved, "/data/queue") == "ro_queue");

  auto locked = a.Post(w.ticket_b, "lock", w.rw_token);
  REQUIRE(Status(locked) == 200);
  REQUIRE(BodyField(locked, "/data/lock") == "lock");
  REQUIRE(BodyField(locked, "/data/owner_id") == std::to_string(w.agent_rw));
  RequireError(a.Post(w.ticket_b, "lock", w.rw_token), 409, "core:conflict");
  RequireError(a.Post(w.ro_ticket, "lock", w.ro_token), 403, "core:forbidden");
  RequireError(a.Post(w.ticket_b, "lock", w.cust_b_token), 403, "core:forbidden");
  auto unlocked = a.Post(w.ticket_b, "unlock", w.rw_token);
  REQUIRE(BodyField(unlocked, "/data/lock") == "unlock");
  RequireError(a.Post(w.ticket_b, "unlock", w.none_token), 404, "core:not_found");
}

TEST_CASE("POST /tickets/:id/merge needs rw on both tickets") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  Actions a{client};
  auto into = [](std::int64_t target) {
    return fmt::format(R"({{"target_ticket_id":{},"reason":"same issue"}})", target);
  };
  RequireError(a.Post(w.rw_ticket, "merge", w.rw_token, into(w.ro_ticket)), 403, "core:forbidden");
  RequireError(a.Post(w.rw_ticket, "merge", w.none_token, into(w.ticket_b)), 404, "core:not_found");
  RequireError(a.Post(w.rw_ticket, "merge", w.cust_a_token, into(w.ticket_b)), 403,
               "core:forbidden");
  RequireError(a.Post(w.rw_ticket, "merge", w.rw_token, into(w.rw_ticket)), 400,
               "core:validation_failed", "Cannot merge a ticket into itself");
  RequireError(a.Post(w.rw_ticket, "merge", w.rw_token,
                      fmt::format(R"({{"target_ticket_id":{}}})", w.ticket_b)),
               400, "core:validation_failed", "reason is required");
  RequireError(a.Post(w.rw_ticket, "merge", w.rw_token, R"({"target_ticket_id":"x"})"), 400,
               "core:invalid_request");
  auto merged = a.Post(w.rw_ticket, "merge", w.rw_token, into(w.ticket_b));
  REQUIRE(Status(merged) == 200);
  REQUIRE(BodyField(merged, "/data/id") == std::to_string(w.ticket_b));
  REQUIRE(BodyField(merged, "/data/article_count") == "2");
  auto source = client.Get(fmt::format("/api/v1/tickets/{}", w.rw_ticket), Bearer(w.rw_token));
  REQUIRE(BodyField(source, "/data/status") == "merged");
  RequireError(a.Post(w.rw_ticket, "merge", w.rw_token, into(w.ticket_b)), 400,
               "core:validation_failed");
}

TEST_CASE("GET /tickets/:id/history is for agents who can see the ticket") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  Actions a{client};
  for (int i = 0; i < 3; ++i)
    REQUIRE(Status(a.Post(w.rw_ticket, "priority", w.rw_token,
                          fmt::format(R"({{"priority_id":{}}})", i + 1))) == 200);
  auto path = fmt::format("/api/v1/tickets/{}/history", w.rw_ticket);
  auto history = client.Get(path, Bearer(w.rw_token));
  REQUIRE(Status(history) == 200);
  REQUIRE(BodyField(history, "/data/ticket_id") == std::to_string(w.rw_ticket));
  REQUIRE(BodyField(history, "/data/history/0/history_type") == "PriorityUpdate");
  REQUIRE(std::stoi(BodyField(history, "/data/count")) >= 4);
  auto limited = client.Get(path + "?limit=2", Bearer(w.rw_token));
  REQUIRE(BodyField(limited, "/data/count") == "2");
  for (const char* limit : {"0", "-5", "abc"}) {
    auto res = client.Get(path + "?limit=" + limit, Bearer(w.rw_token));
    REQUIRE(BodyField(res, "/data/count") == BodyField(history, "/data/count"));
  }
  RequireError(client.Get(path, Bearer(w.ro_token)), 404, "core:not_found");
  RequireError(client.Get(path, Bearer(w.cust_a_token)), 404, "core:not_found");
  RequireError(client.Get(path), 401, "core:unauthorized");
  REQUIRE(Status(client.Get(fmt::format("/api/v1/tickets/{}/history", w.ro_ticket),
                            Bearer(w.ro_token))) == 200);
}

TEST_CASE("GET/POST /tickets/:id/links and DELETE /tickets/:id/links/:target_id") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  Actions a{client};
  auto link = [&](const std::string& token, std::int64_t target, const std::string& type) {
    return a.Post(w.rw_ticket, "links", token,
                  fmt::format(R"({{"target_ticket_id":{},"link_type":"{}"}})", target, type));
  };
  auto created = link(w.rw_token, w.ro_ticket, "ParentChild");
  REQUIRE(Status(created) == 201);
  REQUIRE(BodyField(created, "/data/count") == "1");
  REQUIRE(BodyField(created, "/data/links/0/related_ticket_id") == std::to_string(w.ro_ticket));
  REQUIRE(BodyField(created, "/data/links/0/direction") == "source");
  REQUIRE(Status(link(w.rw_token, w.ro_ticket, "ParentChild")) == 409);
  RequireError(link(w.rw_token, w.ro_ticket, "Sibling"), 400, "core:validation_failed",
               "Invalid link type");
  RequireError(link(w.ro_token, w.ro_ticket, "Normal"), 404, "core:not_found");
  RequireError(link(w.cust_a_token, w.ro_ticket, "Normal"), 403, "core:forbidden");
  auto seen_from_target =
      client.Get(fmt::format("/api/v1/tickets/{}/links", w.ro_ticket), Bearer(w.rw_token));
  REQUIRE(Status(seen_from_target) == 200);
  REQUIRE(BodyField(seen_from_target, "/data/links/0/direction") == "target");
  // agent_ro sees ro_ticket but not its linked rw_ticket: the link is left out.
  auto hidden =
      client.Get(fmt::format("/api/v1/tickets/{}/links", w.ro_ticket), Bearer(w.ro_token));
  REQUIRE(Status(hidden) == 200);
  REQUIRE(BodyField(hidden, "/data/count") == "0");
  RequireError(
      client.Get(fmt::format("/api/v1/tickets/{}/links", w.rw_ticket), Bearer(w.none_token)), 404,
      "core:not_found");
  auto removed = client.Delete(
      fmt::format("/api/v1/tickets/{}/links/{}?link_type=ParentChild", w.rw_ticket, w.ro_ticket),
      Bearer(w.rw_token));
  REQUIRE(Status(removed) == 200);
  REQUIRE(BodyField(removed, "/data/count") == "0");
  RequireError(client.Delete(fmt::format("/api/v1/tickets/{}/links/{}", w.rw_ticket, w.ro_ticket),
                             Bearer(w.rw_token)),
               404, "core:not_found", "Link not found");
  RequireError(
      client.Delete(fmt::format("/api/v1/tickets/{}/links/abc", w.rw_ticket), Bearer(w.rw_token)),
      400, "core:invalid_id");
}

TEST_CASE("POST /tickets/bulk/* reports each ticket's outcome") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto bulk = [&](const std::string& verb, const std::string& token, const std::string& body) {
    return client.Post("/api/v1/tickets/bulk/" + verb, Bearer(token), body, kJson);
  };
  auto ids = fmt::format("[{},{},{},999999]", w.rw_ticket, w.ticket_b, w.ro_ticket);
  auto priority =
      bulk("priority", w.rw_token, fmt::format(R"({{"ticket_ids":{},"priority":"high"}})", ids));
  REQUIRE(Status(priority) == 200);
  REQUIRE(BodyField(priority, "/data/processed") == "2");
  REQUIRE(BodyField(priority, "/data/failed") == "2");
  REQUIRE(BodyField(priority, "/data/errors/0/ticket_id") == std::to_string(w.ro_ticket));
  REQUIRE(BodyField(priority, "/data/errors/1/error") == "Ticket not found");
  auto assign = bulk(
      "assign", w.rw_token,
      fmt::format(R"({{"ticket_ids":[{},{}],"user_id":{}}})", w.rw_ticket, w.ticket_b, w.agent_rw));
  REQUIRE(BodyField(assign, "/data/processed") == "2");
  auto move = bulk("queue", w.admin_token,
                   fmt::format(R"({{"ticket_ids":[{}],"queue_id":{}}})", w.ticket_b, w.ro_queue));
  REQUIRE(BodyField(move, "/data/processed") == "1");
  auto close = bulk("close", w.cust_a_token,
                    fmt::format(R"({{"ticket_ids":[{},{}]}})", w.rw_ticket, w.ticket_b));
  REQUIRE(BodyField(close, "/data/processed") == "0");
  REQUIRE(BodyField(close, "/data/failed") == "2");
  auto closed = bulk("close", w.admin_token,
                     fmt::format(R"({{"ticket_ids":[{}],"resolution":"fixed"}})", w.rw_ticket));
  REQUIRE(BodyField(closed, "/data/processed") == "1");
  RequireError(bulk("close", w.admin_token, R"({"ticket_ids":"1,2"})"), 400,
               "core:invalid_request");
  RequireError(bulk("close", w.admin_token, R"({"ticket_ids":[1,"2"]})"), 400,
               "core:invalid_request");
  RequireError(bulk("close", w.admin_token, "{"), 400, "core:invalid_request");
  RequireError(client.Post("/api/v1/tickets/bulk/close", R"({"ticket_ids":[1]})", kJson), 401,
               "core:unauthorized");
  REQUIRE(BodyField(bulk("close", w.admin_token, "{}"), "/data/processed") == "0");
  RequireStillHealthy(client);
}

TEST_CASE("Ticket actions need tickets:write on API tokens") {
  TestServer server;
  PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto& hd = server.helpdesk();
  std::string read = ScopedToken(hd, w.rw_token, {"tickets:read"});
  std::string write = ScopedToken(hd, w.rw_token, {"tickets:write"});
  Actions a{client};
  RequireError(a.Post(w.rw_ticket, "close", read), 403, "core:forbidden",
               "Token missing required scope: tickets:write");
  RequireError(a.Post(w.rw_ticket, "lock", read), 403, "core:forbidden",
               "Token missing required scope: tickets:write");
  RequireError(
      a.Post(w.rw_ticket, "links", read, fmt::format(R"({{"target_ticket_id":{}}})", w.ticket_b)),
      403, "core:forbidden", "Token missing required scope: tickets:write");
  RequireError(client.Get(fmt::format("/api/v1/tickets/{}/history", w.rw_ticket), Bearer(write)),
               403, "core:forbidden", "Token missing required scope: tickets:read");
  auto bulk =
      client.Post("/api/v1/tickets/bulk/priority", Bearer(read),
                  fmt::format(R"({{"ticket_ids":[{}],"priority_id":2}})", w.rw_ticket), kJson);
  REQUIRE(BodyField(bulk, "/data/errors/0/error") == "Token missing required scope: tickets:write");
  REQUIRE(Status(client.Get(fmt::format("/api/v1/tickets/{}/history", w.rw_ticket),
                            Bearer(read))) == 200);
  REQUIRE(Status(a.Post(w.rw_ticket, "close", write)) == 200);
}

}  // namespace
}  // namespace goatflow
