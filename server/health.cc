#include "server/health.h"

#include "goatflow/health.h"
#include "goatflow/json.h"

namespace goatflow::server {
namespace {

constexpr RouteOptions kProbe{
    .large_body = false, .form_body = false, .quiet = true, .json = true, .rate_limited = false,
    .authenticate = false, .maintenance_exempt = true};

Reply Raw(int status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  return NoStore(std::move(reply));
}

// The report is JSON: an Accept header excluding it gets 406.
constexpr RouteOptions kDetailedHealthRoute = [] {
  RouteOptions options = kOperationsRoute;
  options.json = true;
  return options;
}();

}  // namespace

Reply NoStore(Reply reply) {
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

void RegisterHealthRoutes(Router& router, Helpdesk& helpdesk, const std::atomic<bool>& draining,
                          const OperationsAccess& access) {
  // Liveness only: a database outage must not get the process restarted.
  router.Get(
      "/healthz",
      [&draining](HttpRequest&) {
        if (draining.load()) return Raw(503, R"({"status":"shutting_down"})");
        return Raw(200, R"({"status":"healthy"})");
      },
      kProbe);
  router.Get(
      "/health",
      [&helpdesk](HttpRequest&) {
        HealthReport report = helpdesk.CheckHealth();
        return Raw(report.status == HealthState::kUnhealthy ? 503 : 200, json::HealthProbe(report));
      },
      kProbe);
  // 503 only when a critical component (the database) is unhealthy.
  router.Get(
      "/health/detailed",
      [&helpdesk, &access](HttpRequest& req) {
        Status allowed = helpdesk.AuthorizeOperations(req.context(), access,
                                                      OperationsEndpoint::kDetailedHealth,
                                                      req.Header("Authorization").value_or(""));
        if (!allowed.ok()) return NoStore(Fail(allowed.error()));
        HealthReport report = helpdesk.CheckHealthDetailed();
        return Raw(report.status == HealthState::kUnhealthy ? 503 : 200,
                   json::DetailedHealth(report));
      },
      kDetailedHealthRoute);
  router.Get(
      "/api/v1/health",
      [&helpdesk](HttpRequest&) {
        HealthReport report = helpdesk.CheckHealth();
        if (report.status == HealthState::kUnhealthy)
          return NoStore(Fail(Error(ErrorCode::kUnavailable, "Database unavailable")));
        return NoStore(Ok(json::ApiHealth(report)));
      },
      kProbe);
  router.Get(
      "/api/v1/status",
      [&helpdesk](HttpRequest&) { return NoStore(Ok(json::ToJson(helpdesk.GetSystemStatus()))); },
      kProbe);
}

}  // namespace goatflow::server
