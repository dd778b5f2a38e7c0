#pragma once

// Process settings of the HTTP server (api-v1.md §0 "Settings: where they
// live"): flags and GOATFLOW_* environment variables, flags winning.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/error.h"
#include "goatflow/operations.h"

namespace goatflow::server {

struct ServerConfig {
  std::string host = "127.0.0.1";  // --listen / GOATFLOW_LISTEN "host:port"
  int port = 8080;                 // 0: any free port (tests)
  std::string db_path = "goatflow.db";
  // Worker threads. cpp-httplib serves a keep-alive connection on one worker
  // for its whole life, so this bounds the concurrent keep-alive clients.
  int threads = 64;
  std::string tls_cert;  // both set: HTTPS
  std::string tls_key;
  std::vector<std::string> cors_origins;  // exact origins, or "*"; empty: no CORS headers
  std::size_t max_body_bytes = 1 << 20;     // every route but uploads (1 MiB)
  std::size_t max_upload_bytes = 16 << 20;  // ticket and article create (16 MiB)
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For is believed
  std::string public_url;                    // e.g. https://help.example.com
  // DNS-rebinding protection of /api/mcp (spec/mcp.md §2): Host names and
  // Origins accepted besides the loopback names (while listening on loopback)
  // and the public URL's host and origin.
  std::vector<std::string> mcp_allowed_hosts;
  std::vector<std::string> mcp_allowed_origins;
  // Rate-limit settings that override the stored ones for this process
  // ("RateLimit::GeneralPerMinute" -> value; 0 disables the bucket), from
  // --ratelimit-* / GOATFLOW_RATELIMIT_* (api-v1.md §0). Unset: stored values.
  std::map<std::string, int> rate_limits;
  // JWT signing key from GOATFLOW_JWT_SECRET (alias JWT_SECRET); environment
  // only, so it never shows in a process list. Empty: the key stored at init.
  std::string jwt_secret;
  // Who may read /metrics and /health/detailed (spec/health.md §4):
  // --health-public / GOATFLOW_HEALTH_PUBLIC, --health-allowed-networks /
  // GOATFLOW_HEALTH_ALLOWED_NETWORKS, and the metrics bearer token from
  // GOATFLOW_METRICS_TOKEN (environment only, like the JWT key).
  OperationsAccessPolicy operations;
  int keep_alive_timeout_seconds = 5;  // idle keep-alive connections close after this
  int keep_alive_max_requests = 10000;
  bool help = false;  // --help was given
};

// Looks up an environment variable; nullopt when unset or empty.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup ProcessEnvironment();

// Applies the environment, then the flags in `args` (without the program
// name; "--flag value" and "--flag=value"). Errors: invalid_argument naming
// the flag or variable.
Result<ServerConfig> LoadServerConfig(const std::vector<std::string>& args, const EnvLookup& env);

// "host:port" or "[v6]:port". Errors: invalid_argument.
Status ParseListenAddress(std::string_view text, std::string& host, int& port);

// The flag and environment reference printed by --help.
std::string ServerUsage(std::string_view program);

}  // namespace goatflow::server
