// AdminService: the stored configuration and maintenance mode (api-v1.md §10).

#include <boost/json.hpp>

#include "core/macros.h"
#include "core/strings.h"
#include "goatflow/admin.h"
#include "service/checks.h"
#include "service/config_ops.h"
#include "service/settings_read.h"
#include "service/settings_registry.h"

namespace goatflow {

using service::SettingDefinition;
using service::SettingsRegistry;
using service::SettingType;

Result<std::vector<Setting>> AdminService::GetConfig(const RequestContext& ctx) {
  return service::AdminRead<std::vector<Setting>>(
      impl_, ctx, "config.get", [&](store::Db& db, const service::Caller&) {
        return service::DescribeSettings(db, SettingsRegistry::Builtin());
      });
}

Result<ConfigUpdateResult> AdminService::UpdateConfig(const RequestContext& ctx,
                                                      const std::vector<ConfigChange>& changes) {
  auto result = service::AdminWrite<ConfigUpdateResult>(
      impl_, ctx, "config.update",
      [&](store::Db& db, const service::Caller& caller) -> Result<ConfigUpdateResult> {
        if (changes.empty())
          return service::ValidationError("settings", "required", "No settings given");
        return service::ApplyConfigChanges(db, ctx, caller.id, impl_.clock->Now(), changes,
                                           SettingsRegistry::Builtin());
      });
  // After the commit, so a cache reloading now sees the new values.
  if (result.ok() && result->updated > 0) impl_.settings_generation.fetch_add(1);
  return result;
}

Result<MaintenanceState> AdminService::SetMaintenance(const RequestContext& ctx, bool enabled,
                                                      const std::optional<std::string>& message) {
  std::vector<ConfigChange> changes = {
      {std::string(service::kMaintenanceModeSetting), enabled ? "true" : "false"},
      {std::string(service::kMaintenanceMessageSetting),
       message ? boost::json::serialize(boost::json::value(*message)) : "null"}};
  auto result = service::AdminWrite<MaintenanceState>(
      impl_, ctx, "config.update",
      [&](store::Db& db, const service::Caller& caller) -> Result<MaintenanceState> {
        GOATFLOW_RETURN_IF_ERROR(service::ApplyConfigChanges(db, ctx, caller.id, impl_.clock->Now(),
                                                             changes, SettingsRegistry::Builtin()));
        return service::ReadMaintenance(db);
      });
  if (result.ok()) impl_.settings_generation.fetch_add(1);
  return result;
}

Result<std::string> AdminService::SettingValueFromText(std::string_view name,
                                                       std::string_view text) {
  const SettingDefinition* def = SettingsRegistry::Builtin().Find(name);
  if (def == nullptr || def->read_only) return service::UnknownSetting(name);
  const std::string_view trimmed = core::Trim(text);
  auto wrong = [&]() {
    return service::ValidationError(
        def->name, "wrong_type",
        def->name + " must be " +
            (def->type == SettingType::kBool ? "true or false" : "an integer"));
  };
  if (def->nullable && trimmed == "null") return std::string("null");
  switch (def->type) {
    case SettingType::kBool: {
      std::string lower = core::ToLowerAscii(trimmed);
      if (lower == "true" || lower == "yes" || lower == "on" || lower == "1")
        return std::string("true");
      if (lower == "false" || lower == "no" || lower == "off" || lower == "0")
        return std::string("false");
      return wrong();
    }
    case SettingType::kInteger: {
      std::int64_t n = 0;
      if (!core::ParseInt64(trimmed, n)) return wrong();
      return std::to_string(n);
    }
    case SettingType::kString:
      return boost::json::serialize(boost::json::value(text));
    case SettingType::kStringList: {
      if (!trimmed.empty() && trimmed.front() == '[') return std::string(trimmed);
      boost::json::array items;
      if (!trimmed.empty())
        for (std::string_view item : core::Split(trimmed, ','))
          items.emplace_back(core::Trim(item));
      return boost::json::serialize(items);
    }
  }
  return wrong();
}

}  // namespace goatflow
