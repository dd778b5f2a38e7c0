// Login, token authentication, refresh rotation, logout and sessions.
#include "auth_fixture.h"
#include "goatflow/health.h"

namespace goatflow {
namespace {

using std::chrono::seconds;
using testing::AuthFixture;

TEST_CASE("Admin logs in and gets bound access and refresh tokens") {
  AuthFixture f;
  auto login = f.Login("admin");
  REQUIRE(login.tokens.token_type == "Bearer");
  REQUIRE(login.tokens.expires_in == 900);
  REQUIRE(login.tokens.expires_at == "2026-01-01T00:15:00Z");
  REQUIRE(login.user.id == 1);
  REQUIRE(login.user.role == "Admin");
  REQUIRE(login.user.is_admin);
  REQUIRE(login.password_change_required);  // still the default "admin"
  REQUIRE(login.session_id.size() == 64);
  REQUIRE(login.session_max_age == 57600);
  auto ctx = f.AsBearer(login.tokens.access_token);
  REQUIRE(ctx.principal.kind == PrincipalKind::kAgent);
  REQUIRE(ctx.principal.id == 1);
  REQUIRE(ctx.auth_method == AuthMethod::kJwt);
  REQUIRE(ctx.session_id.has_value());
  REQUIRE(f.QueryText("SELECT action, outcome, ip_address FROM audit_log") ==
          "auth.login.success|success|192.0.2.1\n");
  // The session id is stored only as a hash.
  REQUIRE(f.QueryText("SELECT count(*) FROM sessions WHERE session_id = '" + login.session_id +
                      "'") == "0\n");
}

TEST_CASE("Wrong password, unknown and disabled accounts get one generic answer") {
  AuthFixture f;
  REQUIRE_ERR(f.auth().Login(AuthFixture::From("192.0.2.1"), {"alice", "wrong"}),
              ErrorCode::kUnauthenticated, "Invalid credentials");
  REQUIRE_ERR(f.auth().Login(AuthFixture::From("192.0.2.1"), {"nobody", "admin"}),
              ErrorCode::kUnauthenticated, "Invalid credentials");
  auto disabled = f.auth().Login(AuthFixture::From("192.0.2.1"), {"bob", "admin"});
  REQUIRE_ERR(disabled, ErrorCode::kUnauthenticated, "Invalid credentials");
  REQUIRE(disabled.error().wire_code == "core:unauthorized");
  REQUIRE(
      f.QueryText("SELECT action, reason, coalesce(target_id, '') FROM audit_log ORDER BY id") ==
      "auth.login.failure|bad password|2\n"
      "auth.login.failure|unknown user|\n"
      "auth.login.failure|disabled|3\n");
  REQUIRE_ERR(f.auth().Login(AuthFixture::From("192.0.2.1"), {"", "x"}),
              ErrorCode::kInvalidArgument, "required");
}

TEST_CASE("Expired sessions and old refresh tokens are purged") {
  AuthFixture f;
  auto old = f.Login("alice");
  f.clock->Advance(seconds(3600));
  auto fresh = f.Login("alice");
  auto rotated = f.auth().Refresh({}, fresh.tokens.refresh_token);
  REQUIRE_OK(rotated);
  f.clock->Advance(seconds(3601));  // the first session is now idle for 7201 s
  auto purged = f.auth().PurgeExpired();
  REQUIRE_OK(purged);
  REQUIRE(*purged == 1);  // the idle session (its refresh token goes by cascade)
  REQUIRE(f.QueryText("SELECT count(*) FROM sessions") == "1\n");
  REQUIRE_ERR(f.Bearer(old.tokens.access_token), ErrorCode::kUnauthenticated, "");
  // The spent refresh token is kept a day so that its reuse is still detected.
  REQUIRE(f.QueryText("SELECT count(*) FROM auth_refresh_token") == "2\n");
  REQUIRE_OK(f.auth().Refresh({}, rotated->refresh_token));
}

TEST_CASE("A customer without a password cannot log in") {
  AuthFixture f;
  f.Sql("UPDATE customer_user SET pw = NULL");
  REQUIRE_ERR(f.auth().Login(AuthFixture::From("192.0.2.1"), {"cust", ""}),
              ErrorCode::kInvalidArgument, "required");
  REQUIRE_ERR(f.auth().Login(AuthFixture::From("192.0.2.1"), {"cust", "admin"}),
              ErrorCode::kUnauthenticated, "Invalid credentials");
  REQUIRE(f.QueryText("SELECT reason FROM audit_log") == "no password\n");
}

TEST_CASE("Customers log in by login or e-mail as a separate principal kind") {
  AuthFixture f;
  auto login = f.Login("cust@example.com");
  REQUIRE(login.user.kind == PrincipalKind::kCustomer);
  REQUIRE(login.user.id == 2);
  REQUIRE(login.user.role == "Customer");
  REQUIRE_FALSE(login.password_change_required);
  auto ctx = f.AsBearer(login.tokens.access_token);
  REQUIRE(ctx.principal.kind == PrincipalKind::kCustomer);
  REQUIRE(ctx.principal.login == "cust");
  REQUIRE(f.Login("cust").user.kind == PrincipalKind::kCustomer);
}

TEST_CASE("Access tokens are refused when expired, misused or malformed") {
  AuthFixture f;
  auto login = f.Login("alice");
  REQUIRE(login.user.email == "alice@example.com");
  REQUIRE(login.user.role == "Agent");
  REQUIRE_WIRE(f.Bearer(login.tokens.refresh_token), "core:invalid_token");
  std::string altered = login.tokens.access_token;
  altered[altered.find('.') + 5] ^= 1;
  REQUIRE_WIRE(f.Bearer(altered), "core:invalid_token");
  Credentials no_scheme;
  no_scheme.authorization = login.tokens.access_token;
  REQUIRE_WIRE(f.auth().Authenticate({}, no_scheme), "core:invalid_token");
  REQUIRE_WIRE(f.auth().Authenticate({}, Credentials{}), "core:unauthorized");
  f.clock->Advance(seconds(900 + 60));
  REQUIRE_WIRE(f.Bearer(login.tokens.access_token), "core:token_expired");
}

TEST_CASE("Disabling an account stops its tokens at once") {
  AuthFixture f;
  auto login = f.Login("alice");
  f.Sql("UPDATE users SET valid_id = 2 WHERE id = 2");
  REQUIRE_WIRE(f.Bearer(login.tokens.access_token), "core:invalid_token");
  REQUIRE_WIRE(f.auth().Refresh({}, login.tokens.refresh_token), "core:invalid_token");
}

TEST_CASE("Refresh rotates, and a reused refresh token revokes the family and session") {
  AuthFixture f;
  auto login = f.Login("alice");
  f.clock->Advance(seconds(600));
  auto second = f.auth().Refresh({}, login.tokens.refresh_token);
  REQUIRE_OK(second);
  REQUIRE(second->refresh_token != login.tokens.refresh_token);
  REQUIRE(f.AsBearer(second->access_token).principal.id == 2);
  auto reuse = f.auth().Refresh({}, login.tokens.refresh_token);
  REQUIRE_ERR(reuse, ErrorCode::kUnauthenticated, "Invalid or expired refresh token");
  // The thief's reuse also ends the legitimate holder's family and session.
  REQUIRE_WIRE(f.auth().Refresh({}, second->refresh_token), "core:invalid_token");
  REQUIRE_ERR(f.Bearer(second->access_token), ErrorCode::kUnauthenticated,
              "Session has been terminated");
  REQUIRE(f.QueryText("SELECT reason FROM audit_log WHERE action = 'auth.refresh' AND "
                      "outcome = 'failure'") == "refresh token reused; family revoked\n");
}

TEST_CASE("Logout ends the session, its access tokens and its refresh tokens") {
  AuthFixture f;
  auto login = f.Login("alice");
  auto ctx = f.AsBearer(login.tokens.access_token);
  REQUIRE_OK(f.auth().Logout(ctx, login.tokens.refresh_token));
  REQUIRE_ERR(f.Bearer(login.tokens.access_token), ErrorCode::kUnauthenticated,
              "Session has been terminated");
  REQUIRE_WIRE(f.auth().Refresh({}, login.tokens.refresh_token), "core:invalid_token");
  REQUIRE_ERR(f.auth().Logout(RequestContext{}), ErrorCode::kUnauthenticated, "");
}

TEST_CASE("Session cookies follow the idle and absolute lifetimes") {
  AuthFixture f;
  auto login = f.Login("alice");
  Credentials cookie;
  cookie.session_id = login.session_id;
  auto ctx = f.auth().Authenticate({}, cookie);
  REQUIRE_OK(ctx);
  REQUIRE(ctx->auth_method == AuthMethod::kSession);
  Credentials wrong;
  wrong.session_id = std::string(64, 'a');
  REQUIRE_ERR(f.auth().Authenticate({}, wrong), ErrorCode::kUnauthenticated,
              "Session has been terminated");

  SECTION("idle for the idle timeout (7200 s) ends it") {
    f.clock->Advance(seconds(7199));
    REQUIRE_OK(f.auth().Authenticate({}, cookie));  // activity resets the idle clock
    f.clock->Advance(seconds(7199));
    REQUIRE_OK(f.auth().Authenticate({}, cookie));
    f.clock->Advance(seconds(7200));
    REQUIRE_ERR(f.auth().Authenticate({}, cookie), ErrorCode::kUnauthenticated, "terminated");
  }
  SECTION("activity cannot extend it past the absolute lifetime (57600 s)") {
    for (int hour = 1; hour < 16; ++hour) {
      f.clock->Advance(seconds(3600));
      REQUIRE_OK(f.auth().Authenticate({}, cookie));
    }
    f.clock->Advance(seconds(3600));
    REQUIRE_ERR(f.auth().Authenticate({}, cookie), ErrorCode::kUnauthenticated, "terminated");
  }
}

TEST_CASE("The SessionTimeout preference shortens the session, capped by SessionMaxTime") {
  AuthFixture f;
  auto first = f.Login("alice");
  REQUIRE_OK(
      f.auth().SetPreferences(f.AsBearer(first.tokens.access_token), {{"SessionTimeout", "3600"}}));
  auto login = f.Login("alice");
  REQUIRE(login.session_max_age == 3600);
  Credentials cookie;
  cookie.session_id = login.session_id;
  f.clock->Advance(seconds(1800));
  REQUIRE_OK(f.auth().Authenticate({}, cookie));
  f.clock->Advance(seconds(1800));
  REQUIRE_ERR(f.auth().Authenticate({}, cookie), ErrorCode::kUnauthenticated, "terminated");
  REQUIRE(f.Login("admin").session_max_age == 57600);  // no preference: SessionMaxTime
}

TEST_CASE("Own sessions are listed and can be terminated, others' are not found") {
  AuthFixture f;
  auto first = f.Login("alice");
  auto second = f.Login("alice", "admin", "198.51.100.7");
  auto ctx = f.AsBearer(second.tokens.access_token);
  auto sessions = f.auth().ListSessions(ctx);
  REQUIRE_OK(sessions);
  REQUIRE(sessions->size() == 2);
  REQUIRE(sessions->at(0).current);
  REQUIRE(sessions->at(0).ip_address == "198.51.100.7");
  REQUIRE_FALSE(sessions->at(1).current);
  auto admin = f.AsBearer(f.Login("admin").tokens.access_token);
  auto admin_sessions = f.auth().ListSessions(admin);
  REQUIRE_OK(admin_sessions);
  const auto admin_session = admin_sessions->at(0).id;
  REQUIRE_ERR(f.auth().TerminateSession(ctx, admin_session), ErrorCode::kNotFound,
              "Session not found");
  REQUIRE_OK(f.auth().TerminateSession(ctx, sessions->at(1).id));
  REQUIRE_ERR(f.Bearer(first.tokens.access_token), ErrorCode::kUnauthenticated, "terminated");
  REQUIRE_OK(f.auth().TerminateSession(admin, sessions->at(0).id));  // admins may end any
  REQUIRE_ERR(f.Bearer(second.tokens.access_token), ErrorCode::kUnauthenticated, "terminated");
}

TEST_CASE("Failed logins back off per account across IPs and success clears") {
  AuthFixture f;
  for (int i = 0; i < 5; ++i) {
    REQUIRE_ERR(f.auth().Login(AuthFixture::From("10.0.0." + std::to_string(i)), {"alice", "x"}),
                ErrorCode::kUnauthenticated, "Invalid credentials");
  }
  auto blocked = f.auth().Login(AuthFixture::From("10.0.1.1"), {"alice", "admin"});
  REQUIRE_ERR(blocked, ErrorCode::kRateLimited, "too many failed attempts, try again in 2 seconds");
  REQUIRE(blocked.error().details.at("retry_after_sec") == "2");
  REQUIRE(f.QueryText("SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1") == "locked\n");
  f.clock->Advance(seconds(2));
  REQUIRE_OK(f.auth().Login(AuthFixture::From("10.0.1.1"), {"alice", "admin"}));
  REQUIRE_ERR(f.auth().Login(AuthFixture::From("10.0.1.1"), {"alice", "x"}),
              ErrorCode::kUnauthenticated, "Invalid credentials");  // counter was reset
}

TEST_CASE("The login bucket allows 10 attempts per minute per IP") {
  AuthFixture f;
  for (int i = 0; i < 10; ++i)
    (void)f.auth().Login(AuthFixture::From("203.0.113.9"), {"user" + std::to_string(i), "x"});
  auto limited = f.auth().Login(AuthFixture::From("203.0.113.9"), {"alice", "admin"});
  REQUIRE_ERR(limited, ErrorCode::kRateLimited, "Too many requests");
  REQUIRE(limited.error().wire_code == "core:rate_limited");
  REQUIRE(limited.error().details.at("retry_after_sec") == "6");
  REQUIRE_OK(f.auth().Login(AuthFixture::From("203.0.113.10"), {"alice", "admin"}));
}

TEST_CASE("A changed hashing cost re-hashes the password at the next login") {
  {
    AuthFixture f;
    std::string before = f.QueryText("SELECT pw FROM users WHERE id = 2");
    auto options = testing::TestOptions(f.path);
    options.password_hashing = PasswordHashing::kInteractive;
    auto hd = testing::OpenTestHelpdesk(options);
    REQUIRE_OK(hd->Auth().Login(AuthFixture::From("192.0.2.1"), {"alice", "admin"}));
    std::string after = f.QueryText("SELECT pw FROM users WHERE id = 2");
    REQUIRE(after != before);
    REQUIRE(f.QueryText("SELECT details FROM audit_log WHERE action = 'auth.login.success'") ==
            "{\"rehashed\":\"true\"}\n");
    REQUIRE_OK(hd->Auth().Login(AuthFixture::From("192.0.2.1"), {"alice", "admin"}));
  }
}

TEST_CASE("An imported legacy hash logs in once and is replaced by Argon2id") {
  AuthFixture f;
  f.Sql(
      "UPDATE users SET pw = 'sha256$NaCl$"
      "f57e9d17ae3a8f93dd0c1cf6ff4373c4940226ce1823874c3fece94ff0362a51' WHERE id = 2");
  f.Login("alice", "Legacy-Pw1");
  REQUIRE(f.QueryText("SELECT substr(pw, 1, 10) FROM users WHERE id = 2") == "$argon2id$\n");
  f.Login("alice", "Legacy-Pw1");
  REQUIRE_ERR(f.auth().Login(AuthFixture::From("192.0.2.1"), {"alice", "admin"}),
              ErrorCode::kUnauthenticated, "Invalid credentials");
}

TEST_CASE("The JWT key can be given explicitly and must be at least 32 bytes") {
  AuthFixture f;
  auto options = testing::TestOptions(f.path);
  options.jwt_secret = "short";
  REQUIRE_ERR(Helpdesk::Open(options), ErrorCode::kFailedPrecondition, "at least 32 bytes");
  options.jwt_secret = std::string(40, 's');
  auto explicit_key = testing::OpenTestHelpdesk(options);
  auto login = explicit_key->Auth().Login(AuthFixture::From("192.0.2.1"), {"alice", "admin"});
  REQUIRE_OK(login);
  // The stored, generated key of the other handle does not accept it.
  REQUIRE_WIRE(f.Bearer(login->tokens.access_token), "core:invalid_token");
  Credentials creds;
  creds.authorization = "Bearer " + login->tokens.access_token;
  REQUIRE_OK(explicit_key->Auth().Authenticate({}, creds));
}

TEST_CASE("Authenticate reports the maintenance setting it read, for CheckMaintenance") {
  AuthFixture f;
  auto alice = f.Login("alice");
  auto admin = f.Login("admin");
  auto authenticate = [&](const LoginResult& login, MaintenanceState& seen) {
    Credentials bearer;
    bearer.authorization = "Bearer " + login.tokens.access_token;
    auto ctx = f.auth().Authenticate(AuthFixture::From("192.0.2.1"), bearer, &seen);
    REQUIRE_OK(ctx);
    return std::move(ctx).value();
  };
  MaintenanceState seen{true, "stale"};
  RequestContext agent = authenticate(alice, seen);
  REQUIRE_FALSE(seen.enabled);
  REQUIRE_FALSE(seen.message.has_value());
  REQUIRE_OK(f.hd->CheckMaintenance(agent, &seen));

  f.Sql("INSERT INTO system_config (name, value, change_by) VALUES "
        "('MaintenanceMode', 'true', 1), ('MaintenanceMessage', '\"Back at noon\"', 1)");
  agent = authenticate(alice, seen);
  REQUIRE(seen.enabled);
  REQUIRE(seen.message == "Back at noon");
  REQUIRE_ERR(f.hd->CheckMaintenance(agent, &seen), ErrorCode::kUnavailable, "Back at noon");
  REQUIRE_ERR(f.hd->CheckMaintenance(agent), ErrorCode::kUnavailable, "Back at noon");
  MaintenanceState admin_seen;
  RequestContext root = authenticate(admin, admin_seen);
  REQUIRE(admin_seen.enabled);
  REQUIRE_OK(f.hd->CheckMaintenance(root, &admin_seen));

  // A session cookie and an API token carry the setting too.
  Credentials cookie;
  cookie.session_id = alice.session_id;
  MaintenanceState by_cookie;
  REQUIRE_OK(f.auth().Authenticate(AuthFixture::From("192.0.2.1"), cookie, &by_cookie));
  REQUIRE(by_cookie.enabled);
  CreateTokenRequest request;
  request.name = "ci";
  auto token = f.auth().CreateToken(agent, request);
  REQUIRE_OK(token);
  Credentials api;
  api.authorization = "Bearer " + token->token;
  MaintenanceState by_token;
  REQUIRE_OK(f.auth().Authenticate(AuthFixture::From("192.0.2.1"), api, &by_token));
  REQUIRE(by_token.enabled);
}

}  // namespace
}  // namespace goatflow
