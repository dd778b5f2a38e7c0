// Personal API tokens (api-v1.md §13.2, security.md §8.4) under /api/v1/tokens
// and the customer paths /customer/api/v1/tokens. The caller always manages
// their own tokens; the library refuses requests made with an API token.

#include <string>

#include "goatflow/auth.h"
#include "goatflow/json.h"
#include "server/body.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

Reply CreateToken(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  CreateTokenRequest request;
  request.name = in.String("name").value_or("");
  request.scopes = in.StringList("scopes").value_or(std::vector<std::string>{});
  request.expires_in = in.String("expires_in").value_or("");
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Auth().CreateToken(req.context(), request), 201);
}

void RegisterFamily(Router& router, Helpdesk& hd, const std::string& base) {
  router.Get(base, [&hd](HttpRequest& req) {
    return Render(hd.Auth().ListTokens(req.context(), ListTokensRequest{}));
  });
  router.Post(base, [&hd](HttpRequest& req) { return CreateToken(hd, req); });
  router.Get(base + "/scopes",
             [&hd](HttpRequest& req) { return Render(hd.Auth().AvailableScopes(req.context())); });
  router.Delete(base + "/:id", [&hd](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "token"));
    GOATFLOW_HTTP_ASSIGN(auto token, hd.Auth().RevokeToken(req.context(), id));
    return Ok(json::TokenRevoked(token));
  });
}

}  // namespace

void RegisterTokenRoutes(Router& router, Helpdesk& hd) {
  RegisterFamily(router, hd, "/api/v1/tokens");
  RegisterFamily(router, hd, "/customer/api/v1/tokens");
}

}  // namespace goatflow::server
