#pragma once

// Cross-site request forgery defence for cookie-authenticated requests
// (internal-api.md §2.5, security.md §4.1). Requests authenticated with
// `Authorization: Bearer` are exempt: a foreign page cannot set that header.

#include <httplib.h>

#include "server/config.h"

namespace goatflow::server {

inline constexpr std::string_view kCsrfCookie = "goatflow_csrf";

// POST, PUT, PATCH and DELETE.
bool IsUnsafeMethod(const std::string& method);

// False when Origin (else Referer) is present and names another origin than
// this server's: the public URL when configured, else the request's Host.
bool FromOwnOrigin(const httplib::Request& req, const ServerConfig& config);

// The full check of a cookie-authenticated unsafe request: own origin, and a
// proof a cross-site form cannot produce (HX-Request: true,
// X-Requested-With: XMLHttpRequest, or the goatflow_csrf cookie echoed in
// X-CSRF-Token or the form field csrf_token; compared in constant time).
bool PassesCsrfCheck(const httplib::Request& req, const ServerConfig& config);

}  // namespace goatflow::server
