// Personal API tokens: creation rules, verification attacks, revocation,
// last-used throttling and the per-token rate limit.
#include "auth_fixture.h"

namespace goatflow {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using testing::AuthFixture;

struct TokenFixture : AuthFixture {
  RequestContext alice = AsBearer(Login("alice").tokens.access_token);
  RequestContext admin = AsBearer(Login("admin").tokens.access_token);

  CreatedToken Create(const RequestContext& ctx, CreateTokenRequest request) {
    auto r = auth().CreateToken(ctx, request);
    REQUIRE_OK(r);
    return std::move(r).value();
  }
};

TEST_CASE("A created token authenticates its owner with its scopes, once shown") {
  TokenFixture f;
  auto created = f.Create(f.alice, {"ci", {"tickets:read", "tickets:read"}, "", {}, {}, {}});
  REQUIRE(created.token.rfind("gf_" + created.info.prefix + "_", 0) == 0);
  REQUIRE(created.token.size() == 68);
  REQUIRE(created.info.scopes == std::vector<std::string>{"tickets:read"});
  REQUIRE(created.info.expires_at == "2026-04-01T00:00:00Z");  // 90 days
  REQUIRE(created.info.is_active);
  auto ctx = f.AsBearer(created.token);
  REQUIRE(ctx.auth_method == AuthMethod::kApiToken);
  REQUIRE(ctx.principal.id == 2);
  REQUIRE(ctx.principal.login == "alice");
  REQUIRE(ctx.api_token_id == created.info.id);
  REQUIRE(ctx.token_scopes == std::vector<std::string>{"tickets:read"});
  // Only a keyed hash is stored.
  REQUIRE(f.QueryText("SELECT count(*) FROM user_api_tokens WHERE token_hash LIKE '%" +
                      created.token.substr(12, 20) + "%' OR token_hash = '" + created.token +
                      "'") == "0\n");
  REQUIRE(f.QueryText("SELECT action, target_identifier FROM audit_log WHERE action LIKE "
                      "'token.%'") == "token.create|ci\n");
}

TEST_CASE("Wrong secrets, unknown prefixes and malformed tokens are invalid") {
  TokenFixture f;
  auto created = f.Create(f.alice, {"ci", {}, "", {}, {}, {}});
  std::string wrong = created.token;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  REQUIRE_WIRE(f.Bearer(wrong), "core:invalid_token");
  std::string unknown = created.token;
  unknown[3] = unknown[3] == 'a' ? 'b' : 'a';
  REQUIRE_WIRE(f.Bearer(unknown), "core:invalid_token");
  REQUIRE_WIRE(f.Bearer("gf_short"), "core:invalid_token");
  REQUIRE_WIRE(f.Bearer(created.token + "x"), "core:invalid_token");
}

TEST_CASE("Revoked, expired and disabled owners' tokens stop working") {
  TokenFixture f;
  auto revoked = f.Create(f.alice, {"a", {}, "", {}, {}, {}});
  auto expiring = f.Create(f.alice, {"b", {}, "1d", {}, {}, {}});
  REQUIRE_OK(f.Bearer(revoked.token));
  auto r = f.auth().RevokeToken(f.alice, revoked.info.id);
  REQUIRE_OK(r);
  REQUIRE(r->revoked_at.has_value());
  REQUIRE_FALSE(r->is_active);
  REQUIRE_ERR(f.Bearer(revoked.token), ErrorCode::kUnauthenticated, "Token has been revoked");
  REQUIRE_WIRE(f.Bearer(revoked.token), "core:token_revoked");
  REQUIRE_OK(f.Bearer(expiring.token));
  f.clock->Advance(hours(24));
  REQUIRE_WIRE(f.Bearer(expiring.token), "core:token_expired");
  auto never = f.Create(f.admin, {"svc", {}, "never", std::string("alice"), {}, {}});
  REQUIRE_FALSE(never.info.expires_at.has_value());
  REQUIRE(never.info.owner_login == "alice");
  REQUIRE_OK(f.Bearer(never.token));
  f.Sql("UPDATE users SET valid_id = 2 WHERE id = 2");
  REQUIRE_WIRE(f.Bearer(never.token), "core:invalid_token");
}

TEST_CASE("Token creation validates name, scopes, expiry and admin-only options") {
  TokenFixture f;
  auto bad = [&](const RequestContext& ctx, CreateTokenRequest request, const char* wire) {
    auto r = f.auth().CreateToken(ctx, request);
    REQUIRE_WIRE(r, wire);
    REQUIRE(r.error().code == ErrorCode::kInvalidArgument);
  };
  bad(f.alice, {"", {}, "", {}, {}, {}}, "core:validation_failed");
  bad(f.alice, {std::string(101, 'n'), {}, "", {}, {}, {}}, "core:validation_failed");
  bad(f.alice, {"x", {"tickets:everything"}, "", {}, {}, {}}, "core:invalid_scope");
  for (const char* e :
       {"never", "366d", "13m", "2y", "0d", "-1d", "5w", "d", "1.5d", "9999999999d"})
    bad(f.alice, {"x", {}, e, {}, {}, {}}, "core:invalid_expiration");
  REQUIRE_OK(f.auth().CreateToken(f.alice, {"x", {}, "1y", {}, {}, {}}));
  REQUIRE_OK(f.auth().CreateToken(f.admin, {"x", {}, "5y", {}, {}, {}}));
  REQUIRE_ERR(f.auth().CreateToken(f.alice, {"x", {}, "", std::string("admin"), {}, {}}),
              ErrorCode::kPermissionDenied, "Permission denied");
  REQUIRE_ERR(f.auth().CreateToken(f.alice, {"x", {}, "", {}, 50, {}}),
              ErrorCode::kPermissionDenied, "Permission denied");
  REQUIRE_ERR(f.auth().CreateToken(f.admin, {"x", {}, "", std::string("ghost"), {}, {}}),
              ErrorCode::kNotFound, "User not found");
  bad(f.admin, {"x", {}, "", {}, 0, {}}, "core:validation_failed");

  auto cust = f.AsBearer(f.Login("cust").tokens.access_token);
  bad(cust, {"x", {"admin:*"}, "", {}, {}, {}}, "core:invalid_scope");
  bad(cust, {"x", {"queues:read"}, "", {}, {}, {}}, "core:invalid_scope");
  auto mine = f.auth().CreateToken(cust, {"x", {"tickets:read", "articles:write"}, "", {}, {}, {}});
  REQUIRE_OK(mine);
  REQUIRE(mine->info.owner_kind == PrincipalKind::kCustomer);
  REQUIRE(f.AsBearer(mine->token).principal.kind == PrincipalKind::kCustomer);
  auto scopes = f.auth().AvailableScopes(cust);
  REQUIRE_OK(scopes);
  REQUIRE(scopes->size() == 5);
}

TEST_CASE("An API token cannot manage tokens") {
  TokenFixture f;
  auto created = f.Create(f.alice, {"ci", {}, "", {}, {}, {}});
  auto by_token = f.AsBearer(created.token);
  REQUIRE_ERR(f.auth().CreateToken(by_token, {"more", {"*"}, "", {}, {}, {}}),
              ErrorCode::kPermissionDenied, "not an API token");
  REQUIRE_ERR(f.auth().ListTokens(by_token), ErrorCode::kPermissionDenied, "");
  REQUIRE_ERR(f.auth().RevokeToken(by_token, created.info.id), ErrorCode::kPermissionDenied, "");
}

TEST_CASE("Listing and revoking are limited to own tokens, admins see all") {
  TokenFixture f;
  auto alices = f.Create(f.alice, {"mine", {}, "", {}, {}, {}});
  auto admins = f.Create(f.admin, {"ops", {}, "", {}, {}, {}});
  auto own = f.auth().ListTokens(f.alice);
  REQUIRE_OK(own);
  REQUIRE(own->size() == 1);
  REQUIRE(own->at(0).name == "mine");
  auto r = f.auth().RevokeToken(f.alice, admins.info.id);
  REQUIRE_ERR(r, ErrorCode::kNotFound, "Token not found");
  REQUIRE(r.error().wire_code == "core:token_not_found");
  REQUIRE_ERR(f.auth().RevokeToken(f.alice, 999), ErrorCode::kNotFound, "Token not found");
  REQUIRE_ERR(f.auth().ListTokens(f.alice, {true, {}, false, {}}), ErrorCode::kPermissionDenied,
              "");
  REQUIRE_OK(f.auth().RevokeToken(f.admin, alices.info.id));
  auto all = f.auth().ListTokens(f.admin, {true, {}, false, {}});
  REQUIRE_OK(all);
  REQUIRE(all->size() == 1);  // revoked ones only on request
  auto with_revoked = f.auth().ListTokens(f.admin, {true, {}, true, {}});
  REQUIRE_OK(with_revoked);
  REQUIRE(with_revoked->size() == 2);
  auto for_alice =
      f.auth().ListTokens(RequestContext::LocalOperator(), {false, std::string("alice"), true, {}});
  REQUIRE_OK(for_alice);
  REQUIRE(for_alice->size() == 1);
  REQUIRE(for_alice->at(0).owner_login == "alice");
}

TEST_CASE("Admins manage a principal's tokens by id or login, customers included") {
  TokenFixture f;
  TokenOwner customer{PrincipalKind::kCustomer, std::nullopt, std::string("cust")};
  CreateTokenRequest request{"portal", {"tickets:read"}, "", {}, {}, customer};
  auto created = f.auth().CreateToken(f.admin, request);
  REQUIRE_OK(created);
  REQUIRE(created->info.owner_kind == PrincipalKind::kCustomer);
  REQUIRE(f.AsBearer(created->token).principal.kind == PrincipalKind::kCustomer);
  request.scopes = {"admin:*"};  // agent-only scopes stay refused for customer owners
  REQUIRE_WIRE(f.auth().CreateToken(f.admin, request), "core:invalid_scope");
  REQUIRE_ERR(f.auth().CreateToken(f.alice, {"x", {}, "", {}, {}, customer}),
              ErrorCode::kPermissionDenied, "");

  ListTokensRequest by_id;
  by_id.owner = TokenOwner{PrincipalKind::kCustomer, 2, std::nullopt};
  auto listed = f.auth().ListTokens(f.admin, by_id);
  REQUIRE_OK(listed);
  REQUIRE(listed->size() == 1);
  REQUIRE(listed->at(0).owner_login == "cust");
  by_id.owner = TokenOwner{PrincipalKind::kAgent, 2, std::nullopt};  // agent 2 is alice
  auto alices = f.auth().ListTokens(f.admin, by_id);
  REQUIRE_OK(alices);
  REQUIRE(alices->empty());
  by_id.owner = TokenOwner{PrincipalKind::kCustomer, 99, std::nullopt};
  REQUIRE_ERR(f.auth().ListTokens(f.admin, by_id), ErrorCode::kNotFound, "Customer user not found");
}

TEST_CASE("last_used_at is written at most once a minute") {
  TokenFixture f;
  auto created = f.Create(f.alice, {"ci", {}, "", {}, {}, {}});
  auto last_used = [&] {
    return f.QueryText("SELECT coalesce(last_used_at, 'never') FROM user_api_tokens");
  };
  REQUIRE(last_used() == "never\n");
  REQUIRE_OK(f.Bearer(created.token));
  REQUIRE(last_used() == "2026-01-01 00:00:00\n");
  f.clock->Advance(seconds(59));
  REQUIRE_OK(f.Bearer(created.token));
  REQUIRE(last_used() == "2026-01-01 00:00:00\n");
  f.clock->Advance(seconds(1));
  REQUIRE_OK(f.Bearer(created.token));
  REQUIRE(last_used() == "2026-01-01 00:01:00\n");
}

TEST_CASE("Request rate: general bucket per principal and the token's own hourly budget") {
  TokenFixture f;
  auto created = f.Create(f.admin, {"tiny", {}, "", std::string("alice"), 3, {}});
  auto ctx = f.AsBearer(created.token);
  for (int i = 0; i < 3; ++i) {
    auto r = f.auth().CheckRequestRate(ctx);
    REQUIRE(r.allowed);
    REQUIRE(r.bucket == RateBucket::kApiToken);
    REQUIRE(r.remaining == 2 - i);
  }
  auto denied = f.auth().CheckRequestRate(ctx);
  REQUIRE_FALSE(denied.allowed);
  REQUIRE(denied.retry_after_sec == 1200);
  // The general 100/minute bucket counts alice's JWT requests separately from IPs.
  auto first = f.auth().CheckRequestRate(f.admin);
  REQUIRE(first.bucket == RateBucket::kGeneral);
  REQUIRE(first.limit == 100);
  REQUIRE(first.remaining == 99);
  RequestContext anonymous;
  anonymous.client_ip = "192.0.2.77";
  REQUIRE(f.auth().CheckRequestRate(anonymous).remaining == 99);
  auto reset = f.auth().CheckRateLimit(RateBucket::kPasswordReset, "acct:alice");
  REQUIRE(reset.limit == 3);
  REQUIRE(reset.remaining == 2);
}

TEST_CASE("Rate-limit overrides in OpenOptions replace the stored settings and 0 disables") {
  auto options = testing::TestOptions();
  options.rate_limits["RateLimit::GeneralPerMinute"] = 0;
  options.rate_limits["RateLimit::LoginPerMinute"] = 1;
  AuthFixture f(options);
  RequestContext anonymous;
  anonymous.client_ip = "192.0.2.77";
  for (int i = 0; i < 200; ++i) REQUIRE(f.auth().CheckRequestRate(anonymous).allowed);
  REQUIRE(f.auth().CheckRequestRate(anonymous).limit == 0);
  REQUIRE(f.auth().CheckRateLimit(RateBucket::kLogin, "ip").allowed);
  REQUIRE_FALSE(f.auth().CheckRateLimit(RateBucket::kLogin, "ip").allowed);
}

}  // namespace
}  // namespace goatflow
