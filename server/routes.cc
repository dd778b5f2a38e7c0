#include "server/routes.h"

namespace goatflow::server {

void RegisterApiRoutes(Router& router, Helpdesk& helpdesk, const ServerConfig& config) {
  RegisterAuthRoutes(router, helpdesk, config);
  RegisterOpenApiRoutes(router);
}

}  // namespace goatflow::server
