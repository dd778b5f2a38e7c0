#include <algorithm>
#include <boost/json.hpp>

#include "core/macros.h"
#include "core/strings.h"
#include "service/auth_internal.h"
#include "service/caller.h"

namespace goatflow::service {
namespace {

void ReadInt(const std::string& value, std::int64_t& out) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(value, ec);
  if (ec) return;
  if (parsed.is_int64()) out = parsed.as_int64();
  if (parsed.is_uint64()) out = static_cast<std::int64_t>(parsed.as_uint64());
  if (parsed.is_string()) {
    std::int64_t n = 0;
    if (core::ParseInt64(std::string(parsed.as_string()), n)) out = n;
  }
}

void ReadBool(const std::string& value, bool& out) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(value, ec);
  if (!ec && parsed.is_bool()) out = parsed.as_bool();
}

void ReadInt(const std::string& value, int& out) {
  std::int64_t n = out;
  ReadInt(value, n);
  if (n >= 0 && n <= 10000000) out = static_cast<int>(n);
}

}  // namespace

Result<AuthSettings> LoadAuthSettings(store::Db& db, const OpenOptions& options) {
  AuthSettings s;
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt,
      db.Prepare("SELECT name, value FROM system_config WHERE name IN ('SessionMaxTime', "
                 "'SessionMaxIdleTime') OR name LIKE 'RateLimit::%' OR name LIKE 'Password%'"));
  std::map<std::string, std::string> stored;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    stored[stmt.Text(0)] = stmt.Text(1);
  }
  auto apply = [&](const std::string& name, auto& field) {
    if (auto it = stored.find(name); it != stored.end()) ReadInt(it->second, field);
  };
  apply("SessionMaxTime", s.session_max_time);
  apply("SessionMaxIdleTime", s.session_max_idle_time);
  apply("RateLimit::LoginPerMinute", s.login_per_minute);
  apply("RateLimit::PasswordResetPerHour", s.password_reset_per_hour);
  apply("RateLimit::CustomerTicketCreatePerHour", s.customer_ticket_create_per_hour);
  apply("RateLimit::GeneralPerMinute", s.general_per_minute);
  apply("RateLimit::TokenDefaultPerHour", s.token_default_per_hour);
  auto& policy = s.password_policy;
  apply("PasswordMinLength", policy.min_length);
  policy.min_length = std::clamp(policy.min_length, 6, 128);
  auto flag = [&](const std::string& name, bool& field) {
    if (auto it = stored.find(name); it != stored.end()) ReadBool(it->second, field);
  };
  flag("PasswordRequireUppercase", policy.require_upper);
  flag("PasswordRequireLowercase", policy.require_lower);
  flag("PasswordRequireDigit", policy.require_digit);
  flag("PasswordRequireSpecial", policy.require_special);
  auto override_with = [&](const char* name, int& field) {
    if (auto it = options.rate_limits.find(name);
        it != options.rate_limits.end() && it->second >= 0)
      field = it->second;
  };
  override_with("RateLimit::LoginPerMinute", s.login_per_minute);
  override_with("RateLimit::PasswordResetPerHour", s.password_reset_per_hour);
  override_with("RateLimit::CustomerTicketCreatePerHour", s.customer_ticket_create_per_hour);
  override_with("RateLimit::GeneralPerMinute", s.general_per_minute);
  override_with("RateLimit::TokenDefaultPerHour", s.token_default_per_hour);
  // Idle timeout: at least 300 s and never above the absolute lifetime.
  if (s.session_max_time < 300) s.session_max_time = 57600;
  s.session_max_idle_time =
      std::clamp<std::int64_t>(s.session_max_idle_time, 300, s.session_max_time);
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
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare(kind == PrincipalKind::kCustomer
                                ? "SELECT login FROM customer_user WHERE id = ? AND valid_id = 1"
                                : "SELECT login FROM users WHERE id = ? AND valid_id = 1"));
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
