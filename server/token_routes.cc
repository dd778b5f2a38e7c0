// Personal API tokens (api-v1.md §13.2, security.md §8.4) under /api/v1/tokens
// (agents) and /customer/api/v1/tokens (customers). The caller always manages
// their own tokens; the library refuses requests made with an API token and
// callers of the other family.

#include <string>

#include "goatflow/auth.h"
#include "goatflow/json.h"
#include "server/body.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

Reply CreateToken(Helpdesk& hd, HttpRequest& req, TokenEndpoints endpoints) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  CreateTokenRequest request;
  request.name = in.String("name").value_or("");
  request.scopes = in.StringList("scopes").value_or(std::vector<std::string>{});
  request.expires_in = in.String("expires_in").value_or("");
  if (!in.ok()) return Fail(in.error());
  return Render(hd.Auth().CreateToken(req.context(), request, endpoints), 201);
}

// `scopes`: the family of GET <base>/scopes (agents' list is open to customers too).
void RegisterFamily(Router& router, Helpdesk& hd, const std::string& base, TokenEndpoints endpoints,
                    TokenEndpoints scopes) {
  router.Get(base, [&hd, endpoints](HttpRequest& req) {
    return Render(hd.Auth().ListTokens(req.context(), ListTokensRequest{}, endpoints));
  });
  router.Post(base, [&hd, endpoints](HttpRequest& req) { return CreateToken(hd, req, endpoints); });
  router.Get(base + "/scopes", [&hd, scopes](HttpRequest& req) {
    return Render(hd.Auth().AvailableScopes(req.context(), scopes));
  });
  router.Delete(base + "/:id", [&hd, endpoints](HttpRequest& req) -> Reply {
    GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "token"));
    GOATFLOW_HTTP_ASSIGN(auto token, hd.Auth().RevokeToken(req.context(), id, endpoints));
    return Ok(json::TokenRevoked(token));
  });
}

}  // namespace

void RegisterTokenRoutes(Router& router, Helpdesk& hd) {
  RegisterFamily(router, hd, "/api/v1/tokens", TokenEndpoints::kAgent, TokenEndpoints::kAny);
  RegisterFamily(router, hd, "/customer/api/v1/tokens", TokenEndpoints::kCustomer,
                 TokenEndpoints::kCustomer);
}

}  // namespace goatflow::server
