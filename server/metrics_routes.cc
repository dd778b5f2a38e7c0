#include "server/metrics_routes.h"

#include <chrono>

#include "server/health.h"
#include "server/prometheus_text.h"

namespace goatflow::server {

std::string RenderMetrics(const MetricsSnapshot& library, const ProcessFigures& process,
                          const HttpMetrics& http, const Router& router) {
  ExpositionWriter out;
  out.Family("goatflow_up", "gauge", "Always 1 while the server answers.");
  out.Sample("", {}, std::int64_t{1});
  out.Family("goatflow_build_info", "gauge", "Build information; the value is always 1.");
  out.Sample("", {{"version", library.version}}, std::int64_t{1});
  out.Family("goatflow_start_time_seconds", "gauge",
             "When the helpdesk was opened, in Unix seconds.");
  out.Sample("", {},
             std::chrono::duration<double>(library.started_at.time_since_epoch()).count());
  out.Family("goatflow_db_up", "gauge", "1 if the database answered a read at this scrape, else 0.");
  out.Sample("", {}, std::int64_t{library.database_up ? 1 : 0});
  out.Family("goatflow_tickets", "gauge", "Non-archived tickets by state type and state.");
  for (const auto& t : library.tickets)
    out.Sample("", {{"state_type", t.state_type}, {"state", t.state}}, t.tickets);
  out.Family("goatflow_auth_attempts_total", "counter",
             "Authentication outcomes by method and result (blocked: refused by a rate limit "
             "or the failure backoff).");
  for (const auto& a : library.auth_attempts)
    out.Sample("", {{"method", a.method}, {"result", a.result}}, a.count);
  out.Family("goatflow_rate_limited_total", "counter",
             "Requests refused with 429 by rate-limit bucket.");
  for (const auto& r : library.rate_limited) out.Sample("", {{"bucket", r.bucket}}, r.count);
  if (process.resident_memory_bytes) {
    out.Family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
    out.Sample("", {}, *process.resident_memory_bytes);
  }
  if (process.open_fds) {
    out.Family("process_open_fds", "gauge", "Number of open file descriptors.");
    out.Sample("", {}, *process.open_fds);
  }
  http.Write(router, out);
  return out.Take();
}

void RegisterMetricsRoute(Router& router, Helpdesk& helpdesk, const OperationsAccess& access,
                          const HttpMetrics& metrics) {
  router.Get(
      "/metrics",
      [&router, &helpdesk, &access, &metrics](HttpRequest& req) {
        Status allowed = helpdesk.AuthorizeOperations(
            req.context(), access, OperationsEndpoint::kMetrics,
            req.Header("Authorization").value_or(""));
        if (!allowed.ok()) return NoStore(Fail(allowed.error()));
        Reply reply;
        reply.content_type = std::string(kPrometheusContentType);
        reply.body = RenderMetrics(helpdesk.CollectMetrics(), ReadProcessFigures(), metrics, router);
        return NoStore(std::move(reply));
      },
      kOperationsRoute);
}

}  // namespace goatflow::server
