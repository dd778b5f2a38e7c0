// Sign-in over HTTP: the token API (/api/v1/auth/*), the browser session
// variants (/api/auth/*) with cookies and CSRF, authentication errors, the
// login rate limit and maintenance mode.

#include <sqlite3.h>

#include <string>

#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::Bearer;
using testing::BodyField;
using testing::TestServer;

constexpr const char* kJson = "application/json";

httplib::Result LoginAs(httplib::Client& client, const std::string& field, const std::string& login,
                        const std::string& password, const char* path = "/api/v1/auth/login") {
  std::string body = R"({")" + field + R"(":")" + login + R"(","password":")" + password + R"("})";
  return client.Post(path, body, kJson);
}

// Every Set-Cookie value of a response whose name is `name`.
std::string SetCookie(const httplib::Result& res, const std::string& name) {
  for (const auto& [key, value] : res->headers)
    if (key == "Set-Cookie" && value.rfind(name + "=", 0) == 0) return value;
  return {};
}

// "name=value" of a Set-Cookie header.
std::string CookiePair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

std::string CookieValueOf(const std::string& set_cookie) {
  std::string pair = CookiePair(set_cookie);
  return pair.substr(pair.find('=') + 1);
}

void SetMaintenance(const std::string& db_path, bool on) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  std::string sql =
      on ? "INSERT OR REPLACE INTO system_config(name, value, change_by) VALUES "
           "('MaintenanceMode', 'true', 1), ('MaintenanceMessage', '\"Back at noon\"', 1)"
         : "DELETE FROM system_config WHERE name IN ('MaintenanceMode', 'MaintenanceMessage')";
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

TEST_CASE("The seed's login body gives tokens in data and at the top level") {
  TestServer server;
  auto client = server.Client();
  auto res = LoginAs(client, "username", "admin", "admin");
  REQUIRE(res);
  INFO(res->body);
  REQUIRE(res->status == 200);
  REQUIRE(BodyField(res, "/success") == "true");
  std::string token = BodyField(res, "/data/access_token");
  REQUIRE(token.size() > 40);
  REQUIRE(BodyField(res, "/access_token") == token);
  REQUIRE(BodyField(res, "/token_type") == "Bearer");
  REQUIRE(BodyField(res, "/data/user/login") == "admin");
  REQUIRE(BodyField(res, "/user/role") == "Admin");
  REQUIRE(BodyField(res, "/data/password_change_required") == "true");
  REQUIRE(std::stoi(BodyField(res, "/expires_in")) > 0);
  // The token authenticates a protected route.
  auto logout = client.Post("/api/v1/auth/logout", Bearer(token), "", kJson);
  REQUIRE(logout->status == 200);
  REQUIRE(BodyField(logout, "/data/message") == "Logged out");
}

TEST_CASE("Login accepts login and email, and refuses bad input with one generic message") {
  TestServer server;
  testing::PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  REQUIRE(LoginAs(client, "login", "agent_rw", testing::kTestPassword)->status == 200);
  auto customer = LoginAs(client, "email", "cust_a@acme.example", testing::kTestPassword);
  REQUIRE(customer->status == 200);
  REQUIRE(BodyField(customer, "/data/user/role") == "Customer");

  for (const std::string& login : {std::string("agent_rw"), std::string("nobody")}) {
    auto wrong = LoginAs(client, "username", login, "wrong-password");
    REQUIRE(wrong->status == 401);
    REQUIRE(BodyField(wrong, "/error") == "Invalid credentials");
    REQUIRE(BodyField(wrong, "/success") == "false");
  }
  REQUIRE(client.Post("/api/v1/auth/login", R"({"username":"admin"})", kJson)->status == 400);
  REQUIRE(client.Post("/api/v1/auth/login", R"({"username":"admin",)", kJson)->status == 400);
  auto typed = client.Post("/api/v1/auth/login", R"({"username":7,"password":"x"})", kJson);
  REQUIRE(typed->status == 400);
  REQUIRE(client.Post("/api/v1/auth/login", "username=admin", "text/plain")->status == 415);
  REQUIRE(client.Get("/health")->status == 200);
}

TEST_CASE("The eleventh login attempt in a minute gets 429 with Retry-After") {
  TestServer server;
  auto client = server.Client();
  // Ten different accounts, so that only the per-IP bucket (not the
  // per-account failure backoff) decides.
  for (int i = 0; i < 10; ++i) {
    auto res = LoginAs(client, "username", "someone" + std::to_string(i), "wrong");
    REQUIRE(res->status == 401);
  }
  auto limited = LoginAs(client, "username", "admin", "admin");
  REQUIRE(limited->status == 429);
  REQUIRE(BodyField(limited, "/code") == "core:rate_limited");
  REQUIRE(limited->has_header("Retry-After"));
  REQUIRE(std::stoi(limited->get_header_value("Retry-After")) > 0);
  // The session variant shares the per-IP bucket.
  REQUIRE(LoginAs(client, "username", "admin", "admin", "/api/auth/login")->status == 429);
}

TEST_CASE("Protected routes answer 401 with the credential's precise code") {
  TestServer server;
  auto client = server.Client();
  auto none = client.Post("/api/v1/auth/logout", "", kJson);
  REQUIRE(none->status == 401);
  REQUIRE(BodyField(none, "/code") == "core:unauthorized");
  REQUIRE(BodyField(none, "/success") == "false");
  auto garbage = client.Post("/api/v1/auth/logout", Bearer("not-a-jwt"), "", kJson);
  REQUIRE(garbage->status == 401);
  REQUIRE(BodyField(garbage, "/code") == "core:invalid_token");
  auto api_token = client.Post("/api/v1/auth/logout", Bearer("gf_deadbeef_0000000000"), "", kJson);
  REQUIRE(api_token->status == 401);
  httplib::Headers basic{{"Authorization", "Basic YWRtaW46YWRtaW4="}};
  REQUIRE(client.Post("/api/v1/auth/logout", basic, "", kJson)->status == 401);
}

TEST_CASE("Refresh rotates the refresh token and logout ends the session") {
  TestServer server;
  auto client = server.Client();
  auto login = LoginAs(client, "username", "admin", "admin");
  std::string access = BodyField(login, "/data/access_token");
  std::string refresh = BodyField(login, "/data/refresh_token");

  REQUIRE(client.Post("/api/v1/auth/refresh", "{}", kJson)->status == 400);
  auto rotated = client.Post("/api/v1/auth/refresh", R"({"refresh_token":")" + refresh + R"("})",
                             kJson);
  REQUIRE(rotated->status == 200);
  std::string next_refresh = BodyField(rotated, "/data/refresh_token");
  REQUIRE(next_refresh != refresh);
  REQUIRE(BodyField(rotated, "/data/token_type") == "Bearer");
  REQUIRE(BodyField(rotated, "/data/expires_at").size() == 20);
  auto reused = client.Post("/api/v1/auth/refresh", R"({"refresh_token":")" + refresh + R"("})",
                            kJson);
  REQUIRE(reused->status == 401);
  REQUIRE(BodyField(reused, "/error") == "Invalid or expired refresh token");

  auto fresh = LoginAs(client, "username", "admin", "admin");
  std::string fresh_access = BodyField(fresh, "/data/access_token");
  REQUIRE(client.Post("/api/v1/auth/logout", Bearer(fresh_access), "", kJson)->status == 200);
  auto after = client.Post("/api/v1/auth/logout", Bearer(fresh_access), "", kJson);
  REQUIRE(after->status == 401);
  // The first login's session is untouched by the second one's logout.
  REQUIRE(client.Post("/api/v1/auth/logout", Bearer(access), "", kJson)->status == 401);
}

TEST_CASE("Session login sets the cookies of internal-api.md and answers per request style") {
  TestServer server;
  auto client = server.Client();

  auto json = LoginAs(client, "username", "admin", "admin", "/api/auth/login");
  REQUIRE(json->status == 200);
  REQUIRE(BodyField(json, "/redirect") == "/dashboard");
  REQUIRE(BodyField(json, "/data/redirect") == "/dashboard");
  REQUIRE_FALSE(BodyField(json, "/access_token").empty());
  std::string auth_cookie = SetCookie(json, "auth_token");
  REQUIRE_THAT(auth_cookie, Catch::Contains("HttpOnly") && Catch::Contains("SameSite=Lax") &&
                                Catch::Contains("Path=/;"));
  REQUIRE_FALSE(SetCookie(json, "access_token").empty());
  REQUIRE_FALSE(SetCookie(json, "session_id").empty());
  REQUIRE_THAT(SetCookie(json, "refresh_token"),
               Catch::Contains("Path=/api/auth/refresh") && Catch::Contains("SameSite=Strict") &&
                   Catch::Contains("Max-Age=604800"));
  REQUIRE_THAT(SetCookie(json, "goatflow_logged_in"), !Catch::Contains("HttpOnly"));
  REQUIRE(CookieValueOf(SetCookie(json, "goatflow_csrf")).size() == 64);
  REQUIRE_THAT(auth_cookie, !Catch::Contains("Secure"));

  httplib::Headers htmx{{"HX-Request", "true"}};
  auto fragment = client.Post("/api/auth/login", htmx, R"({"username":"admin","password":"admin"})",
                              kJson);
  REQUIRE(fragment->status == 200);
  REQUIRE(fragment->get_header_value("HX-Redirect") == "/dashboard");
  REQUIRE_THAT(fragment->get_header_value("Content-Type"), Catch::Contains("text/html"));

  auto form = client.Post("/api/auth/login", "username=admin&password=admin",
                          "application/x-www-form-urlencoded");
  REQUIRE(form->status == 303);
  REQUIRE(form->get_header_value("Location") == "/dashboard");
  auto bad_form = client.Post("/api/auth/login", "username=admin&password=nope",
                              "application/x-www-form-urlencoded");
  REQUIRE(bad_form->status == 303);
  REQUIRE(bad_form->get_header_value("Location") == "/login?error=Invalid+username+or+password");

  auto bad_json = LoginAs(client, "username", "admin", "nope", "/api/auth/login");
  REQUIRE(bad_json->status == 401);
  REQUIRE(BodyField(bad_json, "/error") == "invalid credentials");
  auto missing = client.Post("/api/auth/login", R"({"username":"admin"})", kJson);
  REQUIRE(missing->status == 400);
  REQUIRE(BodyField(missing, "/error") == "username and password required");
  httplib::Headers foreign{{"Origin", "https://evil.example"}};
  REQUIRE(client.Post("/api/auth/login", foreign, R"({"username":"admin","password":"admin"})",
                      kJson)->status == 403);
}

TEST_CASE("Cookie-authenticated writes need a CSRF proof; bearer requests do not") {
  TestServer server;
  auto client = server.Client();
  auto login = LoginAs(client, "username", "admin", "admin", "/api/auth/login");
  const std::string cookies = CookiePair(SetCookie(login, "auth_token")) + "; " +
                              CookiePair(SetCookie(login, "session_id")) + "; " +
                              CookiePair(SetCookie(login, "goatflow_csrf"));
  const std::string csrf = CookieValueOf(SetCookie(login, "goatflow_csrf"));

  auto without = client.Post("/api/auth/logout", {{"Cookie", cookies}}, "", kJson);
  REQUIRE(without->status == 403);
  REQUIRE(BodyField(without, "/error") == "CSRF check failed");
  REQUIRE(BodyField(without, "/code") == "core:forbidden");
  auto wrong = client.Post("/api/auth/logout", {{"Cookie", cookies}, {"X-CSRF-Token", csrf + "0"}},
                           "", kJson);
  REQUIRE(wrong->status == 403);
  auto foreign = client.Post(
      "/api/auth/logout",
      {{"Cookie", cookies}, {"HX-Request", "true"}, {"Origin", "https://evil.example"}}, "", kJson);
  REQUIRE(foreign->status == 403);

  auto ok = client.Post("/api/auth/logout", {{"Cookie", cookies}, {"X-CSRF-Token", csrf}}, "",
                        kJson);
  REQUIRE(ok->status == 200);
  REQUIRE(BodyField(ok, "/data/redirect") == "/login");
  REQUIRE_THAT(SetCookie(ok, "auth_token"), Catch::Contains("Max-Age=0"));
  REQUIRE_THAT(SetCookie(ok, "refresh_token"), Catch::Contains("Path=/api/auth/refresh"));
  // The session is gone: the cookies no longer authenticate.
  auto after = client.Post("/api/auth/logout", {{"Cookie", cookies}, {"HX-Request", "true"}}, "",
                           kJson);
  REQUIRE(after->status == 401);

  auto second = LoginAs(client, "username", "admin", "admin", "/api/auth/login");
  const std::string second_cookies = CookiePair(SetCookie(second, "auth_token")) + "; " +
                                     CookiePair(SetCookie(second, "session_id"));
  auto htmx = client.Post("/api/auth/logout", {{"Cookie", second_cookies}, {"HX-Request", "true"}},
                          "", kJson);
  REQUIRE(htmx->status == 200);
  REQUIRE(htmx->body.empty());
  REQUIRE(htmx->get_header_value("HX-Redirect") == "/login");
}

TEST_CASE("The session refresh reads the cookie, checks CSRF and resets the cookies") {
  TestServer server;
  auto client = server.Client();
  auto login = LoginAs(client, "username", "admin", "admin", "/api/auth/login");
  const std::string refresh_cookie = CookiePair(SetCookie(login, "refresh_token"));
  const std::string csrf_cookie = CookiePair(SetCookie(login, "goatflow_csrf"));
  const std::string csrf = CookieValueOf(SetCookie(login, "goatflow_csrf"));

  auto unproven =
      client.Post("/api/auth/refresh", {{"Cookie", refresh_cookie + "; " + csrf_cookie}}, "", kJson);
  REQUIRE(unproven->status == 403);
  auto refreshed = client.Post(
      "/api/auth/refresh", {{"Cookie", refresh_cookie + "; " + csrf_cookie}, {"X-CSRF-Token", csrf}},
      "", kJson);
  REQUIRE(refreshed->status == 200);
  REQUIRE_FALSE(BodyField(refreshed, "/data/access_token").empty());
  REQUIRE(CookieValueOf(SetCookie(refreshed, "auth_token")) ==
          BodyField(refreshed, "/data/access_token"));
  REQUIRE(CookieValueOf(SetCookie(refreshed, "refresh_token")) ==
          BodyField(refreshed, "/data/refresh_token"));
  // The spent cookie is refused and the cookies are cleared.
  auto spent = client.Post(
      "/api/auth/refresh", {{"Cookie", refresh_cookie + "; " + csrf_cookie}, {"X-CSRF-Token", csrf}},
      "", kJson);
  REQUIRE(spent->status == 401);
  REQUIRE_THAT(SetCookie(spent, "refresh_token"), Catch::Contains("Max-Age=0"));
  REQUIRE(client.Post("/api/auth/refresh", "", kJson)->status == 400);
}

TEST_CASE("GET /logout ends the cookie session and redirects to the login page") {
  TestServer server;
  auto client = server.Client();
  auto login = LoginAs(client, "username", "admin", "admin", "/api/auth/login");
  const std::string cookies = CookiePair(SetCookie(login, "auth_token")) + "; " +
                              CookiePair(SetCookie(login, "session_id"));
  auto out = client.Get("/logout", {{"Cookie", cookies}});
  REQUIRE(out->status == 302);
  REQUIRE(out->get_header_value("Location") == "/login");
  REQUIRE_THAT(SetCookie(out, "session_id"), Catch::Contains("Max-Age=0"));
  auto after = client.Post("/api/auth/logout", {{"Cookie", cookies}, {"HX-Request", "true"}}, "",
                           kJson);
  REQUIRE(after->status == 401);
  REQUIRE(client.Get("/logout")->status == 302);  // nothing to end: still a redirect
}

TEST_CASE("Maintenance mode turns non-admins away with 503 while admins, login and health work") {
  TestServer server;
  testing::PermissionWorld world(server.helpdesk());
  auto client = server.Client();
  SetMaintenance(server.db_path(), true);
  auto agent = client.Post("/api/v1/auth/logout", Bearer(world.rw_token), "", kJson);
  REQUIRE(agent->status == 503);
  REQUIRE(BodyField(agent, "/error") == "Back at noon");
  REQUIRE(BodyField(agent, "/code") == "core:service_unavailable");
  REQUIRE(client.Post("/api/v1/auth/logout", Bearer(world.admin_token), "", kJson)->status == 200);
  REQUIRE(LoginAs(client, "username", "agent_ro", testing::kTestPassword)->status == 200);
  REQUIRE(client.Get("/health")->status == 200);
  auto status = client.Get("/api/v1/status");
  REQUIRE(BodyField(status, "/data/maintenance_mode") == "true");
  SetMaintenance(server.db_path(), false);
  REQUIRE(client.Post("/api/v1/auth/logout", Bearer(world.ro_token), "", kJson)->status == 200);
}

TEST_CASE("Authenticated API requests carry the rate-limit headers of their caller's bucket") {
  auto config = TestServer::DefaultConfig();
  config.rate_limits["RateLimit::GeneralPerMinute"] = 3;
  TestServer server(config);
  auto client = server.Client();
  std::string token = testing::AccessToken(server.helpdesk(), "admin", "admin");
  // An anonymous request from the same IP spends the IP's bucket, not the admin's.
  REQUIRE(client.Post("/api/v1/auth/refresh", "{}", kJson)->status == 400);
  auto first = client.Post("/api/v1/auth/logout", Bearer(token), R"({"refresh_token":""})", kJson);
  REQUIRE(first->get_header_value("X-RateLimit-Limit") == "3");
  REQUIRE(first->get_header_value("X-RateLimit-Remaining") == "2");
}

}  // namespace
}  // namespace goatflow
