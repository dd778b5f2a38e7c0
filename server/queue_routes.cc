// Queues (api-v1.md §6): list, create, get, update, delete, stats. The ticket
// list of a queue (GET /api/v1/queues/:id/tickets) belongs to the ticket routes.

#include "goatflow/json.h"
#include "goatflow/queues.h"
#include "server/body.h"
#include "server/query_params.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

// `comment`, with the GoatFlow alias `comments` (api-v1.md §2.3).
std::optional<std::string> Comment(BodyReader& in) {
  auto comment = in.String("comment");
  if (!comment) comment = in.String("comments");
  return comment;
}

Reply ListQueues(Helpdesk& hd, HttpRequest& req) {
  ListQueuesRequest request;
  request.page = req.Page();
  GOATFLOW_HTTP_ASSIGN(request.valid, ParseValidFilter(req.Query("valid"), ValidFilter::kAll));
  GOATFLOW_HTTP_ASSIGN(request.include_stats,
                       ParseBoolParam(req.Query("include_stats"), "include_stats"));
  request.search = req.Query("search").value_or("");
  GOATFLOW_HTTP_ASSIGN(auto page, hd.Queues().List(req.context(), request));
  return List(json::ToJson(page.items), page.pagination);
}

Reply CreateQueue(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  CreateQueueRequest request;
  request.name = in.String("name").value_or("");
  request.group_id = in.Int("group_id").value_or(0);
  request.comment = Comment(in);
  request.system_address_id = in.Int("system_address_id");
  request.salutation_id = in.Int("salutation_id");
  request.signature_id = in.Int("signature_id");
  request.unlock_timeout = in.Int("unlock_timeout");
  request.follow_up_id = in.Int("follow_up_id");
  request.follow_up_lock = in.Int("follow_up_lock");
  request.group_access = in.IntList("group_access").value_or(std::vector<std::int64_t>{});
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Queues().Create(req.context(), request), 201);
}

Reply UpdateQueue(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "queue"));
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  UpdateQueueRequest request;
  request.name = in.String("name");
  request.group_id = in.Int("group_id");
  request.comment = Comment(in);
  request.system_address_id = in.Int("system_address_id");
  request.salutation_id = in.Int("salutation_id");
  request.signature_id = in.Int("signature_id");
  request.unlock_timeout = in.Int("unlock_timeout");
  request.follow_up_id = in.Int("follow_up_id");
  request.follow_up_lock = in.Int("follow_up_lock");
  request.valid_id = in.Int("valid_id");
  request.group_access = in.IntList("group_access");
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Queues().Update(req.context(), id, request));
}

}  // namespace

void RegisterQueueRoutes(Router& router, Helpdesk& hd) {
  router.Get("/api/v1/queues", [&hd](HttpRequest& req) { return ListQueues(hd, req); });
  router.Post("/api/v1/queues", [&hd](HttpRequest& req) { return CreateQueue(hd, req); });
  router.Get("/api/v1/queues/:id", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "queue"));
    return Render(hd.Queues().Get(req.context(), id));
  });
  router.Put("/api/v1/queues/:id", [&hd](HttpRequest& req) { return UpdateQueue(hd, req); });
  router.Delete("/api/v1/queues/:id", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "queue"));
    GOATFLOW_HTTP_ASSIGN(auto queue, hd.Queues().Delete(req.context(), id));
    return Ok(json::QueueDeleted(queue));
  });
  router.Get("/api/v1/queues/:id/stats", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "queue"));
    return Render(hd.Queues().Stats(req.context(), id));
  });
}

}  // namespace goatflow::server
