// Group administration (api-v1.md §0): /api/v1/admin/groups[/:id[/members]].

#include "goatflow/directory.h"
#include "goatflow/json.h"
#include "server/body.h"
#include "server/query_params.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

Reply CreateGroup(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  CreateGroupRequest request;
  request.name = in.String("name").value_or("");
  request.comments = in.String("comments");
  request.valid_id = static_cast<int>(in.Int("valid_id").value_or(1));
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Directory().CreateGroup(req.context(), request), 201);
}

Reply UpdateGroup(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "group"));
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  UpdateGroupRequest request;
  request.name = in.String("name");
  request.comments = in.String("comments");
  if (auto valid = in.Int("valid_id")) request.valid_id = static_cast<int>(*valid);
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Directory().UpdateGroup(req.context(), id, request));
}

}  // namespace

void RegisterAdminGroupRoutes(Router& router, Helpdesk& hd) {
  const RouteOptions admin = AdminRouteOptions();
  router.Get(
      "/api/v1/admin/groups",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto valid, ParseValidFilter(req.Query("valid"), ValidFilter::kAll));
        return Render(hd.Directory().ListGroups(req.context(), valid, DirectoryView::kAdmin));
      },
      admin);
  router.Post(
      "/api/v1/admin/groups", [&hd](HttpRequest& req) { return CreateGroup(hd, req); }, admin);
  router.Get(
      "/api/v1/admin/groups/:id",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "group"));
        return Render(hd.Directory().GetGroup(req.context(), id, DirectoryView::kAdmin));
      },
      admin);
  router.Put(
      "/api/v1/admin/groups/:id", [&hd](HttpRequest& req) { return UpdateGroup(hd, req); }, admin);
  router.Delete(
      "/api/v1/admin/groups/:id",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "group"));
        return Render(hd.Directory().DeleteGroup(req.context(), id));
      },
      admin);
  router.Get(
      "/api/v1/admin/groups/:id/members",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "group"));
        return Render(hd.Directory().ListGroupMembers(req.context(), id));
      },
      admin);
}

}  // namespace goatflow::server
