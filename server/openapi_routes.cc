// GET /api/v1/openapi.yaml: the OpenAPI document of this server (api-v1.md §0),
// public, not enveloped, served in maintenance mode too.

#include "server/openapi_document.h"
#include "server/routes.h"

namespace goatflow::server {

void RegisterOpenApiRoutes(Router& router) {
  router.Get(
      "/api/v1/openapi.yaml",
      [](HttpRequest&) {
        Reply reply;
        reply.content_type = "application/yaml";
        reply.body = std::string(OpenApiDocument());
        return reply;
      },
      RouteOptions{.json = false, .authenticate = false, .maintenance_exempt = true});
}

}  // namespace goatflow::server
