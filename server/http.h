#pragma once

// What an endpoint handler sees: HttpRequest (path parameters, query, body,
// the caller's RequestContext) and Reply (status, body, headers), plus the one
// mapping from library errors to HTTP (docs/errors.md). A handler is
// parse -> one library call -> render:
//
//   router.Get("/api/v1/queues/:id", [&hd](HttpRequest& req) -> Reply {
//     GOATFLOW_HTTP_ASSIGN(auto id, req.PathId("id", "queue"));
//     return Render(hd.Queues().Get(req.context(), id));
//   });

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/json.h"
#include "goatflow/pagination.h"

namespace httplib {
struct Request;
}

namespace goatflow::server {

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = std::string(kJsonContentType);
  std::vector<std::pair<std::string, std::string>> headers;
};

// HTTP status and `core:*` code of a library error: the category decides the
// status, a non-empty wire_code replaces the default code string.
struct HttpError {
  int status;
  std::string code;
};
HttpError MapError(const Error& error);

// {"success":true,"data":...} with `status` (200, or 201 for creations).
Reply Ok(std::string data_json, int status = 200);
// {"success":true,"data":[...],"pagination":{...}}.
Reply List(std::string items_json, const Pagination& pagination);
// The error envelope with the mapped status. Internal errors show only
// "Internal server error" (their message is logged); rate_limited errors with
// a "retry_after_sec" detail also set Retry-After.
Reply Fail(const Error& error);
// An error the transport layer decides itself (404, 405, 406, 413, 415).
Reply Fail(int status, std::string_view code, std::string message);

// Renders a Result through json::ToJson(T) into the envelope, or its error.
template <typename T>
Reply Render(const Result<T>& result, int status = 200) {
  if (!result.ok()) return Fail(result.error());
  return Ok(json::ToJson(result.value()), status);
}

// Adds `WWW-Authenticate: Bearer realm="goatflow"` (every 401, RFC 9110 §11.6.1).
void AddBearerChallenge(Reply& reply);

// True when an Accept header admits JSON (empty, */*, application/*,
// application/json, or a +json type).
bool AcceptsJson(std::string_view accept);

// Sets X-RateLimit-Limit/-Remaining/-Reset (security.md §10).
void AddRateLimitHeaders(Reply& reply, std::int64_t limit, std::int64_t remaining,
                         std::int64_t reset_unix_seconds);

class HttpRequest {
 public:
  HttpRequest(const httplib::Request& raw, RequestContext context,
              std::vector<std::pair<std::string, std::string>> params, std::string route);

  const std::string& method() const;
  const std::string& path() const;
  const std::string& route() const { return route_; }  // the matched template
  const std::string& body() const;
  const RequestContext& context() const { return context_; }
  const httplib::Request& raw() const { return raw_; }

  std::optional<std::string> Header(std::string_view name) const;
  // A query parameter; nullopt when absent.
  std::optional<std::string> Query(std::string_view name) const;
  // Every query parameter (the first value of a repeated one).
  std::map<std::string, std::string> QueryParams() const;
  // page/limit/per_page/offset of the query string (api-v1.md §1.4).
  PageRequest Page() const;
  // A `:name` segment of the route ("" if the route has none).
  const std::string& PathParam(std::string_view name) const;
  // A positive 64-bit id from `:name`. Errors: invalid_argument
  // "Invalid <thing> ID" (core:invalid_id).
  Result<std::int64_t> PathId(std::string_view name, std::string_view thing) const;
  // A Cookie header value; nullopt when absent.
  std::optional<std::string> Cookie(std::string_view name) const;
  // True when the body is a form (application/x-www-form-urlencoded or
  // multipart/form-data) rather than JSON.
  bool IsFormBody() const;
  // A text field of a form body; nullopt when absent.
  std::optional<std::string> FormField(std::string_view name) const;
  // The body as a JSON object. Content type and size were checked before the
  // handler ran. Errors: invalid_argument "Invalid request body" (core:invalid_request).
  Result<boost::json::object> JsonBody() const;

 private:
  const httplib::Request& raw_;
  RequestContext context_;
  std::vector<std::pair<std::string, std::string>> params_;
  std::string route_;
};

}  // namespace goatflow::server

// `GOATFLOW_HTTP_ASSIGN(auto x, expr);` declares x from a Result, or returns
// Fail(error) from the handler.
#define GOATFLOW_HTTP_CONCAT_INNER(a, b) a##b
#define GOATFLOW_HTTP_CONCAT(a, b) GOATFLOW_HTTP_CONCAT_INNER(a, b)
#define GOATFLOW_HTTP_ASSIGN(lhs, expr) \
  GOATFLOW_HTTP_ASSIGN_IMPL(GOATFLOW_HTTP_CONCAT(goatflow_http_result_, __LINE__), lhs, expr)
#define GOATFLOW_HTTP_ASSIGN_IMPL(tmp, lhs, expr)                           \
  auto tmp = (expr);                                                        \
  if (!tmp.ok()) return ::goatflow::server::Fail(std::move(tmp).error());   \
  lhs = std::move(tmp).value()
