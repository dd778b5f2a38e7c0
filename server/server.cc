// Server: cpp-httplib configured for throughput (TCP_NODELAY, a sized thread
// pool, keep-alive) with every request funnelled through one dispatcher that
// applies the conventions of api-v1.md §1 before and after the route handler.

#include "server/server.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <fmt/format.h>
#include <random>

#include "goatflow/json.h"
#include "goatflow/log.h"
#include "goatflow/auth.h"
#include "goatflow/health.h"
#include "goatflow/operations.h"
#include "server/cookies.h"
#include "server/csrf.h"
#include "server/health.h"
#include "server/http_metrics.h"
#include "server/metrics_routes.h"
#include "server/routes.h"

namespace goatflow::server {

struct Server::State {
  State(const ServerConfig& c, Helpdesk& h) : config(c), helpdesk(h) {}
  ServerConfig config;
  Helpdesk& helpdesk;
  Router router;
  OperationsAccess operations_access;
  HttpMetrics metrics;
  std::unique_ptr<httplib::Server> http;
  std::atomic<bool> draining{false};
  std::atomic<bool> stop_requested{false};
};

namespace {

// Per-request state. cpp-httplib runs pre-routing, the handler, post-routing
// and the logger of one request on the same worker thread, in that order.
struct RequestState {
  bool active = false;
  std::chrono::steady_clock::time_point start;
  std::string request_id;
  std::string route = "unmatched";
  std::ptrdiff_t route_index = HttpMetrics::kUnmatched;  // into Router::routes()
  bool recorded = false;  // counted in the request metrics
  bool quiet = false;
};
thread_local RequestState t_request;

// A random (version 4) UUID. Request ids are correlation handles, not secrets.
std::string NewRequestId() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::uint64_t hi = engine(), lo = engine();
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                     hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFULL);
}

// The client's X-Request-ID is echoed when it is 1-128 printable ASCII characters.
bool UsableRequestId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

void BeginRequest(HttpMetrics& metrics, const httplib::Request& req) {
  // A request whose log line never ran stays counted in flight until its
  // worker's next request takes over the slot.
  if (!t_request.active) metrics.RequestStarted();
  t_request = RequestState{};
  t_request.active = true;
  t_request.start = std::chrono::steady_clock::now();
  std::string offered = req.get_header_value("X-Request-ID");
  t_request.request_id = UsableRequestId(offered) ? offered : NewRequestId();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "application/json; charset=utf-8" -> "application/json".
std::string MediaType(std::string_view header) {
  return Lower(TrimSpaces(header.substr(0, header.find(';'))));
}

bool IsJsonType(const std::string& type) {
  return type == "application/json" ||
         (type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0);
}

}  // namespace

bool AcceptsJson(std::string_view accept) {
  if (TrimSpaces(accept).empty()) return true;
  std::size_t start = 0;
  while (start <= accept.size()) {
    std::size_t comma = std::min(accept.find(',', start), accept.size());
    std::string type = MediaType(accept.substr(start, comma - start));
    if (type == "*/*" || type == "application/*" || IsJsonType(type)) return true;
    start = comma + 1;
  }
  return false;
}

namespace {

bool Contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The peer address, or, when the peer is a trusted proxy, the right-most
// X-Forwarded-For entry that is not itself a trusted proxy (security.md §10).
std::string ClientIp(const httplib::Request& req, const std::vector<std::string>& trusted) {
  std::string ip = req.remote_addr;
  if (!Contains(trusted, ip) || !req.has_header("X-Forwarded-For")) return ip;
  std::string_view forwarded = req.get_header_value("X-Forwarded-For");
  while (!forwarded.empty()) {
    std::size_t comma = forwarded.rfind(',');
    std::string_view hop =
        TrimSpaces(comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1));
    if (!hop.empty()) {
      ip = std::string(hop);
      if (!Contains(trusted, ip)) break;
    }
    if (comma == std::string_view::npos) break;
    forwarded = forwarded.substr(0, comma);
  }
  return ip;
}

// Paths reach the log without the query string (which may hold secrets);
// control characters are replaced so a path cannot forge log lines.
std::string LoggablePath(const std::string& path) {
  std::string out = path.substr(0, 512);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  return out;
}

bool CorsAllowed(const ServerConfig& config, const std::string& origin) {
  return !origin.empty() &&
         (Contains(config.cors_origins, "*") || Contains(config.cors_origins, origin));
}

Reply Preflight(const Server::State& st, const httplib::Request& req, const Router::Match& match) {
  if (match.allowed.empty()) return Fail(404, "core:not_found", "Resource not found");
  Reply reply;
  reply.status = 204;
  std::string allow = JoinAllowed(match.allowed);
  reply.headers.emplace_back("Allow", allow);
  if (CorsAllowed(st.config, req.get_header_value("Origin")) &&
      req.has_header("Access-Control-Request-Method")) {
    reply.headers.emplace_back("Access-Control-Allow-Methods", allow);
    reply.headers.emplace_back("Access-Control-Allow-Headers",
                               "Authorization, Content-Type, X-Request-ID");
    reply.headers.emplace_back("Access-Control-Max-Age", "600");
  }
  return reply;
}

Reply RunRoute(Server::State& st, const httplib::Request& req, Router::Match match,
             RequestContext context);

// The caller's context from the request's credentials: Authorization first,
// then the auth_token / access_token cookies, then the session_id cookie.
// Cookie-authenticated unsafe requests must pass the CSRF check (403).
// `maintenance` receives the maintenance setting read along the way.
Result<RequestContext> Authenticate(Server::State& st, const httplib::Request& req,
                                    const RequestContext& anonymous,
                                    MaintenanceState& maintenance) {
  Credentials creds;
  creds.authorization = req.get_header_value("Authorization");
  const std::string cookies = req.get_header_value("Cookie");
  auto jwt = CookieValue(cookies, "auth_token");
  if (!jwt) jwt = CookieValue(cookies, "access_token");
  creds.access_token = jwt.value_or("");
  creds.session_id = CookieValue(cookies, "session_id").value_or("");
  auto context = st.helpdesk.Auth().Authenticate(anonymous, creds, &maintenance);
  if (context.ok() && creds.authorization.empty() && IsUnsafeMethod(req.method) &&
      !PassesCsrfCheck(req, st.config))
    return Error(ErrorCode::kPermissionDenied, "CSRF check failed").WithWireCode("core:forbidden");
  return context;
}

// Everything between "a request arrived" and "the handler runs", in the check
// order of api-v1.md §0: 401 authenticate, 429 rate limit, 503 maintenance,
// 404/405 route, 406 Accept, 415 content type, 413 size; the handler then
// parses (400) and calls the library (404, 403, 400, 409).
Reply Handle(Server::State& st, const httplib::Request& req) {
  Router::Match match = st.router.Find(req.method, req.path);
  if (req.method == "OPTIONS") return Preflight(st, req, match);
  // A GET authenticates and runs its use case in one read transaction. Other
  // methods only when their route says so: a handler may hash passwords between
  // reads, and the shared snapshot would hold one of the few reader connections.
  std::optional<SharedReads> reads;
  if (req.method == "GET" || req.method == "HEAD" ||
      (match.route != nullptr && match.route->options.shared_reads))
    reads.emplace(st.helpdesk.ShareReads());
  RequestContext context;
  context.request_id = t_request.request_id;
  context.client_ip = ClientIp(req, st.config.trusted_proxies);
  context.user_agent = req.get_header_value("User-Agent");
  const RouteOptions* options = match.route != nullptr ? &match.route->options : nullptr;
  if (match.route != nullptr) {
    // Logs and metrics label even a refused request (401, 429, 503) by its route.
    t_request.route = match.route->path;
    t_request.route_index = match.route - st.router.routes().data();
  }
  MaintenanceState maintenance;
  bool maintenance_known = false;
  if (options != nullptr && (options->authenticate || options->authenticate_if_presented)) {
    auto authenticated = Authenticate(st, req, context, maintenance);
    if (authenticated.ok()) {
      context = std::move(authenticated).value();
      maintenance_known = true;
    } else if (options->authenticate) {
      Reply refused = Fail(authenticated.error());
      if (refused.status == 401) AddBearerChallenge(refused);
      return refused;
    }
  }
  bool limited = req.path.rfind("/api/", 0) == 0 && (options == nullptr || options->rate_limited);
  RateLimitResult decision;
  if (limited) decision = st.helpdesk.Auth().CheckRequestRate(context);
  Reply reply;
  if (!decision.allowed) {
    reply = Fail(TooManyRequests(decision));
  } else if (Status open = options == nullptr || options->maintenance_exempt
                               ? OkStatus()
                               : st.helpdesk.CheckMaintenance(
                                     context, maintenance_known ? &maintenance : nullptr);
             !open.ok()) {
    reply = Fail(open.error());
  } else {
    reply = RunRoute(st, req, std::move(match), std::move(context));
  }
  if (decision.limit > 0)
    AddRateLimitHeaders(reply, decision.limit, decision.remaining, decision.reset_unix);
  return reply;
}

Reply RunRoute(Server::State& st, const httplib::Request& req, Router::Match match,
             RequestContext context) {
  if (match.route == nullptr) {
    if (match.allowed.empty()) return Fail(404, "core:not_found", "Resource not found");
    Reply reply = Fail(405, "core:method_not_allowed", "Method not allowed");
    reply.headers.emplace_back("Allow", JoinAllowed(match.allowed));
    return reply;
  }
  const Route& route = *match.route;
  t_request.quiet = route.options.quiet;
  if (route.options.json && !AcceptsJson(req.get_header_value("Accept")))
    return Fail(406, "core:not_acceptable", "Not acceptable: responses are application/json");
  if (!req.body.empty()) {
    // A body without Content-Type is parsed as JSON (api-v1.md §0).
    std::string type = MediaType(req.get_header_value("Content-Type"));
    bool form = type == "application/x-www-form-urlencoded" || type == "multipart/form-data";
    if (!type.empty() && !IsJsonType(type) && !(form && route.options.form_body))
      return Fail(415, "core:unsupported_media_type",
                  "Unsupported media type: send application/json");
    std::size_t limit =
        route.options.large_body ? st.config.max_upload_bytes : st.config.max_body_bytes;
    if (req.body.size() > limit) return Fail(413, "core:invalid_request", "Request body too large");
  }
  HttpRequest request(req, std::move(context), std::move(match.params), route.path);
  // The server's one catch-all: a throwing handler is a bug, answered with a
  // bare 500 and logged with the request id (never sent to the client).
  try {
    return route.handler(request);
  } catch (const std::exception& e) {
    WriteLog(LogLevel::kError, fmt::format("handler {} {} threw: {} (request {})", req.method,
                                           route.path, e.what(), t_request.request_id));
  } catch (...) {
    WriteLog(LogLevel::kError, fmt::format("handler {} {} threw a non-exception (request {})",
                                           req.method, route.path, t_request.request_id));
  }
  return Fail(500, "core:internal_error", "Internal server error");
}

void Apply(Reply reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
  if (reply.body.empty()) return;
  // What set_content does, without copying the body (a list page is ~13 KB).
  res.body = std::move(reply.body);
  res.headers.erase("Content-Type");
  res.set_header("Content-Type", reply.content_type);
}

// Errors cpp-httplib answers before routing (bad request line, URI too long,
// body beyond the global limit) get the envelope too.
void RenderTransportError(const httplib::Request&, httplib::Response& res) {
  if (!res.body.empty()) return;  // a handler's own envelope
  Reply reply;
  switch (res.status) {
    case 404: reply = Fail(404, "core:not_found", "Resource not found"); break;
    case 413: reply = Fail(413, "core:invalid_request", "Request body too large"); break;
    case 414: reply = Fail(414, "core:invalid_request", "Request URI too long"); break;
    case 500: reply = Fail(500, "core:internal_error", "Internal server error"); break;
    default: reply = Fail(res.status, "core:invalid_request", "Bad request"); break;
  }
  res.set_content(reply.body, reply.content_type.c_str());
}

// Counts the request once its status is final. Done before the response is
// written, so a client that has read the response finds it in the next scrape.
void RecordRequest(HttpMetrics& metrics, const httplib::Request& req, int status) {
  RequestState& t = t_request;
  if (t.recorded) return;
  t.recorded = true;
  metrics.Record(req.method, t.route_index, status,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t.start).count());
}

void FinishHeaders(Server::State& st, const httplib::Request& req, httplib::Response& res) {
  const ServerConfig& config = st.config;
  if (!t_request.active) BeginRequest(st.metrics, req);  // rejected before routing
  RecordRequest(st.metrics, req, res.status);
  res.set_header("X-Request-ID", t_request.request_id);
  res.set_header("X-API-Version", "1.0");
  if (!res.has_header("Content-Type"))
    res.set_header("Content-Type", std::string(kJsonContentType));
  std::string origin = req.get_header_value("Origin");
  if (CorsAllowed(config, origin)) {
    // Never Access-Control-Allow-Credentials (api-v1.md §0).
    res.set_header("Access-Control-Allow-Origin", origin);
    res.set_header("Vary", "Origin");
    res.set_header("Access-Control-Expose-Headers",
                   "X-Request-ID, X-API-Version, X-RateLimit-Limit, X-RateLimit-Remaining, "
                   "X-RateLimit-Reset, Retry-After");
  }
}

// The log line, once the response is written; the request leaves the in-flight gauge.
void AccessLog(HttpMetrics& metrics, const httplib::Request& req, const httplib::Response& res) {
  if (!t_request.active) BeginRequest(metrics, req);
  RecordRequest(metrics, req, res.status);
  RequestState& t = t_request;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t.start).count();
  metrics.RequestFinished();
  LogLevel level = t.quiet && res.status < 400 ? LogLevel::kDebug : LogLevel::kInfo;
  if (ShouldLog(level)) {
    WriteLog(level, fmt::format("http {} {} {} {:.1f}ms route={} request_id={}", req.method,
                                LoggablePath(req.path), res.status, seconds * 1000, t.route,
                                t.request_id));
  }
  t.active = false;
}

}  // namespace

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServerConfig& config, Helpdesk& helpdesk) {
  auto state = std::make_unique<State>(config, helpdesk);
  auto access = OperationsAccess::Create(config.operations);
  if (!access.ok()) return access.error();
  state->operations_access = std::move(access).value();
  if (!config.tls_cert.empty()) {
    state->http = std::make_unique<httplib::SSLServer>(config.tls_cert.c_str(),
                                                       config.tls_key.c_str());
  } else {
    state->http = std::make_unique<httplib::Server>();
  }
  if (!state->http->is_valid())
    return Error(ErrorCode::kInvalidArgument, "cannot load the TLS certificate or key");
  State& st = *state;
  httplib::Server& http = *st.http;
  // Without TCP_NODELAY small responses wait for delayed ACKs (~300 requests/s
  // under keep-alive); the pool holds one thread per keep-alive connection.
  http.set_tcp_nodelay(true);
  std::size_t threads = static_cast<std::size_t>(config.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_keep_alive_max_count(static_cast<std::size_t>(config.keep_alive_max_requests));
  http.set_keep_alive_timeout(config.keep_alive_timeout_seconds);
  http.set_payload_max_length(std::max(config.max_body_bytes, config.max_upload_bytes));
  http.set_pre_routing_handler([&st](const httplib::Request& req, httplib::Response&) {
    BeginRequest(st.metrics, req);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_post_routing_handler([&st](const httplib::Request& req, httplib::Response& res) {
    FinishHeaders(st, req, res);
  });
  http.set_error_handler(RenderTransportError);
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        Apply(Fail(500, "core:internal_error", "Internal server error"), res);
      });
  http.set_logger([&st](const httplib::Request& req, const httplib::Response& res) {
    AccessLog(st.metrics, req, res);
  });
  auto dispatch = [&st](const httplib::Request& req, httplib::Response& res) {
    Apply(Handle(st, req), res);
  };
  const std::string any = R"([\s\S]*)";
  http.Get(any, dispatch);
  http.Post(any, dispatch);
  http.Put(any, dispatch);
  http.Patch(any, dispatch);
  http.Delete(any, dispatch);
  http.Options(any, dispatch);
  RegisterHealthRoutes(st.router, helpdesk, st.draining, st.operations_access);
  RegisterMetricsRoute(st.router, helpdesk, st.operations_access, st.metrics);
  RegisterApiRoutes(st.router, helpdesk, st.config);
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

Router& Server::router() { return state_->router; }
const ServerConfig& Server::config() const { return state_->config; }

Result<int> Server::Bind() {
  const ServerConfig& c = state_->config;
  int port = c.port == 0 ? state_->http->bind_to_any_port(c.host)
                         : (state_->http->bind_to_port(c.host, c.port) ? c.port : -1);
  if (port <= 0)
    return Error(ErrorCode::kUnavailable, fmt::format("cannot listen on {}:{}", c.host, c.port));
  return port;
}

Status Server::Serve() {
  if (state_->stop_requested) return OkStatus();
  // The route table is complete now; request metrics index into it.
  state_->metrics.Prepare(state_->router.routes().size());
  bool ok = state_->http->listen_after_bind();
  if (!ok && !state_->stop_requested)
    return Error(ErrorCode::kUnavailable, "the server stopped accepting connections");
  return OkStatus();
}

void Server::Stop() {
  state_->draining = true;
  state_->stop_requested = true;
  state_->http->stop();
}

bool Server::running() const { return state_->http->is_running(); }
bool Server::draining() const { return state_->draining; }

}  // namespace goatflow::server
