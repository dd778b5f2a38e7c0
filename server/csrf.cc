#include "server/csrf.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "server/cookies.h"

namespace goatflow::server {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "https://host:port/path?x" -> "https://host:port" (lower case); "" if no scheme.
std::string OriginOf(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  std::size_t host_end = url.find_first_of("/?#", scheme_end + 3);
  std::string origin = Lower(url.substr(0, host_end));
  // The default port is the same origin as no port.
  auto strip = [&origin](std::string_view scheme, std::string_view port) {
    if (origin.rfind(scheme, 0) == 0 && origin.size() > port.size() &&
        origin.compare(origin.size() - port.size(), port.size(), port) == 0)
      origin.resize(origin.size() - port.size());
  };
  strip("http://", ":80");
  strip("https://", ":443");
  return origin;
}

bool EqualConstantTime(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

bool IsUnsafeMethod(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool FromOwnOrigin(const httplib::Request& req, const ServerConfig& config) {
  std::string claimed = req.get_header_value("Origin");
  if (claimed.empty()) claimed = req.get_header_value("Referer");
  if (claimed.empty()) return true;
  if (claimed == "null") return false;  // sandboxed or privacy-redirected documents
  std::string own = !config.public_url.empty()
                        ? OriginOf(config.public_url)
                        : OriginOf((config.tls_cert.empty() ? "http://" : "https://") +
                                   req.get_header_value("Host"));
  return !own.empty() && OriginOf(claimed) == own;
}

bool PassesCsrfCheck(const httplib::Request& req, const ServerConfig& config) {
  if (!FromOwnOrigin(req, config)) return false;
  if (Lower(req.get_header_value("HX-Request")) == "true") return true;
  if (Lower(req.get_header_value("X-Requested-With")) == "xmlhttprequest") return true;
  auto cookie = CookieValue(req.get_header_value("Cookie"), kCsrfCookie);
  if (!cookie || cookie->size() < 16) return false;
  std::string echoed = req.get_header_value("X-CSRF-Token");
  if (echoed.empty() && req.has_param("csrf_token")) echoed = req.get_param_value("csrf_token");
  return EqualConstantTime(*cookie, echoed);
}

}  // namespace goatflow::server
