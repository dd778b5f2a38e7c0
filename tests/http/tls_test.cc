// HTTPS with --tls-cert/--tls-key (cpp-httplib's OpenSSL server).

#include <filesystem>

#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::TempDir;
using testing::TestServer;

TEST_CASE("With a certificate and key the server speaks HTTPS") {
  TempDir dir;
  std::string cert = dir.File("cert.pem"), key = dir.File("key.pem");
  auto made = testing::RunCommand({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                   "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
                                   "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"});
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
  auto config = TestServer::DefaultConfig();
  config.tls_cert = cert;
  config.tls_key = key;
  TestServer server(config);

  httplib::SSLClient client("127.0.0.1", server.port());
  client.enable_server_certificate_verification(false);
  auto res = client.Get("/api/v1/health");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  REQUIRE(testing::BodyField(res, "/data/status") == "healthy");

  auto plain = server.Client().Get("/api/v1/health");
  REQUIRE((!plain || plain->status != 200));
}

TEST_CASE("An unusable certificate stops the server at creation") {
  TempDir dir;
  auto helpdesk = testing::OpenTestHelpdesk(testing::TestOptions(dir.File("hd.db")));
  auto config = TestServer::DefaultConfig();
  config.tls_cert = dir.File("missing-cert.pem");
  config.tls_key = dir.File("missing-key.pem");
  REQUIRE_ERR(server::Server::Create(config, *helpdesk), ErrorCode::kInvalidArgument,
              "TLS certificate or key");
}

}  // namespace
}  // namespace goatflow
