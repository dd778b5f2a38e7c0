// Ticket actions (api-v1.md §4.6-4.9, §0 Merge and Lock): assign, close,
// reopen, priority, queue, lock, unlock, merge, history, links and the bulk
// variants. Single and bulk actions read their bodies with the same parsers.

#include <charconv>

#include "goatflow/json.h"
#include "goatflow/tickets.h"
#include "server/routes.h"
#include "server/ticket_fields.h"

namespace goatflow::server {
namespace {

AssignTicketRequest ReadAssign(TicketFields& in) {
  AssignTicketRequest r;
  r.owner_id = in.Int({"user_id", "assigned_to", "assignee_id", "agent_id", "owner_id"});
  r.responsible_id = in.Int({"responsible_user_id", "responsible_id"});
  r.comment = in.String({"comment"});
  return r;
}

CloseTicketRequest ReadClose(TicketFields& in) {
  CloseTicketRequest r;
  r.state_id = in.Int({"state_id", "ticket_state_id"});
  r.state = in.String({"state"});
  r.resolution = in.String({"resolution"});
  r.comment = in.String({"comment", "notes"});
  r.notify_customer = in.Bool({"notify_customer"}).value_or(false);
  r.time_units = in.Number({"time_units", "time_unit"});
  return r;
}

ChangePriorityRequest ReadPriority(TicketFields& in) {
  ChangePriorityRequest r;
  r.priority_id = in.Int({"priority_id", "ticket_priority_id"});
  r.priority = in.StringOrInt({"priority"});
  r.comment = in.String({"comment"});
  return r;
}

MoveTicketRequest ReadMove(TicketFields& in) {
  MoveTicketRequest r;
  r.queue_id = in.Int({"queue_id"}).value_or(0);
  r.comment = in.String({"comment"});
  return r;
}

// A single action on /api/v1/tickets/:id/<verb>: path id, body (optional when
// `optional_body`), one library call.
template <typename Parse, typename Call>
Handler Action(bool optional_body, Parse parse, Call call) {
  return [optional_body, parse, call](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    GOATFLOW_HTTP_ASSIGN(TicketFields in, TicketFields::Read(req, optional_body));
    auto request = parse(in);
    if (!in.ok()) return Fail(in.error());
    return Render(call(req.context(), id, request));
  };
}

// POST /api/v1/tickets/bulk/<verb>: {"ticket_ids": [...], ...the action's fields}.
template <typename Parse, typename Call>
Handler Bulk(Parse parse, Call call) {
  return [parse, call](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(TicketFields in, TicketFields::Read(req));
    std::vector<std::int64_t> ids =
        in.IntList({"ticket_ids"}).value_or(std::vector<std::int64_t>{});
    auto request = parse(in);
    if (!in.ok()) return Fail(in.error());
    return Ok(json::ToJson(call(req.context(), ids, request)));
  };
}

}  // namespace

void RegisterTicketActionRoutes(Router& router, Helpdesk& hd) {
  TicketService& t = hd.Tickets();
  using Ctx = const RequestContext&;
  using Id = std::int64_t;
  using Ids = const std::vector<std::int64_t>&;

  router.Post("/api/v1/tickets/:id/assign",
              Action(false, ReadAssign, [&t](Ctx c, Id id, const AssignTicketRequest& r) {
                return t.Assign(c, id, r);
              }));
  router.Post("/api/v1/tickets/:id/close",
              Action(true, ReadClose, [&t](Ctx c, Id id, const CloseTicketRequest& r) {
                return t.Close(c, id, r);
              }));
  router.Post("/api/v1/tickets/:id/reopen",
              Action(
                  false,
                  [](TicketFields& in) {
                    ReopenTicketRequest r;
                    r.reason = in.String({"reason"}).value_or("");
                    r.notes = in.String({"notes"});
                    r.state_id = in.Int({"state_id", "ticket_state_id"});
                    r.state = in.String({"state"});
                    r.notify_customer = in.Bool({"notify_customer"}).value_or(false);
                    return r;
                  },
                  [&t](Ctx c, Id id, const ReopenTicketRequest& r) { return t.Reopen(c, id, r); }));
  router.Post("/api/v1/tickets/:id/priority",
              Action(false, ReadPriority, [&t](Ctx c, Id id, const ChangePriorityRequest& r) {
                return t.ChangePriority(c, id, r);
              }));
  router.Post("/api/v1/tickets/:id/queue",
              Action(false, ReadMove, [&t](Ctx c, Id id, const MoveTicketRequest& r) {
                return t.MoveQueue(c, id, r);
              }));
  router.Post("/api/v1/tickets/:id/merge",
              Action(
                  false,
                  [](TicketFields& in) {
                    MergeTicketRequest r;
                    r.target_ticket_id = in.Int({"target_ticket_id"}).value_or(0);
                    r.reason = in.String({"reason"}).value_or("");
                    return r;
                  },
                  [&t](Ctx c, Id id, const MergeTicketRequest& r) { return t.Merge(c, id, r); }));
  router.Post("/api/v1/tickets/:id/lock", [&t](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    return Render(t.Lock(req.context(), id));
  });
  router.Post("/api/v1/tickets/:id/unlock", [&t](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    return Render(t.Unlock(req.context(), id));
  });

  router.Get("/api/v1/tickets/:id/history", [&t](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    // Lenient like pagination: a limit that is not an integer gives the default.
    std::optional<std::int64_t> limit;
    if (auto text = req.Query("limit")) {
      std::int64_t value = 0;
      auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
      if (ec == std::errc() && end == text->data() + text->size()) limit = value;
    }
    return Render(t.History(req.context(), id, limit));
  });

  router.Get("/api/v1/tickets/:id/links", [&t](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    return Render(t.Links(req.context(), id));
  });
  router.Post("/api/v1/tickets/:id/links", [&t](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    GOATFLOW_HTTP_ASSIGN(TicketFields in, TicketFields::Read(req));
    std::int64_t target = in.Int({"target_ticket_id", "related_ticket_id"}).value_or(0);
    std::string type = in.String({"link_type"}).value_or("Normal");
    if (!in.ok()) return Fail(in.error());
    return Render(t.AddLink(req.context(), id, target, type), 201);
  });
  router.Delete("/api/v1/tickets/:id/links/:target_id", [&t](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    GOATFLOW_HTTP_ASSIGN(auto target, req.PathId("target_id", "ticket"));
    std::string type = req.Query("link_type").value_or("Normal");
    return Render(t.RemoveLink(req.context(), id, target, type));
  });

  router.Post("/api/v1/tickets/bulk/assign",
              Bulk(ReadAssign, [&t](Ctx c, Ids ids, const AssignTicketRequest& r) {
                return t.BulkAssign(c, ids, r);
              }));
  router.Post("/api/v1/tickets/bulk/close",
              Bulk(ReadClose, [&t](Ctx c, Ids ids, const CloseTicketRequest& r) {
                return t.BulkClose(c, ids, r);
              }));
  router.Post("/api/v1/tickets/bulk/priority",
              Bulk(ReadPriority, [&t](Ctx c, Ids ids, const ChangePriorityRequest& r) {
                return t.BulkPriority(c, ids, r);
              }));
  router.Post("/api/v1/tickets/bulk/queue",
              Bulk(ReadMove, [&t](Ctx c, Ids ids, const MoveTicketRequest& r) {
                return t.BulkMoveQueue(c, ids, r);
              }));
}

}  // namespace goatflow::server
