#include "service/settings_read.h"

#include <boost/json.hpp>

#include "core/macros.h"
#include "core/strings.h"
#include "domain/ticket_rules.h"

namespace goatflow::service {
namespace {

// The stored JSON of `name`, parsed; null when absent.
Result<boost::json::value> StoredValue(store::Db& db, std::string_view name) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                            db.Prepare("SELECT value FROM system_config WHERE name = ?"));
  stmt.Bind(1, name);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return boost::json::value(nullptr);
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(stmt.Text(0), ec);
  if (ec) return boost::json::value(nullptr);
  return value;
}

}  // namespace

Result<std::string> ReadStringSetting(store::Db& db, std::string_view name,
                                      std::string_view fallback) {
  GOATFLOW_ASSIGN_OR_RETURN(auto value, StoredValue(db, name));
  if (!value.is_string()) return std::string(fallback);
  return std::string(value.as_string());
}

Result<std::int64_t> ReadIntSetting(store::Db& db, std::string_view name, std::int64_t fallback) {
  GOATFLOW_ASSIGN_OR_RETURN(auto value, StoredValue(db, name));
  if (value.is_int64()) return value.as_int64();
  // Tolerate a number stored as a JSON string ("42").
  std::int64_t parsed = 0;
  if (value.is_string() && core::ParseInt64(std::string(value.as_string()), parsed)) return parsed;
  return fallback;
}

Result<std::vector<std::string>> ReadStringListSetting(store::Db& db, std::string_view name,
                                                       const std::vector<std::string>& fallback) {
  GOATFLOW_ASSIGN_OR_RETURN(auto value, StoredValue(db, name));
  if (!value.is_array()) return fallback;
  std::vector<std::string> out;
  for (const auto& item : value.as_array())
    if (item.is_string()) out.emplace_back(item.as_string());
  return out;
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

Result<std::string> StateAfterPending(store::Db& db, std::string_view pending_state) {
  GOATFLOW_ASSIGN_OR_RETURN(auto value, StoredValue(db, kStateAfterPendingSetting));
  if (value.is_object()) {
    const auto* target = value.as_object().if_contains(pending_state);
    return target && target->is_string() ? std::string(target->as_string()) : std::string();
  }
  if (pending_state == "pending auto close+") return std::string("closed successful");
  if (pending_state == "pending auto close-") return std::string("closed unsuccessful");
  return std::string();
}

}  // namespace goatflow::service
