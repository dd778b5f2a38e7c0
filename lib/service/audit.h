#pragma once

// Writing the append-only audit log (security.md §12). Callers write the
// entry on the same connection and inside the same transaction as the change
// it records, so a change and its audit entry commit together or not at all.

#include <map>
#include <optional>
#include <string>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/seams.h"
#include "store/db.h"

namespace goatflow::service {

enum class AuditOutcome { kSuccess, kFailure, kDenied };

struct AuditEntry {
  std::string action;  // dotted name, e.g. "queue.create", "auth.login.failure"
  AuditOutcome outcome = AuditOutcome::kSuccess;
  std::string target_type;  // "user", "queue", "ticket", "config", ...
  std::string target_id;
  std::string target_identifier;  // human name: login, queue name, ticket number
  std::string reason;
  // Old/new values and other context; never secrets (mask them before adding).
  std::map<std::string, std::string> details;
};

// Records `entry` for the principal in `ctx` (actor, auth method, token, IP,
// user agent, request id) at time `now`.
Status WriteAudit(store::Db& db, const RequestContext& ctx, TimePoint now, const AuditEntry& entry);

}  // namespace goatflow::service
