#include "server/routes.h"

namespace goatflow::server {

void RegisterApiRoutes(Router& router, Helpdesk& helpdesk, const ServerConfig& config) {
  RegisterAuthRoutes(router, helpdesk, config);
  RegisterQueueRoutes(router, helpdesk);
  RegisterUserRoutes(router, helpdesk);
  RegisterLookupRoutes(router, helpdesk);
  RegisterTokenRoutes(router, helpdesk);
}

}  // namespace goatflow::server
