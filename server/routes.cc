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
  RegisterAdminUserRoutes(router, helpdesk);
  RegisterAdminGroupRoutes(router, helpdesk);
  RegisterAdminCustomerRoutes(router, helpdesk);
  RegisterAdminSystemRoutes(router, helpdesk);
}

RouteOptions AdminRouteOptions() {
  RouteOptions options;
  options.maintenance_exempt = true;
  return options;
}

}  // namespace goatflow::server
