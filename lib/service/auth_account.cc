// AuthService: the caller's own password and preferences.

#include <algorithm>
#include <array>

#include "auth/password.h"
#include "auth/password_policy.h"
#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "service/audit.h"
#include "service/auth_internal.h"
#include "service/caller.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

constexpr std::array<std::string_view, 6> kWritableKeys = {
    "Language", "Theme", "ThemeMode", "TimeZone", "SessionTimeout", "DashboardWidgets"};
constexpr std::array<std::int64_t, 6> kSessionTimeouts = {3600, 14400, 28800, 57600, 86400, 604800};
constexpr std::size_t kMaxValueBytes = 4000;

bool IsSecretKey(std::string_view key) {
  return key.rfind("UserTOTP", 0) == 0 || key == "UserPw" ||
         core::ToLowerAscii(key).find("secret") != std::string::npos;
}

bool IsWritable(std::string_view key) {
  return std::find(kWritableKeys.begin(), kWritableKeys.end(), key) != kWritableKeys.end();
}

Error KeyNotAllowed(const std::string& key) {
  return Error(ErrorCode::kInvalidArgument, "Preference key not allowed",
               {{"field", key}, {"reason", "not_allowed"}})
      .WithWireCode("core:validation_failed");
}

Status ValidatePreference(const std::string& key, const std::string& value,
                          std::int64_t session_max_time) {
  if (!IsWritable(key)) return KeyNotAllowed(key);
  if (value.size() > kMaxValueBytes || !core::IsValidUtf8(value) || core::HasControlChars(value))
    return service::ValidationFailed("Invalid preference value", key, "invalid");
  if (key == "SessionTimeout") {
    std::int64_t seconds = 0;
    if (!core::ParseInt64(value, seconds) ||
        std::find(kSessionTimeouts.begin(), kSessionTimeouts.end(), seconds) ==
            kSessionTimeouts.end() ||
        seconds > session_max_time)
      return service::ValidationFailed("SessionTimeout must be one of the offered values", key,
                                       "not_offered");
  } else if (key != "DashboardWidgets" && (value.empty() || value.size() > 64)) {
    return service::ValidationFailed("Invalid preference value", key, "invalid");
  }
  return OkStatus();
}

// Preferences live in user_preferences (agents, by id) or customer_preferences
// (customers, by login).
Result<Preferences> ReadPreferences(store::Db& db, const service::Caller& caller) {
  Preferences prefs{{"Language", "en"}, {"TimeZone", "UTC"}, {"Theme", "light"}};
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt,
      db.Prepare(caller.IsCustomer()
                     ? "SELECT preferences_key, preferences_value FROM customer_preferences "
                       "WHERE user_id = ?"
                     : "SELECT preferences_key, preferences_value FROM user_preferences "
                       "WHERE user_id = ?"));
  if (caller.IsCustomer()) {
    stmt.Bind(1, caller.login);
  } else {
    stmt.Bind(1, caller.id);
  }
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    std::string key = stmt.Text(0);
    if (IsSecretKey(key) || key == "UserEmail") continue;
    prefs[key] = stmt.Text(1);
  }
  return prefs;
}

}  // namespace

Result<PasswordChanged> AuthService::ChangeOwnPassword(const RequestContext& ctx,
                                                       const ChangePasswordRequest& request) {
  if (ctx.auth_method == AuthMethod::kApiToken)
    return Error(ErrorCode::kPermissionDenied,
                 "This action requires a session or JWT login, not an API token")
        .WithWireCode("core:forbidden");
  if (request.current_password.empty())
    return service::ValidationFailed("current_password is required", "current_password",
                                     "required");
  if (request.new_password.empty())
    return service::ValidationFailed("new_password is required", "new_password", "required");
  const TimePoint now = impl_.clock->Now();
  struct Account {
    service::Caller caller;
    std::string hash;
  };
  GOATFLOW_ASSIGN_OR_RETURN(
      auto account, service::Read(impl_, [&](store::Db& db) -> Result<Account> {
        Account a;
        GOATFLOW_ASSIGN_OR_RETURN(a.caller, service::LoadCaller(db, ctx));
        GOATFLOW_ASSIGN_OR_RETURN(
            auto stmt, db.Prepare(a.caller.IsCustomer()
                                      ? "SELECT coalesce(pw, '') FROM customer_user WHERE id = ?"
                                      : "SELECT pw FROM users WHERE id = ?"));
        stmt.Bind(1, a.caller.id);
        GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
        if (found) a.hash = stmt.Text(0);
        return a;
      }));
  const std::string account_key = "account|" + core::ToLowerAscii(account.caller.login);
  if (std::int64_t wait = state_->backoff.RetryAfter(account_key, now); wait > 0) {
    state_->counters.CountRateLimited(RateBucket::kLogin);
    return service::RateLimitedError(
        "too many failed attempts, try again in " + std::to_string(wait) + " seconds", wait);
  }
  const bool is_customer = account.caller.IsCustomer();
  const std::string target_type = is_customer ? "customer_user" : "user";
  if (!auth::VerifyPassword(account.hash, request.current_password)) {
    // Failed checks count toward the login failure backoff (security.md §7.3).
    state_->backoff.RecordFailure(account_key, now);
    GOATFLOW_RETURN_IF_ERROR(service::Write(impl_, [&](store::Db& db) -> Status {
      return service::WriteAudit(db, ctx, now,
                                 {"auth.password.change",
                                  service::AuditOutcome::kFailure,
                                  target_type,
                                  std::to_string(account.caller.id),
                                  account.caller.login,
                                  "current password incorrect",
                                  {}});
    }));
    return service::ValidationFailed("Current password is incorrect", "current_password",
                                     "incorrect");
  }
  GOATFLOW_RETURN_IF_ERROR(auth::CheckPasswordPolicy(
      request.new_password, service::GetSettings(impl_, *state_).password_policy, "new_password"));
  if (request.new_password == request.current_password)
    return service::ValidationFailed("The new password must differ from the current one",
                                     "new_password", "same_as_current");
  GOATFLOW_ASSIGN_OR_RETURN(
      auto hash, auth::HashPassword(request.new_password, impl_.options.password_hashing));
  Status written = service::Write(impl_, [&](store::Db& db) -> Status {
    const std::string now_text = core::FormatDbTime(now);
    GOATFLOW_ASSIGN_OR_RETURN(
        auto update,
        db.Prepare(
            is_customer
                ? "UPDATE customer_user SET pw = ?, change_time = ?, change_by = ? WHERE id = ?"
                : "UPDATE users SET pw = ?, change_time = ?, change_by = ? WHERE id = ?"));
    update.BindAll(hash, now_text, account.caller.ActingUserId(), account.caller.id);
    GOATFLOW_RETURN_IF_ERROR(update.Run());
    const std::string kind(
        service::KindName(is_customer ? PrincipalKind::kCustomer : PrincipalKind::kAgent));
    const std::int64_t keep = ctx.session_id.value_or(0);
    // Other sessions end (their refresh tokens go with them by cascade);
    // refresh tokens outside any session are revoked too.
    GOATFLOW_ASSIGN_OR_RETURN(
        auto kill,
        db.Prepare("DELETE FROM sessions WHERE user_kind = ? AND user_id = ? AND id != ?"));
    kill.BindAll(kind, account.caller.id, keep);
    GOATFLOW_RETURN_IF_ERROR(kill.Run());
    const std::int64_t killed = db.Changes();
    GOATFLOW_ASSIGN_OR_RETURN(
        auto revoke,
        db.Prepare(
            "UPDATE auth_refresh_token SET revoked_at = ? WHERE user_kind = ? AND user_id = ? "
            "AND revoked_at IS NULL AND (session_id IS NULL OR session_id != ?)"));
    revoke.BindAll(now_text, kind, account.caller.id, keep);
    GOATFLOW_RETURN_IF_ERROR(revoke.Run());
    return service::WriteAudit(db, ctx, now,
                               {"auth.password.change",
                                service::AuditOutcome::kSuccess,
                                target_type,
                                std::to_string(account.caller.id),
                                account.caller.login,
                                "",
                                {{"sessions_ended", std::to_string(killed)}}});
  });
  if (!written.ok()) return std::move(written).error();
  return PasswordChanged{core::FormatRfc3339(now)};
}

Result<Preferences> AuthService::GetPreferences(const RequestContext& ctx) {
  return service::Read(impl_, [&](store::Db& db) -> Result<Preferences> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    return ReadPreferences(db, caller);
  });
}

Result<Preferences> AuthService::SetPreferences(const RequestContext& ctx,
                                                const Preferences& values) {
  auto settings = service::GetSettings(impl_, *state_);
  for (const auto& [key, value] : values)
    GOATFLOW_RETURN_IF_ERROR(ValidatePreference(key, value, settings.session_max_time));
  return service::Write(impl_, [&](store::Db& db) -> Result<Preferences> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    for (const auto& [key, value] : values) {
      GOATFLOW_ASSIGN_OR_RETURN(
          auto stmt,
          db.Prepare(
              caller.IsCustomer()
                  ? "INSERT INTO customer_preferences (user_id, preferences_key, "
                    "preferences_value) VALUES (?, ?, ?) ON CONFLICT (user_id, "
                    "preferences_key) DO UPDATE SET preferences_value = excluded.preferences_value"
                  : "INSERT INTO user_preferences (user_id, preferences_key, "
                    "preferences_value) VALUES (?, ?, ?) ON CONFLICT (user_id, "
                    "preferences_key) DO UPDATE SET preferences_value = "
                    "excluded.preferences_value"));
      if (caller.IsCustomer()) {
        stmt.Bind(1, caller.login);
      } else {
        stmt.Bind(1, caller.id);
      }
      stmt.Bind(2, key).Bind(3, value);
      GOATFLOW_RETURN_IF_ERROR(stmt.Run());
    }
    return ReadPreferences(db, caller);
  });
}

}  // namespace goatflow
