#pragma once

// Route table of the HTTP server. Templates are literal segments and
// `:name` parameters ("/api/v1/tickets/:id/articles/:article_id"). The router
// knows every method registered per path, so the server answers a known path
// with a wrong method 405 (with Allow) and an unknown path 404, both in the
// envelope. HEAD is served by the GET route (without a body).

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http.h"

namespace goatflow::server {

using Handler = std::function<Reply(HttpRequest& request)>;

struct RouteOptions {
  // Body limit: false = max_body_bytes (1 MiB), true = max_upload_bytes
  // (16 MiB; ticket and article create, api-v1.md §0).
  bool large_body = false;
  // Also accept application/x-www-form-urlencoded and multipart/form-data bodies.
  bool form_body = false;
  // Successful requests are logged at debug level (health probes, health.md §1).
  bool quiet = false;
  // Responses are JSON: an Accept header excluding JSON gives 406.
  bool json = true;
  // /api/* routes count against the general rate limit (health routes do not).
  bool rate_limited = true;
  // The caller must present a valid credential (401 otherwise); public routes
  // (login, refresh, health, the OpenAPI document) run anonymous.
  bool authenticate = true;
  // With authenticate false: credentials, when presented and valid, still
  // set the caller; invalid or absent ones leave it anonymous and the handler
  // decides (/metrics and /health/detailed admit admins, spec/health.md §4).
  bool authenticate_if_presented = false;
  // Authentication and the handler's library calls share one read transaction
  // (Helpdesk::ShareReads), as every GET and HEAD does; for other methods only
  // where the handler does no slow work between reads (no password hashing).
  bool shared_reads = false;
  // Served while MaintenanceMode is on (health, status, login); other routes
  // then answer non-admin callers 503 (api-v1.md §0).
  bool maintenance_exempt = false;
};

struct Route {
  std::string method;  // upper case
  std::string path;    // the template, also the route label of logs and metrics
  std::vector<std::string> segments;
  Handler handler;
  RouteOptions options;
};

class Router {
 public:
  // Registers `handler`; a second registration of the same method and
  // template replaces the first.
  void Add(std::string method, std::string path, Handler handler, RouteOptions options = {});
  void Get(std::string path, Handler handler, RouteOptions options = {});
  void Post(std::string path, Handler handler, RouteOptions options = {});
  void Put(std::string path, Handler handler, RouteOptions options = {});
  void Patch(std::string path, Handler handler, RouteOptions options = {});
  void Delete(std::string path, Handler handler, RouteOptions options = {});

  struct Match {
    const Route* route = nullptr;  // null: no route for this method
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> allowed;  // methods of the path (for 405 / OPTIONS); empty: 404
  };
  // `method` "HEAD" matches GET routes.
  Match Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// "GET, HEAD, POST" for an Allow header.
std::string JoinAllowed(const std::vector<std::string>& methods);

}  // namespace goatflow::server
