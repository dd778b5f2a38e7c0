#include "service/audit.h"

#include <boost/json.hpp>

#include "core/macros.h"
#include "core/time.h"

namespace goatflow::service {
namespace {

std::string_view ActorKind(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kAnonymous: return "anonymous";
    case PrincipalKind::kOperator: return "system";
    case PrincipalKind::kAgent: return "agent";
    case PrincipalKind::kCustomer: return "customer";
  }
  return "anonymous";
}

std::optional<std::string> AuthMethodName(AuthMethod method) {
  switch (method) {
    case AuthMethod::kNone: return std::nullopt;
    case AuthMethod::kLocal: return "local";
    case AuthMethod::kPassword: return "password";
    case AuthMethod::kSession: return "session";
    case AuthMethod::kJwt: return "jwt";
    case AuthMethod::kApiToken: return "api_token";
    case AuthMethod::kLdap: return "ldap";
  }
  return std::nullopt;
}

std::string_view OutcomeName(AuditOutcome outcome) {
  switch (outcome) {
    case AuditOutcome::kSuccess: return "success";
    case AuditOutcome::kFailure: return "failure";
    case AuditOutcome::kDenied: return "denied";
  }
  return "failure";
}

std::optional<std::string> NonEmpty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

}  // namespace

Status WriteAudit(store::Db& db, const RequestContext& ctx, TimePoint now, const AuditEntry& entry) {
  std::optional<std::string> details;
  if (!entry.details.empty()) {
    boost::json::object object;
    for (const auto& [key, value] : entry.details) object[key] = value;
    details = boost::json::serialize(object);
  }
  const Principal& who = ctx.principal;
  std::optional<std::int64_t> actor_id;
  if (who.kind != PrincipalKind::kAnonymous) actor_id = who.id;
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    INSERT INTO audit_log (create_time, actor_kind, actor_id, actor_login, auth_method,
                           api_token_id, action, target_type, target_id, target_identifier,
                           outcome, reason, ip_address, user_agent, request_id, details)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql"));
  stmt.BindAll(core::FormatDbTime(now), ActorKind(who.kind), actor_id, NonEmpty(who.login),
               AuthMethodName(ctx.auth_method), ctx.api_token_id, entry.action,
               NonEmpty(entry.target_type), NonEmpty(entry.target_id),
               NonEmpty(entry.target_identifier), OutcomeName(entry.outcome),
               NonEmpty(entry.reason), NonEmpty(ctx.client_ip), NonEmpty(ctx.user_agent),
               NonEmpty(ctx.request_id), details);
  return stmt.Run();
}

}  // namespace goatflow::service
