#pragma once

// System administration (api-v1.md §10, domain.md §8.4, security.md §12):
// the stored configuration, maintenance mode and the audit log.
//
// Every call is for administrators (API tokens need scope admin:* or an
// unrestricted token); a refusal is permission_denied (wire core:forbidden)
// and is recorded as access.denied. Configuration changes take effect at once
// in this process; another process (the CLI beside a running server) sees
// them within a few seconds. Each changed setting is audited as config.update
// with its old and new value (secrets masked), in the transaction of the change.
//
// Common errors: unauthenticated, permission_denied, invalid_argument (wire
// core:validation_failed, details {field, reason}), internal. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/health.h"
#include "goatflow/helpdesk.h"
#include "goatflow/listing.h"
#include "goatflow/seams.h"

namespace goatflow {

// One setting as the registry defines it, with its effective value.
struct Setting {
  std::string name;
  std::string type;          // "bool", "integer", "string" or "list"
  std::string value_json;    // effective value (JSON); a set secret shows "********"
  std::string default_json;  // the built-in default (JSON)
  std::string constraint;    // e.g. "1-99", "one of: Small, Medium, Large"; "" = none
  bool modified = false;     // a stored value replaces the default
  bool secret = false;
  bool read_only = false;
  std::string takes_effect;  // "immediately" or "new sessions"
};

// One setting to write: its name and the new value as JSON text.
struct ConfigChange {
  std::string name;
  std::string value_json;
};

struct ConfigUpdateResult {
  int updated = 0;                   // settings whose value changed
  std::vector<std::string> changed;  // their names, in request order
};

// An audit_log row (security.md §12), or with include_ticket_history a
// ticket_history row mapped to action "ticket.<HistoryType>".
struct AuditLogEntry {
  std::int64_t id = 0;
  std::string source = "audit_log";  // or "ticket_history"
  TimePoint created_at{};
  std::string actor_kind;  // agent, customer, system, anonymous
  std::optional<std::int64_t> actor_id{};
  std::optional<std::string> actor_login{};
  std::optional<std::string> auth_method{};
  std::optional<std::int64_t> api_token_id{};
  std::string action;
  std::optional<std::string> target_type{}, target_id{}, target_identifier{};
  std::string outcome;  // success, failure, denied
  std::optional<std::string> reason{}, ip_address{}, user_agent{}, request_id{};
  std::optional<std::string> details_json{};  // a JSON object
};

struct ListAuditLogRequest {
  PageRequest page;  // at most 100 per page
  std::optional<std::string> action{};
  std::optional<std::int64_t> actor_id{};
  std::optional<std::string> target_type{};
  std::optional<std::string> target_id{};
  std::optional<std::string> from{};  // RFC 3339 (or 'YYYY-MM-DD HH:MM:SS'), inclusive
  std::optional<std::string> to{};    // inclusive
  bool include_ticket_history = false;
};

class AdminService {
 public:
  // Every registered setting, sorted by name.
  Result<std::vector<Setting>> GetConfig(const RequestContext& ctx);
  // Validates every change first, then writes them in one transaction: one
  // bad value changes nothing. Unknown and read-only names: invalid_argument
  // "Unknown setting: <name>"; wrong type, out of range, not among the
  // choices, unknown queue/priority/state/time zone: invalid_argument with
  // reason wrong_type, out_of_range, invalid_choice, unknown_reference.
  // Writing "********" to a secret leaves it unchanged. An empty list:
  // invalid_argument "No settings given".
  Result<ConfigUpdateResult> UpdateConfig(const RequestContext& ctx,
                                          const std::vector<ConfigChange>& changes);
  // MaintenanceMode := enabled, MaintenanceMessage := message (null clears).
  Result<MaintenanceState> SetMaintenance(const RequestContext& ctx, bool enabled,
                                          const std::optional<std::string>& message);
  // Newest first. Errors: invalid_argument for a malformed from/to.
  Result<Page<AuditLogEntry>> ListAuditLog(const RequestContext& ctx,
                                           const ListAuditLogRequest& request);

  // The JSON value for `text` typed on a command line, by the setting's type:
  // booleans true/false/yes/no/on/off/1/0, integers in decimal, strings as
  // they are ("null" clears a nullable one), lists as a JSON array or
  // comma-separated. Errors: invalid_argument "Unknown setting: <name>",
  // or reason wrong_type.
  static Result<std::string> SettingValueFromText(std::string_view name, std::string_view text);

 private:
  friend class Helpdesk;
  explicit AdminService(Helpdesk::Impl& impl) : impl_(impl) {}
  Helpdesk::Impl& impl_;
};

}  // namespace goatflow
