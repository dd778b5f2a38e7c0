#pragma once

// A real goatflow server on 127.0.0.1 (a free port) over a temporary
// database, started in a background thread and stopped gracefully on
// destruction. Tests drive it with Client().

#include <httplib.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "goatflow/helpdesk.h"
#include "server/config.h"
#include "server/server.h"
#include "support/test_support.h"

namespace goatflow::testing {

class TestServer {
 public:
  // `setup` may add routes before the server starts serving.
  explicit TestServer(server::ServerConfig config = DefaultConfig(),
                      const std::function<void(server::Router&, Helpdesk&)>& setup = {});
  ~TestServer();

  static server::ServerConfig DefaultConfig();

  httplib::Client Client() const;
  int port() const { return port_; }
  Helpdesk& helpdesk() { return *helpdesk_; }
  server::Server& server() { return *server_; }

  // Stops (gracefully) and waits until Serve() has returned; idempotent.
  void Stop();

 private:
  TempDir dir_;
  std::unique_ptr<Helpdesk> helpdesk_;
  std::unique_ptr<server::Server> server_;
  std::thread thread_;
  int port_ = 0;
  bool serve_ok_ = false;
};

// The parsed JSON body of a response (REQUIREs valid JSON).
std::string BodyField(const httplib::Result& result, const std::string& pointer);

}  // namespace goatflow::testing
