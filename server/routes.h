#pragma once

// Every API route of the server, one Register function per resource file
// (server/<resource>_routes.cc). Server::Create calls RegisterApiRoutes, so
// goatflow-server, `goatflow serve` and the tests serve the same table.

#include "goatflow/helpdesk.h"
#include "goatflow/tickets.h"
#include "server/config.h"
#include "server/router.h"

namespace goatflow::server {

void RegisterApiRoutes(Router& router, Helpdesk& helpdesk, const ServerConfig& config);

// /api/v1/auth/* (api-v1.md §3) and the session variants /api/auth/*, /logout
// (internal-api.md §2).
void RegisterAuthRoutes(Router& router, Helpdesk& helpdesk, const ServerConfig& config);

// GET /api/v1/openapi.yaml: docs/openapi.yaml, embedded at build time.
void RegisterOpenApiRoutes(Router& router);
// /api/v1/tickets*, /api/v1/queues/:id/tickets (api-v1.md §4, §6).
void RegisterTicketRoutes(Router& router, Helpdesk& helpdesk);
// The query string of GET /tickets, /queues/:id/tickets and /search/tickets
// (api-v1.md §4.1) as a ListTicketsRequest. Only shapes fail here (non-integer
// ids); the library judges status and priority values and time filters.
Result<ListTicketsRequest> ParseListQuery(const HttpRequest& req);
// /api/v1/search* (api-v1.md §8).
void RegisterSearchRoutes(Router& router, Helpdesk& helpdesk);
// Ticket actions, history, links and bulk (api-v1.md §4.6-4.9).
void RegisterTicketActionRoutes(Router& router, Helpdesk& helpdesk);
// Articles and attachment downloads (api-v1.md §5).
void RegisterArticleRoutes(Router& router, Helpdesk& helpdesk);
// /api/v1/queues[/:id[/stats]] (api-v1.md §6; the queue's tickets are elsewhere).
void RegisterQueueRoutes(Router& router, Helpdesk& helpdesk);
// /api/v1/users/me[/preferences|/password], /api/v1/users[/:id], /api/v1/groups
// (api-v1.md §7, §13.1).
void RegisterUserRoutes(Router& router, Helpdesk& helpdesk);
// /api/v1/priorities[/:id], /api/v1/states, /api/v1/types (api-v1.md §13.1).
void RegisterLookupRoutes(Router& router, Helpdesk& helpdesk);
// POST and GET /api/mcp, the MCP endpoint (spec/mcp.md §1-2).
void RegisterMcpRoutes(Router& router, Helpdesk& helpdesk, const ServerConfig& config);
// /api/v1/dashboard/* (api-v1.md §9).
void RegisterDashboardRoutes(Router& router, Helpdesk& helpdesk);
// /api/v1/tokens[/scopes|/:id] and /customer/api/v1/tokens[...] (api-v1.md §13.2).
void RegisterTokenRoutes(Router& router, Helpdesk& helpdesk);

// Options of every /api/v1/admin/* route: served while MaintenanceMode is on
// (the library refuses non-admins on each call; api-v1.md §0).
RouteOptions AdminRouteOptions();
// /api/v1/admin/users[/:id[/groups|/activate|/deactivate|/reset-password]] (api-v1.md §10).
void RegisterAdminUserRoutes(Router& router, Helpdesk& helpdesk);
// /api/v1/admin/groups[/:id[/members]] (api-v1.md §0).
void RegisterAdminGroupRoutes(Router& router, Helpdesk& helpdesk);
// /api/v1/admin/customer-users[/:login], /api/v1/admin/customer-companies[/:customer_id]
// (api-v1.md §0).
void RegisterAdminCustomerRoutes(Router& router, Helpdesk& helpdesk);
// /api/v1/admin/system/config, /admin/system/maintenance, /admin/audit/logs (api-v1.md §10).
void RegisterAdminSystemRoutes(Router& router, Helpdesk& helpdesk);

}  // namespace goatflow::server
