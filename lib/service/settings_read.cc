#include "service/settings_read.h"

#include <fmt/format.h>

#include "core/macros.h"
#include "domain/ticket_rules.h"
#include "service/settings_registry.h"

namespace goatflow::service {

Result<std::string> ReadStringSetting(store::Db& db, std::string_view name,
                                      std::string_view fallback) {
  GOATFLOW_ASSIGN_OR_RETURN(auto value, ReadSettingValue(db, name));
  if (!value.is_string()) return std::string(fallback);
  return std::string(value.as_string());
}

Result<std::int64_t> ReadIntSetting(store::Db& db, std::string_view name, std::int64_t fallback) {
  GOATFLOW_ASSIGN_OR_RETURN(auto value, ReadSettingValue(db, name));
  if (value.is_int64()) return value.as_int64();
  return fallback;
}

Result<std::vector<std::string>> ReadStringListSetting(store::Db& db, std::string_view name,
                                                       const std::vector<std::string>& fallback) {
  GOATFLOW_ASSIGN_OR_RETURN(auto value, ReadSettingValue(db, name));
  if (!value.is_array()) return fallback;
  std::vector<std::string> out;
  for (const auto& item : value.as_array())
    if (item.is_string()) out.emplace_back(item.as_string());
  return out;
}

Result<bool> ReadBoolSetting(store::Db& db, std::string_view name, bool fallback) {
  GOATFLOW_ASSIGN_OR_RETURN(auto value, ReadSettingValue(db, name));
  if (value.is_bool()) return value.as_bool();
  return fallback;
}

Result<std::string> DefaultQueueName(store::Db& db) {
  return ReadStringSetting(db, kDefaultQueueSetting, domain::TicketDefaults::kDefaultQueue);
}

Result<std::vector<std::string>> SelectableQueueNames(store::Db& db) {
  return ReadStringListSetting(db, kSelectableQueuesSetting,
                               domain::TicketDefaults::SelectableQueues());
}

Result<std::string> TimeZoneName(store::Db& db) {
  return ReadStringSetting(db, kTimeZoneSetting, "UTC");
}


Result<MaintenanceState> ReadMaintenance(store::Db& db) {
  // Read on every authenticated request, and almost always stored by neither
  // setting: one index probe for both decides whether to read them one by one.
  // Two primary-key probes (an IN list would build a temporary index each time).
  static const std::string kAnyStored = fmt::format(
      "SELECT EXISTS (SELECT 1 FROM system_config WHERE name = '{}') OR "
      "EXISTS (SELECT 1 FROM system_config WHERE name = '{}')",
      kMaintenanceModeSetting, kMaintenanceMessageSetting);
  GOATFLOW_ASSIGN_OR_RETURN(std::int64_t any_stored, db.QueryInt(kAnyStored));
  if (any_stored == 0) {
    static const MaintenanceState kDefaults = [] {
      const SettingsRegistry& registry = SettingsRegistry::Builtin();
      MaintenanceState defaults;
      boost::json::value mode = registry.Default(*registry.Find(kMaintenanceModeSetting));
      boost::json::value message = registry.Default(*registry.Find(kMaintenanceMessageSetting));
      defaults.enabled = mode.is_bool() && mode.as_bool();
      if (message.is_string()) defaults.message = std::string(message.as_string());
      return defaults;
    }();
    return kDefaults;
  }
  MaintenanceState settings;
  GOATFLOW_ASSIGN_OR_RETURN(settings.enabled, ReadBoolSetting(db, kMaintenanceModeSetting, false));
  GOATFLOW_ASSIGN_OR_RETURN(auto message, ReadSettingValue(db, kMaintenanceMessageSetting));
  if (message.is_string()) settings.message = std::string(message.as_string());
  return settings;
}

Result<auth::PasswordPolicy> ReadPasswordPolicy(store::Db& db) {
  GOATFLOW_ASSIGN_OR_RETURN(auto snapshot, SettingsSnapshot::Load(db));
  return PasswordPolicyOf(snapshot);
}

auth::PasswordPolicy PasswordPolicyOf(const SettingsSnapshot& settings) {
  auth::PasswordPolicy policy;
  policy.min_length = static_cast<int>(settings.Int("PasswordMinLength"));
  policy.require_upper = settings.Bool("PasswordRequireUppercase");
  policy.require_lower = settings.Bool("PasswordRequireLowercase");
  policy.require_digit = settings.Bool("PasswordRequireDigit");
  policy.require_special = settings.Bool("PasswordRequireSpecial");
  return policy;
}

}  // namespace goatflow::service
