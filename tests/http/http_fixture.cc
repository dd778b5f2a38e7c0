#include "http/http_fixture.h"

#include <boost/json.hpp>

#include <chrono>

#include "goatflow/admin.h"
#include "goatflow/auth.h"
#include "goatflow/customers.h"
#include "goatflow/directory.h"
#include "goatflow/queues.h"
#include "goatflow/tickets.h"

namespace goatflow::testing {

server::ServerConfig TestServer::DefaultConfig() {
  server::ServerConfig config;
  config.host = "127.0.0.1";
  config.port = 0;
  config.threads = 8;
  config.keep_alive_timeout_seconds = 1;
  return config;
}

TestServer::TestServer(server::ServerConfig config,
                       const std::function<void(server::Router&, Helpdesk&)>& setup) {
  config.db_path = dir_.File("http.db");
  OpenOptions options = TestOptions(config.db_path);
  options.rate_limits = config.rate_limits;
  helpdesk_ = OpenTestHelpdesk(options);
  auto created = server::Server::Create(config, *helpdesk_);
  REQUIRE_OK(created);
  server_ = std::move(created).value();
  if (setup) setup(server_->router(), *helpdesk_);
  auto port = server_->Bind();
  REQUIRE_OK(port);
  port_ = *port;
  thread_ = std::thread([this] { serve_ok_ = server_->Serve().ok(); });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server_->running() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  REQUIRE(server_->running());
}

TestServer::~TestServer() { Stop(); }

void TestServer::Stop() {
  if (!thread_.joinable()) return;
  server_->Stop();
  thread_.join();
}

httplib::Client TestServer::Client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  return client;
}

std::string AccessToken(Helpdesk& helpdesk, const std::string& login, const std::string& password) {
  RequestContext ctx;
  ctx.client_ip = "127.0.0.1";
  auto login_result = helpdesk.Auth().Login(ctx, LoginRequest{login, password});
  REQUIRE_OK(login_result);
  return login_result->tokens.access_token;
}

std::string ScopedToken(Helpdesk& hd, const std::string& jwt, std::vector<std::string> scopes) {
  Credentials creds;
  creds.authorization = "Bearer " + jwt;
  auto ctx = hd.Auth().Authenticate(RequestContext{}, creds);
  REQUIRE_OK(ctx);
  CreateTokenRequest request;
  request.name = "scoped";
  request.scopes = std::move(scopes);
  auto created = hd.Auth().CreateToken(*ctx, request);
  REQUIRE_OK(created);
  return created->token;
}

httplib::Headers Bearer(const std::string& token, httplib::Headers extra) {
  extra.emplace("Authorization", "Bearer " + token);
  return extra;
}

PermissionWorld::PermissionWorld(Helpdesk& hd) {
  const RequestContext op = RequestContext::LocalOperator();
  auto group = [&](const std::string& name) {
    CreateGroupRequest request;
    request.name = name;
    auto created = hd.Directory().CreateGroup(op, request);
    REQUIRE_OK(created);
    return created->id;
  };
  ro_group = group("ro_group");
  rw_group = group("rw_group");
  auto queue = [&](const std::string& name, std::int64_t group_id) {
    CreateQueueRequest request;
    request.name = name;
    request.group_id = group_id;
    auto created = hd.Queues().Create(op, request);
    REQUIRE_OK(created);
    return created->id;
  };
  ro_queue = queue("ro_queue", ro_group);
  rw_queue = queue("rw_queue", rw_group);
  auto agent = [&](const std::string& login, std::vector<GroupGrant> groups) {
    CreateAgentRequest request;
    request.login = login;
    request.first_name = "Agent";
    request.last_name = login;
    request.password = kTestPassword;
    request.groups = std::move(groups);
    auto created = hd.Directory().CreateAgent(op, request);
    REQUIRE_OK(created);
    return created->id;
  };
  agent_ro = agent("agent_ro", {{ro_group, {"ro"}}});
  agent_rw = agent("agent_rw", {{rw_group, {"rw"}}, {ro_group, {"ro"}}});
  agent_none = agent("agent_none", {});
  CreateCompanyRequest company;
  company.customer_id = "acme";
  company.name = "Acme";
  REQUIRE_OK(hd.Customers().CreateCompany(op, company));
  for (const char* login : {"cust_a", "cust_b"}) {
    CreateCustomerUserRequest request;
    request.login = login;
    request.first_name = "Customer";
    request.last_name = login;
    request.email = std::string(login) + "@acme.example";
    request.customer_id = "acme";
    request.password = kTestPassword;
    REQUIRE_OK(hd.Customers().CreateUser(op, request));
  }
  auto ticket = [&](std::int64_t queue_id, const std::string& customer) {
    CreateTicketRequest request;
    request.title = "Ticket for " + customer;
    request.queue_id = queue_id;
    request.customer_user_id = customer;
    request.body = "First article";
    auto created = hd.Tickets().Create(op, request);
    REQUIRE_OK(created);
    return created->id;
  };
  ro_ticket = ticket(ro_queue, "cust_a");
  rw_ticket = ticket(rw_queue, "cust_a");
  ticket_b = ticket(rw_queue, "cust_b");
  admin_token = AccessToken(hd, "admin", "admin");
  ro_token = AccessToken(hd, "agent_ro");
  rw_token = AccessToken(hd, "agent_rw");
  none_token = AccessToken(hd, "agent_none");
  cust_a_token = AccessToken(hd, "cust_a");
  cust_b_token = AccessToken(hd, "cust_b");
}

std::int64_t CountAudit(Helpdesk& hd, const std::string& action) {
  ListAuditLogRequest request;
  request.action = action;
  auto page = hd.Admin().ListAuditLog(RequestContext::LocalOperator(), request);
  REQUIRE(page.ok());
  return page->pagination.total;
}

std::string BodyField(const httplib::Result& result, const std::string& pointer) {
  REQUIRE(result);
  boost::system::error_code ec;
  auto value = boost::json::parse(result->body, ec);
  INFO(result->body);
  REQUIRE_FALSE(ec);
  const auto* found = value.find_pointer(pointer, ec);
  if (found == nullptr) return "<absent>";
  if (found->is_string()) return std::string(found->as_string());
  return boost::json::serialize(*found);
}

}  // namespace goatflow::testing
