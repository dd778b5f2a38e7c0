// Agent administration (api-v1.md §10): /api/v1/admin/users and the related
// memberships, activate, deactivate and reset-password endpoints.

#include <boost/json.hpp>

#include "goatflow/directory.h"
#include "goatflow/json.h"
#include "server/body.h"
#include "server/query_params.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

Error GroupsShapeError() {
  return Error(ErrorCode::kInvalidArgument, "Invalid request body",
               {{"field", "groups"}, {"reason", "wrong_type"}})
      .WithWireCode("core:invalid_request");
}

// [{"group_id": int, "permissions": [string]}]; only shapes are checked here.
Result<std::vector<GroupGrant>> ParseGrants(const boost::json::value& value) {
  if (!value.is_array()) return GroupsShapeError();
  std::vector<GroupGrant> grants;
  for (const auto& item : value.get_array()) {
    if (!item.is_object()) return GroupsShapeError();
    boost::json::object entry = item.get_object();
    BodyReader in(entry);
    GroupGrant grant;
    grant.group_id = in.Int("group_id").value_or(0);
    grant.permissions = in.StringList("permissions").value_or(std::vector<std::string>{});
    if (!in.ok()) return GroupsShapeError();
    grants.push_back(std::move(grant));
  }
  return grants;
}

Result<std::optional<std::vector<GroupGrant>>> OptionalGrants(const boost::json::object& body) {
  const boost::json::value* groups = body.if_contains("groups");
  if (groups == nullptr || groups->is_null()) return std::optional<std::vector<GroupGrant>>();
  auto grants = ParseGrants(*groups);
  if (!grants.ok()) return std::move(grants).error();
  return std::optional<std::vector<GroupGrant>>(std::move(grants).value());
}

Reply ListUsers(Helpdesk& hd, HttpRequest& req) {
  ListAgentsRequest request;
  request.page = req.Page();
  request.search = req.Query("search").value_or("");
  request.sort = req.Query("sort").value_or("login");
  GOATFLOW_HTTP_ASSIGN(request.include_invalid,
                       ParseBoolParam(req.Query("include_invalid"), "include_invalid"));
  GOATFLOW_HTTP_ASSIGN(auto page,
                       hd.Directory().ListAgents(req.context(), request, DirectoryView::kAdmin));
  return List(json::ToJson(page.items), page.pagination);
}

Reply CreateUser(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  CreateAgentRequest request;
  request.login = in.String("login").value_or("");
  request.first_name = in.String("first_name").value_or("");
  request.last_name = in.String("last_name").value_or("");
  request.email = in.String("email");
  request.password = in.String("password");
  request.title = in.String("title");
  request.valid_id = static_cast<int>(in.Int("valid_id").value_or(1));
  if (!in.ok()) return Fail(in.error());
  GOATFLOW_HTTP_ASSIGN(auto groups, OptionalGrants(body));
  if (groups) request.groups = std::move(*groups);
  return Render(hd.Directory().CreateAgent(req.context(), request), 201);
}

Reply UpdateUser(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "user"));
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  UpdateAgentRequest request;
  request.login = in.String("login");
  request.first_name = in.String("first_name");
  request.last_name = in.String("last_name");
  request.email = in.String("email");
  request.title = in.String("title");
  if (auto valid = in.Int("valid_id")) request.valid_id = static_cast<int>(*valid);
  if (!in.ok()) return Fail(in.error());
  GOATFLOW_HTTP_ASSIGN(request.groups, OptionalGrants(body));
  return Render(hd.Directory().UpdateAgent(req.context(), id, request));
}

// PUT /admin/users/:id/groups: the body is the grant list itself (api-v1.md
// §0), or {"groups": [...]}.
Reply SetGroups(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "user"));
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(req.body(), ec);
  if (ec) {
    return Fail(Error(ErrorCode::kInvalidArgument, "Invalid request body")
                    .WithWireCode("core:invalid_request"));
  }
  if (body.is_object()) {
    if (!body.get_object().contains("groups")) return Fail(GroupsShapeError());
    body = body.get_object().at("groups");
  }
  GOATFLOW_HTTP_ASSIGN(auto grants, ParseGrants(body));
  return Render(hd.Directory().SetAgentGroups(req.context(), id, grants));
}

Reply ResetPassword(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "user"));
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  std::string password = in.String("new_password").value_or("");
  if (!in.ok()) return Fail(in.error());
  auto reset = hd.Directory().ResetAgentPassword(req.context(), id, password);
  if (!reset.ok()) return Fail(reset.error());
  return Ok(boost::json::serialize(
      boost::json::object{{"id", id}, {"message", "Password reset successfully"}}));
}

Reply Deactivated(const Result<Agent>& agent) {
  if (!agent.ok()) return Fail(agent.error());
  return Ok(boost::json::serialize(boost::json::object{{"id", agent->id}, {"active", false}}));
}

}  // namespace

void RegisterAdminUserRoutes(Router& router, Helpdesk& hd) {
  const RouteOptions admin = AdminRouteOptions();
  router.Get(
      "/api/v1/admin/users", [&hd](HttpRequest& req) { return ListUsers(hd, req); }, admin);
  router.Post(
      "/api/v1/admin/users", [&hd](HttpRequest& req) { return CreateUser(hd, req); }, admin);
  router.Get(
      "/api/v1/admin/users/:id",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "user"));
        return Render(hd.Directory().GetAgent(req.context(), id, DirectoryView::kAdmin));
      },
      admin);
  router.Put(
      "/api/v1/admin/users/:id", [&hd](HttpRequest& req) { return UpdateUser(hd, req); }, admin);
  router.Delete(
      "/api/v1/admin/users/:id",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "user"));
        return Deactivated(hd.Directory().DisableAgent(req.context(), id));
      },
      admin);
  router.Put(
      "/api/v1/admin/users/:id/groups", [&hd](HttpRequest& req) { return SetGroups(hd, req); },
      admin);
  router.Post(
      "/api/v1/admin/users/:id/activate",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "user"));
        return Render(hd.Directory().EnableAgent(req.context(), id));
      },
      admin);
  router.Post(
      "/api/v1/admin/users/:id/deactivate",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "user"));
        return Render(hd.Directory().DisableAgent(req.context(), id));
      },
      admin);
  router.Post(
      "/api/v1/admin/users/:id/reset-password",
      [&hd](HttpRequest& req) { return ResetPassword(hd, req); }, admin);
}

}  // namespace goatflow::server
