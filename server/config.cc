#include "server/config.h"

#include <charconv>
#include <cstdlib>
#include <deque>
#include <fmt/format.h>

namespace goatflow::server {
namespace {

Error BadValue(std::string_view name, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument, fmt::format("invalid {}: {}", name, why))
      .WithDetail("field", std::string(name));
}

Result<long long> ParseNumber(std::string_view name, std::string_view text, long long min,
                              long long max) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
    return BadValue(name, fmt::format("expected an integer from {} to {}", min, max));
  return value;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

Status ParseListen(std::string_view name, std::string_view text, std::string& host, int& port);

// One setting, reachable as --flag and as GOATFLOW_<ENV>.
struct Setting {
  std::string_view flag;
  std::string_view env;
  std::string_view help;
  std::function<Status(ServerConfig&, std::string_view name, std::string_view value)> apply;
};

Status SetSize(std::size_t& out, std::string_view name, std::string_view value) {
  auto n = ParseNumber(name, value, 1024, 1LL << 32);
  if (!n.ok()) return n.error();
  out = static_cast<std::size_t>(*n);
  return OkStatus();
}

// --ratelimit-<flag> / GOATFLOW_RATELIMIT_<env>: overrides stored setting `key`
// for this process; 0 disables the bucket.
Setting RateLimitSetting(std::string_view flag, std::string_view env, std::string_view key,
                         std::string_view help) {
  static std::deque<std::string> names;  // stable: the views below outlive every call
  names.push_back("ratelimit-" + std::string(flag));
  std::string_view flag_name = names.back();
  names.push_back("RATELIMIT_" + std::string(env));
  std::string_view env_name = names.back();
  return {flag_name, env_name, help,
          [key](ServerConfig& c, std::string_view n, std::string_view v) {
            auto limit = ParseNumber(n, v, 0, 1000000000);
            if (!limit.ok()) return Status(limit.error());
            c.rate_limits[std::string(key)] = static_cast<int>(*limit);
            return OkStatus();
          }};
}

Status SetInt(int& out, std::string_view name, std::string_view value, int min, int max) {
  auto n = ParseNumber(name, value, min, max);
  if (!n.ok()) return n.error();
  out = static_cast<int>(*n);
  return OkStatus();
}

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> settings = {
      {"listen", "LISTEN", "address to listen on, host:port (default 127.0.0.1:8080)",
       [](ServerConfig& c, std::string_view n, std::string_view v) {
         return ParseListen(n, v, c.host, c.port);
       }},
      {"db", "DB", "database file (default goatflow.db)",
       [](ServerConfig& c, std::string_view, std::string_view v) {
         c.db_path = std::string(v);
         return OkStatus();
       }},
      {"threads", "THREADS", "worker threads = concurrent keep-alive clients (default 64)",
       [](ServerConfig& c, std::string_view n, std::string_view v) {
         return SetInt(c.threads, n, v, 1, 4096);
       }},
      {"tls-cert", "TLS_CERT", "PEM certificate file; with --tls-key serves HTTPS",
       [](ServerConfig& c, std::string_view, std::string_view v) {
         c.tls_cert = std::string(v);
         return OkStatus();
       }},
      {"tls-key", "TLS_KEY", "PEM private key file",
       [](ServerConfig& c, std::string_view, std::string_view v) {
         c.tls_key = std::string(v);
         return OkStatus();
       }},
      {"cors-origins", "CORS_ORIGINS", "comma-separated allowed origins, or * (default none)",
       [](ServerConfig& c, std::string_view, std::string_view v) {
         c.cors_origins = SplitList(v);
         return OkStatus();
       }},
      {"max-body-bytes", "MAX_BODY_BYTES", "request body limit (default 1048576)",
       [](ServerConfig& c, std::string_view n, std::string_view v) {
         return SetSize(c.max_body_bytes, n, v);
       }},
      {"max-upload-bytes", "MAX_UPLOAD_BYTES",
       "body limit of ticket and article create (default 16777216)",
       [](ServerConfig& c, std::string_view n, std::string_view v) {
         return SetSize(c.max_upload_bytes, n, v);
       }},
      {"trusted-proxies", "TRUSTED_PROXIES",
       "comma-separated proxy addresses whose X-Forwarded-For is honoured",
       [](ServerConfig& c, std::string_view, std::string_view v) {
         c.trusted_proxies = SplitList(v);
         return OkStatus();
       }},
      {"public-url", "PUBLIC_URL", "external base URL, e.g. https://help.example.com",
       [](ServerConfig& c, std::string_view, std::string_view v) {
         c.public_url = std::string(v);
         return OkStatus();
       }},
      {"mcp-allowed-hosts", "MCP_ALLOWED_HOSTS",
       "comma-separated Host names /api/mcp accepts besides loopback and the public URL",
       [](ServerConfig& c, std::string_view, std::string_view v) {
         c.mcp_allowed_hosts = SplitList(v);
         return OkStatus();
       }},
      {"mcp-allowed-origins", "MCP_ALLOWED_ORIGINS",
       "comma-separated Origins (scheme://host[:port]) /api/mcp accepts besides loopback "
       "and the public URL",
       [](ServerConfig& c, std::string_view, std::string_view v) {
         c.mcp_allowed_origins = SplitList(v);
         return OkStatus();
       }},
      RateLimitSetting("login-per-minute", "LOGIN_PER_MINUTE", "RateLimit::LoginPerMinute",
                       "login attempts per minute per client address (default 10)"),
      RateLimitSetting("password-reset-per-hour", "PASSWORD_RESET_PER_HOUR",
                       "RateLimit::PasswordResetPerHour",
                       "self-service password resets per hour (default 3)"),
      RateLimitSetting("customer-ticket-create-per-hour", "CUSTOMER_TICKET_CREATE_PER_HOUR",
                       "RateLimit::CustomerTicketCreatePerHour",
                       "tickets a customer may create per hour (default 10)"),
      RateLimitSetting("general-per-minute", "GENERAL_PER_MINUTE", "RateLimit::GeneralPerMinute",
                       "API requests per minute per caller, client address when anonymous "
                       "(default 100)"),
      RateLimitSetting("token-default-per-hour", "TOKEN_DEFAULT_PER_HOUR",
                       "RateLimit::TokenDefaultPerHour",
                       "requests per hour of an API token without its own limit (default 1000)"),
      {"health-public", "HEALTH_PUBLIC",
       "true: anybody may read /metrics and /health/detailed (default false)",
       [](ServerConfig& c, std::string_view n, std::string_view v) {
         if (v != "true" && v != "false") return Status(BadValue(n, "expected true or false"));
         c.operations.open_to_all = v == "true";
         return OkStatus();
       }},
      {"health-allowed-networks", "HEALTH_ALLOWED_NETWORKS",
       "comma-separated addresses or CIDR blocks that may read /metrics and /health/detailed "
       "without credentials (default 127.0.0.0/8,::1/128)",
       [](ServerConfig& c, std::string_view, std::string_view v) {
         c.operations.allowed_networks = SplitList(v);
         return OkStatus();
       }},
      {"keep-alive-timeout", "KEEP_ALIVE_TIMEOUT", "idle keep-alive seconds (default 5)",
       [](ServerConfig& c, std::string_view n, std::string_view v) {
         return SetInt(c.keep_alive_timeout_seconds, n, v, 1, 3600);
       }},
  };
  return settings;
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

Status ParseListenAddress(std::string_view text, std::string& host, int& port) {
  return ParseListen("listen", text, host, port);
}

namespace {

Status ParseListen(std::string_view name, std::string_view text, std::string& host, int& port) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return BadValue(name, "expected host:port, e.g. 127.0.0.1:8080");
  std::string_view h = text.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  auto p = ParseNumber(name, text.substr(colon + 1), 0, 65535);
  if (!p.ok()) return p.error();
  host = std::string(h);
  port = static_cast<int>(*p);
  return OkStatus();
}

}  // namespace

Result<ServerConfig> LoadServerConfig(const std::vector<std::string>& args, const EnvLookup& env) {
  ServerConfig config;
  for (const auto& setting : Settings()) {
    std::string name = "GOATFLOW_" + std::string(setting.env);
    if (auto value = env(name)) {
      Status applied = setting.apply(config, name, *value);
      if (!applied.ok()) return applied.error();
    }
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      config.help = true;
      continue;
    }
    if (arg.substr(0, 2) != "--")
      return Error(ErrorCode::kInvalidArgument, fmt::format("unexpected argument '{}'", arg));
    std::string_view name = arg.substr(2);
    std::optional<std::string_view> value;
    if (auto eq = name.find('='); eq != std::string_view::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const Setting* found = nullptr;
    for (const auto& setting : Settings())
      if (setting.flag == name) found = &setting;
    if (found == nullptr)
      return Error(ErrorCode::kInvalidArgument, fmt::format("unknown option '--{}'", name));
    if (!value) {
      if (i + 1 >= args.size())
        return Error(ErrorCode::kInvalidArgument, fmt::format("option '--{}' needs a value", name));
      value = args[++i];
    }
    Status applied = found->apply(config, fmt::format("--{}", name), *value);
    if (!applied.ok()) return applied.error();
  }
  if (auto token = env("GOATFLOW_METRICS_TOKEN")) config.operations.metrics_token = *token;
  for (const char* name : {"GOATFLOW_JWT_SECRET", "JWT_SECRET"}) {
    if (auto value = env(name)) {
      config.jwt_secret = *value;
      break;
    }
  }
  if (config.tls_cert.empty() != config.tls_key.empty())
    return BadValue("--tls-cert/--tls-key", "give both the certificate and the key, or neither");
  return config;
}

std::string ServerUsage(std::string_view program) {
  std::string out = fmt::format(
      "Usage: {} [options]\nServes the goatflow HTTP API until SIGINT or SIGTERM.\n\nOptions "
      "(each also an environment variable; flags win):\n",
      program);
  for (const auto& s : Settings())
    out += fmt::format("  --{:<34} GOATFLOW_{:<28} {}\n", fmt::format("{} VALUE", s.flag), s.env,
                       s.help);
  out += fmt::format("  --{:<34} {:<37} {}\n", "help", "", "this text");
  return out;
}

}  // namespace goatflow::server
