#include "server/routes.h"

namespace goatflow::server {

void RegisterApiRoutes(Router& router, Helpdesk& helpdesk, const ServerConfig& config) {
  RegisterAuthRoutes(router, helpdesk, config);
  RegisterOpenApiRoutes(router);
  RegisterTicketRoutes(router, helpdesk);
  RegisterTicketActionRoutes(router, helpdesk);
  RegisterArticleRoutes(router, helpdesk);
  RegisterSearchRoutes(router, helpdesk);
  RegisterQueueRoutes(router, helpdesk);
  RegisterUserRoutes(router, helpdesk);
  RegisterLookupRoutes(router, helpdesk);
  RegisterTokenRoutes(router, helpdesk);
  RegisterMcpRoutes(router, helpdesk, config);
  RegisterDashboardRoutes(router, helpdesk);
}

}  // namespace goatflow::server
