#pragma once

// Proving who is calling (security.md §3-10): password login, JWT access and
// refresh tokens, browser sessions, personal API tokens, rate limits, own
// password and preferences. Front-ends turn what a request presents into a
// RequestContext with Authenticate() and never decide identity themselves.
//
// Thread rule: safe for concurrent use, like the Helpdesk that owns it.
// Secrets (passwords, tokens, session ids, keys, hashes) never appear in error
// messages or logs; the raw API token and session id are returned only once.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"

namespace goatflow {

namespace service {
struct AuthState;
}  // namespace service

// The signed-in principal as the login and /users/me responses show it.
struct AuthUser {
  PrincipalKind kind = PrincipalKind::kAgent;  // kAgent or kCustomer
  std::int64_t id = 0;
  std::string login;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string role;  // "Admin", "Agent" or "Customer"
  bool is_admin = false;
};

struct LoginRequest {
  std::string login;  // agent login, or customer login or e-mail
  std::string password;
};

struct TokenPair {
  std::string access_token;   // JWT, typ=access
  std::string refresh_token;  // JWT, typ=refresh, single use
  std::string token_type = "Bearer";
  std::int64_t expires_in = 0;  // access-token lifetime in seconds
  std::string expires_at;       // RFC 3339, access-token expiry
};

struct LoginResult {
  TokenPair tokens;
  // The browser session created by this login (cookie `session_id`); shown once.
  std::string session_id;
  std::int64_t session_max_age = 0;  // seconds (cookie Max-Age)
  AuthUser user;
  bool password_change_required = false;  // the admin account still uses "admin"
};

// What a request presents. Fill what is there; Authorization wins over cookies.
struct Credentials {
  std::string authorization;  // the Authorization header value ("Bearer ...")
  std::string access_token;   // cookie auth_token / access_token
  std::string session_id;     // cookie session_id
};

struct SessionInfo {
  std::int64_t id = 0;
  std::string ip_address;
  std::string user_agent;
  std::string created_at;  // RFC 3339
  std::string last_seen;   // RFC 3339
  std::string expires_at;  // RFC 3339 (absolute end)
  bool current = false;
};

// An API token as listed (never its secret or hash).
struct ApiTokenInfo {
  std::int64_t id = 0;
  std::string name;
  std::string prefix;
  std::vector<std::string> scopes;          // empty: all of the owner's permissions
  std::optional<std::string> expires_at;    // RFC 3339; nullopt = never
  std::optional<std::string> last_used_at;  // RFC 3339
  std::string created_at;
  std::optional<std::string> revoked_at;
  bool is_active = false;  // not revoked and not expired
  PrincipalKind owner_kind = PrincipalKind::kAgent;
  std::int64_t owner_id = 0;
  std::string owner_login;
  int rate_limit = 1000;  // requests per hour
};

// Another principal whose tokens an admin manages (security.md §8.4,
// /admin/users/:id/tokens and /admin/customer-users/:login/tokens): by id or login.
struct TokenOwner {
  PrincipalKind kind = PrincipalKind::kAgent;  // kAgent or kCustomer
  std::optional<std::int64_t> id;
  std::optional<std::string> login;
};

struct CreateTokenRequest {
  std::string name;                 // 1-100 characters
  std::vector<std::string> scopes;  // security.md §8.2; empty = inherit all
  std::string expires_in;           // "<n>d", "<n>m", "<n>y", "never"; empty = 90d
  // Admins only: create the token for this agent login instead of themselves.
  std::optional<std::string> owner_login;
  std::optional<int> rate_limit;    // admins only; 1-100000 per hour
  std::optional<TokenOwner> owner;  // admins only; wins over owner_login
};

struct CreatedToken {
  ApiTokenInfo info;
  std::string token;  // gf_<prefix>_<secret>: the only time it is shown
};

struct ListTokensRequest {
  bool all_owners = false;                 // admins: every principal's tokens
  std::optional<std::string> owner_login;  // admins: one agent's tokens
  bool include_revoked = false;
  std::optional<TokenOwner> owner;  // admins: one principal's tokens
};

struct ChangePasswordRequest {
  std::string current_password;
  std::string new_password;
};

// The token routes serving a call (security.md §8.4): /api/v1/tokens is for
// agents, /customer/api/v1/tokens for customers.
enum class TokenEndpoints {
  kAny,       // library callers, the CLI
  kAgent,     // customers get permission_denied
  kCustomer,  // agents get permission_denied
};

struct PasswordChanged {
  std::string changed_at;  // RFC 3339
};

struct ScopeInfo {
  std::string scope;
  std::string description;
  std::string category;
};

// Buckets of security.md §10. Limits come from the RateLimit::* settings
// (api-v1.md §0) or OpenOptions overrides; 0 disables a bucket.
enum class RateBucket {
  kLogin,                 // per client IP
  kPasswordReset,         // self-service resets, per account and per IP
  kCustomerTicketCreate,  // per customer login
  kGeneral,               // per principal (kind + id), per IP when anonymous
  kApiToken,              // per token id, the token's own hourly limit
};

struct RateLimitResult {
  bool allowed = true;
  RateBucket bucket = RateBucket::kGeneral;  // the most restrictive bucket checked
  int limit = 0;                             // X-RateLimit-Limit (0: no bucket applied)
  int remaining = 0;                         // X-RateLimit-Remaining
  std::int64_t reset_unix = 0;               // X-RateLimit-Reset
  std::int64_t retry_after_sec = 0;          // Retry-After when !allowed
};

// The refusal for a result that is not allowed: rate_limited "Too many
// requests" (core:rate_limited) with detail retry_after_sec (security.md §10).
Error TooManyRequests(const RateLimitResult& result);

using Preferences = std::map<std::string, std::string>;

class AuthService {
 public:
  ~AuthService();

  // Password login (security.md §3): agents by login first, then customer users
  // by login or e-mail. Creates a session and a refresh-token family and
  // returns tokens bound to it. ctx supplies client_ip and user_agent.
  // Errors: invalid_argument (login or password missing), unauthenticated
  // "Invalid credentials" (wrong password, unknown or disabled account: one
  // message), rate_limited (details retry_after_sec), unavailable, internal.
  Result<LoginResult> Login(const RequestContext& ctx, const LoginRequest& request);

  // Turns presented credentials into a context (principal, auth method,
  // session, token id and scopes); the account is re-checked on every call.
  // ctx_in supplies request id, client IP and user agent. Errors:
  // unauthenticated with wire codes core:unauthorized (nothing presented, or
  // session terminated), core:invalid_token, core:token_expired,
  // core:token_revoked. With `maintenance`, a successful call also stores the
  // maintenance setting read in the same transaction (for
  // Helpdesk::CheckMaintenance, so a request needs one read fewer).
  Result<RequestContext> Authenticate(const RequestContext& ctx_in, const Credentials& creds,
                                      MaintenanceState* maintenance = nullptr);

  // Exchanges a refresh token for a new pair; the old refresh token is spent.
  // Presenting a spent token revokes its whole family (and its session).
  // Errors: unauthenticated core:invalid_token "Invalid or expired refresh token".
  Result<TokenPair> Refresh(const RequestContext& ctx, const std::string& refresh_token);

  // Ends the caller's session (ctx.session_id) and revokes its refresh tokens,
  // plus the family of `refresh_token` when given. Errors: unauthenticated.
  Status Logout(const RequestContext& ctx, const std::string& refresh_token = {});

  // The caller's own live sessions, newest first.
  Result<std::vector<SessionInfo>> ListSessions(const RequestContext& ctx);
  // Ends one session: own sessions, or any for admins. Errors: not_found.
  Status TerminateSession(const RequestContext& ctx, std::int64_t session_id);

  // API tokens (security.md §8). Token management needs a password, session or
  // JWT login: a request made with an API token gets permission_denied.
  // Errors: invalid_argument (core:validation_failed for the name,
  // core:invalid_scope, core:invalid_expiration), not_found (owner),
  // permission_denied (options reserved to admins).
  // `endpoints` names the family of routes serving the call (permission_denied
  // for a caller of the other kind); library callers and the CLI pass kAny.
  Result<CreatedToken> CreateToken(const RequestContext& ctx, const CreateTokenRequest& request,
                                   TokenEndpoints endpoints = TokenEndpoints::kAny);
  Result<std::vector<ApiTokenInfo>> ListTokens(const RequestContext& ctx,
                                               const ListTokensRequest& request = {},
                                               TokenEndpoints endpoints = TokenEndpoints::kAny);
  // Revokes an own token (admins: any). Errors: not_found core:token_not_found.
  Result<ApiTokenInfo> RevokeToken(const RequestContext& ctx, std::int64_t token_id,
                                   TokenEndpoints endpoints = TokenEndpoints::kAny);
  // Scopes the caller may put on a token (also refused to API tokens).
  Result<std::vector<ScopeInfo>> AvailableScopes(const RequestContext& ctx,
                                                 TokenEndpoints endpoints = TokenEndpoints::kAny);

  // Changes the caller's password (security.md §7.3): current password
  // required; the policy of §7.2 tightened by the stored Password* settings;
  // ends the caller's other sessions and revokes their refresh tokens.
  // Errors: permission_denied (API token), invalid_argument
  // (core:validation_failed, details field/reason), rate_limited.
  Result<PasswordChanged> ChangeOwnPassword(const RequestContext& ctx,
                                            const ChangePasswordRequest& request);

  // Preferences (domain.md §8.2): stored keys over the defaults. Set accepts
  // Language, Theme, ThemeMode, TimeZone, SessionTimeout, DashboardWidgets;
  // UserEmail and secret keys (UserTOTP*) are refused with invalid_argument
  // "Preference key not allowed" and never returned.
  Result<Preferences> GetPreferences(const RequestContext& ctx);
  Result<Preferences> SetPreferences(const RequestContext& ctx, const Preferences& values);

  // Deletes sessions past their idle or absolute lifetime and refresh tokens
  // past their expiry or spent/revoked for more than a day, and forgets idle
  // rate-limit keys. For the periodic job runner; returns the rows deleted.
  Result<std::int64_t> PurgeExpired();
  // The same at time `now` (the background jobs pass their run time).
  Result<std::int64_t> PurgeExpiredAt(TimePoint now);

  // Counts one request in `bucket` for `key` (the front-end picks the key as
  // security.md §10 says: IP, login, customer login).
  RateLimitResult CheckRateLimit(RateBucket bucket, const std::string& key);
  // Counts one API request for ctx: the general bucket (principal, or client IP
  // when anonymous) and, for API tokens, the token's own hourly bucket; reports
  // the most restrictive.
  RateLimitResult CheckRequestRate(const RequestContext& ctx);

 private:
  friend class Helpdesk;
  explicit AuthService(Helpdesk::Impl& impl);
  Helpdesk::Impl& impl_;
  std::unique_ptr<service::AuthState> state_;
};

}  // namespace goatflow
