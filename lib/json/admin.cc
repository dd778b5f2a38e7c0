// Administration shapes (api-v1 §10): the configuration object, maintenance
// state and audit log entries.

#include "goatflow/json.h"
#include "json/internal.h"

namespace goatflow::json {
namespace {

using internal::OptString;
using internal::Timestamp;

boost::json::value Parsed(const std::string& json_text) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(json_text, ec);
  if (ec) return nullptr;
  return value;
}

boost::json::value OptInt(const std::optional<std::int64_t>& value) {
  if (!value) return nullptr;
  return boost::json::value(*value);
}

boost::json::object EntryValue(const AuditLogEntry& e) {
  return {{"id", e.id},
          {"source", e.source},
          {"created_at", Timestamp(e.created_at)},
          {"actor_kind", e.actor_kind},
          {"actor_id", OptInt(e.actor_id)},
          {"actor_login", OptString(e.actor_login)},
          {"auth_method", OptString(e.auth_method)},
          {"api_token_id", OptInt(e.api_token_id)},
          {"action", e.action},
          {"target_type", OptString(e.target_type)},
          {"target_id", OptString(e.target_id)},
          {"target_identifier", OptString(e.target_identifier)},
          {"outcome", e.outcome},
          {"reason", OptString(e.reason)},
          {"ip_address", OptString(e.ip_address)},
          {"user_agent", OptString(e.user_agent)},
          {"request_id", OptString(e.request_id)},
          {"details", e.details_json ? Parsed(*e.details_json) : boost::json::value(nullptr)}};
}

}  // namespace

std::string ToJson(const std::vector<Setting>& settings) {
  boost::json::object out;
  for (const Setting& s : settings) out[s.name] = Parsed(s.value_json);
  return boost::json::serialize(out);
}

std::string ToJson(const Setting& s) {
  boost::json::object out{{"name", s.name},
                          {"type", s.type},
                          {"value", Parsed(s.value_json)},
                          {"default", Parsed(s.default_json)},
                          {"constraint", s.constraint},
                          {"modified", s.modified},
                          {"secret", s.secret},
                          {"read_only", s.read_only},
                          {"takes_effect", s.takes_effect}};
  return boost::json::serialize(out);
}

std::string ToJson(const ConfigUpdateResult& result) {
  boost::json::array changed;
  for (const std::string& name : result.changed) changed.emplace_back(name);
  boost::json::object out{{"updated", result.updated}, {"changed", std::move(changed)}};
  return boost::json::serialize(out);
}

std::string ToJson(const MaintenanceState& state) {
  boost::json::object out{{"enabled", state.enabled}, {"message", OptString(state.message)}};
  return boost::json::serialize(out);
}

std::string ToJson(const AuditLogEntry& entry) { return boost::json::serialize(EntryValue(entry)); }

std::string ToJson(const std::vector<AuditLogEntry>& entries) {
  return internal::ArrayJson(entries, EntryValue);
}

std::string ToJson(const Page<AuditLogEntry>& page) { return internal::PageJson(page, EntryValue); }

}  // namespace goatflow::json
