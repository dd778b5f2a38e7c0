// Component checks of the detailed health report: database, storage (free
// space of the database directory), search (full-text index consistency) and
// counters (the dashboard counters against a recount).

#include "service/health_checks.h"

#include <sys/statvfs.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <string_view>

#include "core/log.h"
#include "core/macros.h"
#include "goatflow/dashboard.h"
#include "service/search_index.h"
#include "service/unit_of_work.h"
#include "store/migrations.h"

namespace goatflow::service {
namespace {

// Below this much free space for the database directory, storage is degraded:
// SQLite needs room for the WAL and checkpoints before the disk is full.
constexpr std::int64_t kLowDiskSpaceBytes = 100LL * 1024 * 1024;

using SteadyClock = std::chrono::steady_clock;

double MillisecondsSince(SteadyClock::time_point started) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - started).count();
}

// A check fills `out` (state, message, figures) and returns false when its
// subsystem does not exist in this installation.
struct ComponentCheck {
  std::string_view name;
  bool critical;
  bool (*run)(Helpdesk::Impl& impl, ComponentHealth& out);
};

bool CheckStorage(Helpdesk::Impl& impl, ComponentHealth& out) {
  const std::string& path = impl.options.path;
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return false;
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(path, ec).parent_path();
  struct statvfs fs {};
  if (ec || statvfs(dir.c_str(), &fs) != 0) {
    core::Logf(LogLevel::kWarning, "health: cannot read the free space of the database directory");
    out.state = HealthState::kUnhealthy;
    out.message = "storage not readable";
    return true;
  }
  const auto free_bytes = static_cast<std::int64_t>(fs.f_bavail * fs.f_frsize);
  const auto total_bytes = static_cast<std::int64_t>(fs.f_blocks * fs.f_frsize);
  out.figures = {{"free_bytes", free_bytes}, {"total_bytes", total_bytes}};
  if (access(dir.c_str(), W_OK) != 0) {
    out.state = HealthState::kUnhealthy;
    out.message = "database directory not writable";
  } else if (free_bytes < kLowDiskSpaceBytes) {
    out.state = HealthState::kDegraded;
    out.message = "low disk space";
  }
  return true;
}

bool CheckSearch(Helpdesk::Impl& impl, ComponentHealth& out) {
  auto report = Read(impl, [](store::Db& db) { return CheckSearchIndex(db); });
  if (!report.ok()) {
    core::Logf(LogLevel::kWarning, "health: search index check failed: {}",
               report.error().message);
    out.state = HealthState::kUnhealthy;
    out.message = "search index check failed";
    return true;
  }
  out.figures = {{"tickets", report->tickets},
                 {"articles", report->articles},
                 {"missing", report->missing},
                 {"stale", report->stale},
                 {"orphaned", report->orphaned}};
  if (!report->consistent()) {
    out.state = HealthState::kDegraded;
    out.message = "search index inconsistent; run goatflow search reindex";
  }
  return true;
}

bool CheckCounters(Helpdesk::Impl& impl, ComponentHealth& out) {
  auto check = impl.dashboard->CheckCounters(RequestContext::LocalOperator());
  if (!check.ok()) {
    core::Logf(LogLevel::kWarning, "health: dashboard counter check failed: {}",
               check.error().message);
    out.state = HealthState::kUnhealthy;
    out.message = "dashboard counter check failed";
    return true;
  }
  out.figures = {{"rows_checked", check->rows_checked},
                 {"mismatches", static_cast<std::int64_t>(check->mismatches.size())}};
  if (!check->consistent) {
    out.state = HealthState::kDegraded;
    out.message = "dashboard counters differ from a recount; run goatflow stats check";
  }
  return true;
}

// Report order. Non-critical components degrade the report at worst.
constexpr std::array<ComponentCheck, 3> kComponentChecks = {{
    {"storage", false, CheckStorage},
    {"search", false, CheckSearch},
    {"counters", false, CheckCounters},
}};

}  // namespace

ComponentHealth CheckDatabase(Helpdesk::Impl& impl, int& schema_version) {
  ComponentHealth database;
  database.name = "database";
  database.critical = true;
  schema_version = 0;
  auto started = SteadyClock::now();
  auto version = Read(impl, [](store::Db& db) -> Result<int> {
    GOATFLOW_ASSIGN_OR_RETURN(auto one, db.QueryInt("SELECT 1"));
    if (one != 1) return Error(ErrorCode::kInternal, "SELECT 1 returned another value");
    return store::SchemaVersion(db);
  });
  database.latency_ms = MillisecondsSince(started);
  if (!version.ok()) {
    core::Logf(LogLevel::kWarning, "health: database check failed: {}", version.error().message);
    database.state = HealthState::kUnhealthy;
    database.message = "database check failed";
    return database;
  }
  schema_version = *version;
  if (*version != store::LatestSchemaVersion()) {
    database.state = HealthState::kUnhealthy;
    database.message = "schema version mismatch";
  }
  return database;
}

std::vector<ComponentHealth> RunComponentChecks(Helpdesk::Impl& impl) {
  std::vector<ComponentHealth> components;
  for (const ComponentCheck& check : kComponentChecks) {
    ComponentHealth component;
    component.name = std::string(check.name);
    component.critical = check.critical;
    auto started = SteadyClock::now();
    if (!check.run(impl, component)) continue;
    component.latency_ms = MillisecondsSince(started);
    components.push_back(std::move(component));
  }
  return components;
}

}  // namespace goatflow::service
