// Sign-in endpoints: the token API of api-v1.md §3 (/api/v1/auth/*) and the
// browser session variants of internal-api.md §2 (/api/auth/*, /logout) with
// their cookies and CSRF rules.

#include <sodium.h>

#include <boost/json.hpp>

#include <array>
#include <fmt/format.h>

#include "goatflow/auth.h"
#include "goatflow/json.h"
#include "server/body.h"
#include "server/cookies.h"
#include "server/csrf.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

constexpr RouteOptions kPublic{.authenticate = false, .maintenance_exempt = true};
constexpr RouteOptions kPublicForm{
    .form_body = true, .authenticate = false, .maintenance_exempt = true};
constexpr std::int64_t kRefreshCookieMaxAge = 604800;  // 7 days (internal-api.md §2.1)
constexpr std::string_view kRefreshCookiePath = "/api/auth/refresh";

bool IsHtmx(const HttpRequest& req) {
  auto value = req.Header("HX-Request");
  return value && *value == "true";
}

// The first present field among `names` of a JSON or form body.
std::optional<std::string> FirstField(const HttpRequest& req, BodyReader* json,
                                      std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    std::optional<std::string> value = json ? json->String(name) : req.FormField(name);
    if (value && !value->empty()) return value;
  }
  return std::nullopt;
}

Reply Html(int status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.content_type = "text/html; charset=utf-8";
  reply.body = std::move(body);
  return reply;
}

Reply Redirect(int status, std::string location) {
  Reply reply;
  reply.status = status;
  reply.headers.emplace_back("Location", std::move(location));
  return reply;
}

std::string RandomToken() {
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  return std::string(hex.data());
}

class Cookies {
 public:
  explicit Cookies(const ServerConfig& config)
      : secure_(!config.tls_cert.empty() || config.public_url.rfind("https://", 0) == 0) {}

  void Set(Reply& reply, CookieSpec spec) const {
    spec.secure = secure_;
    reply.headers.emplace_back("Set-Cookie", SetCookieValue(spec));
  }

  // The session cookies of a successful login or refresh.
  void SetTokens(Reply& reply, const TokenPair& tokens, std::int64_t max_age) const {
    Set(reply, {.name = "auth_token", .value = tokens.access_token, .max_age = max_age});
    Set(reply, {.name = "access_token", .value = tokens.access_token, .max_age = max_age});
    Set(reply, {.name = "refresh_token",
                .value = tokens.refresh_token,
                .max_age = kRefreshCookieMaxAge,
                .path = kRefreshCookiePath,
                .same_site = "Strict"});
  }

  // Expires every cookie a login may have set, each on the path it was set with.
  void Clear(Reply& reply) const {
    for (std::string_view name :
         {"access_token", "auth_token", "token", "session_id", "customer_access_token",
          "customer_auth_token", "customer_session_id"})
      Set(reply, {.name = name, .value = "", .max_age = -1});
    for (std::string_view name :
         {std::string_view("goatflow_logged_in"), std::string_view("goatflow_customer_logged_in"), kCsrfCookie})
      Set(reply, {.name = name, .value = "", .max_age = -1, .http_only = false});
    Set(reply, {.name = "refresh_token",
                .value = "",
                .max_age = -1,
                .path = kRefreshCookiePath,
                .same_site = "Strict"});
  }

 private:
  bool secure_;
};

std::string LandingPage(PrincipalKind kind) {
  return kind == PrincipalKind::kCustomer ? "/customer" : "/dashboard";
}

std::string LoginPage(PrincipalKind kind) {
  return kind == PrincipalKind::kCustomer ? "/customer/login" : "/login";
}

Reply CsrfFailure() {
  return Fail(Error(ErrorCode::kPermissionDenied, "CSRF check failed").WithWireCode("core:forbidden"));
}

// POST /api/v1/auth/login: JSON only, the seed's `username` or `login`/`email`.
Reply ApiLogin(Helpdesk& hd, HttpRequest& req) {
  GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
  BodyReader in(body);
  LoginRequest request;
  request.login = FirstField(req, &in, {"username", "login", "email"}).value_or("");
  request.password = in.String("password").value_or("");
  if (!in.ok()) return Fail(in.error());
  GOATFLOW_HTTP_ASSIGN(auto login, hd.Auth().Login(req.context(), request));
  Reply reply;
  reply.body = json::LoginEnvelope(login);
  return reply;
}

// POST /api/auth/login: JSON, HTMX or a plain form post (internal-api.md §2.1).
Reply SessionLogin(Helpdesk& hd, const ServerConfig& config, HttpRequest& req) {
  enum class Style { kJson, kHtmx, kForm };
  const Style style = IsHtmx(req) ? Style::kHtmx : req.IsFormBody() ? Style::kForm : Style::kJson;
  if (!FromOwnOrigin(req.raw(), config)) return CsrfFailure();
  std::optional<boost::json::object> body;
  if (!req.IsFormBody()) {
    GOATFLOW_HTTP_ASSIGN(body, req.JsonBody());
  }
  std::optional<BodyReader> json;
  if (body) json.emplace(*body);
  BodyReader* reader = json ? &*json : nullptr;
  LoginRequest request;
  request.login = FirstField(req, reader, {"username", "login", "email", "user"}).value_or("");
  request.password = FirstField(req, reader, {"password"}).value_or("");
  if (reader && !reader->ok()) return Fail(reader->error());
  if (request.login.empty() || request.password.empty()) {
    if (style == Style::kJson)
      return Fail(Error(ErrorCode::kInvalidArgument, "username and password required")
                      .WithWireCode("core:invalid_request"));
    return Html(400, R"(<div class="alert alert-error">Username and password required</div>)");
  }
  auto login = hd.Auth().Login(req.context(), request);
  if (!login.ok()) {
    const Error& error = login.error();
    bool bad_credentials = error.code == ErrorCode::kUnauthenticated;
    if (style == Style::kJson) {
      if (!bad_credentials) return Fail(error);
      return Fail(Error(ErrorCode::kUnauthenticated, "invalid credentials")
                      .WithWireCode("core:invalid_credentials"));
    }
    std::string message = bad_credentials ? "Invalid username or password" : error.message;
    if (style == Style::kForm && bad_credentials)
      return Redirect(303, "/login?error=Invalid+username+or+password");
    Reply reply = Fail(error);
    return Html(reply.status,
                fmt::format(R"(<div class="alert alert-error">{}</div>)",
                            message == "Too many requests" ? "Too many login attempts" : message));
  }
  const std::string redirect = LandingPage(login->user.kind);
  Reply reply;
  switch (style) {
    case Style::kJson: reply.body = json::LoginEnvelope(*login, redirect); break;
    case Style::kHtmx:
      reply = Html(200, "Login successful, redirecting...");
      reply.headers.emplace_back("HX-Redirect", redirect);
      break;
    case Style::kForm: reply = Redirect(303, redirect); break;
  }
  Cookies cookies(config);
  const std::int64_t max_age = login->session_max_age;
  cookies.SetTokens(reply, login->tokens, max_age);
  cookies.Set(reply, {.name = "session_id", .value = login->session_id, .max_age = max_age});
  cookies.Set(reply,
              {.name = "goatflow_logged_in", .value = "1", .max_age = max_age, .http_only = false});
  const std::string csrf = RandomToken();
  cookies.Set(reply, {.name = kCsrfCookie, .value = csrf, .max_age = max_age, .http_only = false});
  return reply;
}

// POST /api/auth/refresh: the refresh token from the JSON body or the cookie
// (then the request is cookie-authenticated and passes the CSRF check).
Reply SessionRefresh(Helpdesk& hd, const ServerConfig& config, HttpRequest& req) {
  std::optional<std::string> token;
  if (!req.body().empty()) {
    GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
    BodyReader in(body);
    token = in.String("refresh_token");
    if (!in.ok()) return Fail(in.error());
  }
  Cookies cookies(config);
  if (!token) {
    token = req.Cookie("refresh_token");
    if (token && !PassesCsrfCheck(req.raw(), config)) return CsrfFailure();
  }
  if (!token || token->empty())
    return Fail(Error(ErrorCode::kInvalidArgument, "refresh_token is required")
                    .WithDetail("field", "refresh_token")
                    .WithDetail("reason", "required")
                    .WithWireCode("core:invalid_request"));
  auto tokens = hd.Auth().Refresh(req.context(), *token);
  if (!tokens.ok()) {
    Reply reply = Fail(tokens.error());
    if (tokens.error().code == ErrorCode::kUnauthenticated) cookies.Clear(reply);
    return reply;
  }
  Reply reply = Ok(json::ToJson(*tokens));
  cookies.SetTokens(reply, *tokens, tokens->expires_in);
  return reply;
}

// POST /api/auth/logout (authenticated) and GET /logout (best effort, no
// authentication required): end the session, expire the cookies.
Reply SessionLogout(Helpdesk& hd, const ServerConfig& config, HttpRequest& req,
                    const RequestContext& ctx, bool page_link) {
  const std::string refresh = req.Cookie("refresh_token").value_or("");
  if (ctx.principal.kind != PrincipalKind::kAnonymous) {
    Status done = hd.Auth().Logout(ctx, refresh);
    if (!done.ok() && !page_link) return Fail(done.error());
  }
  const std::string login_page = LoginPage(ctx.principal.kind);
  Reply reply;
  if (page_link) {
    reply = Redirect(302, login_page);
  } else if (IsHtmx(req)) {
    reply.headers.emplace_back("HX-Redirect", login_page);
  } else {
    reply = Ok(boost::json::serialize(boost::json::object{{"redirect", login_page}}));
  }
  Cookies(config).Clear(reply);
  return reply;
}

}  // namespace

void RegisterAuthRoutes(Router& router, Helpdesk& hd, const ServerConfig& config) {
  router.Post("/api/v1/auth/login", [&hd](HttpRequest& req) { return ApiLogin(hd, req); },
              kPublic);
  router.Post(
      "/api/v1/auth/refresh",
      [&hd](HttpRequest& req) -> Reply {
        GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
        BodyReader in(body);
        auto token = in.String("refresh_token");
        if (!in.ok()) return Fail(in.error());
        if (!token || token->empty())
          return Fail(Error(ErrorCode::kInvalidArgument, "refresh_token is required")
                          .WithDetail("field", "refresh_token")
                          .WithDetail("reason", "required")
                          .WithWireCode("core:invalid_request"));
        return Render(hd.Auth().Refresh(req.context(), *token));
      },
      kPublic);
  router.Post("/api/v1/auth/logout", [&hd](HttpRequest& req) -> Reply {
    std::string refresh;
    if (!req.body().empty()) {
      GOATFLOW_HTTP_ASSIGN(auto body, req.JsonBody());
      BodyReader in(body);
      refresh = in.String("refresh_token").value_or("");
      if (!in.ok()) return Fail(in.error());
    }
    Status done = hd.Auth().Logout(req.context(), refresh);
    if (!done.ok()) return Fail(done.error());
    if (IsHtmx(req)) {
      Reply reply;
      reply.headers.emplace_back("HX-Redirect", "/login");
      return reply;
    }
    return Ok(R"({"message":"Logged out"})");
  });

  router.Post(
      "/api/auth/login",
      [&hd, &config](HttpRequest& req) { return SessionLogin(hd, config, req); }, kPublicForm);
  router.Post(
      "/api/auth/refresh",
      [&hd, &config](HttpRequest& req) { return SessionRefresh(hd, config, req); }, kPublic);
  router.Post("/api/auth/logout", [&hd, &config](HttpRequest& req) {
    return SessionLogout(hd, config, req, req.context(), false);
  });
  for (const char* path : {"/logout", "/customer/logout"}) {
    router.Get(
        path,
        [&hd, &config](HttpRequest& req) {
          // A page link: no CSRF proof exists, and ending a session is harmless.
          Credentials creds;
          creds.access_token = req.Cookie("auth_token").value_or(req.Cookie("access_token").value_or(""));
          creds.session_id = req.Cookie("session_id").value_or("");
          auto ctx = hd.Auth().Authenticate(req.context(), creds);
          return SessionLogout(hd, config, req, ctx.ok() ? *ctx : req.context(), true);
        },
        RouteOptions{.json = false, .authenticate = false, .maintenance_exempt = true});
  }
}

}  // namespace goatflow::server
