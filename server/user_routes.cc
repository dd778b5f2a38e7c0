// The current user (api-v1.md §7: /users/me, preferences, password) and the
// agent directory pickers (§13.1: /users, /users/:id, /groups).

#include <boost/json.hpp>

#include "goatflow/auth.h"
#include "goatflow/directory.h"
#include "goatflow/json.h"
#include "server/body.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

Reply UpdateMe(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  UpdateCurrentUserRequest request;
  request.first_name = in.String("first_name");
  request.last_name = in.String("last_name");
  request.email = in.String("email");
  request.title = in.String("title");
  request.phone = in.String("phone");
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Directory().UpdateCurrentUser(req.context(), request));
}

// api-v1.md §7: strings as-is, booleans "1"/"0", numbers as decimal text;
// objects, arrays and null are shape errors.
Reply SetPreferences(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  Preferences values;
  for (const auto& member : body) {
    const boost::json::value& v = member.value();
    std::string key(member.key());
    if (v.is_string()) {
      values[key] = std::string(v.get_string());
    } else if (v.is_bool()) {
      values[key] = std::string(1, v.get_bool() ? '1' : '0');
    } else if (v.is_int64() || v.is_uint64() || v.is_double()) {
      values[key] = boost::json::serialize(v);
    } else {
      return Fail(Error(ErrorCode::kInvalidArgument, "Invalid request body",
                        {{"field", key}, {"reason", "wrong_type"}})
                      .WithWireCode("core:invalid_request"));
    }
  }
  return Render(hd.Auth().SetPreferences(req.context(), values));
}

Reply ChangePassword(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  ChangePasswordRequest request;
  request.current_password = in.String("current_password").value_or("");
  request.new_password = in.String("new_password").value_or("");
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Auth().ChangeOwnPassword(req.context(), request));
}

Reply ListUsers(Helpdesk& hd, HttpRequest& req) {
  ListAgentsRequest request;
  request.page = req.Page();
  request.search = req.Query("search").value_or("");
  GOATFLOW_HTTP_ASSIGN(auto page, hd.Directory().ListAgents(req.context(), request));
  return List(json::ToJson(page.items), page.pagination);
}

}  // namespace

void RegisterUserRoutes(Router& router, Helpdesk& hd) {
  router.Get("/api/v1/users/me", [&hd](HttpRequest& req) {
    return Render(hd.Directory().GetCurrentUser(req.context()));
  });
  router.Put("/api/v1/users/me", [&hd](HttpRequest& req) { return UpdateMe(hd, req); });
  router.Get("/api/v1/users/me/preferences",
             [&hd](HttpRequest& req) { return Render(hd.Auth().GetPreferences(req.context())); });
  router.Put("/api/v1/users/me/preferences",
             [&hd](HttpRequest& req) { return SetPreferences(hd, req); });
  router.Post("/api/v1/users/me/password",
              [&hd](HttpRequest& req) { return ChangePassword(hd, req); });
  router.Get("/api/v1/users", [&hd](HttpRequest& req) { return ListUsers(hd, req); });
  router.Get("/api/v1/users/:id", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "user"));
    return Render(hd.Directory().GetAgent(req.context(), id));
  });
  router.Get("/api/v1/groups", [&hd](HttpRequest& req) {
    return Render(hd.Directory().ListGroups(req.context(), ValidFilter::kValid));
  });
}

}  // namespace goatflow::server
