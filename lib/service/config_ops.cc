// Describing and changing stored settings against a settings registry: the
// work of AdminService::GetConfig/UpdateConfig, audited per changed key.

#include "service/config_ops.h"

#include <algorithm>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "service/audit.h"
#include "service/checks.h"

namespace goatflow::service {
namespace {

std::string TypeName(SettingType type) {
  switch (type) {
    case SettingType::kBool:
      return "bool";
    case SettingType::kInteger:
      return "integer";
    case SettingType::kString:
      return "string";
    case SettingType::kStringList:
      return "list";
  }
  return "string";
}

std::string Constraint(const SettingDefinition& def) {
  std::vector<std::string> parts;
  if (def.min || def.max)
    parts.push_back(std::to_string(def.min.value_or(0)) + "-" +
                    std::to_string(def.max.value_or(0)));
  if (!def.choices.empty()) {
    parts.push_back((def.type == SettingType::kStringList ? "items among: " : "one of: ") +
                    core::Join(def.choices, ", "));
  }
  switch (def.reference) {
    case SettingReference::kNone:
      break;
    case SettingReference::kQueueName:
      parts.emplace_back("queue names");
      break;
    case SettingReference::kPriorityName:
      parts.emplace_back("a priority name");
      break;
    case SettingReference::kStateName:
      parts.emplace_back("state names");
      break;
    case SettingReference::kStateTypeName:
      parts.emplace_back("state type names");
      break;
    case SettingReference::kTimeZone:
      parts.emplace_back("an IANA time zone");
      break;
  }
  if (def.nullable) parts.emplace_back("or null");
  return core::Join(parts, "; ");
}

// What the API and the audit log show of a value: secrets masked once set.
std::string Shown(const SettingDefinition& def, const boost::json::value& value) {
  if (def.secret && !value.is_null())
    return boost::json::serialize(boost::json::value(kMaskedSecret));
  return boost::json::serialize(value);
}

struct PlannedChange {
  const SettingDefinition* def = nullptr;
  boost::json::value old_value;
  boost::json::value new_value;
};

// Validates every change against the registry and the current values; only
// changes that alter a value are returned.
Result<std::vector<PlannedChange>> PlanChanges(store::Db& db,
                                               const std::vector<ConfigChange>& changes,
                                               const SettingsRegistry& registry) {
  GOATFLOW_ASSIGN_OR_RETURN(auto current, SettingsSnapshot::Load(db, registry));
  std::vector<PlannedChange> plan;
  for (const ConfigChange& change : changes) {
    const SettingDefinition* def = registry.Find(change.name);
    if (def == nullptr || def->read_only) return UnknownSetting(change.name);
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(change.value_json, ec);
    if (ec) return ValidationError(change.name, "wrong_type", change.name + " is not JSON");
    if (def->secret && value.is_string() && value.get_string() == kMaskedSecret) continue;
    GOATFLOW_RETURN_IF_ERROR(registry.Validate(db, *def, value));
    boost::json::value old_value = current.Value(def->name);
    if (old_value == value) continue;
    auto planned = std::find_if(plan.begin(), plan.end(),
                                [&](const PlannedChange& p) { return p.def == def; });
    if (planned != plan.end()) {
      planned->new_value = std::move(value);
    } else {
      plan.push_back({def, std::move(old_value), std::move(value)});
    }
  }
  return plan;
}

}  // namespace

Result<std::vector<Setting>> DescribeSettings(store::Db& db, const SettingsRegistry& registry) {
  GOATFLOW_ASSIGN_OR_RETURN(auto current, SettingsSnapshot::Load(db, registry));
  std::vector<Setting> out;
  for (const SettingDefinition& def : registry.definitions()) {
    Setting s;
    s.name = def.name;
    s.type = TypeName(def.type);
    s.value_json = Shown(def, current.Value(def.name));
    s.default_json = def.default_json;
    s.constraint = Constraint(def);
    s.modified = current.IsStored(def.name);
    s.secret = def.secret;
    s.read_only = def.read_only;
    s.takes_effect = def.effect == SettingEffect::kNewSessions ? "new sessions" : "immediately";
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(),
            [](const Setting& a, const Setting& b) { return a.name < b.name; });
  return out;
}

Result<ConfigUpdateResult> ApplyConfigChanges(store::Db& db, const RequestContext& ctx,
                                              std::int64_t actor_id, TimePoint now,
                                              const std::vector<ConfigChange>& changes,
                                              const SettingsRegistry& registry) {
  GOATFLOW_ASSIGN_OR_RETURN(auto plan, PlanChanges(db, changes, registry));
  ConfigUpdateResult result;
  const std::string now_text = core::FormatDbTime(now);
  for (const PlannedChange& change : plan) {
    GOATFLOW_RETURN_IF_ERROR(
        StoreSettingValue(db, *change.def, change.new_value, actor_id, now_text));
    AuditEntry entry;
    entry.action = "config.update";
    entry.target_type = "config";
    entry.target_id = change.def->name;
    entry.target_identifier = change.def->name;
    entry.details = {{"old", Shown(*change.def, change.old_value)},
                     {"new", Shown(*change.def, change.new_value)}};
    GOATFLOW_RETURN_IF_ERROR(WriteAudit(db, ctx, now, entry));
    result.changed.push_back(change.def->name);
  }
  result.updated = static_cast<int>(result.changed.size());
  return result;
}

}  // namespace goatflow::service
