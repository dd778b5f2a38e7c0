#pragma once

#include <atomic>

#include "goatflow/helpdesk.h"
#include "goatflow/operations.h"
#include "server/router.h"

namespace goatflow::server {

// /healthz, /health, /api/v1/health and /api/v1/status (spec/health.md §2,
// §6, §7), public; /health/detailed (§3), restricted by `access` (§4). GET and
// HEAD. /healthz answers 503 while `draining` is set.
void RegisterHealthRoutes(Router& router, Helpdesk& helpdesk, const std::atomic<bool>& draining,
                          const OperationsAccess& access);

// Options of /health/detailed and /metrics: no rate limit, served in
// maintenance, quiet when successful, credentials optional (the handler asks
// Helpdesk::AuthorizeOperations).
inline constexpr RouteOptions kOperationsRoute{
    .large_body = false, .form_body = false, .quiet = true, .json = false, .rate_limited = false,
    .authenticate = false, .authenticate_if_presented = true, .maintenance_exempt = true};

// `reply` with Cache-Control: no-store (every health and metrics response).
Reply NoStore(Reply reply);

}  // namespace goatflow::server
