// Own password change, preferences, and the no-secrets-in-logs guarantee.
#include <mutex>

#include "auth_fixture.h"
#include "goatflow/log.h"

namespace goatflow {
namespace {

using testing::AuthFixture;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

TEST_CASE("Changing the own password needs the current one and ends other sessions") {
  AuthFixture f;
  auto other = f.Login("alice", "admin", "198.51.100.1");
  auto here = f.Login("alice");
  auto ctx = f.AsBearer(here.tokens.access_token);

  auto wrong = f.auth().ChangeOwnPassword(ctx, {"nope", "N3w-Password"});
  REQUIRE_ERR(wrong, ErrorCode::kInvalidArgument, "Current password is incorrect");
  REQUIRE(wrong.error().details.at("field") == "current_password");
  REQUIRE(wrong.error().wire_code == "core:validation_failed");
  auto weak = f.auth().ChangeOwnPassword(ctx, {"admin", "short"});
  REQUIRE_ERR(weak, ErrorCode::kInvalidArgument, "");
  REQUIRE(weak.error().details.at("field") == "new_password");
  REQUIRE(weak.error().details.at("reason") == "min_size");
  REQUIRE_ERR(f.auth().ChangeOwnPassword(ctx, {"admin", ""}), ErrorCode::kInvalidArgument,
              "required");

  REQUIRE_OK(f.auth().ChangeOwnPassword(ctx, {"admin", "N3w-Password"}));
  REQUIRE_OK(f.Bearer(here.tokens.access_token));  // this session continues
  REQUIRE_ERR(f.Bearer(other.tokens.access_token), ErrorCode::kUnauthenticated, "terminated");
  REQUIRE_WIRE(f.auth().Refresh({}, other.tokens.refresh_token), "core:invalid_token");
  REQUIRE_OK(f.auth().Refresh({}, here.tokens.refresh_token));
  REQUIRE_ERR(f.auth().Login(AuthFixture::From("192.0.2.5"), {"alice", "admin"}),
              ErrorCode::kUnauthenticated, "Invalid credentials");
  REQUIRE_FALSE(f.Login("alice", "N3w-Password", "192.0.2.5").password_change_required);
  auto same = f.auth().ChangeOwnPassword(ctx, {"N3w-Password", "N3w-Password"});
  REQUIRE_ERR(same, ErrorCode::kInvalidArgument, "differ");
  REQUIRE(same.error().details.at("reason") == "same_as_current");
  REQUIRE(f.QueryText("SELECT outcome FROM audit_log WHERE action = 'auth.password.change' "
                      "ORDER BY id") == "failure\nsuccess\n");
}

TEST_CASE("Stored password settings tighten the policy") {
  AuthFixture f;
  f.Sql(
      "INSERT INTO system_config (name, value, change_by) VALUES "
      "('PasswordMinLength', '12', 1), ('PasswordRequireSpecial', 'true', 1)");
  auto ctx = f.AsBearer(f.Login("alice").tokens.access_token);
  auto short_pw = f.auth().ChangeOwnPassword(ctx, {"admin", "Short1Aa"});
  REQUIRE_ERR(short_pw, ErrorCode::kInvalidArgument, "");
  REQUIRE(short_pw.error().details.at("reason") == "min_size");
  auto no_special = f.auth().ChangeOwnPassword(ctx, {"admin", "LongEnough1Aa"});
  REQUIRE_ERR(no_special, ErrorCode::kInvalidArgument, "");
  REQUIRE(no_special.error().details.at("reason") == "need_special");
  REQUIRE_OK(f.auth().ChangeOwnPassword(ctx, {"admin", "LongEnough1A!"}));
}

TEST_CASE("Customers change their own password but API tokens may not") {
  AuthFixture f;
  auto cust = f.AsBearer(f.Login("cust").tokens.access_token);
  REQUIRE_OK(f.auth().ChangeOwnPassword(cust, {"admin", "Cust0mer-Pw"}));
  REQUIRE(f.Login("cust@example.com", "Cust0mer-Pw").user.kind == PrincipalKind::kCustomer);
  auto token = f.auth().CreateToken(cust, {"t", {}, "", {}, {}, {}});
  REQUIRE_OK(token);
  auto by_token = f.AsBearer(token->token);
  REQUIRE_ERR(f.auth().ChangeOwnPassword(by_token, {"Cust0mer-Pw", "An0ther-Pw"}),
              ErrorCode::kPermissionDenied, "");
}

TEST_CASE("Preferences: defaults, allowed keys, offered session timeouts, no secrets") {
  AuthFixture f;
  auto alice = f.AsBearer(f.Login("alice").tokens.access_token);
  auto prefs = f.auth().GetPreferences(alice);
  REQUIRE_OK(prefs);
  REQUIRE(prefs->at("Language") == "en");
  REQUIRE(prefs->at("TimeZone") == "UTC");
  REQUIRE(prefs->at("Theme") == "light");
  REQUIRE(prefs->count("UserTOTPSecret") == 0);  // stored, never returned
  REQUIRE(prefs->count("UserEmail") == 0);

  auto set = f.auth().SetPreferences(alice, {{"Language", "de"}, {"SessionTimeout", "28800"}});
  REQUIRE_OK(set);
  REQUIRE(set->at("Language") == "de");
  REQUIRE(set->at("SessionTimeout") == "28800");
  for (const char* key : {"UserTOTPSecret", "UserTOTPEnabled", "UserEmail", "Whatever"}) {
    auto r = f.auth().SetPreferences(alice, {{key, "x"}});
    REQUIRE_ERR(r, ErrorCode::kInvalidArgument, "Preference key not allowed");
  }
  REQUIRE_ERR(f.auth().SetPreferences(alice, {{"SessionTimeout", "1234"}}),
              ErrorCode::kInvalidArgument, "offered");
  // 604800 is offered in general but above SessionMaxTime (57600).
  REQUIRE_ERR(f.auth().SetPreferences(alice, {{"SessionTimeout", "604800"}}),
              ErrorCode::kInvalidArgument, "offered");
  REQUIRE(f.QueryText("SELECT preferences_value FROM user_preferences WHERE user_id = 2 AND "
                      "preferences_key = 'UserTOTPSecret'") == "JBSWY3DPEHPK3PXP\n");

  auto cust = f.AsBearer(f.Login("cust").tokens.access_token);
  REQUIRE_OK(f.auth().SetPreferences(cust, {{"Theme", "dark"}}));
  auto cust_prefs = f.auth().GetPreferences(cust);
  REQUIRE_OK(cust_prefs);
  REQUIRE(cust_prefs->at("Theme") == "dark");
  REQUIRE(cust_prefs->at("Language") == "en");  // agent 2's choice does not leak
}

TEST_CASE("No password, token, session id or key reaches the logs or error messages") {
  std::mutex mu;
  std::string captured;
  SetLogLevel(LogLevel::kDebug);
  SetLogSink([&](LogLevel, std::string_view message) {
    std::lock_guard<std::mutex> lock(mu);
    captured.append(message).append("\n");
  });
  std::vector<std::string> secrets = {"admin", "N3w-Password"};
  std::string errors;
  {
    AuthFixture f;
    auto login = f.Login("alice");
    secrets.push_back(login.tokens.access_token);
    secrets.push_back(login.tokens.refresh_token);
    secrets.push_back(login.session_id);
    auto ctx = f.AsBearer(login.tokens.access_token);
    auto token = f.auth().CreateToken(ctx, {"ci", {}, "", {}, {}, {}});
    REQUIRE_OK(token);
    secrets.push_back(token->token);
    secrets.push_back(token->token.substr(12));
    for (auto r : {f.Bearer(token->token + "0"), f.Bearer(login.tokens.refresh_token),
                   f.Bearer("gf_" + token->token.substr(3, 8) + "_" + std::string(56, '0'))})
      if (!r.ok()) errors += testing::Describe(r.error()) + "\n";
    auto bad_login = f.auth().Login(AuthFixture::From("192.0.2.9"), {"alice", "N3w-Password"});
    if (!bad_login.ok()) errors += testing::Describe(bad_login.error()) + "\n";
    REQUIRE_OK(f.auth().ChangeOwnPassword(ctx, {"admin", "N3w-Password"}));
    auto wrong = f.auth().ChangeOwnPassword(ctx, {"admin", "N3w-Password"});
    if (!wrong.ok()) errors += testing::Describe(wrong.error()) + "\n";
    auto refreshed = f.auth().Refresh({}, login.tokens.refresh_token);
    REQUIRE_OK(refreshed);
    auto reuse = f.auth().Refresh({}, login.tokens.refresh_token);
    if (!reuse.ok()) errors += testing::Describe(reuse.error()) + "\n";
    for (const auto& row : {f.QueryText("SELECT hex(value) FROM system_secret"),
                            f.QueryText("SELECT token_hash FROM user_api_tokens"),
                            f.QueryText("SELECT pw FROM users WHERE id = 2"),
                            f.QueryText("SELECT session_id FROM sessions")}) {
      for (const auto& line : Lines(row)) {
        if (!line.empty()) secrets.push_back(line);
      }
    }
    secrets.push_back(
        f.QueryText("SELECT group_concat(coalesce(details, ''), ' ') FROM audit_log"));
    const std::string audit = secrets.back();
    secrets.pop_back();
    for (const auto& s : secrets) {
      if (s.size() < 8) continue;  // "admin" may appear as a login name
      INFO("secret found in audit details");
      REQUIRE(audit.find(s) == std::string::npos);
    }
  }
  SetLogSink({});
  SetLogLevel(LogLevel::kInfo);
  REQUIRE_FALSE(captured.empty());  // key generation is logged, so the sink was wired
  REQUIRE_FALSE(errors.empty());
  for (const auto& s : secrets) {
    if (s.size() < 8) continue;
    INFO("leaked: a secret of length " << s.size());
    REQUIRE(captured.find(s) == std::string::npos);
    REQUIRE(errors.find(s) == std::string::npos);
  }
}

}  // namespace
}  // namespace goatflow
