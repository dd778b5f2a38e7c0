// AuthService: password login, refresh-token rotation and logout.

#include "auth/jwt.h"
#include "auth/password.h"
#include "auth/secrets.h"
#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "service/audit.h"
#include "service/auth_internal.h"
#include "service/caller.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using service::AuditEntry;
using service::AuditOutcome;

struct Account {
  PrincipalKind kind = PrincipalKind::kAgent;
  std::int64_t id = 0;
  std::string login;
  std::string hash;
  bool valid = false;
};

// security.md §3 step 3: agents by login; only if absent, customer users by
// login or e-mail.
Result<std::optional<Account>> FindAccount(store::Db& db, const std::string& login) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto agent, db.Prepare("SELECT id, login, pw, valid_id FROM users WHERE login = ?"));
  agent.Bind(1, login);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, agent.Step());
  if (found) {
    return std::optional<Account>(Account{PrincipalKind::kAgent, agent.Int(0), agent.Text(1),
                                          agent.Text(2), agent.Int(3) == 1});
  }
  GOATFLOW_ASSIGN_OR_RETURN(
      auto customer, db.Prepare("SELECT id, login, coalesce(pw, ''), valid_id FROM customer_user "
                                "WHERE login = ?1 OR email = ?1 ORDER BY login = ?1 DESC LIMIT 1"));
  customer.Bind(1, login);
  GOATFLOW_ASSIGN_OR_RETURN(found, customer.Step());
  if (!found) return std::optional<Account>();
  return std::optional<Account>(Account{PrincipalKind::kCustomer, customer.Int(0), customer.Text(1),
                                        customer.Text(2), customer.Int(3) == 1});
}

RequestContext AsPrincipal(const RequestContext& ctx, PrincipalKind kind, std::int64_t id,
                           const std::string& login, AuthMethod method) {
  RequestContext out = ctx;
  out.principal = {kind, id, login};
  out.auth_method = method;
  return out;
}

// SessionMaxTime, or the user's SessionTimeout preference clamped to it
// (security.md §4.1; values below an hour are ignored).
Result<std::int64_t> SessionLifetime(store::Db& db, const AuthUser& user,
                                     const service::AuthSettings& settings) {
  const bool customer = user.kind == PrincipalKind::kCustomer;
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare(customer ? "SELECT preferences_value FROM customer_preferences "
                                       "WHERE user_id = ? AND preferences_key = 'SessionTimeout'"
                                     : "SELECT preferences_value FROM user_preferences "
                                       "WHERE user_id = ? AND preferences_key = 'SessionTimeout'"));
  if (customer) {
    stmt.Bind(1, user.login);
  } else {
    stmt.Bind(1, user.id);
  }
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  std::int64_t seconds = 0;
  if (found && core::ParseInt64(stmt.Text(0), seconds) && seconds >= 3600)
    return std::min(seconds, settings.session_max_time);
  return settings.session_max_time;
}

Error InvalidRefresh() {
  return Error(ErrorCode::kUnauthenticated, "Invalid or expired refresh token")
      .WithWireCode("core:invalid_token");
}

}  // namespace

Result<LoginResult> AuthService::Login(const RequestContext& ctx, const LoginRequest& request) {
  std::string login(core::Trim(request.login));
  if (login.empty() || request.password.empty())
    return Error(ErrorCode::kInvalidArgument, "username and password required")
        .WithWireCode("core:invalid_request");
  const TimePoint now = impl_.clock->Now();
  auto rate = CheckRateLimit(RateBucket::kLogin, ctx.client_ip);
  if (!rate.allowed) {
    state_->counters.CountLogin(service::AuthCounters::kLoginBlocked);
    return service::RateLimitedError("Too many requests", rate.retry_after_sec);
  }
  const std::string ip_key = ctx.client_ip + "|" + core::ToLowerAscii(login);
  const std::string account_key = "account|" + core::ToLowerAscii(login);
  std::int64_t wait = std::max(state_->backoff.RetryAfter(ip_key, now),
                               state_->backoff.RetryAfter(account_key, now));
  if (wait > 0) {
    state_->counters.CountLogin(service::AuthCounters::kLoginBlocked);
    state_->counters.CountRateLimited(RateBucket::kLogin);
    // Audited as a failure with reason "locked" (security.md §12); the login
    // bucket above bounds how many of these an attacker can cause.
    GOATFLOW_RETURN_IF_ERROR(service::Write(impl_, [&](store::Db& db) -> Status {
      return service::WriteAudit(
          db, ctx, now,
          {"auth.login.failure", AuditOutcome::kFailure, "", "", login, "locked", {}});
    }));
    return service::RateLimitedError(
        "too many failed attempts, try again in " + std::to_string(wait) + " seconds", wait);
  }

  GOATFLOW_ASSIGN_OR_RETURN(auto keys, service::GetKeys(impl_, *state_));
  auto settings = service::GetSettings(impl_, *state_);
  GOATFLOW_ASSIGN_OR_RETURN(
      auto account, service::Read(impl_, [&](store::Db& db) { return FindAccount(db, login); }));

  // The hash is checked outside any transaction (Argon2id takes tens of
  // milliseconds) and for every outcome, so timing does not reveal whether
  // the account exists or is disabled.
  std::string reason;
  if (!account || account->hash.empty()) {
    // No account, or a customer without a password: burn the same time.
    auth::VerifyAgainstDummy(request.password, impl_.options.password_hashing);
    reason = account ? "no password" : "unknown user";
  } else if (!auth::VerifyPassword(account->hash, request.password)) {
    reason = "bad password";
  } else if (!account->valid) {
    reason = "disabled";
  }
  if (!reason.empty()) {
    state_->counters.CountLogin(service::AuthCounters::kLoginFailure);
    state_->backoff.RecordFailure(ip_key, now);
    state_->backoff.RecordFailure(account_key, now);
    GOATFLOW_RETURN_IF_ERROR(service::Write(impl_, [&](store::Db& db) -> Status {
      AuditEntry entry{"auth.login.failure", AuditOutcome::kFailure, "", "", login, reason, {}};
      if (account) {
        entry.target_type = account->kind == PrincipalKind::kCustomer ? "customer_user" : "user";
        entry.target_id = std::to_string(account->id);
        entry.target_identifier = account->login;
      }
      return service::WriteAudit(db, ctx, now, entry);
    }));
    return service::InvalidCredentials();
  }

  std::optional<std::string> new_hash;
  if (auth::NeedsRehash(account->hash, impl_.options.password_hashing)) {
    GOATFLOW_ASSIGN_OR_RETURN(new_hash,
                              auth::HashPassword(request.password, impl_.options.password_hashing));
  }
  GOATFLOW_ASSIGN_OR_RETURN(
      auto result, service::Write(impl_, [&](store::Db& db) -> Result<LoginResult> {
        LoginResult out;
        GOATFLOW_ASSIGN_OR_RETURN(out.user, service::LoadAuthUser(db, account->kind, account->id));
        if (new_hash) {
          GOATFLOW_ASSIGN_OR_RETURN(auto update,
                                    db.Prepare(account->kind == PrincipalKind::kCustomer
                                                   ? "UPDATE customer_user SET pw = ? WHERE id = ?"
                                                   : "UPDATE users SET pw = ? WHERE id = ?"));
          update.BindAll(*new_hash, account->id);
          GOATFLOW_RETURN_IF_ERROR(update.Run());
        }
        GOATFLOW_ASSIGN_OR_RETURN(auto lifetime, SessionLifetime(db, out.user, settings));
        GOATFLOW_ASSIGN_OR_RETURN(
            auto session, service::CreateSession(db, impl_, *keys, out.user, ctx, now, lifetime));
        GOATFLOW_ASSIGN_OR_RETURN(out.tokens,
                                  service::IssueTokens(db, impl_, *keys, out.user, session.id,
                                                       session.expires_at, settings, now, ""));
        out.session_id = session.raw_id;
        out.session_max_age = lifetime;
        out.password_change_required = account->kind == PrincipalKind::kAgent && account->id == 1 &&
                                       request.password == "admin";
        RequestContext actor =
            AsPrincipal(ctx, account->kind, account->id, account->login, AuthMethod::kPassword);
        actor.session_id = session.id;
        std::map<std::string, std::string> details;
        if (new_hash) details["rehashed"] = "true";
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(
            db, actor, now,
            {"auth.login.success", AuditOutcome::kSuccess,
             account->kind == PrincipalKind::kCustomer ? "customer_user" : "user",
             std::to_string(account->id), account->login, "", details}));
        return out;
      }));
  state_->backoff.Clear(ip_key);
  state_->backoff.Clear(account_key);
  state_->counters.CountLogin(service::AuthCounters::kLoginSuccess);
  return result;
}

Result<TokenPair> AuthService::Refresh(const RequestContext& ctx,
                                       const std::string& refresh_token) {
  GOATFLOW_ASSIGN_OR_RETURN(auto keys, service::GetKeys(impl_, *state_));
  const TimePoint now = impl_.clock->Now();
  auto claims = auth::VerifyJwt(refresh_token, keys->jwt, core::ToUnixSeconds(now), "refresh");
  if (!claims.ok()) return InvalidRefresh();
  auto settings = service::GetSettings(impl_, *state_);
  const std::string jti_hash = auth::KeyedHash(keys->token_hash, claims->jti);

  // The body succeeds with an Error value for rejections it must record
  // (reuse revokes the family; that revocation has to commit).
  GOATFLOW_ASSIGN_OR_RETURN(
      auto outcome, service::Write(impl_, [&](store::Db& db) -> Result<Result<TokenPair>> {
        GOATFLOW_ASSIGN_OR_RETURN(auto find, db.Prepare(R"sql(
      SELECT r.id, r.family_id, r.session_id, r.user_kind, r.user_id, r.used_at IS NOT NULL,
             r.revoked_at IS NOT NULL, s.expires_at, s.last_request
        FROM auth_refresh_token r LEFT JOIN sessions s ON s.id = r.session_id
       WHERE r.jti_hash = ?)sql"));
        find.Bind(1, jti_hash);
        GOATFLOW_ASSIGN_OR_RETURN(bool found, find.Step());
        if (!found) return Result<TokenPair>(InvalidRefresh());
        const std::int64_t row_id = find.Int(0);
        const std::string family = find.Text(1);
        const auto session_id = find.OptInt(2);
        const auto kind = service::ParseKind(find.Text(3));
        const std::int64_t user_id = find.Int(4);
        const bool spent = find.Int(5) != 0 || find.Int(6) != 0;
        const auto session_expires = core::ParseDbTime(find.Text(7));
        const auto last_request = core::ParseDbTime(find.Text(8));
        if (!kind || *kind != service::ParseKind(claims->kind) || user_id != claims->user_id)
          return Result<TokenPair>(InvalidRefresh());
        RequestContext actor = AsPrincipal(ctx, *kind, user_id, claims->sub, AuthMethod::kJwt);
        actor.session_id = session_id;
        if (spent) {
          // A spent token presented again means it leaked: end the family and its session.
          GOATFLOW_ASSIGN_OR_RETURN(auto revoke,
                                    db.Prepare("UPDATE auth_refresh_token SET revoked_at = ? WHERE "
                                               "family_id = ? AND revoked_at IS NULL"));
          revoke.BindAll(core::FormatDbTime(now), family);
          GOATFLOW_RETURN_IF_ERROR(revoke.Run());
          if (session_id) {
            GOATFLOW_ASSIGN_OR_RETURN(auto kill, db.Prepare("DELETE FROM sessions WHERE id = ?"));
            kill.Bind(1, *session_id);
            GOATFLOW_RETURN_IF_ERROR(kill.Run());
          }
          GOATFLOW_RETURN_IF_ERROR(
              service::WriteAudit(db, actor, now,
                                  {"auth.refresh",
                                   AuditOutcome::kFailure,
                                   "session",
                                   session_id ? std::to_string(*session_id) : "",
                                   claims->sub,
                                   "refresh token reused; family revoked",
                                   {}}));
          return Result<TokenPair>(InvalidRefresh());
        }
        if (!session_id || !session_expires || !last_request || *session_expires <= now ||
            *last_request + std::chrono::seconds(settings.session_max_idle_time) <= now)
          return Result<TokenPair>(InvalidRefresh());
        GOATFLOW_ASSIGN_OR_RETURN(auto login, service::ValidLogin(db, *kind, user_id));
        if (!login) return Result<TokenPair>(InvalidRefresh());
        GOATFLOW_ASSIGN_OR_RETURN(
            auto spend, db.Prepare("UPDATE auth_refresh_token SET used_at = ? WHERE id = ?"));
        spend.BindAll(core::FormatDbTime(now), row_id);
        GOATFLOW_RETURN_IF_ERROR(spend.Run());
        GOATFLOW_ASSIGN_OR_RETURN(auto touch,
                                  db.Prepare("UPDATE sessions SET last_request = ? WHERE id = ?"));
        touch.BindAll(core::FormatDbTime(now), *session_id);
        GOATFLOW_RETURN_IF_ERROR(touch.Run());
        GOATFLOW_ASSIGN_OR_RETURN(auto user, service::LoadAuthUser(db, *kind, user_id));
        GOATFLOW_ASSIGN_OR_RETURN(
            auto pair, service::IssueTokens(db, impl_, *keys, user, *session_id, *session_expires,
                                            settings, now, family));
        actor.principal.login = user.login;
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, actor, now,
                                                     {"auth.refresh",
                                                      AuditOutcome::kSuccess,
                                                      "session",
                                                      std::to_string(*session_id),
                                                      user.login,
                                                      "",
                                                      {}}));
        return Result<TokenPair>(std::move(pair));
      }));
  return outcome;
}

Status AuthService::Logout(const RequestContext& ctx, const std::string& refresh_token) {
  GOATFLOW_ASSIGN_OR_RETURN(auto keys, service::GetKeys(impl_, *state_));
  const TimePoint now = impl_.clock->Now();
  std::optional<std::string> jti_hash;
  if (!refresh_token.empty()) {
    // An expired refresh token may still name the family to end.
    auto claims = auth::VerifyJwt(refresh_token, keys->jwt, 0, "refresh", false);
    if (claims.ok() && claims->user_id == ctx.principal.id &&
        claims->kind == service::KindName(ctx.principal.kind))
      jti_hash = auth::KeyedHash(keys->token_hash, claims->jti);
  }
  return service::Write(impl_, [&](store::Db& db) -> Status {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    const std::string kind(service::KindName(ctx.principal.kind));
    std::optional<std::int64_t> session = ctx.session_id;
    if (jti_hash) {
      GOATFLOW_ASSIGN_OR_RETURN(auto find,
                                db.Prepare("SELECT family_id, session_id FROM auth_refresh_token "
                                           "WHERE jti_hash = ? AND user_kind = ? AND user_id = ?"));
      find.BindAll(*jti_hash, kind, caller.id);
      GOATFLOW_ASSIGN_OR_RETURN(bool found, find.Step());
      if (found) {
        std::string family = find.Text(0);
        if (!session) session = find.OptInt(1);
        GOATFLOW_ASSIGN_OR_RETURN(auto revoke,
                                  db.Prepare("UPDATE auth_refresh_token SET revoked_at = ? WHERE "
                                             "family_id = ? AND revoked_at IS NULL"));
        revoke.BindAll(core::FormatDbTime(now), family);
        GOATFLOW_RETURN_IF_ERROR(revoke.Run());
      }
    }
    if (session) {
      // Deleting the session deletes its refresh-token family (foreign key cascade).
      GOATFLOW_ASSIGN_OR_RETURN(
          auto kill,
          db.Prepare("DELETE FROM sessions WHERE id = ? AND user_kind = ? AND user_id = ?"));
      kill.BindAll(*session, kind, caller.id);
      GOATFLOW_RETURN_IF_ERROR(kill.Run());
    }
    return service::WriteAudit(db, ctx, now,
                               {"auth.logout",
                                AuditOutcome::kSuccess,
                                "session",
                                session ? std::to_string(*session) : "",
                                caller.login,
                                "",
                                {}});
  });
}

}  // namespace goatflow
