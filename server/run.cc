// Running the server as a process: start-up checks, signals, graceful stop.

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <fmt/format.h>
#include <thread>

#include "goatflow/log.h"
#include "server/job_runner.h"
#include "server/server.h"

namespace goatflow::server {

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  std::string text(host);
  if (text.rfind("::ffff:", 0) == 0) text = text.substr(7);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

Status CheckListenAllowed(std::string_view host, bool admin_uses_default_password) {
  if (!admin_uses_default_password || IsLoopbackHost(host)) return OkStatus();
  return Error(ErrorCode::kFailedPrecondition,
               fmt::format("refusing to listen on {}: the admin account still has the default "
                           "password \"admin\". Change it first (serve on 127.0.0.1, log in as "
                           "admin and POST /api/v1/users/me/password), or create the database "
                           "with `goatflow init --admin-password`",
                           host));
}

Status RunServer(const ServerConfig& config) {
  // Block SIGINT/SIGTERM before any thread starts, so that every thread
  // inherits the mask and only the waiter below receives them.
  sigset_t signals, previous;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, &previous);
  ::signal(SIGPIPE, SIG_IGN);
  struct RestoreMask {
    sigset_t* mask;
    ~RestoreMask() { pthread_sigmask(SIG_SETMASK, mask, nullptr); }
  } restore{&previous};

  OpenOptions options;
  options.path = config.db_path;
  options.create_if_missing = false;
  options.jwt_secret = config.jwt_secret;
  options.rate_limits = config.rate_limits;
  auto helpdesk = Helpdesk::Open(options);
  if (!helpdesk.ok()) {
    if (helpdesk.error().code == ErrorCode::kNotFound)
      return Error(
          ErrorCode::kNotFound,
          fmt::format("database '{}' does not exist; create it with `goatflow init --db {}`",
                      config.db_path, config.db_path));
    return std::move(helpdesk).error();
  }
  auto uses_default = helpdesk.value()->AdminUsesDefaultPassword();
  if (!uses_default.ok()) return std::move(uses_default).error();
  Status allowed = CheckListenAllowed(config.host, *uses_default);
  if (!allowed.ok()) return allowed;
  if (*uses_default)
    WriteLog(LogLevel::kWarning,
             "the admin account still has the default password \"admin\"; change it before "
             "serving anything but this machine");

  auto server = Server::Create(config, *helpdesk.value());
  if (!server.ok()) return std::move(server).error();
  auto port = server.value()->Bind();
  if (!port.ok()) return std::move(port).error();
  bool ipv6 = config.host.find(':') != std::string::npos;
  WriteLog(LogLevel::kInfo,
           fmt::format("goatflow {} serving {} on {}://{}{}{}:{} with {} threads", Version(),
                       config.db_path, config.tls_cert.empty() ? "http" : "https",
                       ipv6 ? "[" : "", config.host, ipv6 ? "]" : "", *port, config.threads));

  // Background jobs every minute while serving (api-v1.md §0).
  JobRunner jobs(*helpdesk.value(), std::chrono::seconds(60));
  jobs.Start();

  std::atomic<bool> signalled{false};
  Server& running = *server.value();
  std::thread waiter([&] {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) return;
    signalled = true;
    WriteLog(LogLevel::kInfo,
             fmt::format("received {}: finishing requests in flight, then stopping",
                         sig == SIGINT ? "SIGINT" : "SIGTERM"));
    running.Stop();
  });
  Status served = running.Serve();
  if (!signalled) {
    running.Stop();
    pthread_kill(waiter.native_handle(), SIGTERM);  // blocked: wakes the sigwait
  }
  waiter.join();
  jobs.Stop();
  server.value().reset();
  helpdesk.value().reset();  // closes the database (WAL checkpoint)
  WriteLog(LogLevel::kInfo, "stopped");
  return served;
}

Status ServerMain(const std::vector<std::string>& args, std::string_view program) {
  auto config = LoadServerConfig(args, ProcessEnvironment());
  if (!config.ok()) return std::move(config).error();
  if (config->help) {
    std::fputs(ServerUsage(program).c_str(), stdout);
    return OkStatus();
  }
  return RunServer(*config);
}

}  // namespace goatflow::server
