// The settings registry: validation by type, range, choices and references;
// secret and read-only settings (with a registry of test definitions); reading
// stored values through the registry.

#include "service/settings_registry.h"

#include "core/time.h"
#include "service/config_ops.h"
#include "service/settings_read.h"
#include "store/db.h"
#include "support/test_support.h"

namespace goatflow::service {
namespace {

boost::json::value J(std::string_view text) { return boost::json::parse(text); }

std::unique_ptr<store::Db> OpenDb(const testing::TempDir& dir) {
  testing::OpenTestHelpdesk(testing::TestOptions(dir.File("hd.db")));
  return store::Db::Open({dir.File("hd.db"), store::OpenFlags::kReadWrite, "OFF", 1000}).value();
}

RequestContext Operator() {
  RequestContext ctx = RequestContext::LocalOperator();
  ctx.request_id = "req-cfg";
  return ctx;
}

TEST_CASE("Built-in settings check type, range, choices and references") {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  const SettingsRegistry& registry = SettingsRegistry::Builtin();
  auto check = [&](std::string_view name, std::string_view value) {
    return registry.Validate(*db, *registry.Find(name), J(value));
  };
  REQUIRE_OK(check("SystemID", "99"));
  REQUIRE_ERR(check("SystemID", "100"), ErrorCode::kInvalidArgument,
              "SystemID must be between 1 and 99");
  REQUIRE(check("SystemID", "100").error().details.at("reason") == "out_of_range");
  REQUIRE_ERR(check("SystemID", "\"12\""), ErrorCode::kInvalidArgument,
              "SystemID must be an integer");
  REQUIRE_ERR(check("MaintenanceMode", "1"), ErrorCode::kInvalidArgument,
              "MaintenanceMode must be a boolean");
  REQUIRE_OK(check("MaintenanceMessage", "null"));
  REQUIRE_ERR(check("FQDN", "null"), ErrorCode::kInvalidArgument, "FQDN must be a string");
  REQUIRE_ERR(check("Ticket::NumberGenerator", "\"Sequence\""), ErrorCode::kInvalidArgument,
              "Ticket::NumberGenerator must be one of: Date, DateChecksum, Random, Increment");
  REQUIRE_ERR(check("Auth::Providers", R"(["database","static"])"), ErrorCode::kInvalidArgument,
              "Auth::Providers items must be among: database, ldap");
  REQUIRE_ERR(check("Auth::Providers", R"(["database",1])"), ErrorCode::kInvalidArgument,
              "Auth::Providers must be a list of strings");
  REQUIRE_OK(check("Ticket::DefaultQueue", "\"Misc\""));
  REQUIRE_ERR(check("Ticket::DefaultQueue", "\"Nowhere\""), ErrorCode::kInvalidArgument,
              "Ticket::DefaultQueue: unknown queue 'Nowhere'");
  REQUIRE_ERR(check("CustomerPanel::SelectableQueues", R"(["Raw","Nowhere"])"),
              ErrorCode::kInvalidArgument,
              "CustomerPanel::SelectableQueues: unknown queue 'Nowhere'");
  REQUIRE_OK(check("Ticket::DefaultPriority", "\"5 very high\""));
  REQUIRE_OK(check("Customer::TicketViewableStatus", R"(["new","open"])"));
  REQUIRE_ERR(check("Ticket::ViewableStateType", R"(["opened"])"), ErrorCode::kInvalidArgument,
              "Ticket::ViewableStateType: unknown state type 'opened'");
  REQUIRE_OK(check("TimeZone", "\"UTC\""));
  REQUIRE_ERR(check("TimeZone", "\"../etc/passwd\""), ErrorCode::kInvalidArgument,
              "TimeZone: unknown time zone '../etc/passwd'");
  REQUIRE_ERR(check("RateLimit::GeneralPerMinute", "-1"), ErrorCode::kInvalidArgument,
              "RateLimit::GeneralPerMinute must be between 0 and 1000000");
}

TEST_CASE("Stored settings are read through the registry, invalid ones as the default") {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  REQUIRE_OK(db->Exec(
      "INSERT INTO system_config (name, value, change_by) VALUES "
      "('SystemID', '42', 1), ('PasswordMinLength', '500', 1), ('MaintenanceMode', '\"yes\"', 1),"
      "('TimeZone', '\"Europe/Berlin\"', 1)"));
  auto snapshot = SettingsSnapshot::Load(*db);
  REQUIRE_OK(snapshot);
  REQUIRE(snapshot->Int("SystemID") == 42);
  REQUIRE(snapshot->Int("PasswordMinLength") == 8);  // out of range: the default
  REQUIRE_FALSE(snapshot->Bool("MaintenanceMode"));  // wrong type: the default
  REQUIRE(snapshot->IsStored("SystemID"));
  REQUIRE_FALSE(snapshot->IsStored("PasswordMinLength"));
  REQUIRE(ReadIntSetting(*db, "SystemID", 0).value() == 42);
  REQUIRE(ReadStringSetting(*db, "TimeZone", "UTC").value() == "Europe/Berlin");
  REQUIRE(ReadIntSetting(*db, "NoSuchSetting", 7).value() == 7);
  REQUIRE(ReadPasswordPolicy(*db).value().min_length == 8);
  auto maintenance = ReadMaintenance(*db);
  REQUIRE_OK(maintenance);
  REQUIRE_FALSE(maintenance->enabled);
  REQUIRE_FALSE(maintenance->message.has_value());
}

// A registry with a secret and a read-only setting, as a deployment may add.
SettingsRegistry TestRegistry() {
  SettingDefinition token;
  token.name = "Mail::Password";
  token.default_json = "null";
  token.nullable = true;
  token.secret = true;
  SettingDefinition fixed;
  fixed.name = "Install::Id";
  fixed.default_json = "\"abc\"";
  fixed.read_only = true;
  SettingDefinition size;
  size.name = "Size";
  size.type = SettingType::kInteger;
  size.default_json = std::to_string(5);
  size.min = 1;
  size.max = 10;
  return SettingsRegistry({token, fixed, size});
}

std::string SnapshotSecret(store::Db& db, const SettingsRegistry& registry) {
  return SettingsSnapshot::Load(db, registry).value().String("Mail::Password").value_or("");
}

std::string SettingValue(const std::vector<Setting>& settings, const std::string& name) {
  for (const Setting& s : settings)
    if (s.name == name) return s.value_json;
  return "<absent>";
}

TEST_CASE("Secrets are stored apart, shown masked, kept on a masked write and audited masked") {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  const SettingsRegistry registry = TestRegistry();
  const TimePoint now = core::FromUnixSeconds(1740820500);

  auto set =
      ApplyConfigChanges(*db, Operator(), 1, now, {{"Mail::Password", "\"hunter2\""}}, registry);
  REQUIRE_OK(set);
  REQUIRE(set->updated == 1);
  REQUIRE(
      db->QueryInt("SELECT count(*) FROM system_config WHERE name = 'Mail::Password'").value() ==
      0);
  REQUIRE(db->QueryInt("SELECT count(*) FROM system_secret WHERE name = 'config:Mail::Password'")
              .value() == 1);
  auto shown = DescribeSettings(*db, registry);
  REQUIRE_OK(shown);
  REQUIRE(SettingValue(*shown, "Mail::Password") == "\"********\"");
  REQUIRE(SnapshotSecret(*db, registry) == "hunter2");

  auto masked = ApplyConfigChanges(*db, Operator(), 1, now,
                                   {{"Mail::Password", "\"********\""}, {"Size", "6"}}, registry);
  REQUIRE_OK(masked);
  REQUIRE(masked->updated == 1);
  REQUIRE(masked->changed == std::vector<std::string>{"Size"});
  REQUIRE(SnapshotSecret(*db, registry) == "hunter2");

  auto details = db->Prepare(
      "SELECT group_concat(details, '|') FROM audit_log WHERE action = 'config.update'");
  REQUIRE(details->Step().value());
  const std::string logged = details->Text(0);
  REQUIRE(logged.find("hunter2") == std::string::npos);
  REQUIRE(logged.find(R"({"new":"\"********\"","old":"null"})") != std::string::npos);
  REQUIRE(logged.find(R"({"new":"6","old":"5"})") != std::string::npos);
}

TEST_CASE("Read-only and unknown settings are refused") {
  testing::TempDir dir;
  auto db = OpenDb(dir);
  const SettingsRegistry registry = TestRegistry();
  const TimePoint now = core::FromUnixSeconds(1740820500);
  REQUIRE_ERR(ApplyConfigChanges(*db, Operator(), 1, now, {{"Install::Id", "\"x\""}}, registry),
              ErrorCode::kInvalidArgument, "Unknown setting: Install::Id");
  REQUIRE_ERR(ApplyConfigChanges(*db, Operator(), 1, now, {{"Nope", "1"}}, registry),
              ErrorCode::kInvalidArgument, "Unknown setting: Nope");
  auto described = DescribeSettings(*db, registry);
  REQUIRE(SettingValue(*described, "Install::Id") == "\"abc\"");
  REQUIRE(db->QueryInt("SELECT count(*) FROM audit_log WHERE action = 'config.update'").value() ==
          0);
}

}  // namespace
}  // namespace goatflow::service
