#pragma once

#include <atomic>

#include "goatflow/helpdesk.h"
#include "server/router.h"

namespace goatflow::server {

// /healthz, /health, /api/v1/health and /api/v1/status (spec/health.md §2,
// §6, §7); GET and HEAD. /healthz answers 503 while `draining` is set.
void RegisterHealthRoutes(Router& router, Helpdesk& helpdesk, const std::atomic<bool>& draining);

}  // namespace goatflow::server
