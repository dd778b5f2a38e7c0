#pragma once

// Health and status of a Helpdesk (spec/health.md): what probes, status pages
// and the server's start-up checks report. Obtained from
// Helpdesk::CheckHealth() and Helpdesk::GetSystemStatus().

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "goatflow/seams.h"

namespace goatflow {

// Settings MaintenanceMode and MaintenanceMessage (api-v1.md §0).
struct MaintenanceState {
  bool enabled = false;
  std::optional<std::string> message;  // null when cleared
};

enum class HealthState { kHealthy, kDegraded, kUnhealthy };

// "healthy", "degraded", "unhealthy".
std::string_view HealthStateName(HealthState state);

// One checked subsystem. Only subsystems that exist are reported.
struct ComponentHealth {
  std::string name;  // "database"
  HealthState state = HealthState::kHealthy;
  double latency_ms = 0;
  std::string message;  // short and generic; never backend error text
  // An unhealthy critical component makes the whole report unhealthy; others
  // make it degraded at worst (spec/health.md §3).
  bool critical = false;
  // Figures of the check ("free_bytes", "missing" ...), rendered as fields.
  std::vector<std::pair<std::string, std::int64_t>> figures;
};

struct HealthReport {
  HealthState status = HealthState::kHealthy;  // unhealthy if a critical component is
  std::string version;                         // product version
  TimePoint checked_at;
  int schema_version = 0;         // 0 when the database could not be read
  int latest_schema_version = 0;  // what this build expects
  std::int64_t uptime_seconds = 0;  // since the Helpdesk was opened
  std::vector<ComponentHealth> components;
};

struct SystemStatus {
  // "maintenance" (MaintenanceMode on), else "down" (database unhealthy), else
  // "degraded" (a component not healthy), else "operational".
  std::string status;
  std::string version;
  TimePoint started_at;  // when this Helpdesk was opened
  std::int64_t uptime_seconds = 0;
  bool maintenance_mode = false;                   // setting MaintenanceMode
  std::optional<std::string> maintenance_message;  // setting MaintenanceMessage
  std::vector<ComponentHealth> components;
  TimePoint timestamp;
};

}  // namespace goatflow
