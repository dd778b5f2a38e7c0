#include "http/http_fixture.h"

#include <boost/json.hpp>

#include <chrono>

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
