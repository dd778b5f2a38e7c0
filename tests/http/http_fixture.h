#pragma once

// A real goatflow server on 127.0.0.1 (a free port) over a temporary
// database, started in a background thread and stopped gracefully on
// destruction. Tests drive it with Client().

#include <httplib.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

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
  // The database file the server uses.
  std::string db_path() const { return dir_.File("http.db"); }
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

// Password of every account the fixtures below create (meets the policy).
inline constexpr const char* kTestPassword = "Correct-Horse-42-battery";

// Signs `login` in through the library and returns the JWT access token.
std::string AccessToken(Helpdesk& helpdesk, const std::string& login,
                        const std::string& password = kTestPassword);

// An API token of the principal signed in with `jwt`, limited to `scopes`
// (empty: all of the owner's permissions).
std::string ScopedToken(Helpdesk& helpdesk, const std::string& jwt,
                        std::vector<std::string> scopes);

// `Authorization: Bearer <token>` (plus any extra headers).
httplib::Headers Bearer(const std::string& token, httplib::Headers extra = {});

// The actors of the permission matrix (issue 5 tests), created through the
// library on a TestServer's helpdesk:
//   queue ro_queue (group ro_group), queue rw_queue (group rw_group);
//   agent "agent_ro": ro on ro_group only; agent "agent_rw": rw on rw_group and
//   ro on ro_group; agent "agent_none": no groups; customers "cust_a" and
//   "cust_b" (company "acme"); one ticket per queue (created by the operator, customer
//   cust_a), plus ticket_b in rw_queue for cust_b. Tokens are JWT access tokens.
struct PermissionWorld {
  explicit PermissionWorld(Helpdesk& helpdesk);

  std::int64_t ro_group = 0, rw_group = 0;
  std::int64_t ro_queue = 0, rw_queue = 0;
  std::int64_t agent_ro = 0, agent_rw = 0, agent_none = 0;  // users.id
  std::int64_t ro_ticket = 0, rw_ticket = 0, ticket_b = 0;   // ticket ids
  std::string admin_token, ro_token, rw_token, none_token, cust_a_token, cust_b_token;
};

// Audit entries with `action`, as the operator sees them in the audit log.
std::int64_t CountAudit(Helpdesk& helpdesk, const std::string& action);

// The parsed JSON body of a response (REQUIREs valid JSON).
std::string BodyField(const httplib::Result& result, const std::string& pointer);

}  // namespace goatflow::testing
