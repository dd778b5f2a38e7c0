#include <algorithm>
#include <boost/json.hpp>

#include "core/macros.h"
#include "core/strings.h"
#include "service/auth_internal.h"
#include "service/caller.h"
#include "service/settings_read.h"
#include "service/settings_registry.h"

namespace goatflow::service {

Result<AuthSettings> LoadAuthSettings(store::Db& db, const OpenOptions& options) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stored, SettingsSnapshot::Load(db));
  AuthSettings s;
  s.session_max_time = stored.Int("SessionMaxTime");
  s.session_max_idle_time = stored.Int("SessionMaxIdleTime");
  // The registry bounds the rate limits to 0..1,000,000, so they fit an int.
  auto rate = [&](const char* name, int& field) {
    field = static_cast<int>(stored.Int(name));
    if (auto it = options.rate_limits.find(name);
        it != options.rate_limits.end() && it->second >= 0)
      field = it->second;  // GOATFLOW_RATELIMIT_* of this process wins (api-v1.md §0)
  };
  rate("RateLimit::LoginPerMinute", s.login_per_minute);
  rate("RateLimit::PasswordResetPerHour", s.password_reset_per_hour);
  rate("RateLimit::CustomerTicketCreatePerHour", s.customer_ticket_create_per_hour);
  rate("RateLimit::GeneralPerMinute", s.general_per_minute);
  rate("RateLimit::TokenDefaultPerHour", s.token_default_per_hour);
  s.password_policy = PasswordPolicyOf(stored);
  // The idle timeout never exceeds the absolute lifetime.
  s.session_max_idle_time = std::min(s.session_max_idle_time, s.session_max_time);
  return s;
}

std::string_view KindName(PrincipalKind kind) {
  return kind == PrincipalKind::kCustomer ? "customer" : "agent";
}

std::optional<PrincipalKind> ParseKind(std::string_view name) {
  if (name == "agent") return PrincipalKind::kAgent;
  if (name == "customer") return PrincipalKind::kCustomer;
  return std::nullopt;
}

Result<std::optional<std::string>> ValidLogin(store::Db& db, PrincipalKind kind, std::int64_t id) {
  if (kind != PrincipalKind::kCustomer) {
    GOATFLOW_ASSIGN_OR_RETURN(const store::Catalog::Agent* agent, CachedAgent(db, id));
    return agent != nullptr ? std::optional<std::string>(agent->login) : std::nullopt;
  }
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("SELECT login FROM customer_user WHERE id = ? AND valid_id = 1"));
  stmt.Bind(1, id);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(stmt.Text(0));
}

Result<AuthUser> LoadAuthUser(store::Db& db, PrincipalKind kind, std::int64_t id) {
  AuthUser user;
  user.kind = kind;
  user.id = id;
  if (kind == PrincipalKind::kCustomer) {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                              db.Prepare("SELECT login, coalesce(email, ''), first_name, last_name "
                                         "FROM customer_user WHERE id = ?"));
    stmt.Bind(1, id);
    GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) return InvalidCredentials();
    user.login = stmt.Text(0);
    user.email = stmt.Text(1);
    user.first_name = stmt.Text(2);
    user.last_name = stmt.Text(3);
    user.role = "Customer";
    return user;
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT u.login, coalesce(p.preferences_value, u.login), u.first_name, u.last_name
      FROM users u LEFT JOIN user_preferences p
        ON p.user_id = u.id AND p.preferences_key = 'UserEmail'
     WHERE u.id = ?)sql"));
  stmt.Bind(1, id);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return InvalidCredentials();
  user.login = stmt.Text(0);
  user.email = stmt.Text(1);
  user.first_name = stmt.Text(2);
  user.last_name = stmt.Text(3);
  GOATFLOW_ASSIGN_OR_RETURN(auto grants, LoadAgentGrants(db, id));
  user.is_admin = grants.is_admin;
  user.role = user.is_admin ? "Admin" : "Agent";
  return user;
}

Error InvalidCredentials() {
  return Error(ErrorCode::kUnauthenticated, "Invalid credentials")
      .WithWireCode("core:unauthorized");
}

Error InvalidToken() {
  return Error(ErrorCode::kUnauthenticated, "Invalid or malformed token")
      .WithWireCode("core:invalid_token");
}

Error Unauthenticated(std::string message) {
  return Error(ErrorCode::kUnauthenticated, std::move(message)).WithWireCode("core:unauthorized");
}

Error ValidationFailed(std::string message, std::string field, std::string reason) {
  return Error(ErrorCode::kInvalidArgument, std::move(message),
               {{"field", std::move(field)}, {"reason", std::move(reason)}})
      .WithWireCode("core:validation_failed");
}

Error RateLimitedError(std::string message, std::int64_t retry_after_sec) {
  return Error(ErrorCode::kRateLimited, std::move(message),
               {{"retry_after_sec", std::to_string(retry_after_sec)}})
      .WithWireCode("core:rate_limited");
}

}  // namespace goatflow::service
