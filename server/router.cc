#include "server/router.h"

#include <algorithm>

namespace goatflow::server {
namespace {

// Splits "/a/b/c" into {"a","b","c"}; "/" gives {}. A trailing slash gives an
// empty last segment, so "/api/v1/tickets/" does not match "/api/v1/tickets".
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty() || path.front() != '/') return {std::string_view()};
  path.remove_prefix(1);
  if (path.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      parts.push_back(path.substr(start));
      return parts;
    }
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
}

bool MatchSegments(const Route& route, const std::vector<std::string_view>& parts,
                   std::vector<std::pair<std::string, std::string>>* params) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& seg = route.segments[i];
    if (!seg.empty() && seg.front() == ':') {
      if (parts[i].empty()) return false;
      if (params) params->emplace_back(seg.substr(1), std::string(parts[i]));
    } else if (seg != parts[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::Add(std::string method, std::string path, Handler handler, RouteOptions options) {
  Route route{std::move(method), std::move(path), {}, std::move(handler), options};
  for (std::string_view part : SplitPath(route.path)) route.segments.emplace_back(part);
  for (auto& existing : routes_) {
    if (existing.method == route.method && existing.path == route.path) {
      existing = std::move(route);
      return;
    }
  }
  routes_.push_back(std::move(route));
}

void Router::Get(std::string path, Handler handler, RouteOptions options) {
  Add("GET", std::move(path), std::move(handler), options);
}
void Router::Post(std::string path, Handler handler, RouteOptions options) {
  Add("POST", std::move(path), std::move(handler), options);
}
void Router::Put(std::string path, Handler handler, RouteOptions options) {
  Add("PUT", std::move(path), std::move(handler), options);
}
void Router::Patch(std::string path, Handler handler, RouteOptions options) {
  Add("PATCH", std::move(path), std::move(handler), options);
}
void Router::Delete(std::string path, Handler handler, RouteOptions options) {
  Add("DELETE", std::move(path), std::move(handler), options);
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  std::string_view wanted = method == "HEAD" ? std::string_view("GET") : method;
  auto parts = SplitPath(path);
  Match match;
  // A literal segment beats a parameter ("/tickets/search" before "/tickets/:id"):
  // among matching routes, the one with the most literal segments wins.
  int best_literals = -1;
  for (const auto& route : routes_) {
    if (!MatchSegments(route, parts, nullptr)) continue;
    if (std::find(match.allowed.begin(), match.allowed.end(), route.method) == match.allowed.end())
      match.allowed.push_back(route.method);
    if (route.method != wanted) continue;
    int literals = static_cast<int>(std::count_if(route.segments.begin(), route.segments.end(),
                                                  [](const std::string& s) {
                                                    return s.empty() || s.front() != ':';
                                                  }));
    if (literals > best_literals) {
      best_literals = literals;
      match.route = &route;
    }
  }
  if (match.route) MatchSegments(*match.route, parts, &match.params);
  return match;
}

std::string JoinAllowed(const std::vector<std::string>& methods) {
  std::vector<std::string> all = methods;
  if (std::find(all.begin(), all.end(), "GET") != all.end()) all.push_back("HEAD");
  all.push_back("OPTIONS");
  std::string out;
  for (const auto& m : all) {
    if (!out.empty()) out += ", ";
    out += m;
  }
  return out;
}

}  // namespace goatflow::server
