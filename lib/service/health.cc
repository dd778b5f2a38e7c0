// Helpdesk::CheckHealth, CheckHealthDetailed, GetSystemStatus and
// AdminUsesDefaultPassword: the checks behind the server's probes, status
// pages and start-up refusal.

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>

#include "auth/password.h"
#include "core/macros.h"
#include "goatflow/health.h"
#include "goatflow/helpdesk.h"
#include "service/caller.h"
#include "service/health_checks.h"
#include "service/helpdesk_impl.h"
#include "service/settings_read.h"
#include "service/unit_of_work.h"
#include "store/migrations.h"

namespace goatflow {
using service::ReadMaintenance;

std::string_view HealthStateName(HealthState state) {
  switch (state) {
    case HealthState::kHealthy: return "healthy";
    case HealthState::kDegraded: return "degraded";
    case HealthState::kUnhealthy: return "unhealthy";
  }
  return "unhealthy";
}

HealthReport Helpdesk::CheckHealth() const {
  HealthReport report;
  report.version = std::string(Version());
  report.latest_schema_version = store::LatestSchemaVersion();
  ComponentHealth database = service::CheckDatabase(*impl_, report.schema_version);
  report.status = database.state;
  report.components.push_back(std::move(database));
  report.checked_at = impl_->clock->Now();
  report.uptime_seconds = std::max<std::int64_t>(
      0, std::chrono::duration_cast<std::chrono::seconds>(report.checked_at - impl_->opened_at)
             .count());
  return report;
}

HealthReport Helpdesk::CheckHealthDetailed() const {
  HealthReport report = CheckHealth();
  for (ComponentHealth& component : service::RunComponentChecks(*impl_)) {
    if (component.state != HealthState::kHealthy && report.status == HealthState::kHealthy)
      report.status = HealthState::kDegraded;
    if (component.state == HealthState::kUnhealthy && component.critical)
      report.status = HealthState::kUnhealthy;
    report.components.push_back(std::move(component));
  }
  report.checked_at = impl_->clock->Now();
  return report;
}

SystemStatus Helpdesk::GetSystemStatus() const {
  HealthReport health = CheckHealth();
  SystemStatus status;
  status.version = health.version;
  status.started_at = impl_->opened_at;
  status.timestamp = health.checked_at;
  status.uptime_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(status.timestamp - status.started_at)
          .count();
  if (status.uptime_seconds < 0) status.uptime_seconds = 0;
  status.components = health.components;
  bool database_up = health.status != HealthState::kUnhealthy;
  if (database_up) {
    auto maintenance = service::Read(*impl_, ReadMaintenance);
    if (maintenance.ok()) {
      status.maintenance_mode = maintenance->enabled;
      status.maintenance_message = maintenance->message;
    } else {
      database_up = false;
    }
  }
  bool all_healthy = true;
  for (const auto& component : status.components)
    all_healthy = all_healthy && component.state == HealthState::kHealthy;
  if (status.maintenance_mode) {
    status.status = "maintenance";
  } else if (!database_up) {
    status.status = "down";
  } else if (!all_healthy) {
    status.status = "degraded";
  } else {
    status.status = "operational";
  }
  return status;
}

Status Helpdesk::CheckMaintenance(const RequestContext& ctx, const MaintenanceState* known) const {
  if (known != nullptr && !known->enabled) return OkStatus();
  return service::Read(*impl_, [&](store::Db& db) -> Status {
    MaintenanceState maintenance;
    if (known != nullptr) {
      maintenance = *known;
    } else {
      GOATFLOW_ASSIGN_OR_RETURN(maintenance, ReadMaintenance(db));
    }
    if (!maintenance.enabled) return OkStatus();
    if (ctx.principal.kind != PrincipalKind::kAnonymous) {
      auto caller = service::LoadCaller(db, ctx);
      if (caller.ok() && caller->is_admin) return OkStatus();
    }
    return Error(ErrorCode::kUnavailable,
                 maintenance.message.value_or("System under maintenance"))
        .WithWireCode("core:service_unavailable");
  });
}

Result<bool> Helpdesk::AdminUsesDefaultPassword() const {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto hash, service::Read(*impl_, [](store::Db& db) -> Result<std::optional<std::string>> {
        GOATFLOW_ASSIGN_OR_RETURN(
            auto stmt, db.Prepare("SELECT pw FROM users WHERE id = 1 AND valid_id = 1"));
        GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) return std::optional<std::string>();
        return std::optional<std::string>(stmt.Text(0));
      }));
  return hash.has_value() && auth::VerifyPassword(*hash, "admin");
}

}  // namespace goatflow
