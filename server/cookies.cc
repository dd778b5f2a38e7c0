#include "server/cookies.h"

#include <fmt/format.h>

namespace goatflow::server {

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    std::size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || pair.substr(0, eq) != name) continue;
    std::string_view value = pair.substr(eq + 1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return std::nullopt;
}

std::string SetCookieValue(const CookieSpec& spec) {
  std::string out = fmt::format("{}={}; Path={}; Max-Age={}", spec.name, spec.value, spec.path,
                                spec.max_age < 0 ? 0 : spec.max_age);
  if (spec.max_age < 0) out += "; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
  if (spec.http_only) out += "; HttpOnly";
  if (!spec.same_site.empty()) out += fmt::format("; SameSite={}", spec.same_site);
  if (spec.secure) out += "; Secure";
  return out;
}

}  // namespace goatflow::server
