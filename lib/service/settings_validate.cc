// Validation of setting values against their definitions (api-v1.md §10:
// wrong type or out of range -> 400).

#include <algorithm>
#include <filesystem>

#include "core/macros.h"
#include "core/strings.h"
#include "service/checks.h"
#include "service/settings_registry.h"

namespace goatflow::service {
namespace {

std::string_view TypeWords(SettingType type) {
  switch (type) {
    case SettingType::kBool:
      return "a boolean";
    case SettingType::kInteger:
      return "an integer";
    case SettingType::kString:
      return "a string";
    case SettingType::kStringList:
      return "a list of strings";
  }
  return "a value";
}

Error WrongType(const SettingDefinition& def) {
  return ValidationError(def.name, "wrong_type",
                         def.name + " must be " + std::string(TypeWords(def.type)));
}

bool Allowed(const SettingDefinition& def, std::string_view item) {
  return def.choices.empty() ||
         std::find(def.choices.begin(), def.choices.end(), item) != def.choices.end();
}

// "UTC" or Area/Location names as in the tz database; when the system has a
// zoneinfo directory the zone must exist there too.
bool KnownTimeZone(std::string_view name) {
  if (name == "UTC") return true;
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != name.npos)
    return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
          c == '+'))
      return false;
  std::error_code ec;
  const std::filesystem::path zoneinfo("/usr/share/zoneinfo");
  if (!std::filesystem::is_directory(zoneinfo, ec)) return name.find('/') != name.npos;
  return std::filesystem::is_regular_file(zoneinfo / std::string(name), ec);
}

Result<bool> NameExists(store::Db& db, SettingReference reference, const std::string& name) {
  const char* sql = nullptr;
  switch (reference) {
    case SettingReference::kQueueName:
      sql = "SELECT 1 FROM queue WHERE name = ?";
      break;
    case SettingReference::kPriorityName:
      sql = "SELECT 1 FROM ticket_priority WHERE name = ?";
      break;
    case SettingReference::kStateName:
      sql = "SELECT 1 FROM ticket_state WHERE name = ?";
      break;
    case SettingReference::kStateTypeName:
      sql = "SELECT 1 FROM ticket_state_type WHERE name = ?";
      break;
    case SettingReference::kTimeZone:
      return KnownTimeZone(name);
    case SettingReference::kNone:
      return true;
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  stmt.Bind(1, name);
  return stmt.Step();
}

std::string_view ReferenceWords(SettingReference reference) {
  switch (reference) {
    case SettingReference::kQueueName:
      return "queue";
    case SettingReference::kPriorityName:
      return "priority";
    case SettingReference::kStateName:
      return "state";
    case SettingReference::kStateTypeName:
      return "state type";
    case SettingReference::kTimeZone:
      return "time zone";
    case SettingReference::kNone:
      return "value";
  }
  return "value";
}

}  // namespace

Error UnknownSetting(std::string_view name) {
  return ValidationError(name, "unknown", "Unknown setting: " + std::string(name));
}

Status SettingsRegistry::CheckShape(const SettingDefinition& def,
                                    const boost::json::value& value) const {
  if (value.is_null()) {
    if (def.nullable) return OkStatus();
    return WrongType(def);
  }
  switch (def.type) {
    case SettingType::kBool:
      if (!value.is_bool()) return WrongType(def);
      return OkStatus();
    case SettingType::kInteger: {
      if (!value.is_int64()) return WrongType(def);
      std::int64_t n = value.get_int64();
      if ((def.min && n < *def.min) || (def.max && n > *def.max)) {
        return ValidationError(def.name, "out_of_range",
                               def.name + " must be between " +
                                   std::to_string(def.min.value_or(n)) + " and " +
                                   std::to_string(def.max.value_or(n)));
      }
      return OkStatus();
    }
    case SettingType::kString: {
      if (!value.is_string()) return WrongType(def);
      std::string_view text = value.get_string();
      if (!core::IsValidUtf8(text) || core::HasControlChars(text) || text.size() > 1000)
        return ValidationError(def.name, "invalid_chars",
                               def.name +
                                   " must be UTF-8 text of at most 1000 bytes without "
                                   "control characters");
      if (!Allowed(def, text))
        return ValidationError(def.name, "invalid_choice",
                               def.name + " must be one of: " + core::Join(def.choices, ", "));
      return OkStatus();
    }
    case SettingType::kStringList: {
      if (!value.is_array()) return WrongType(def);
      for (const auto& item : value.get_array()) {
        if (!item.is_string()) return WrongType(def);
        if (!Allowed(def, item.get_string()))
          return ValidationError(
              def.name, "invalid_choice",
              def.name + " items must be among: " + core::Join(def.choices, ", "));
      }
      return OkStatus();
    }
  }
  return WrongType(def);
}

Status SettingsRegistry::Validate(store::Db& db, const SettingDefinition& def,
                                  const boost::json::value& value) const {
  GOATFLOW_RETURN_IF_ERROR(CheckShape(def, value));
  if (def.reference == SettingReference::kNone || value.is_null()) return OkStatus();
  std::vector<std::string> names;
  if (value.is_string()) names.emplace_back(value.get_string());
  if (value.is_array())
    for (const auto& item : value.get_array()) names.emplace_back(item.get_string());
  for (const std::string& name : names) {
    GOATFLOW_ASSIGN_OR_RETURN(bool exists, NameExists(db, def.reference, name));
    if (!exists)
      return ValidationError(
          def.name, "unknown_reference",
          def.name + ": unknown " + std::string(ReferenceWords(def.reference)) + " '" + name + "'");
  }
  return OkStatus();
}

}  // namespace goatflow::service
