#pragma once

// GET /metrics (spec/health.md §5): the Prometheus exposition of the
// library's figures, the process and the server's request metrics; access as
// health.md §4 says (403 envelope otherwise).

#include "goatflow/helpdesk.h"
#include "goatflow/operations.h"
#include "server/http_metrics.h"
#include "server/process_metrics.h"
#include "server/router.h"

namespace goatflow::server {

// `helpdesk`, `access`, `metrics` and `router` must outlive the server.
void RegisterMetricsRoute(Router& router, Helpdesk& helpdesk, const OperationsAccess& access,
                          const HttpMetrics& metrics);

// The exposition body: every family with its HELP and TYPE lines.
std::string RenderMetrics(const MetricsSnapshot& library, const ProcessFigures& process,
                          const HttpMetrics& http, const Router& router);

}  // namespace goatflow::server
