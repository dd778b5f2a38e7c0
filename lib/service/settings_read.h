#pragma once

// Reading stored settings (domain.md §8.4) inside a use case's transaction,
// through the settings registry (settings_registry.h): a setting that is not
// stored, or whose stored value does not fit its definition, has the
// registry's default. `fallback` only applies to names the registry does not
// define (and to a registered setting of another type).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/password_policy.h"
#include "goatflow/error.h"
#include "goatflow/health.h"
#include "store/db.h"

namespace goatflow::service {

class SettingsSnapshot;

inline constexpr std::string_view kDefaultQueueSetting = "Ticket::DefaultQueue";
inline constexpr std::string_view kSelectableQueuesSetting = "CustomerPanel::SelectableQueues";
inline constexpr std::string_view kTimeZoneSetting = "TimeZone";
inline constexpr std::string_view kMaintenanceModeSetting = "MaintenanceMode";
inline constexpr std::string_view kSqlConsoleSetting = "mcp.execute_sql.enabled";
inline constexpr std::string_view kMaintenanceMessageSetting = "MaintenanceMessage";

// A string setting; `fallback` when it is null or not a string.
Result<std::string> ReadStringSetting(store::Db& db, std::string_view name,
                                      std::string_view fallback);
// An integer setting; `fallback` when it is not an integer.
Result<std::int64_t> ReadIntSetting(store::Db& db, std::string_view name, std::int64_t fallback);
// A list-of-strings setting; `fallback` when it is not a list.
Result<std::vector<std::string>> ReadStringListSetting(store::Db& db, std::string_view name,
                                                       const std::vector<std::string>& fallback);
// A boolean setting; `fallback` when it is not a boolean.
Result<bool> ReadBoolSetting(store::Db& db, std::string_view name, bool fallback);

// Ticket::DefaultQueue (default "Raw") and CustomerPanel::SelectableQueues
// (default Raw, Misc, Postmaster).
Result<std::string> DefaultQueueName(store::Db& db);
Result<std::vector<std::string>> SelectableQueueNames(store::Db& db);

// TimeZone (IANA name, default "UTC"): day boundaries (api-v1.md §0).
Result<std::string> TimeZoneName(store::Db& db);

// MaintenanceMode / MaintenanceMessage (api-v1.md §0, §10; message null when cleared).
Result<MaintenanceState> ReadMaintenance(store::Db& db);

// PasswordMinLength and PasswordRequire{Uppercase,Lowercase,Digit,Special}
// (security.md §7.2) as the policy new passwords must meet.
Result<auth::PasswordPolicy> ReadPasswordPolicy(store::Db& db);
auth::PasswordPolicy PasswordPolicyOf(const SettingsSnapshot& settings);

}  // namespace goatflow::service
