#pragma once

// The one registry of stored settings (domain.md §8.4, api-v1.md §0 and §10):
// each setting's name, type, default, constraints, and whether it is secret,
// read-only and when a change takes effect. Every reader of stored settings
// goes through it (SettingsSnapshot, settings_read.h), and every write is
// validated by it (the configuration service, `goatflow config set`).
//
// Storage: plain settings are JSON values in `system_config`; secret settings
// are JSON values in `system_secret` under "config:<name>", never shown in
// clear (masked as kMaskedSecret). A stored value that no longer fits its
// definition reads as the default.

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/error.h"
#include "store/db.h"

namespace goatflow::service {

inline constexpr std::string_view kMaskedSecret = "********";

enum class SettingType { kBool, kInteger, kString, kStringList };

// Checks against the database beyond type and shape.
enum class SettingReference {
  kNone,
  kQueueName,      // a queue name (lists: every item)
  kPriorityName,   // a ticket_priority name
  kStateName,      // ticket_state names
  kStateTypeName,  // ticket_state_type names
  kTimeZone,       // an IANA time zone name
};

enum class SettingEffect {
  kImmediately,  // the next request reads the new value
  kNewSessions,  // sessions created afterwards (existing ones keep their limits)
};

struct SettingDefinition {
  std::string name;
  SettingType type = SettingType::kString;
  std::string default_json;           // JSON text of the default
  std::optional<std::int64_t> min{};  // integers: inclusive range
  std::optional<std::int64_t> max{};
  std::vector<std::string> choices{};  // strings and list items: allowed values (empty: any)
  SettingReference reference = SettingReference::kNone;
  bool nullable = false;   // JSON null is a valid value
  bool secret = false;     // stored in system_secret, shown masked
  bool read_only = false;  // shown, never written through the API or the CLI
  SettingEffect effect = SettingEffect::kImmediately;
};

class SettingsRegistry {
 public:
  explicit SettingsRegistry(std::vector<SettingDefinition> definitions);

  // The settings of this product.
  static const SettingsRegistry& Builtin();

  const SettingDefinition* Find(std::string_view name) const;
  const std::vector<SettingDefinition>& definitions() const { return definitions_; }

  // The definition's default as a JSON value.
  boost::json::value Default(const SettingDefinition& def) const;

  // Type, null, range and choices, without the database. Errors:
  // invalid_argument (core:validation_failed, details {field: name, reason:
  // wrong_type | out_of_range | invalid_choice}).
  Status CheckShape(const SettingDefinition& def, const boost::json::value& value) const;
  // CheckShape plus the references (queue, priority, state names, time zone).
  // Errors as CheckShape, reason unknown_reference.
  Status Validate(store::Db& db, const SettingDefinition& def,
                  const boost::json::value& value) const;

 private:
  std::vector<SettingDefinition> definitions_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

// "Unknown setting: <name>" (invalid_argument, core:validation_failed, reason
// unknown); also the answer for read-only settings (api-v1.md §10).
Error UnknownSetting(std::string_view name);

// Every setting's effective value in one transaction: the stored value when it
// fits the definition, else the default. Names outside the registry read as null.
class SettingsSnapshot {
 public:
  static Result<SettingsSnapshot> Load(
      store::Db& db, const SettingsRegistry& registry = SettingsRegistry::Builtin());

  boost::json::value Value(std::string_view name) const;
  bool IsStored(std::string_view name) const { return stored_.count(std::string(name)) > 0; }

  // Typed reads of registered settings of that type.
  bool Bool(std::string_view name) const;
  std::int64_t Int(std::string_view name) const;
  std::optional<std::string> String(std::string_view name) const;  // null -> nullopt
  std::vector<std::string> StringList(std::string_view name) const;

 private:
  const SettingsRegistry* registry_ = nullptr;
  std::map<std::string, boost::json::value, std::less<>> stored_;  // valid stored values only
};

// The stored, valid value of one setting, else its default (null when unregistered).
Result<boost::json::value> ReadSettingValue(
    store::Db& db, std::string_view name,
    const SettingsRegistry& registry = SettingsRegistry::Builtin());

// Stores `value` for `def` (system_config or, for secrets, system_secret).
Status StoreSettingValue(store::Db& db, const SettingDefinition& def,
                         const boost::json::value& value, std::int64_t actor_id,
                         const std::string& now);

}  // namespace goatflow::service
