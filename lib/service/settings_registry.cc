// The built-in settings (domain.md §8.4 plus the rate limits, AttachmentMaxSize
// and mcp.execute_sql.enabled of api-v1.md §0) and reading and storing them.

#include "service/settings_registry.h"

#include "core/macros.h"
#include "domain/ticket_rules.h"

namespace goatflow::service {
namespace {

using Type = SettingType;
using Ref = SettingReference;

constexpr std::string_view kSecretPrefix = "config:";

SettingDefinition Bool(std::string name, bool default_value) {
  SettingDefinition d;
  d.name = std::move(name);
  d.type = Type::kBool;
  d.default_json = default_value ? "true" : "false";
  return d;
}

SettingDefinition Integer(std::string name, std::int64_t default_value, std::int64_t min,
                          std::int64_t max) {
  SettingDefinition d;
  d.name = std::move(name);
  d.type = Type::kInteger;
  d.default_json = std::to_string(default_value);
  d.min = min;
  d.max = max;
  return d;
}

SettingDefinition Text(std::string name, std::string_view default_value,
                       std::vector<std::string> choices = {}, Ref reference = Ref::kNone) {
  SettingDefinition d;
  d.name = std::move(name);
  d.type = Type::kString;
  d.default_json = boost::json::serialize(boost::json::value(default_value));
  d.choices = std::move(choices);
  d.reference = reference;
  return d;
}

SettingDefinition List(std::string name, const std::vector<std::string>& default_value,
                       std::vector<std::string> choices = {}, Ref reference = Ref::kNone) {
  SettingDefinition d;
  d.name = std::move(name);
  d.type = Type::kStringList;
  boost::json::array items;
  for (const std::string& item : default_value) items.emplace_back(item);
  d.default_json = boost::json::serialize(items);
  d.choices = std::move(choices);
  d.reference = reference;
  return d;
}

SettingDefinition ForNewSessions(SettingDefinition d) {
  d.effect = SettingEffect::kNewSessions;
  return d;
}

std::vector<SettingDefinition> BuiltinDefinitions() {
  using domain::TicketDefaults;
  const std::vector<std::string> views = {"Small", "Medium", "Large"};
  constexpr std::int64_t kRateMax = 1000000;
  SettingDefinition message = Text("MaintenanceMessage", "");
  message.default_json = "null";
  message.nullable = true;
  return {
      Integer("SystemID", TicketDefaults::kSystemId, 1, 99),
      Text("FQDN", "goatflow.local"),
      Text("Organization", "Your Organization"),
      Text("AdminEmail", "admin@goatflow.local"),
      Text("Ticket::NumberGenerator", "Date", {"Date", "DateChecksum", "Random", "Increment"}),
      Text("Ticket::DefaultPriority", TicketDefaults::kDefaultPriority, {}, Ref::kPriorityName),
      Text("Ticket::DefaultQueue", TicketDefaults::kDefaultQueue, {}, Ref::kQueueName),
      List("Ticket::ViewableStateType", {"new", "open", "pending reminder", "pending auto"}, {},
           Ref::kStateTypeName),
      List("Customer::TicketViewableStatus",
           {"new", "open", "closed successful", "closed unsuccessful"}, {}, Ref::kStateName),
      Text("NotificationSenderName", "GoatFlow Notification System"),
      Text("NotificationSenderEmail", "noreply@goatflow.local"),
      ForNewSessions(Integer("SessionMaxTime", 57600, 600, 172800)),
      ForNewSessions(Integer("SessionMaxIdleTime", 7200, 300, 86400)),
      List("Auth::Providers", {"database"}, {"database", "ldap"}),
      Integer("PasswordMinLength", 8, 6, 128),
      Bool("PasswordRequireUppercase", true),
      Bool("PasswordRequireLowercase", true),
      Bool("PasswordRequireDigit", true),
      Bool("PasswordRequireSpecial", false),
      Bool("SecureMode", false),
      Text("TimeZone", "UTC", {}, Ref::kTimeZone),
      List("CustomerPanel::SelectableQueues", TicketDefaults::SelectableQueues(), {},
           Ref::kQueueName),
      Bool("Customer::CompanyTickets", false),
      Bool("MaintenanceMode", false),
      message,
      Text("Agent::DefaultTicketView", "Small", views),
      Text("Customer::DefaultTicketView", "Small", views),
      Text("Frontend::DefaultTheme", "Standard"),
      Integer("RateLimit::LoginPerMinute", 10, 0, kRateMax),
      Integer("RateLimit::PasswordResetPerHour", 3, 0, kRateMax),
      Integer("RateLimit::CustomerTicketCreatePerHour", 10, 0, kRateMax),
      Integer("RateLimit::GeneralPerMinute", 100, 0, kRateMax),
      Integer("RateLimit::TokenDefaultPerHour", 1000, 0, kRateMax),
      // Attachments travel in request bodies of at most 16 MiB (api-v1.md §0).
      Integer("AttachmentMaxSize", TicketDefaults::kAttachmentMaxSize, 1, 16 * 1024 * 1024),
      Bool("mcp.execute_sql.enabled", true),
  };
}

boost::json::value ParseJson(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) return nullptr;
  return value;
}

}  // namespace

SettingsRegistry::SettingsRegistry(std::vector<SettingDefinition> definitions)
    : definitions_(std::move(definitions)) {
  for (std::size_t i = 0; i < definitions_.size(); ++i) index_[definitions_[i].name] = i;
}

const SettingsRegistry& SettingsRegistry::Builtin() {
  static const SettingsRegistry registry(BuiltinDefinitions());
  return registry;
}

const SettingDefinition* SettingsRegistry::Find(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &definitions_[it->second];
}

boost::json::value SettingsRegistry::Default(const SettingDefinition& def) const {
  return ParseJson(def.default_json);
}

Result<SettingsSnapshot> SettingsSnapshot::Load(store::Db& db, const SettingsRegistry& registry) {
  SettingsSnapshot snapshot;
  snapshot.registry_ = &registry;
  auto keep = [&](const std::string& name, std::string_view json_text) {
    const SettingDefinition* def = registry.Find(name);
    if (def == nullptr) return;
    boost::json::value value = ParseJson(json_text);
    if (registry.CheckShape(*def, value).ok()) snapshot.stored_[name] = std::move(value);
  };
  GOATFLOW_ASSIGN_OR_RETURN(auto plain, db.Prepare("SELECT name, value FROM system_config"));
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, plain.Step());
    if (!row) break;
    keep(plain.Text(0), plain.Text(1));
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto secret,
                            db.Prepare("SELECT substr(name, 8), value FROM system_secret "
                                       "WHERE name LIKE 'config:%'"));
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, secret.Step());
    if (!row) break;
    const SettingDefinition* def = registry.Find(secret.Text(0));
    if (def != nullptr && def->secret) keep(secret.Text(0), secret.Blob(1));
  }
  return snapshot;
}

boost::json::value SettingsSnapshot::Value(std::string_view name) const {
  if (auto it = stored_.find(name); it != stored_.end()) return it->second;
  const SettingDefinition* def = registry_->Find(name);
  return def == nullptr ? boost::json::value(nullptr) : registry_->Default(*def);
}

bool SettingsSnapshot::Bool(std::string_view name) const {
  boost::json::value v = Value(name);
  return v.is_bool() && v.get_bool();
}

std::int64_t SettingsSnapshot::Int(std::string_view name) const {
  boost::json::value v = Value(name);
  return v.is_int64() ? v.get_int64() : 0;
}

std::optional<std::string> SettingsSnapshot::String(std::string_view name) const {
  boost::json::value v = Value(name);
  if (!v.is_string()) return std::nullopt;
  return std::string(v.get_string());
}

std::vector<std::string> SettingsSnapshot::StringList(std::string_view name) const {
  std::vector<std::string> out;
  boost::json::value v = Value(name);
  if (!v.is_array()) return out;
  for (const auto& item : v.get_array())
    if (item.is_string()) out.emplace_back(item.get_string());
  return out;
}

Result<boost::json::value> ReadSettingValue(store::Db& db, std::string_view name,
                                            const SettingsRegistry& registry) {
  const SettingDefinition* def = registry.Find(name);
  if (def == nullptr) return boost::json::value(nullptr);
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare(def->secret ? "SELECT value FROM system_secret WHERE name = ?"
                                        : "SELECT value FROM system_config WHERE name = ?"));
  std::string key = def->secret ? std::string(kSecretPrefix) + def->name : def->name;
  stmt.Bind(1, key);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (found) {
    boost::json::value value = ParseJson(def->secret ? stmt.Blob(0) : stmt.Text(0));
    if (registry.CheckShape(*def, value).ok()) return value;
  }
  return registry.Default(*def);
}

Status StoreSettingValue(store::Db& db, const SettingDefinition& def,
                         const boost::json::value& value, std::int64_t actor_id,
                         const std::string& now) {
  std::string json_text = boost::json::serialize(value);
  if (def.secret) {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      INSERT INTO system_secret (name, value, create_time) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET value = excluded.value,
                                       create_time = excluded.create_time)sql"));
    stmt.Bind(1, std::string(kSecretPrefix) + def.name).BindBlob(2, json_text).Bind(3, now);
    return stmt.Run();
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    INSERT INTO system_config (name, value, change_time, change_by) VALUES (?, ?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET value = excluded.value, change_time = excluded.change_time,
                                     change_by = excluded.change_by)sql"));
  stmt.BindAll(def.name, json_text, now, actor_id);
  return stmt.Run();
}

}  // namespace goatflow::service
