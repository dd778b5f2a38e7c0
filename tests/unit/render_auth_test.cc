// JSON renderings of the identity types (api-v1.md §3, §13.2).
#include <boost/json.hpp>

#include "goatflow/json.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

TEST_CASE("Login renders tokens, user and password_change_required") {
  LoginResult login;
  login.tokens = {"acc", "ref", "Bearer", 900, "2026-01-01T00:15:00Z"};
  login.session_id = "secret-session";
  login.user = {PrincipalKind::kAgent, 1, "admin", "admin", "System", "Administrator", "Admin",
                true};
  login.password_change_required = true;
  auto v = boost::json::parse(json::ToJson(login)).as_object();
  REQUIRE(v.at("access_token").as_string() == "acc");
  REQUIRE(v.at("token_type").as_string() == "Bearer");
  REQUIRE(v.at("expires_in").as_int64() == 900);
  REQUIRE(v.at("user").as_object().at("role").as_string() == "Admin");
  REQUIRE(v.at("user").as_object().at("is_admin").as_bool());
  REQUIRE(v.at("password_change_required").as_bool());
  REQUIRE_FALSE(v.contains("session_id"));  // the cookie value never goes into a body
}

TEST_CASE("Tokens render without secrets except at creation") {
  ApiTokenInfo info;
  info.id = 4;
  info.name = "ci";
  info.prefix = "abcd0123";
  info.created_at = "2026-01-01T00:00:00Z";
  auto listed = boost::json::parse(json::ToJson(std::vector<ApiTokenInfo>{info})).as_array();
  auto obj = listed.at(0).as_object();
  REQUIRE(obj.at("expires_at").is_null());
  REQUIRE(obj.at("scopes").as_array().empty());
  REQUIRE_FALSE(obj.contains("token"));
  REQUIRE_FALSE(obj.contains("token_hash"));
  auto created = boost::json::parse(json::ToJson(CreatedToken{info, "gf_abcd0123_x"})).as_object();
  REQUIRE(created.at("token").as_string() == "gf_abcd0123_x");
  REQUIRE(created.at("warning").as_string() == "Save this token now. It won't be shown again.");
}

TEST_CASE("Preferences, sessions and scopes render as plain JSON") {
  auto prefs = boost::json::parse(json::ToJson(Preferences{{"Language", "de"}})).as_object();
  REQUIRE(prefs.at("Language").as_string() == "de");
  SessionInfo s;
  s.id = 9;
  s.current = true;
  auto sessions = boost::json::parse(json::ToJson(std::vector<SessionInfo>{s})).as_array();
  REQUIRE(sessions.at(0).as_object().at("current").as_bool());
  auto scopes =
      boost::json::parse(json::ToJson(std::vector<ScopeInfo>{{"*", "All", "general"}})).as_array();
  REQUIRE(scopes.at(0).as_object().at("scope").as_string() == "*");
}

}  // namespace
}  // namespace goatflow
