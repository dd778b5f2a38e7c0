#include "server/http.h"

#include <httplib.h>

#include <boost/json.hpp>
#include <charconv>

#include "goatflow/log.h"
#include "server/cookies.h"

namespace goatflow::server {

HttpError MapError(const Error& error) {
  HttpError mapped{500, "core:internal_error"};
  // No default: a new ErrorCode must be mapped here (the compiler warns).
  switch (error.code) {
    case ErrorCode::kInvalidArgument: mapped = {400, "core:validation_failed"}; break;
    case ErrorCode::kNotFound: mapped = {404, "core:not_found"}; break;
    case ErrorCode::kAlreadyExists: mapped = {409, "core:conflict"}; break;
    case ErrorCode::kConflict: mapped = {409, "core:conflict"}; break;
    // The state of the installation forbids the request (e.g. "LDAP is not
    // configured", api-v1.md §11): a conflict with the current state.
    case ErrorCode::kFailedPrecondition: mapped = {409, "core:conflict"}; break;
    case ErrorCode::kUnauthenticated: mapped = {401, "core:unauthorized"}; break;
    case ErrorCode::kPermissionDenied: mapped = {403, "core:forbidden"}; break;
    case ErrorCode::kRateLimited: mapped = {429, "core:rate_limited"}; break;
    case ErrorCode::kUnavailable: mapped = {503, "core:service_unavailable"}; break;
    case ErrorCode::kInternal: mapped = {500, "core:internal_error"}; break;
  }
  if (!error.wire_code.empty() && error.code != ErrorCode::kInternal) mapped.code = error.wire_code;
  return mapped;
}

Reply Ok(std::string data_json, int status) {
  Reply reply;
  reply.status = status;
  reply.body = json::SuccessEnvelope(data_json);
  return reply;
}

Reply List(std::string items_json, const Pagination& pagination) {
  Reply reply;
  reply.body = json::ListEnvelope(items_json, pagination);
  return reply;
}

Reply Fail(const Error& error) {
  HttpError mapped = MapError(error);
  Reply reply;
  reply.status = mapped.status;
  if (error.code == ErrorCode::kInternal) {
    WriteLog(LogLevel::kError, "internal error: " + error.message);
    reply.body = json::ErrorEnvelope(Error(ErrorCode::kInternal, "Internal server error"),
                                     mapped.code);
    return reply;
  }
  reply.body = json::ErrorEnvelope(error, mapped.code);
  if (error.code == ErrorCode::kRateLimited) {
    if (auto it = error.details.find("retry_after_sec"); it != error.details.end())
      reply.headers.emplace_back("Retry-After", it->second);
  }
  return reply;
}

Reply Fail(int status, std::string_view code, std::string message) {
  Reply reply;
  reply.status = status;
  reply.body = json::ErrorEnvelope(Error(ErrorCode::kInvalidArgument, std::move(message)), code);
  return reply;
}

void AddBearerChallenge(Reply& reply) {
  reply.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"goatflow\"");
}

void AddRateLimitHeaders(Reply& reply, std::int64_t limit, std::int64_t remaining,
                         std::int64_t reset_unix_seconds) {
  reply.headers.emplace_back("X-RateLimit-Limit", std::to_string(limit));
  reply.headers.emplace_back("X-RateLimit-Remaining",
                             std::to_string(remaining < 0 ? 0 : remaining));
  reply.headers.emplace_back("X-RateLimit-Reset", std::to_string(reset_unix_seconds));
}

HttpRequest::HttpRequest(const httplib::Request& raw, RequestContext context,
                         std::vector<std::pair<std::string, std::string>> params, std::string route)
    : raw_(raw),
      context_(std::move(context)),
      params_(std::move(params)),
      route_(std::move(route)) {}

const std::string& HttpRequest::method() const { return raw_.method; }
const std::string& HttpRequest::path() const { return raw_.path; }
const std::string& HttpRequest::body() const { return raw_.body; }

std::optional<std::string> HttpRequest::Header(std::string_view name) const {
  std::string key(name);
  if (!raw_.has_header(key.c_str())) return std::nullopt;
  return raw_.get_header_value(key.c_str());
}

std::optional<std::string> HttpRequest::Query(std::string_view name) const {
  std::string key(name);
  if (!raw_.has_param(key.c_str())) return std::nullopt;
  return raw_.get_param_value(key.c_str());
}

std::map<std::string, std::string> HttpRequest::QueryParams() const {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : raw_.params) out.emplace(name, value);
  return out;
}

PageRequest HttpRequest::Page() const {
  return ParsePageRequest(
      PageQuery{Query("page"), Query("limit"), Query("per_page"), Query("offset")});
}

const std::string& HttpRequest::PathParam(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [key, value] : params_)
    if (key == name) return value;
  return kEmpty;
}

Result<std::int64_t> HttpRequest::PathId(std::string_view name, std::string_view thing) const {
  const std::string& text = PathParam(name);
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Error(ErrorCode::kInvalidArgument, "Invalid " + std::string(thing) + " ID")
        .WithDetail("field", std::string(name))
        .WithWireCode("core:invalid_id");
  }
  return id;
}

std::optional<std::string> HttpRequest::Cookie(std::string_view name) const {
  return CookieValue(raw_.get_header_value("Cookie"), name);
}

bool HttpRequest::IsFormBody() const {
  std::string type = raw_.get_header_value("Content-Type");
  return type.rfind("application/x-www-form-urlencoded", 0) == 0 || raw_.is_multipart_form_data();
}

std::optional<std::string> HttpRequest::FormField(std::string_view name) const {
  std::string key(name);
  if (raw_.is_multipart_form_data()) {
    if (!raw_.has_file(key.c_str())) return std::nullopt;
    return raw_.get_file_value(key.c_str()).content;
  }
  if (!IsFormBody()) return std::nullopt;
  httplib::Params fields;
  httplib::detail::parse_query_text(raw_.body, fields);
  auto it = fields.find(key);
  if (it == fields.end()) return std::nullopt;
  return it->second;
}

Result<boost::json::object> HttpRequest::JsonBody() const {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(raw_.body, ec);
  if (ec || !value.is_object())
    return Error(ErrorCode::kInvalidArgument, "Invalid request body")
        .WithWireCode("core:invalid_request");
  return std::move(value.as_object());
}

}  // namespace goatflow::server
