// AuthService: personal API tokens (security.md §8).

#include <algorithm>
#include <array>
#include <boost/json.hpp>

#include "auth/secrets.h"
#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "service/audit.h"
#include "service/auth_internal.h"
#include "service/caller.h"
#include "service/unit_of_work.h"

namespace goatflow::service {

std::vector<std::string> ScopesFromJson(const std::optional<std::string>& json_text) {
  std::vector<std::string> scopes;
  if (!json_text) return scopes;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(*json_text, ec);
  if (ec || !parsed.is_array()) return scopes;
  for (const auto& v : parsed.as_array()) {
    if (v.is_string()) scopes.emplace_back(v.as_string());
  }
  return scopes;
}

}  // namespace goatflow::service

namespace goatflow {
namespace {

struct ScopeDef {
  const char* scope;
  const char* description;
  const char* category;
  bool customers;
};

constexpr std::array<ScopeDef, 9> kScopes = {{
    {"*", "All of the owner's permissions", "general", true},
    {"tickets:read", "View tickets", "tickets", true},
    {"tickets:write", "Create and update tickets", "tickets", true},
    {"tickets:delete", "Delete (archive) tickets", "tickets", false},
    {"articles:read", "Read articles", "articles", true},
    {"articles:write", "Add articles and replies", "articles", true},
    {"users:read", "View user information", "users", false},
    {"queues:read", "View queues", "queues", false},
    {"admin:*", "Admin operations (still requires the admin group)", "admin", false},
}};

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kDefaultExpiryDays = 90;
constexpr std::int64_t kMaxNonAdminDays = 365;
constexpr std::int64_t kMaxDays = 36500;  // guards the arithmetic for admins

Error TokenNotFound() {
  return Error(ErrorCode::kNotFound, "Token not found").WithWireCode("core:token_not_found");
}

Error InvalidExpiration() {
  return Error(ErrorCode::kInvalidArgument, "Invalid expiration format",
               {{"field", "expires_in"}, {"reason", "invalid"}})
      .WithWireCode("core:invalid_expiration");
}

Status RequireInteractiveLogin(const RequestContext& ctx) {
  if (ctx.auth_method == AuthMethod::kApiToken)
    return Error(ErrorCode::kPermissionDenied,
                 "This action requires a session or JWT login, not an API token")
        .WithWireCode("core:forbidden");
  return OkStatus();
}

// The family gate of security.md §8.4 / §9.1 step 3 (the operator is an agent).
Status RequireEndpoints(const RequestContext& ctx, TokenEndpoints endpoints) {
  if (ctx.principal.kind == PrincipalKind::kAnonymous) return OkStatus();  // LoadCaller: 401
  const bool customer = ctx.principal.kind == PrincipalKind::kCustomer;
  if (endpoints == TokenEndpoints::kAgent && customer)
    return Error(ErrorCode::kPermissionDenied, "This endpoint is not available to customers")
        .WithWireCode("core:forbidden");
  if (endpoints == TokenEndpoints::kCustomer && !customer)
    return Error(ErrorCode::kPermissionDenied, "This endpoint is only available to customers")
        .WithWireCode("core:forbidden");
  return OkStatus();
}

// expires_in of security.md §8.4: "" (default 90 days), "never", "<n>d",
// "<n>m" (30-day months), "<n>y" (365-day years). Returns seconds, or nullopt
// for "never".
Result<std::optional<std::int64_t>> ParseExpiresIn(std::string_view text, bool admin) {
  text = core::Trim(text);
  if (text.empty()) return std::optional<std::int64_t>(kDefaultExpiryDays * kDay);
  if (text == "never") {
    if (!admin) return InvalidExpiration();
    return std::optional<std::int64_t>();
  }
  if (text.size() < 2) return InvalidExpiration();
  std::int64_t n = 0;
  std::string digits(text.substr(0, text.size() - 1));
  if (digits.empty() || digits[0] == '-' || digits[0] == '+' || !core::ParseInt64(digits, n) ||
      n <= 0 || n > kMaxDays)
    return InvalidExpiration();
  std::int64_t days = 0;
  switch (text.back()) {
    case 'd':
      days = n;
      break;
    case 'm':
      days = n * 30;
      break;
    case 'y':
      days = n * 365;
      break;
    default:
      return InvalidExpiration();
  }
  if (days > kMaxDays || (!admin && days > kMaxNonAdminDays)) return InvalidExpiration();
  return std::optional<std::int64_t>(days * kDay);
}

Result<std::vector<std::string>> ValidateScopes(const std::vector<std::string>& requested,
                                                bool customer) {
  std::vector<std::string> out;
  for (const auto& scope : requested) {
    auto it = std::find_if(kScopes.begin(), kScopes.end(),
                           [&](const ScopeDef& d) { return scope == d.scope; });
    if (it == kScopes.end() || (customer && !it->customers))
      return Error(ErrorCode::kInvalidArgument, "Invalid scope value",
                   {{"field", "scopes"}, {"reason", "invalid"}})
          .WithWireCode("core:invalid_scope");
    if (std::find(out.begin(), out.end(), scope) == out.end()) out.push_back(scope);
  }
  return out;
}

std::optional<std::string> OptRfc3339(const std::optional<std::string>& db_time) {
  if (!db_time) return std::nullopt;
  return core::DbTimeToRfc3339(*db_time);
}

constexpr std::string_view kTokenColumns = R"sql(
  SELECT t.id, t.name, t.prefix, t.scopes, t.expires_at, t.last_used_at, t.created_at,
         t.revoked_at, t.user_type, t.user_id, t.rate_limit,
         coalesce(CASE t.user_type WHEN 'agent' THEN (SELECT login FROM users WHERE id = t.user_id)
                  ELSE (SELECT login FROM customer_user WHERE id = t.user_id) END, '')
    FROM user_api_tokens t )sql";

ApiTokenInfo ReadToken(const store::Stmt& s, TimePoint now) {
  ApiTokenInfo info;
  info.id = s.Int(0);
  info.name = s.Text(1);
  info.prefix = s.Text(2);
  info.scopes = service::ScopesFromJson(s.OptText(3));
  auto expires = s.OptText(4);
  info.expires_at = OptRfc3339(expires);
  info.last_used_at = OptRfc3339(s.OptText(5));
  info.created_at = core::DbTimeToRfc3339(s.Text(6));
  info.revoked_at = OptRfc3339(s.OptText(7));
  info.owner_kind = s.Text(8) == "customer" ? PrincipalKind::kCustomer : PrincipalKind::kAgent;
  info.owner_id = s.Int(9);
  info.rate_limit = static_cast<int>(s.Int(10));
  info.owner_login = s.Text(11);
  bool expired = false;
  if (expires) {
    auto t = core::ParseDbTime(*expires);
    expired = !t || *t <= now;
  }
  info.is_active = !info.revoked_at && !expired;
  return info;
}

struct Owner {
  PrincipalKind kind = PrincipalKind::kAgent;
  std::int64_t id = 0;
  std::string login;
};

// The principal named by an admin's request; new tokens need a valid owner.
Result<Owner> ResolveOwner(store::Db& db, const TokenOwner& who, bool require_valid) {
  const bool customer = who.kind == PrincipalKind::kCustomer;
  std::string sql = customer ? "SELECT id, login FROM customer_user WHERE "
                             : "SELECT id, login FROM users WHERE ";
  sql += who.id ? "id = ?" : "login = ?";
  if (require_valid) sql += " AND valid_id = 1";
  GOATFLOW_ASSIGN_OR_RETURN(auto find, db.Prepare(sql));
  if (who.id) {
    find.Bind(1, *who.id);
  } else {
    find.Bind(1, who.login.value_or(""));
  }
  GOATFLOW_ASSIGN_OR_RETURN(bool found, find.Step());
  if (!found)
    return Error(ErrorCode::kNotFound, customer ? "Customer user not found" : "User not found")
        .WithWireCode("core:not_found");
  return Owner{customer ? PrincipalKind::kCustomer : PrincipalKind::kAgent, find.Int(0),
               find.Text(1)};
}

std::optional<TokenOwner> RequestedOwner(const std::optional<TokenOwner>& owner,
                                         const std::optional<std::string>& owner_login) {
  if (owner) return owner;
  if (owner_login) return TokenOwner{PrincipalKind::kAgent, std::nullopt, owner_login};
  return std::nullopt;
}

Result<ApiTokenInfo> LoadToken(store::Db& db, std::int64_t id, TimePoint now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(std::string(kTokenColumns) + "WHERE t.id = ?"));
  stmt.Bind(1, id);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return TokenNotFound();
  return ReadToken(stmt, now);
}

}  // namespace

Result<CreatedToken> AuthService::CreateToken(const RequestContext& ctx,
                                              const CreateTokenRequest& request,
                                              TokenEndpoints endpoints) {
  GOATFLOW_RETURN_IF_ERROR(RequireInteractiveLogin(ctx));
  GOATFLOW_RETURN_IF_ERROR(RequireEndpoints(ctx, endpoints));
  GOATFLOW_ASSIGN_OR_RETURN(auto keys, service::GetKeys(impl_, *state_));
  auto settings = service::GetSettings(impl_, *state_);
  const TimePoint now = impl_.clock->Now();
  auth::NewApiToken secret = auth::GenerateApiToken(*impl_.random);
  const std::string hash = auth::KeyedHash(keys->token_hash, secret.token);

  return service::Write(impl_, [&](store::Db& db) -> Result<CreatedToken> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    PrincipalKind owner_kind =
        caller.IsCustomer() ? PrincipalKind::kCustomer : PrincipalKind::kAgent;
    std::int64_t owner_id = caller.id;
    std::string owner_login = caller.login;
    const auto requested = RequestedOwner(request.owner, request.owner_login);
    if ((requested || request.rate_limit) && !caller.is_admin)
      return Error(ErrorCode::kPermissionDenied, "Permission denied")
          .WithWireCode("core:forbidden");
    if (requested) {
      GOATFLOW_ASSIGN_OR_RETURN(auto owner, ResolveOwner(db, *requested, true));
      owner_kind = owner.kind;
      owner_id = owner.id;
      owner_login = owner.login;
    }
    std::string name(core::Trim(request.name));
    if (name.empty())
      return service::ValidationFailed("Token name is required", "name", "required");
    if (!core::IsValidUtf8(name) || core::HasControlChars(name))
      return service::ValidationFailed("Token name contains invalid characters", "name", "invalid");
    if (core::Utf8Length(name) > 100)
      return service::ValidationFailed("Token name is longer than 100 characters", "name",
                                       "too_long");
    GOATFLOW_ASSIGN_OR_RETURN(
        auto scopes, ValidateScopes(request.scopes, owner_kind == PrincipalKind::kCustomer));
    GOATFLOW_ASSIGN_OR_RETURN(auto ttl, ParseExpiresIn(request.expires_in, caller.is_admin));
    int rate_limit =
        settings.token_default_per_hour >= 1 && settings.token_default_per_hour <= 100000
            ? settings.token_default_per_hour
            : 1000;
    if (request.rate_limit) {
      if (*request.rate_limit < 1 || *request.rate_limit > 100000)
        return service::ValidationFailed("rate_limit must be between 1 and 100000", "rate_limit",
                                         "out_of_range");
      rate_limit = *request.rate_limit;
    }
    std::optional<std::string> scopes_json;
    if (!scopes.empty()) {
      boost::json::array array;
      for (const auto& s : scopes) array.emplace_back(s);
      scopes_json = boost::json::serialize(array);
    }
    std::optional<std::string> expires_at;
    if (ttl) expires_at = core::FormatDbTime(now + std::chrono::seconds(*ttl));
    GOATFLOW_ASSIGN_OR_RETURN(auto insert, db.Prepare(R"sql(
      INSERT INTO user_api_tokens (user_id, user_type, name, prefix, token_hash, scopes,
                                   expires_at, rate_limit, created_at, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql"));
    insert.BindAll(owner_id, service::KindName(owner_kind), name, secret.prefix, hash);
    insert.Bind(6, scopes_json).Bind(7, expires_at).Bind(8, rate_limit);
    insert.Bind(9, core::FormatDbTime(now)).Bind(10, caller.id);
    GOATFLOW_RETURN_IF_ERROR(insert.Run());
    const std::int64_t id = db.LastInsertId();
    GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, now,
                                                 {"token.create",
                                                  service::AuditOutcome::kSuccess,
                                                  "api_token",
                                                  std::to_string(id),
                                                  name,
                                                  "",
                                                  {{"prefix", secret.prefix},
                                                   {"owner", owner_login},
                                                   {"scopes", scopes_json.value_or("[]")},
                                                   {"expires_at", expires_at.value_or("never")}}}));
    CreatedToken out;
    GOATFLOW_ASSIGN_OR_RETURN(out.info, LoadToken(db, id, now));
    out.token = secret.token;
    return out;
  });
}

Result<std::vector<ApiTokenInfo>> AuthService::ListTokens(const RequestContext& ctx,
                                                          const ListTokensRequest& request,
                                                          TokenEndpoints endpoints) {
  GOATFLOW_RETURN_IF_ERROR(RequireInteractiveLogin(ctx));
  GOATFLOW_RETURN_IF_ERROR(RequireEndpoints(ctx, endpoints));
  const TimePoint now = impl_.clock->Now();
  return service::Read(impl_, [&](store::Db& db) -> Result<std::vector<ApiTokenInfo>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    const auto requested = RequestedOwner(request.owner, request.owner_login);
    if ((request.all_owners || requested) && !caller.is_admin)
      return Error(ErrorCode::kPermissionDenied, "Permission denied")
          .WithWireCode("core:forbidden");
    Owner owner{caller.IsCustomer() ? PrincipalKind::kCustomer : PrincipalKind::kAgent, caller.id,
                caller.login};
    if (requested) {
      GOATFLOW_ASSIGN_OR_RETURN(owner, ResolveOwner(db, *requested, false));
    }
    std::string sql(kTokenColumns);
    sql += "WHERE (?1 = 1 OR t.revoked_at IS NULL) ";
    const bool one_owner = requested || !request.all_owners;
    if (one_owner) sql += "AND t.user_type = ?2 AND t.user_id = ?3 ";
    sql += "ORDER BY t.id";
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
    stmt.Bind(1, request.include_revoked ? 1 : 0);
    if (one_owner) {
      stmt.Bind(2, service::KindName(owner.kind));
      stmt.Bind(3, owner.id);
    }
    std::vector<ApiTokenInfo> out;
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      out.push_back(ReadToken(stmt, now));
    }
    return out;
  });
}

Result<ApiTokenInfo> AuthService::RevokeToken(const RequestContext& ctx, std::int64_t token_id,
                                              TokenEndpoints endpoints) {
  GOATFLOW_RETURN_IF_ERROR(RequireInteractiveLogin(ctx));
  GOATFLOW_RETURN_IF_ERROR(RequireEndpoints(ctx, endpoints));
  const TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<ApiTokenInfo> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_ASSIGN_OR_RETURN(auto token, LoadToken(db, token_id, now));
    const PrincipalKind caller_kind =
        caller.IsCustomer() ? PrincipalKind::kCustomer : PrincipalKind::kAgent;
    const bool own = token.owner_kind == caller_kind && token.owner_id == caller.id;
    if (!own && !caller.is_admin) return TokenNotFound();
    if (token.revoked_at) return token;  // revoking twice changes nothing
    GOATFLOW_ASSIGN_OR_RETURN(
        auto stmt,
        db.Prepare("UPDATE user_api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ?"));
    stmt.BindAll(core::FormatDbTime(now), caller.id, token_id);
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
    GOATFLOW_RETURN_IF_ERROR(
        service::WriteAudit(db, ctx, now,
                            {"token.revoke",
                             service::AuditOutcome::kSuccess,
                             "api_token",
                             std::to_string(token_id),
                             token.name,
                             "",
                             {{"prefix", token.prefix}, {"owner", token.owner_login}}}));
    return LoadToken(db, token_id, now);
  });
}

Result<std::vector<ScopeInfo>> AuthService::AvailableScopes(const RequestContext& ctx,
                                                            TokenEndpoints endpoints) {
  GOATFLOW_RETURN_IF_ERROR(RequireInteractiveLogin(ctx));
  GOATFLOW_RETURN_IF_ERROR(RequireEndpoints(ctx, endpoints));
  return service::Read(impl_, [&](store::Db& db) -> Result<std::vector<ScopeInfo>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    std::vector<ScopeInfo> out;
    for (const auto& def : kScopes) {
      if (caller.IsCustomer() && !def.customers) continue;
      out.push_back({def.scope, def.description, def.category});
    }
    return out;
  });
}

}  // namespace goatflow
