// AuthService: turning presented credentials into a RequestContext, and the
// caller's sessions.

#include "auth/jwt.h"
#include "auth/secrets.h"
#include "core/log.h"
#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "service/audit.h"
#include "service/auth_internal.h"
#include "service/caller.h"
#include "service/settings_read.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

Error SessionTerminated() { return service::Unauthenticated("Session has been terminated"); }

struct SessionRow {
  std::int64_t id = 0;
  PrincipalKind kind = PrincipalKind::kAgent;
  std::int64_t user_id = 0;
  TimePoint last_request;
};

// A live session by id (`by_id`) or by the hash of its raw id, checked
// against the absolute and idle lifetimes.
Result<std::optional<SessionRow>> FindLiveSession(store::Db& db, std::optional<std::int64_t> by_id,
                                                  const std::string& by_hash, TimePoint now,
                                                  std::int64_t max_idle) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt,
      db.Prepare(
          by_id
              ? "SELECT id, user_kind, user_id, expires_at, last_request FROM sessions WHERE id = ?"
              : "SELECT id, user_kind, user_id, expires_at, last_request FROM sessions "
                "WHERE session_id = ?"));
  if (by_id) {
    stmt.Bind(1, *by_id);
  } else {
    stmt.Bind(1, by_hash);
  }
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<SessionRow>();
  auto kind = service::ParseKind(stmt.Text(1));
  auto expires = core::ParseDbTime(stmt.Text(3));
  auto last = core::ParseDbTime(stmt.Text(4));
  if (!kind || !expires || !last || *expires <= now ||
      *last + std::chrono::seconds(max_idle) <= now)
    return std::optional<SessionRow>();
  return std::optional<SessionRow>(SessionRow{stmt.Int(0), *kind, stmt.Int(2), *last});
}

// Activity bookkeeping is best effort: a busy writer must not turn a valid
// credential into a 401. Failures are logged (without any credential).
void LogBookkeepingFailure(const Status& status, std::string_view what) {
  if (!status.ok())
    core::Logf(LogLevel::kWarning, "could not record {}: {}", what, status.error().message);
}

// Records activity at most once per kTouchIntervalSeconds.
void TouchSession(Helpdesk::Impl& impl, const SessionRow& row, TimePoint now) {
  if (now - row.last_request < std::chrono::seconds(service::kTouchIntervalSeconds)) return;
  auto touch = [&](store::Db& db) -> Status {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                              db.Prepare("UPDATE sessions SET last_request = ? WHERE id = ?"));
    stmt.BindAll(core::FormatDbTime(now), row.id);
    return stmt.Run();
  };
  LogBookkeepingFailure(service::Write(impl, touch), "session activity");
}

}  // namespace

Result<RequestContext> AuthService::Authenticate(const RequestContext& ctx_in,
                                                 const Credentials& creds,
                                                 MaintenanceState* maintenance) {
  // The maintenance setting, read inside each credential check's transaction.
  auto read_maintenance = [maintenance](store::Db& db) -> Status {
    if (maintenance == nullptr) return OkStatus();
    GOATFLOW_ASSIGN_OR_RETURN(*maintenance, service::ReadMaintenance(db));
    return OkStatus();
  };
  RequestContext ctx = ctx_in;
  ctx.principal = {};
  ctx.auth_method = AuthMethod::kNone;
  ctx.api_token_id.reset();
  ctx.session_id.reset();
  ctx.token_scopes.clear();
  const TimePoint now = impl_.clock->Now();
  const std::int64_t now_unix = core::ToUnixSeconds(now);

  std::string_view bearer;
  if (!creds.authorization.empty()) {
    std::string_view header = core::Trim(creds.authorization);
    if (header.size() < 7 || !core::EqualsIgnoreCaseAscii(header.substr(0, 7), "Bearer "))
      return service::InvalidToken();
    bearer = core::Trim(header.substr(7));
    if (bearer.empty()) return service::InvalidToken();
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto keys, service::GetKeys(impl_, *state_));

  if (!bearer.empty() && auth::LooksLikeApiToken(bearer)) {
    auto prefix = auth::ApiTokenPrefix(bearer);
    if (!prefix) return service::InvalidToken();
    const std::string hash = auth::KeyedHash(keys->token_hash, bearer);
    struct Match {
      std::int64_t id;
      PrincipalKind kind;
      std::int64_t user_id;
      std::optional<std::string> owner_login;
      std::optional<std::string> scopes;
      bool revoked;
      std::optional<TimePoint> expires;
      std::optional<TimePoint> last_used;
      int rate_limit;
    };
    GOATFLOW_ASSIGN_OR_RETURN(
        auto match, service::Read(impl_, [&](store::Db& db) -> Result<std::optional<Match>> {
          GOATFLOW_RETURN_IF_ERROR(read_maintenance(db));
          GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
        SELECT t.id, t.user_type, t.user_id, t.token_hash, t.scopes, t.revoked_at IS NOT NULL,
               t.expires_at, t.last_used_at, t.rate_limit,
               CASE t.user_type
                 WHEN 'agent' THEN (SELECT login FROM users WHERE id = t.user_id AND valid_id = 1)
                 ELSE (SELECT login FROM customer_user WHERE id = t.user_id AND valid_id = 1) END
          FROM user_api_tokens t WHERE t.prefix = ?)sql"));
          stmt.Bind(1, *prefix);
          while (true) {
            GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
            if (!row) break;
            if (!auth::ConstantTimeEquals(stmt.Text(3), hash)) continue;
            auto kind = service::ParseKind(stmt.Text(1));
            if (!kind) continue;
            std::optional<TimePoint> expires, last_used;
            if (auto text = stmt.OptText(6)) expires = core::ParseDbTime(*text);
            if (auto text = stmt.OptText(7)) last_used = core::ParseDbTime(*text);
            return std::optional<Match>(Match{stmt.Int(0), *kind, stmt.Int(2), stmt.OptText(9),
                                              stmt.OptText(4), stmt.Int(5) != 0, expires, last_used,
                                              static_cast<int>(stmt.Int(8))});
          }
          return std::optional<Match>();
        }));
    if (!match) return service::InvalidToken();
    if (match->revoked)
      return Error(ErrorCode::kUnauthenticated, "Token has been revoked")
          .WithWireCode("core:token_revoked");
    if (match->expires && *match->expires <= now)
      return Error(ErrorCode::kUnauthenticated, "Token has expired")
          .WithWireCode("core:token_expired");
    if (!match->owner_login) return service::InvalidToken();  // owner disabled or gone
    if (!match->last_used ||
        now - *match->last_used >= std::chrono::seconds(service::kTouchIntervalSeconds)) {
      LogBookkeepingFailure(
          service::Write(impl_,
                         [&](store::Db& db) -> Status {
                           GOATFLOW_ASSIGN_OR_RETURN(
                               auto stmt, db.Prepare("UPDATE user_api_tokens SET last_used_at = ?, "
                                                     "last_used_ip = ? WHERE id = ?"));
                           stmt.Bind(1, core::FormatDbTime(now));
                           stmt.Bind(2, ctx.client_ip.empty() ? std::optional<std::string>()
                                                              : ctx.client_ip);
                           stmt.Bind(3, match->id);
                           return stmt.Run();
                         }),
          "token last use");
    }
    {
      std::lock_guard<std::mutex> lock(state_->token_limits_mu);
      state_->token_limits[match->id] = match->rate_limit;
    }
    ctx.principal = {match->kind, match->user_id, *match->owner_login};
    ctx.auth_method = AuthMethod::kApiToken;
    ctx.api_token_id = match->id;
    ctx.token_scopes = service::ScopesFromJson(match->scopes);
    return ctx;
  }

  auto settings = service::GetSettings(impl_, *state_);
  std::string_view jwt = !bearer.empty() ? bearer : std::string_view(creds.access_token);
  // A browser's access-token cookie outlives the short JWT; its session cookie
  // then carries on (the session is checked below either way).
  if (bearer.empty() && !jwt.empty() && !creds.session_id.empty() &&
      !auth::VerifyJwtRemembered(jwt, keys->jwt, now_unix, "access").ok())
    jwt = {};
  if (!jwt.empty()) {
    GOATFLOW_ASSIGN_OR_RETURN(auto claims,
                              auth::VerifyJwtRemembered(jwt, keys->jwt, now_unix, "access"));
    auto kind = service::ParseKind(claims.kind);
    if (!kind) return service::InvalidToken();
    struct Checked {
      std::optional<std::string> login;
      std::optional<SessionRow> session;
    };
    GOATFLOW_ASSIGN_OR_RETURN(
        auto checked, service::Read(impl_, [&](store::Db& db) -> Result<Checked> {
          GOATFLOW_RETURN_IF_ERROR(read_maintenance(db));
          Checked c;
          GOATFLOW_ASSIGN_OR_RETURN(c.login, service::ValidLogin(db, *kind, claims.user_id));
          if (claims.sid != 0) {
            GOATFLOW_ASSIGN_OR_RETURN(c.session, FindLiveSession(db, claims.sid, "", now,
                                                                 settings.session_max_idle_time));
          }
          return c;
        }));
    if (!checked.login) return service::InvalidToken();
    if (claims.sid != 0) {
      // Tokens are bound to their session: logout or a kill ends them too.
      if (!checked.session || checked.session->kind != *kind ||
          checked.session->user_id != claims.user_id)
        return SessionTerminated();
      TouchSession(impl_, *checked.session, now);
      ctx.session_id = checked.session->id;
    }
    ctx.principal = {*kind, claims.user_id, *checked.login};
    ctx.auth_method = bearer.empty() ? AuthMethod::kSession : AuthMethod::kJwt;
    return ctx;
  }

  if (!creds.session_id.empty()) {
    const std::string hash = auth::KeyedHash(keys->token_hash, creds.session_id);
    struct Checked {
      std::optional<SessionRow> session;
      std::optional<std::string> login;
    };
    GOATFLOW_ASSIGN_OR_RETURN(
        auto checked, service::Read(impl_, [&](store::Db& db) -> Result<Checked> {
          GOATFLOW_RETURN_IF_ERROR(read_maintenance(db));
          Checked c;
          GOATFLOW_ASSIGN_OR_RETURN(c.session, FindLiveSession(db, std::nullopt, hash, now,
                                                               settings.session_max_idle_time));
          if (c.session) {
            GOATFLOW_ASSIGN_OR_RETURN(c.login,
                                      service::ValidLogin(db, c.session->kind, c.session->user_id));
          }
          return c;
        }));
    if (!checked.session || !checked.login) return SessionTerminated();
    TouchSession(impl_, *checked.session, now);
    ctx.principal = {checked.session->kind, checked.session->user_id, *checked.login};
    ctx.auth_method = AuthMethod::kSession;
    ctx.session_id = checked.session->id;
    return ctx;
  }
  return service::Unauthenticated();
}

Result<std::vector<SessionInfo>> AuthService::ListSessions(const RequestContext& ctx) {
  auto settings = service::GetSettings(impl_, *state_);
  const TimePoint now = impl_.clock->Now();
  return service::Read(impl_, [&](store::Db& db) -> Result<std::vector<SessionInfo>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      SELECT id, coalesce(user_remote_addr, ''), coalesce(user_remote_user_agent, ''),
             create_time, last_request, expires_at
        FROM sessions
       WHERE user_kind = ? AND user_id = ? AND expires_at > ?3 AND last_request > ?4
       ORDER BY id DESC)sql"));
    stmt.BindAll(service::KindName(ctx.principal.kind), caller.id, core::FormatDbTime(now),
                 core::FormatDbTime(now - std::chrono::seconds(settings.session_max_idle_time)));
    std::vector<SessionInfo> out;
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      SessionInfo info;
      info.id = stmt.Int(0);
      info.ip_address = stmt.Text(1);
      info.user_agent = stmt.Text(2);
      info.created_at = core::DbTimeToRfc3339(stmt.Text(3));
      info.last_seen = core::DbTimeToRfc3339(stmt.Text(4));
      info.expires_at = core::DbTimeToRfc3339(stmt.Text(5));
      info.current = ctx.session_id && *ctx.session_id == info.id;
      out.push_back(std::move(info));
    }
    return out;
  });
}

Result<std::int64_t> AuthService::PurgeExpired() { return PurgeExpiredAt(impl_.clock->Now()); }

Result<std::int64_t> AuthService::PurgeExpiredAt(TimePoint now) {
  auto settings = service::GetSettings(impl_, *state_);
  state_->limiter.Sweep(now);
  return service::Write(impl_, [&](store::Db& db) -> Result<std::int64_t> {
    const std::string now_text = core::FormatDbTime(now);
    GOATFLOW_ASSIGN_OR_RETURN(
        auto sessions,
        db.Prepare("DELETE FROM sessions WHERE expires_at <= ? OR last_request <= ?"));
    sessions.BindAll(
        now_text, core::FormatDbTime(now - std::chrono::seconds(settings.session_max_idle_time)));
    GOATFLOW_RETURN_IF_ERROR(sessions.Run());
    std::int64_t deleted = db.Changes();
    // Spent and revoked rows are kept for a day so that a replayed token is
    // still recognised as reuse (and revokes its family) rather than unknown.
    GOATFLOW_ASSIGN_OR_RETURN(
        auto tokens,
        db.Prepare("DELETE FROM auth_refresh_token WHERE expires_at <= ?1 OR used_at <= ?2 "
                   "OR revoked_at <= ?2"));
    tokens.BindAll(now_text, core::FormatDbTime(now - std::chrono::hours(24)));
    GOATFLOW_RETURN_IF_ERROR(tokens.Run());
    return deleted + db.Changes();
  });
}

Status AuthService::TerminateSession(const RequestContext& ctx, std::int64_t session_id) {
  const TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Status {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_ASSIGN_OR_RETURN(
        auto find, db.Prepare("SELECT user_kind, user_id, user_login FROM sessions WHERE id = ?"));
    find.Bind(1, session_id);
    GOATFLOW_ASSIGN_OR_RETURN(bool found, find.Step());
    const bool own =
        found && find.Text(0) == service::KindName(ctx.principal.kind) && find.Int(1) == caller.id;
    if (!found || (!own && !caller.is_admin))
      return Error(ErrorCode::kNotFound, "Session not found").WithWireCode("core:not_found");
    std::string owner_login = find.Text(2);
    GOATFLOW_ASSIGN_OR_RETURN(auto kill, db.Prepare("DELETE FROM sessions WHERE id = ?"));
    kill.Bind(1, session_id);
    GOATFLOW_RETURN_IF_ERROR(kill.Run());
    return service::WriteAudit(db, ctx, now,
                               {"session.kill",
                                service::AuditOutcome::kSuccess,
                                "session",
                                std::to_string(session_id),
                                owner_login,
                                "",
                                {}});
  });
}

}  // namespace goatflow
