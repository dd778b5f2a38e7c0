// AuthService: keys, settings, session and token issuing, rate limits.

#include <algorithm>

#include "auth/jwt.h"
#include "auth/secrets.h"
#include "core/log.h"
#include "core/macros.h"
#include "core/time.h"
#include "service/auth_internal.h"
#include "service/unit_of_work.h"

namespace goatflow::service {
namespace {

constexpr const char* kJwtKeyName = "jwt_signing_key";
constexpr const char* kTokenKeyName = "token_hash_key";
constexpr std::size_t kGeneratedKeyBytes = 64;
constexpr auto kSettingsTtl = std::chrono::seconds(5);

Result<std::string> LoadOrCreateSecret(store::Db& db, Random& random, const char* name,
                                       TimePoint now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto select,
                            db.Prepare("SELECT value FROM system_secret WHERE name = ?"));
  select.Bind(1, name);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, select.Step());
  if (found) {
    std::string value = select.Blob(0);
    if (value.size() < auth::kMinKeyBytes)
      return Error(ErrorCode::kFailedPrecondition,
                   std::string("The stored key '") + name + "' is shorter than 32 bytes");
    return value;
  }
  std::string value = auth::RandomBytes(random, kGeneratedKeyBytes);
  GOATFLOW_ASSIGN_OR_RETURN(
      auto insert,
      db.Prepare("INSERT INTO system_secret (name, value, create_time) VALUES (?, ?, ?)"));
  insert.Bind(1, name).BindBlob(2, value).Bind(3, core::FormatDbTime(now));
  GOATFLOW_RETURN_IF_ERROR(insert.Run());
  core::Logf(LogLevel::kInfo, "generated server key {}", name);
  return value;
}

std::int64_t Unix(TimePoint t) { return core::ToUnixSeconds(t); }

}  // namespace

Result<const AuthKeys*> GetKeys(Helpdesk::Impl& impl, AuthState& state) {
  if (const AuthKeys* keys = state.loaded.load(std::memory_order_acquire)) return keys;
  std::lock_guard<std::mutex> lock(state.keys_mu);
  if (state.keys) return &*state.keys;
  GOATFLOW_ASSIGN_OR_RETURN(
      AuthKeys keys, Write(impl, [&](store::Db& db) -> Result<AuthKeys> {
        AuthKeys k;
        TimePoint now = impl.clock->Now();
        if (!impl.options.jwt_secret.empty()) {
          k.jwt = impl.options.jwt_secret;
        } else {
          GOATFLOW_ASSIGN_OR_RETURN(k.jwt, LoadOrCreateSecret(db, *impl.random, kJwtKeyName, now));
        }
        GOATFLOW_ASSIGN_OR_RETURN(k.token_hash,
                                  LoadOrCreateSecret(db, *impl.random, kTokenKeyName, now));
        return k;
      }));
  state.keys = keys;
  state.loaded.store(&*state.keys, std::memory_order_release);
  return &*state.keys;
}

AuthSettings GetSettings(Helpdesk::Impl& impl, AuthState& state) {
  TimePoint now = impl.clock->Now();
  std::uint64_t generation = impl.settings_generation.load(std::memory_order_acquire);
  std::lock_guard<std::mutex> lock(state.settings_mu);
  if (state.settings && now - state.settings_loaded_at < kSettingsTtl &&
      now >= state.settings_loaded_at && state.settings_generation == generation)
    return *state.settings;
  auto loaded = Read(impl, [&](store::Db& db) { return LoadAuthSettings(db, impl.options); });
  if (!loaded.ok()) {
    core::Logf(LogLevel::kWarning, "reading auth settings failed; using {}",
               state.settings ? "the previous values" : "defaults");
    return state.settings ? *state.settings : AuthSettings{};
  }
  state.settings = loaded.value();
  state.settings_loaded_at = now;
  state.settings_generation = generation;
  return *state.settings;
}

Result<NewSession> CreateSession(store::Db& db, Helpdesk::Impl& impl, const AuthKeys& keys,
                                 const AuthUser& user, const RequestContext& ctx, TimePoint now,
                                 std::int64_t max_time) {
  NewSession session;
  session.raw_id = auth::RandomHexId(*impl.random);
  session.expires_at = now + std::chrono::seconds(max_time);
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    INSERT INTO sessions (session_id, user_kind, user_id, user_login, create_time, last_request,
                          expires_at, user_remote_addr, user_remote_user_agent)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?))sql"));
  std::string now_text = core::FormatDbTime(now);
  stmt.BindAll(auth::KeyedHash(keys.token_hash, session.raw_id), KindName(user.kind), user.id,
               user.login, now_text, now_text, core::FormatDbTime(session.expires_at));
  stmt.Bind(8, ctx.client_ip.empty() ? std::optional<std::string>() : ctx.client_ip);
  stmt.Bind(9, ctx.user_agent.empty() ? std::optional<std::string>() : ctx.user_agent);
  GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  session.id = db.LastInsertId();
  return session;
}

Result<TokenPair> IssueTokens(store::Db& db, Helpdesk::Impl& impl, const AuthKeys& keys,
                              const AuthUser& user, std::int64_t session_id,
                              TimePoint session_expires_at, const AuthSettings& settings,
                              TimePoint now, std::string family) {
  const std::int64_t iat = Unix(now);
  const std::int64_t session_left = std::max<std::int64_t>(Unix(session_expires_at) - iat, 1);
  const std::int64_t access_ttl = std::min(
      {kAccessTokenTtl, settings.session_max_idle_time, settings.session_max_time, session_left});

  auth::JwtClaims access;
  access.typ = "access";
  access.kind = std::string(KindName(user.kind));
  access.user_id = user.id;
  access.login = user.login;
  access.email = user.email;
  access.role = user.role;
  access.is_admin = user.is_admin;
  access.sub = user.login;
  access.jti = auth::RandomHexId(*impl.random, 16);
  access.sid = session_id;
  access.iat = iat;
  access.nbf = iat;
  access.exp = iat + access_ttl;

  auth::JwtClaims refresh;
  refresh.typ = "refresh";
  refresh.kind = access.kind;
  refresh.user_id = user.id;
  refresh.sub = user.login;
  refresh.jti = auth::RandomHexId(*impl.random, 16);
  refresh.sid = session_id;
  refresh.iat = iat;
  refresh.nbf = iat;
  refresh.exp = iat + std::min(kRefreshTokenTtl, session_left);

  if (family.empty()) family = auth::RandomHexId(*impl.random, 16);
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    INSERT INTO auth_refresh_token (jti_hash, family_id, session_id, user_kind, user_id,
                                    create_time, expires_at)
    VALUES (?, ?, ?, ?, ?, ?, ?))sql"));
  stmt.BindAll(auth::KeyedHash(keys.token_hash, refresh.jti), family, session_id,
               KindName(user.kind), user.id, core::FormatDbTime(now),
               core::FormatDbTime(core::FromUnixSeconds(refresh.exp)));
  GOATFLOW_RETURN_IF_ERROR(stmt.Run());

  TokenPair pair;
  pair.access_token = auth::SignJwt(access, keys.jwt);
  pair.refresh_token = auth::SignJwt(refresh, keys.jwt);
  pair.expires_in = access_ttl;
  pair.expires_at = core::FormatRfc3339(core::FromUnixSeconds(access.exp));
  return pair;
}

}  // namespace goatflow::service

namespace goatflow {

AuthService::AuthService(Helpdesk::Impl& impl)
    : impl_(impl), state_(std::make_unique<service::AuthState>()) {}

AuthService::~AuthService() = default;

namespace {

std::chrono::seconds WindowOf(RateBucket bucket) {
  switch (bucket) {
    case RateBucket::kLogin:
    case RateBucket::kGeneral:
      return std::chrono::seconds(60);
    case RateBucket::kPasswordReset:
    case RateBucket::kCustomerTicketCreate:
    case RateBucket::kApiToken:
      return std::chrono::seconds(3600);
  }
  return std::chrono::seconds(60);
}

int LimitOf(RateBucket bucket, const service::AuthSettings& s) {
  switch (bucket) {
    case RateBucket::kLogin:
      return s.login_per_minute;
    case RateBucket::kPasswordReset:
      return s.password_reset_per_hour;
    case RateBucket::kCustomerTicketCreate:
      return s.customer_ticket_create_per_hour;
    case RateBucket::kGeneral:
      return s.general_per_minute;
    case RateBucket::kApiToken:
      return s.token_default_per_hour;
  }
  return 0;
}

char BucketTag(RateBucket bucket) {
  switch (bucket) {
    case RateBucket::kLogin:
      return 'L';
    case RateBucket::kPasswordReset:
      return 'P';
    case RateBucket::kCustomerTicketCreate:
      return 'C';
    case RateBucket::kGeneral:
      return 'G';
    case RateBucket::kApiToken:
      return 'T';
  }
  return '?';
}

RateLimitResult Check(auth::RateLimiter& limiter, RateBucket bucket, std::string_view key,
                      int limit, TimePoint now) {
  RateLimitResult out;
  out.bucket = bucket;
  if (limit <= 0) return out;  // bucket disabled
  std::string full_key;
  full_key.reserve(key.size() + 2);
  full_key.push_back(BucketTag(bucket));
  full_key.push_back('|');
  full_key.append(key);
  auto d = limiter.Check(full_key, limit, WindowOf(bucket), now);
  out.allowed = d.allowed;
  out.limit = d.limit;
  out.remaining = d.remaining;
  out.reset_unix = d.reset_unix;
  out.retry_after_sec = d.retry_after_sec;
  return out;
}

// The more restrictive of two results: a denial first, then fewer remaining.
RateLimitResult MoreRestrictive(const RateLimitResult& a, const RateLimitResult& b) {
  if (a.limit == 0) return b;
  if (b.limit == 0) return a;
  if (a.allowed != b.allowed) return a.allowed ? b : a;
  return b.remaining < a.remaining ? b : a;
}

}  // namespace

Error TooManyRequests(const RateLimitResult& result) {
  return service::RateLimitedError("Too many requests", result.retry_after_sec);
}

RateLimitResult AuthService::CheckRateLimit(RateBucket bucket, const std::string& key) {
  auto settings = service::GetSettings(impl_, *state_);
  int limit = LimitOf(bucket, settings);
  RateLimitResult result = Check(state_->limiter, bucket, key, limit, impl_.clock->Now());
  if (!result.allowed) state_->counters.CountRateLimited(bucket);
  return result;
}

RateLimitResult AuthService::CheckRequestRate(const RequestContext& ctx) {
  auto settings = service::GetSettings(impl_, *state_);
  TimePoint now = impl_.clock->Now();
  std::string key;
  if (ctx.principal.kind == PrincipalKind::kAnonymous) {
    key = "ip:" + ctx.client_ip;
  } else {
    key =
        std::string(service::KindName(ctx.principal.kind)) + ":" + std::to_string(ctx.principal.id);
  }
  RateLimitResult general =
      Check(state_->limiter, RateBucket::kGeneral, key, settings.general_per_minute, now);
  if (!ctx.api_token_id) {
    if (!general.allowed) state_->counters.CountRateLimited(RateBucket::kGeneral);
    return general;
  }
  int token_limit = settings.token_default_per_hour;
  {
    std::lock_guard<std::mutex> lock(state_->token_limits_mu);
    if (auto it = state_->token_limits.find(*ctx.api_token_id); it != state_->token_limits.end())
      token_limit = it->second;
  }
  if (settings.token_default_per_hour == 0) token_limit = 0;
  RateLimitResult token = Check(state_->limiter, RateBucket::kApiToken,
                                std::to_string(*ctx.api_token_id), token_limit, now);
  RateLimitResult decision = MoreRestrictive(general, token);
  if (!decision.allowed) state_->counters.CountRateLimited(decision.bucket);
  return decision;
}

}  // namespace goatflow
