#include "goatflow/health.h"
#include "goatflow/helpdesk.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

using testing::FakeClock;
using testing::OpenTestHelpdesk;
using testing::TempDir;
using testing::TestOptions;

TEST_CASE("A fresh helpdesk reports a healthy database at the latest schema") {
  auto helpdesk = OpenTestHelpdesk();
  HealthReport report = helpdesk->CheckHealth();
  REQUIRE(report.status == HealthState::kHealthy);
  REQUIRE(report.version == Version());
  REQUIRE(report.schema_version == report.latest_schema_version);
  REQUIRE(report.components.size() == 1);
  REQUIRE(report.components[0].name == "database");
  REQUIRE(report.components[0].latency_ms >= 0);
}

TEST_CASE("A database whose schema is behind this build is reported unhealthy") {
  TempDir dir;
  auto options = TestOptions(dir.File("old.db"));
  options.migrate = false;
  auto helpdesk = OpenTestHelpdesk(options);  // created empty: schema version 0
  HealthReport report = helpdesk->CheckHealth();
  REQUIRE(report.status == HealthState::kUnhealthy);
  REQUIRE(report.components[0].message == "schema version mismatch");
  REQUIRE(helpdesk->GetSystemStatus().status == "down");
}

TEST_CASE("System status reports uptime from the clock and is operational") {
  auto clock = std::make_shared<FakeClock>(std::chrono::sys_days{std::chrono::year{2025} / 3 / 1});
  auto options = TestOptions();
  options.clock = clock;
  auto helpdesk = OpenTestHelpdesk(options);
  clock->Advance(std::chrono::seconds(90));
  SystemStatus status = helpdesk->GetSystemStatus();
  REQUIRE(status.status == "operational");
  REQUIRE(status.uptime_seconds == 90);
  REQUIRE(status.started_at == clock->Now() - std::chrono::seconds(90));
  REQUIRE_FALSE(status.maintenance_mode);
  REQUIRE_FALSE(status.maintenance_message.has_value());
}

TEST_CASE("The admin account's default password is detected") {
  SECTION("created without a password: default") {
    auto helpdesk = OpenTestHelpdesk();
    auto uses = helpdesk->AdminUsesDefaultPassword();
    REQUIRE_OK(uses);
    REQUIRE(*uses);
  }
  SECTION("created with a chosen password: not default") {
    auto options = TestOptions();
    options.initial_admin_password = "Correct-Horse-42";
    auto helpdesk = OpenTestHelpdesk(options);
    auto uses = helpdesk->AdminUsesDefaultPassword();
    REQUIRE_OK(uses);
    REQUIRE_FALSE(*uses);
  }
}

}  // namespace
}  // namespace goatflow
