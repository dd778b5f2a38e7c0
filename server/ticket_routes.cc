// Ticket collection and item endpoints (api-v1.md §4.1-4.5) and the queue's
// ticket list (§6, GET /api/v1/queues/:id/tickets).

#include <fmt/format.h>

#include "goatflow/json.h"
#include "goatflow/tickets.h"
#include "server/routes.h"
#include "server/ticket_fields.h"

namespace goatflow::server {
namespace {

// Create and article create may carry attachments (16 MiB, api-v1.md §0).
constexpr RouteOptions kUpload{.large_body = true, .form_body = true};

}  // namespace

Result<ListTicketsRequest> ParseListQuery(const HttpRequest& req) {
  return ParseListTicketsParams([&req](std::string_view name) { return req.Query(name); });
}

namespace {

Reply RenderPage(const Result<TicketPage>& page) {
  if (!page.ok()) return Fail(page.error());
  return List(json::ToJson(page->tickets), page->pagination);
}

// POST /tickets: JSON (with the `article` object form) or a form body.
Result<CreateTicketRequest> ParseCreate(const HttpRequest& req) {
  auto read = TicketFields::Read(req);
  if (!read.ok()) return read.error();
  TicketFields in = std::move(read).value();
  CreateTicketRequest r;
  r.title = in.String({"title", "subject"}).value_or("");
  r.queue_id = in.Int({"queue_id"});
  r.state_id = in.Int({"state_id", "ticket_state_id"});
  r.state = in.String({"state"});
  r.priority_id = in.Int({"priority_id", "ticket_priority_id"});
  r.priority = in.StringOrInt({"priority"});
  r.type_id = in.Int({"type_id"});
  r.pending_until = in.StringOrInt({"pending_until"});
  r.customer_user_id = in.String({"customer_user_id"});
  r.customer_id = in.String({"customer_id"});
  r.owner_id = in.Int({"owner_id", "user_id", "owner_user_id"});
  r.responsible_id = in.Int({"responsible_id", "responsible_user_id"});
  r.body = in.String({"body", "description"});
  r.content_type = in.String({"content_type"});
  TicketFields article = in.Nested("article");
  if (!r.body) r.body = article.String({"body"});
  if (!r.content_type) r.content_type = article.String({"content_type"});
  r.article_subject = article.String({"subject"});
  r.article_visible = article.Bool({"is_visible_for_customer"});
  r.attachments = in.Attachments();
  if (!article.ok()) return article.error();
  if (!in.ok()) return in.error();
  return r;
}

Result<UpdateTicketRequest> ParseUpdate(const HttpRequest& req) {
  auto read = TicketFields::Read(req);
  if (!read.ok()) return read.error();
  TicketFields in = std::move(read).value();
  UpdateTicketRequest r;
  r.title = in.String({"title"});
  r.queue_id = in.Int({"queue_id"});
  r.state_id = in.Int({"state_id", "ticket_state_id"});
  r.state = in.String({"state"});
  r.pending_until = in.StringOrInt({"pending_until"});
  r.priority_id = in.Int({"priority_id", "ticket_priority_id"});
  r.priority = in.StringOrInt({"priority"});
  r.type_id = in.Int({"type_id"});
  r.owner_id = in.Int({"owner_id", "user_id", "owner_user_id", "assigned_to"});
  r.responsible_id = in.Int({"responsible_id", "responsible_user_id"});
  r.clear_responsible = !r.responsible_id && in.IsNull({"responsible_id", "responsible_user_id"});
  r.customer_user_id = in.String({"customer_user_id"});
  r.customer_id = in.String({"customer_id"});
  r.lock = in.String({"lock"});
  if (!r.lock) {
    // ticket_lock_id: 1 unlock, 2 lock; other values reach the library as given.
    if (auto lock_id = in.Int({"ticket_lock_id"}))
      r.lock = *lock_id == 1 ? "unlock" : *lock_id == 2 ? "lock" : std::to_string(*lock_id);
  }
  if (!in.ok()) return in.error();
  return r;
}

}  // namespace

void RegisterTicketRoutes(Router& router, Helpdesk& hd) {
  router.Get("/api/v1/tickets", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto request, ParseListQuery(req));
    return RenderPage(hd.Tickets().List(req.context(), request));
  });

  router.Get("/api/v1/queues/:id/tickets", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "queue"));
    GOATFLOW_HTTP_ASSIGN(auto request, ParseListQuery(req));
    request.within_queue = id;
    return RenderPage(hd.Tickets().List(req.context(), request));
  });

  router.Post(
      "/api/v1/tickets",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto request, ParseCreate(req));
        GOATFLOW_HTTP_ASSIGN(Ticket ticket, hd.Tickets().Create(req.context(), request));
        Reply reply = Ok(json::CreatedTicket(ticket), 201);
        reply.headers.emplace_back("Location", fmt::format("/api/v1/tickets/{}", ticket.id));
        return reply;
      },
      kUpload);

  router.Get("/api/v1/tickets/:id", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    bool articles = false;
    bool last_article = false;
    if (auto include = req.Query("include")) {
      for (const std::string& item : SplitParamList(*include)) {
        articles = articles || item == "articles";
        last_article = last_article || item == "last_article";
      }
    }
    return Render(hd.Tickets().Get(req.context(), id, articles, last_article));
  });

  router.Put("/api/v1/tickets/:id", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    GOATFLOW_HTTP_ASSIGN(auto request, ParseUpdate(req));
    return Render(hd.Tickets().Update(req.context(), id, request));
  });

  router.Delete("/api/v1/tickets/:id", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "ticket"));
    return Render(hd.Tickets().Archive(req.context(), id));
  });
}

}  // namespace goatflow::server
