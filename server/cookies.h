#pragma once

// Cookies of the browser session (internal-api.md §2, api-v1.md §0): reading
// the Cookie header and building Set-Cookie values. Session cookies are
// HttpOnly and SameSite=Lax, the refresh cookie SameSite=Strict on its own
// path; `secure` adds Secure (HTTPS).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace goatflow::server {

// The value of cookie `name` in a Cookie header ("a=1; b=2"), if present.
std::optional<std::string> CookieValue(std::string_view cookie_header, std::string_view name);

struct CookieSpec {
  std::string_view name;
  std::string_view value;
  std::int64_t max_age = 0;  // seconds; < 0 expires the cookie
  std::string_view path = "/";
  bool http_only = true;
  std::string_view same_site = "Lax";
  bool secure = false;
};

// "name=value; Path=/; Max-Age=…; HttpOnly; SameSite=Lax[; Secure]".
std::string SetCookieValue(const CookieSpec& spec);

}  // namespace goatflow::server
