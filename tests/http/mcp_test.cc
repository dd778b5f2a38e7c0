// The MCP endpoint over HTTP (spec/mcp.md §1, §2, §7): the transport rules
// around McpService, with the real server on 127.0.0.1.

#include <boost/json.hpp>

#include "http/http_fixture.h"

namespace goatflow {
namespace {

namespace bj = boost::json;
using testing::Bearer;
using testing::PermissionWorld;
using testing::TestServer;

constexpr const char* kInitialize =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",)"
    R"("capabilities":{},"clientInfo":{"name":"t","version":"1"}}})";

struct McpWorld {
  TestServer server;
  PermissionWorld world{server.helpdesk()};
  std::string token = testing::ScopedToken(server.helpdesk(), world.rw_token, {});
  httplib::Client client = server.Client();

  httplib::Result Post(const std::string& body, httplib::Headers extra = {}) {
    return client.Post("/api/mcp", Bearer(token, std::move(extra)), body, "application/json");
  }
};

bj::value Json(const httplib::Result& res) {
  INFO(res->body);
  return bj::parse(res->body);
}

TEST_CASE("MCP over HTTP: the minimal conversation of spec/mcp.md §7") {
  McpWorld w;
  httplib::Headers sdk_accept = {{"Accept", "application/json, text/event-stream"}};

  auto init = w.Post(kInitialize, sdk_accept);
  REQUIRE(init);
  REQUIRE(init->status == 200);
  REQUIRE(init->get_header_value("Content-Type").rfind("application/json", 0) == 0);
  REQUIRE_FALSE(init->has_header("Mcp-Session-Id"));
  auto result = Json(init).at("result");
  REQUIRE(result.at("protocolVersion").as_string() == "2025-06-18");
  REQUIRE(result.at("serverInfo").at("name").as_string() == "goatflow-mcp");
  REQUIRE(result.at("capabilities").as_object().contains("tools"));

  auto initialized = w.Post(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", sdk_accept);
  REQUIRE(initialized->status == 202);
  REQUIRE(initialized->body.empty());

  httplib::Headers versioned = {{"Accept", "application/json, text/event-stream"},
                                {"MCP-Protocol-Version", "2025-06-18"}};
  auto list = w.Post(R"({"jsonrpc":"2.0","id":"a","method":"tools/list"})", versioned);
  REQUIRE(list->status == 200);
  auto listed = Json(list);
  REQUIRE(listed.at("id").as_string() == "a");
  const auto& tools = listed.at("result").at("tools").as_array();
  REQUIRE(tools.size() == 10);
  for (const auto& tool : tools) {
    REQUIRE(tool.at("inputSchema").at("type").as_string() == "object");
    REQUIRE(tool.at("inputSchema").as_object().contains("properties"));
  }

  auto call = w.Post(
      R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_queues","arguments":{}}})",
      versioned);
  REQUIRE(call->status == 200);
  auto content = Json(call).at("result").at("content").as_array();
  REQUIRE(content[0].at("type").as_string() == "text");
  REQUIRE(bj::parse(content[0].at("text").as_string()).as_array().size() == 2);
  REQUIRE(Json(call).at("result").as_object().contains("structuredContent"));

  auto unknown = w.Post(R"({"jsonrpc":"2.0","id":3,"method":"nope"})");
  REQUIRE(unknown->status == 200);
  REQUIRE(Json(unknown).at("error").at("code").as_int64() == -32601);
  REQUIRE(Json(unknown).at("id").as_int64() == 3);

  auto oops = w.Post("{oops");
  REQUIRE(oops->status == 400);
  REQUIRE(oops->body == R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}})");

  auto invalid = w.Post(R"({"jsonrpc":"1.0","id":5,"method":"ping"})");
  REQUIRE(invalid->status == 400);
  REQUIRE(Json(invalid).at("error").at("code").as_int64() == -32600);
  REQUIRE(Json(invalid).at("id").as_int64() == 5);

  auto batch = w.Post(R"([{"jsonrpc":"2.0","id":4,"method":"ping"},)"
                      R"({"jsonrpc":"2.0","method":"notifications/initialized"}])");
  REQUIRE(batch->status == 200);
  REQUIRE(batch->body == R"([{"jsonrpc":"2.0","id":4,"result":{}}])");

  auto tool_failure = w.Post(
      R"({"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"get_ticket","arguments":{}}})");
  REQUIRE(tool_failure->status == 200);
  REQUIRE(Json(tool_failure).at("result").at("isError").as_bool());
}

TEST_CASE("MCP over HTTP: authentication and authorisation of the endpoint") {
  McpWorld w;
  const std::string ping = R"({"jsonrpc":"2.0","id":1,"method":"ping"})";

  auto anonymous = w.client.Post("/api/mcp", ping, "application/json");
  REQUIRE(anonymous->status == 401);
  REQUIRE(anonymous->get_header_value("WWW-Authenticate") == R"(Bearer realm="goatflow")");
  REQUIRE(testing::BodyField(anonymous, "/success") == "false");
  REQUIRE(testing::BodyField(anonymous, "/error") == "Authentication required");

  auto jwt = w.client.Post("/api/mcp", Bearer(w.world.rw_token), ping, "application/json");
  REQUIRE(jwt->status == 401);
  REQUIRE(testing::BodyField(jwt, "/error") == "Expected API token (gf_*)");
  REQUIRE(jwt->has_header("WWW-Authenticate"));

  auto bad_token = w.client.Post("/api/mcp", Bearer("gf_00000000_" + std::string(56, '0')), ping,
                                 "application/json");
  REQUIRE(bad_token->status == 401);

  std::string customer_token =
      testing::ScopedToken(w.server.helpdesk(), w.world.cust_a_token, {});
  auto customer = w.client.Post("/api/mcp", Bearer(customer_token), ping, "application/json");
  REQUIRE(customer->status == 403);
  REQUIRE(testing::BodyField(customer, "/error") == "MCP is available to agents only");

  SECTION("the token owner's permissions and the token's scopes apply to every tool") {
    std::string ro = testing::ScopedToken(w.server.helpdesk(), w.world.ro_token, {});
    std::string body =
        R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"update_ticket",)"
        R"("arguments":{"ticket_id":)" + std::to_string(w.world.ro_ticket) + R"(,"title":"x"}}})";
    auto denied = w.client.Post("/api/mcp", Bearer(ro), body, "application/json");
    REQUIRE(denied->status == 200);
    auto text = Json(denied).at("result").at("content").at(0).at("text");
    REQUIRE(text.as_string() == "Error: write access denied");

    std::string read_only =
        testing::ScopedToken(w.server.helpdesk(), w.world.rw_token, {"tickets:read"});
    std::string create =
        R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"create_ticket",)"
        R"("arguments":{"title":"x","body":"y","queue_id":)" + std::to_string(w.world.rw_queue) +
        "}}}";
    auto scoped = w.client.Post("/api/mcp", Bearer(read_only), create, "application/json");
    REQUIRE(Json(scoped).at("result").at("content").at(0).at("text").as_string() ==
            "Error: token missing required scope: tickets:write");
  }
  SECTION("OAuth discovery probes are 404, so clients keep the static token") {
    REQUIRE(w.client.Get("/.well-known/oauth-protected-resource")->status == 404);
    REQUIRE(w.client.Get("/.well-known/oauth-authorization-server")->status == 404);
  }
}

TEST_CASE("MCP over HTTP: transport rules for POST") {
  McpWorld w;
  const std::string ping = R"({"jsonrpc":"2.0","id":1,"method":"ping"})";

  SECTION("content type, size and Accept") {
    auto text = w.client.Post("/api/mcp", Bearer(w.token), ping, "text/plain");
    REQUIRE(text->status == 415);
    std::string huge = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":")" +
                       std::string(1 << 20, 'x') + "\"}}";
    REQUIRE(w.Post(huge)->status == 413);
    REQUIRE(w.Post(ping, {{"Accept", "text/html"}})->status == 406);
    REQUIRE(w.Post(ping, {{"Accept", "*/*"}})->status == 200);
    REQUIRE(w.Post(ping, {{"Accept", "text/event-stream, application/json"}})->status == 200);
  }
  SECTION("MCP-Protocol-Version: supported values pass, others are 400") {
    for (const char* version : {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"})
      REQUIRE(w.Post(ping, {{"MCP-Protocol-Version", version}})->status == 200);
    auto unsupported = w.Post(ping, {{"MCP-Protocol-Version", "2023-01-01"}});
    REQUIRE(unsupported->status == 400);
    REQUIRE(testing::BodyField(unsupported, "/error") == "Unsupported MCP-Protocol-Version");
    auto old = w.Post(
        R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_statistics"}})",
        {{"MCP-Protocol-Version", "2025-03-26"}});
    REQUIRE_FALSE(Json(old).at("result").as_object().contains("structuredContent"));
  }
  SECTION("a session id is ignored, empty batches are 400, client responses 202") {
    REQUIRE(w.Post(ping, {{"Mcp-Session-Id", "abc"}})->status == 200);
    auto empty = w.Post("[]");
    REQUIRE(empty->status == 400);
    REQUIRE(Json(empty).at("error").at("code").as_int64() == -32600);
    REQUIRE(w.Post(R"({"jsonrpc":"2.0","id":9,"result":{}})")->status == 202);
  }
  SECTION("DNS-rebinding protection on a loopback listener") {
    REQUIRE(w.Post(ping, {{"Origin", "http://localhost:6274"}})->status == 200);
    REQUIRE(w.Post(ping, {{"Origin", "https://127.0.0.1"}})->status == 200);
    auto foreign = w.Post(ping, {{"Origin", "http://evil.example"}});
    REQUIRE(foreign->status == 403);
    REQUIRE(testing::BodyField(foreign, "/error") == "Origin not allowed");
    REQUIRE(w.Post(ping, {{"Origin", "null"}})->status == 403);
    auto host = w.Post(ping, {{"Host", "evil.example:8080"}});
    REQUIRE(host->status == 403);
    REQUIRE(testing::BodyField(host, "/error") == "Host not allowed");
    REQUIRE(w.Post(ping, {{"Host", "localhost:1234"}})->status == 200);
  }
}

TEST_CASE("MCP over HTTP: configured hosts and origins are accepted too") {
  server::ServerConfig config = TestServer::DefaultConfig();
  config.public_url = "https://help.example.com";
  config.mcp_allowed_origins = {"https://app.example.org"};
  TestServer server(config);
  PermissionWorld world(server.helpdesk());
  std::string token = testing::ScopedToken(server.helpdesk(), world.rw_token, {});
  auto client = server.Client();
  const std::string ping = R"({"jsonrpc":"2.0","id":1,"method":"ping"})";
  auto post = [&](httplib::Headers extra) {
    return client.Post("/api/mcp", Bearer(token, std::move(extra)), ping, "application/json")
        ->status;
  };
  REQUIRE(post({{"Host", "help.example.com"}, {"Origin", "https://help.example.com"}}) == 200);
  REQUIRE(post({{"Origin", "https://app.example.org"}}) == 200);
  REQUIRE(post({{"Origin", "http://help.example.com"}}) == 403);
  REQUIRE(post({{"Host", "other.example.com"}}) == 403);
}

TEST_CASE("MCP over HTTP: GET describes the server, DELETE is 405") {
  TestServer server;
  auto client = server.Client();
  auto info = client.Get("/api/mcp");
  REQUIRE(info->status == 200);
  auto body = Json(info);
  REQUIRE(body.at("name").as_string() == "goatflow-mcp");
  REQUIRE(body.at("tools_count").as_int64() == 10);
  REQUIRE(body.at("tools").at(0).at("name").as_string() == "list_tickets");
  REQUIRE(body.at("endpoint").as_string() == "POST /api/mcp");
  REQUIRE_FALSE(body.as_object().contains("success"));

  auto stream = client.Get("/api/mcp", {{"Accept", "text/event-stream"}});
  REQUIRE(stream->status == 405);
  REQUIRE(stream->get_header_value("Allow") == "POST");
  REQUIRE(client.Get("/api/mcp", {{"Accept", "text/event-stream, application/json"}})->status ==
          200);
  REQUIRE(client.Get("/api/mcp", {{"Accept", "text/html"}})->status == 406);
  REQUIRE(client.Get("/api/mcp", {{"Origin", "http://evil.example"}})->status == 403);

  auto removed = client.Delete("/api/mcp");
  REQUIRE(removed->status == 405);
}

TEST_CASE("MCP over HTTP: the token's rate limit applies") {
  server::ServerConfig config = TestServer::DefaultConfig();
  config.rate_limits["RateLimit::TokenDefaultPerHour"] = 2;
  TestServer server(config);
  PermissionWorld world(server.helpdesk());
  std::string token = testing::ScopedToken(server.helpdesk(), world.rw_token, {});
  auto client = server.Client();
  const std::string ping = R"({"jsonrpc":"2.0","id":1,"method":"ping"})";
  REQUIRE(client.Post("/api/mcp", Bearer(token), ping, "application/json")->status == 200);
  REQUIRE(client.Post("/api/mcp", Bearer(token), ping, "application/json")->status == 200);
  auto limited = client.Post("/api/mcp", Bearer(token), ping, "application/json");
  REQUIRE(limited->status == 429);
  REQUIRE(limited->has_header("Retry-After"));
}

}  // namespace
}  // namespace goatflow
