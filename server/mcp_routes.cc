// The MCP endpoint (spec/mcp.md §1-2): the JSON-only subset of the Streamable
// HTTP transport over McpService. POST carries JSON-RPC messages (API tokens
// only), GET describes the server, other methods get the router's 405. The
// server keeps no session: it never issues Mcp-Session-Id and ignores it.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "goatflow/json.h"
#include "goatflow/mcp.h"
#include "server/routes.h"

namespace goatflow::server {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "Host" value or URL authority without the port: "[::1]:8080" -> "::1".
std::string HostName(std::string_view authority) {
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    return Lower(authority.substr(1, close == std::string_view::npos ? close : close - 1));
  }
  std::size_t colon = authority.find(':');
  if (colon != std::string_view::npos && authority.find(':', colon + 1) == std::string_view::npos)
    authority = authority.substr(0, colon);
  return Lower(authority);
}

bool IsLoopbackName(std::string_view host) {
  return host == "localhost" || host == "127.0.0.1" || host == "::1";
}

bool ListensOnLoopback(const ServerConfig& config) {
  std::string host = Lower(config.host);
  return IsLoopbackName(host) || host.rfind("127.", 0) == 0;
}

// "https://Help.Example.com:443/path" -> {"https", "help.example.com:443"}.
bool SplitOrigin(std::string_view url, std::string& scheme, std::string& authority) {
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos) return false;
  scheme = Lower(url.substr(0, sep));
  std::string_view rest = url.substr(sep + 3);
  authority = Lower(rest.substr(0, rest.find('/')));
  return (scheme == "http" || scheme == "https") && !authority.empty();
}

bool Listed(const std::vector<std::string>& list, std::string_view value) {
  for (const std::string& item : list)
    if (Lower(item) == value) return true;
  return false;
}

// DNS-rebinding protection (spec/mcp.md §2): Host must name this server and a
// present Origin must be one of its origins. Accepted: the loopback names
// while listening on loopback (any port), the public URL's host and origin,
// and the configured allow-lists. Without any of these (a non-loopback
// listener with nothing configured) every Host is accepted and every Origin
// refused.
std::optional<Reply> RefuseForeignCaller(const ServerConfig& config, const HttpRequest& req) {
  const bool loopback = ListensOnLoopback(config);
  std::string public_scheme, public_authority;
  bool has_public = SplitOrigin(config.public_url, public_scheme, public_authority);
  std::string host = HostName(req.Header("Host").value_or(""));
  bool host_rules = loopback || has_public || !config.mcp_allowed_hosts.empty();
  bool host_ok = (loopback && IsLoopbackName(host)) ||
                 (has_public && host == HostName(public_authority)) ||
                 Listed(config.mcp_allowed_hosts, host);
  if (host_rules && !host_ok) return Fail(403, "core:forbidden", "Host not allowed");
  if (auto origin = req.Header("Origin")) {
    std::string scheme, authority;
    bool parsed = SplitOrigin(*origin, scheme, authority);
    bool origin_ok =
        parsed && ((loopback && IsLoopbackName(HostName(authority))) ||
                   (has_public && scheme == public_scheme && authority == public_authority) ||
                   Listed(config.mcp_allowed_origins, Lower(*origin)));
    if (!origin_ok) return Fail(403, "core:forbidden", "Origin not allowed");
  }
  return std::nullopt;
}

Reply Unauthorized(std::string_view code, std::string message) {
  Reply reply = Fail(401, code, std::move(message));
  AddBearerChallenge(reply);
  return reply;
}

Reply PostMessage(Helpdesk& hd, const ServerConfig& config, HttpRequest& req) {
  if (auto refused = RefuseForeignCaller(config, req)) return *refused;
  if (req.context().auth_method != AuthMethod::kApiToken)
    return Unauthorized("core:invalid_token", "Expected API token (gf_*)");
  std::string version = req.Header("MCP-Protocol-Version").value_or("");
  if (req.Header("MCP-Protocol-Version") && !IsSupportedMcpProtocolVersion(version))
    return Fail(400, "core:invalid_request", "Unsupported MCP-Protocol-Version");
  GOATFLOW_HTTP_ASSIGN(McpReply reply, hd.Mcp().Handle(req.context(), req.body(), version));
  Reply out;
  switch (reply.kind) {
    case McpReply::Kind::kResponse: out.status = 200; break;
    case McpReply::Kind::kAccepted: out.status = 202; break;
    case McpReply::Kind::kMalformed: out.status = 400; break;
  }
  out.body = std::move(reply.body);
  return out;
}

// Streamable HTTP clients probe GET for a server-push stream and take 405 as
// "not offered"; a JSON body there would read as a broken stream (§1.1).
Reply Describe(Helpdesk& hd, const ServerConfig& config, HttpRequest& req) {
  if (auto refused = RefuseForeignCaller(config, req)) return *refused;
  std::string accept = req.Header("Accept").value_or("");
  if (!AcceptsJson(accept)) {
    if (Lower(accept).find("text/event-stream") != std::string::npos) {
      Reply reply = Fail(405, "core:method_not_allowed", "Method not allowed");
      reply.headers.emplace_back("Allow", "POST");
      return reply;
    }
    return Fail(406, "core:not_acceptable", "Not acceptable: responses are application/json");
  }
  Reply reply;
  reply.body = json::ToJson(hd.Mcp().Info());
  return reply;
}

}  // namespace

void RegisterMcpRoutes(Router& router, Helpdesk& hd, const ServerConfig& config) {
  // MCP tools are library calls (tools that write end the shared read first).
  RouteOptions message;
  message.shared_reads = true;
  router.Post(
      "/api/mcp", [&hd, &config](HttpRequest& req) { return PostMessage(hd, config, req); },
      message);
  RouteOptions public_info;
  public_info.authenticate = false;
  public_info.json = false;  // Describe answers the Accept header itself
  router.Get(
      "/api/mcp", [&hd, &config](HttpRequest& req) { return Describe(hd, config, req); },
      public_info);
}

}  // namespace goatflow::server
