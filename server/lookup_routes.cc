// Lookups (api-v1.md §13.1): priorities (with admin create/update/invalidate),
// states and ticket types. Lists are not paginated.

#include "goatflow/json.h"
#include "goatflow/lookups.h"
#include "server/body.h"
#include "server/query_params.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

Reply CreatePriority(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  CreatePriorityRequest request;
  request.name = in.String("name").value_or("");
  request.color = in.String("color").value_or("");
  auto valid_id = in.Int("valid_id");
  if (!in.ok()) return Fail(in.error());
  if (valid_id) request.valid_id = static_cast<int>(*valid_id);
  return Render(hd.Lookups().CreatePriority(req.context(), request), 201);
}

Reply UpdatePriority(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "priority"));
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  UpdatePriorityRequest request;
  request.name = in.String("name");
  request.color = in.String("color");
  auto valid_id = in.Int("valid_id");
  if (!in.ok()) return Fail(in.error());
  if (valid_id) request.valid_id = static_cast<int>(*valid_id);
  return Render(hd.Lookups().UpdatePriority(req.context(), id, request));
}

}  // namespace

void RegisterLookupRoutes(Router& router, Helpdesk& hd) {
  router.Get("/api/v1/priorities", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto valid, ParseValidFilter(req.Query("valid"), ValidFilter::kValid));
    return Render(hd.Lookups().ListPriorities(req.context(), valid));
  });
  router.Post("/api/v1/priorities", [&hd](HttpRequest& req) { return CreatePriority(hd, req); });
  router.Get("/api/v1/priorities/:id", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "priority"));
    return Render(hd.Lookups().GetPriority(req.context(), id));
  });
  router.Put("/api/v1/priorities/:id", [&hd](HttpRequest& req) { return UpdatePriority(hd, req); });
  router.Delete("/api/v1/priorities/:id", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "priority"));
    return Render(hd.Lookups().DeletePriority(req.context(), id));
  });
  router.Get("/api/v1/states", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto valid, ParseValidFilter(req.Query("valid"), ValidFilter::kValid));
    return Render(hd.Lookups().ListStates(req.context(), valid, req.Query("type").value_or("")));
  });
  router.Get("/api/v1/types", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto valid, ParseValidFilter(req.Query("valid"), ValidFilter::kValid));
    return Render(hd.Lookups().ListTypes(req.context(), valid));
  });
}

}  // namespace goatflow::server
