#pragma once

// The goatflow HTTP server over cpp-httplib: one Router, the cross-cutting
// conventions of api-v1.md §1 (envelope on every error, X-Request-ID,
// X-API-Version, content type, body limits, 404/405/406/413/415, CORS, an
// access-log line per request, a catch-all turning exceptions into 500), the
// health routes, and graceful stop.
//
//   auto server = Server::Create(config, helpdesk);   // registers /health...
//   RegisterTicketRoutes(server.value()->router(), helpdesk);
//   auto port = server.value()->Bind();
//   server.value()->Serve();                           // until Stop()

#include <atomic>
#include <memory>
#include <string_view>

#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "server/config.h"
#include "server/router.h"

namespace goatflow::server {

class Server {
 public:
  // `helpdesk` must outlive the server. Errors: invalid_argument (TLS
  // certificate or key unusable, malformed config.operations networks).
  static Result<std::unique_ptr<Server>> Create(const ServerConfig& config, Helpdesk& helpdesk);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Routes are added before Serve(); the table is read-only while serving.
  Router& router();
  const ServerConfig& config() const;

  // Binds config.host:config.port (port 0: any free port) and returns the port.
  // Errors: unavailable (address in use, cannot bind).
  Result<int> Bind();
  // Accepts connections until Stop(); returns once in-flight requests are done.
  Status Serve();
  // Graceful stop, callable from any thread: /healthz answers 503, the
  // listening socket closes, requests in flight complete, Serve() returns.
  void Stop();
  bool running() const;
  bool draining() const;

  struct State;

 private:
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopbackHost(std::string_view host);

// The refusal of domain.md §9: listening on a non-loopback address while the
// admin account still has the default password fails with failed_precondition
// and a message saying how to change it.
Status CheckListenAllowed(std::string_view host, bool admin_uses_default_password);

// Opens config.db_path, applies the start-up checks, serves until SIGINT or
// SIGTERM, then stops gracefully and closes the database. Errors:
// invalid_argument (configuration), not_found (no database: run
// `goatflow init`), failed_precondition (refused), unavailable (cannot bind).
Status RunServer(const ServerConfig& config);

// Front-end entry shared by goatflow-server and `goatflow serve`: parses
// `args` (flags after the program name) with the environment and runs.
Status ServerMain(const std::vector<std::string>& args, std::string_view program);

}  // namespace goatflow::server
