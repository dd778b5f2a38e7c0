// The JSON-RPC side of the MCP server (spec/mcp.md §2.1, §3, §4, §5): methods,
// error codes, batches, version negotiation and the tool list, through
// McpService::Handle without any transport.

#include <sstream>

#include "mcp/mcp_fixture.h"

namespace goatflow {
namespace {

namespace bj = boost::json;
using testing::McpFixture;

const std::vector<std::string> kToolNames = {
    "list_tickets",  "get_ticket", "create_ticket",  "update_ticket", "add_article",
    "list_queues",   "list_users", "search_tickets", "get_statistics", "execute_sql"};

int RpcCode(const bj::value& response) {
  return static_cast<int>(response.at("error").at("code").as_int64());
}

TEST_CASE("initialize negotiates the protocol version and advertises tools only") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_rw);
  for (const std::string& version : McpProtocolVersions()) {
    auto response = f.Rpc(ctx, R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":)"
                               R"({"protocolVersion":")" + version +
                                   R"(","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
    INFO(version);
    const auto& result = response.at("result").as_object();
    REQUIRE(result.at("protocolVersion").as_string() == version);
    REQUIRE(result.at("serverInfo").at("name").as_string() == "goatflow-mcp");
    REQUIRE(result.at("serverInfo").at("version").as_string() == std::string(Version()));
    const auto& capabilities = result.at("capabilities").as_object();
    REQUIRE(capabilities.size() == 1);
    REQUIRE(capabilities.contains("tools"));
    REQUIRE(result.contains("instructions") == (version != "2024-11-05"));
  }

  SECTION("an unknown version gets the newest one, and the reply records it") {
    McpReply reply = f.Send(ctx, R"({"jsonrpc":"2.0","id":1,"method":"initialize",)"
                                 R"("params":{"protocolVersion":"1999-01-01"}})");
    REQUIRE(reply.kind == McpReply::Kind::kResponse);
    REQUIRE(reply.negotiated_version == McpProtocolVersions().back());
    REQUIRE(bj::parse(reply.body).at("result").at("protocolVersion").as_string() == "2025-11-25");
  }
  SECTION("without params as well") {
    auto response = f.Rpc(ctx, R"({"jsonrpc":"2.0","id":1,"method":"initialize"})");
    REQUIRE(response.at("result").at("protocolVersion").as_string() == "2025-11-25");
  }
  SECTION("wrongly typed params are -32602") {
    auto response = f.Rpc(ctx, R"({"jsonrpc":"2.0","id":1,"method":"initialize",)"
                               R"("params":{"protocolVersion":2025}})");
    REQUIRE(RpcCode(response) == -32602);
    response = f.Rpc(ctx, R"({"jsonrpc":"2.0","id":1,"method":"initialize",)"
                          R"("params":{"capabilities":[]}})");
    REQUIRE(RpcCode(response) == -32602);
  }
}

TEST_CASE("Notifications and client responses are accepted without a reply") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_rw);
  for (const char* message :
       {R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
        R"({"jsonrpc":"2.0","method":"initialized"})",
        R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}})",
        R"({"jsonrpc":"2.0","method":"no/such/notification"})",
        R"({"jsonrpc":"2.0","id":5,"result":{}})",
        R"({"jsonrpc":"2.0","id":5,"error":{"code":1,"message":"x"}})"}) {
    INFO(message);
    McpReply reply = f.Send(ctx, message);
    REQUIRE(reply.kind == McpReply::Kind::kAccepted);
    REQUIRE(reply.body.empty());
  }
}

TEST_CASE("ping answers an empty result and echoes the id with its JSON type") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_none);
  REQUIRE(f.Send(ctx, R"({"jsonrpc":"2.0","id":4,"method":"ping"})").body ==
          R"({"jsonrpc":"2.0","id":4,"result":{}})");
  REQUIRE(f.Send(ctx, R"({"jsonrpc":"2.0","id":"a","method":"ping"})").body ==
          R"({"jsonrpc":"2.0","id":"a","result":{}})");
}

TEST_CASE("Unknown and unsupported methods are -32601 naming the method") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_rw);
  for (const char* method : {"nope", "resources/list", "prompts/get", "logging/setLevel"}) {
    auto response = f.Rpc(ctx, std::string(R"({"jsonrpc":"2.0","id":3,"method":")") + method +
                                   R"("})");
    REQUIRE(RpcCode(response) == -32601);
    REQUIRE(response.at("error").at("message").as_string() ==
            std::string("Method not found: ") + method);
    REQUIRE(response.at("id").as_int64() == 3);
  }
}

TEST_CASE("Malformed messages: parse errors and invalid requests") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_rw);

  SECTION("not JSON: -32700 with id null") {
    McpReply reply = f.Send(ctx, "{oops");
    REQUIRE(reply.kind == McpReply::Kind::kMalformed);
    REQUIRE(reply.body == R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}})");
  }
  SECTION("not a JSON-RPC request: -32600, the id echoed when usable") {
    struct Case {
      const char* message;
      const char* id;
    };
    for (Case c : {Case{"42", "null"}, Case{R"("text")", "null"},
                   Case{R"({"id":1,"method":"ping"})", "1"},
                   Case{R"({"jsonrpc":"1.0","id":"x","method":"ping"})", R"("x")"},
                   Case{R"({"jsonrpc":"2.0","id":2,"method":7})", "2"},
                   Case{R"({"jsonrpc":"2.0","id":null,"method":"ping"})", "null"},
                   Case{R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})", "null"},
                   Case{R"({"jsonrpc":"2.0","id":true,"method":"ping"})", "null"},
                   Case{R"({"jsonrpc":"2.0","id":3})", "3"}, Case{"[]", "null"}}) {
      INFO(c.message);
      McpReply reply = f.Send(ctx, c.message);
      REQUIRE(reply.kind == McpReply::Kind::kMalformed);
      auto body = bj::parse(reply.body);
      REQUIRE(RpcCode(body) == -32600);
      REQUIRE(body.at("error").at("message").as_string() == "Invalid Request");
      REQUIRE(bj::serialize(body.at("id")) == c.id);
    }
  }
  SECTION("params that are not an object: -32602") {
    auto response = f.Rpc(ctx, R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":[1]})");
    REQUIRE(RpcCode(response) == -32602);
    REQUIRE(response.at("error").at("message").as_string() == "Invalid params");
  }
}

TEST_CASE("Batches are answered in order, one response per request") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_rw);

  SECTION("a request and a notification give one response") {
    McpReply reply = f.Send(ctx, R"([{"jsonrpc":"2.0","id":4,"method":"ping"},)"
                                 R"({"jsonrpc":"2.0","method":"notifications/initialized"}])");
    REQUIRE(reply.kind == McpReply::Kind::kResponse);
    REQUIRE(reply.body == R"([{"jsonrpc":"2.0","id":4,"result":{}}])");
  }
  SECTION("only notifications: accepted without a body") {
    McpReply reply = f.Send(ctx, R"([{"jsonrpc":"2.0","method":"notifications/initialized"}])");
    REQUIRE(reply.kind == McpReply::Kind::kAccepted);
  }
  SECTION("invalid elements get their own errors, in order") {
    auto response = f.Rpc(ctx, R"([{"jsonrpc":"2.0","id":"b","method":"nope"},1,)"
                               R"({"jsonrpc":"2.0","id":"c","method":"ping"}])");
    const auto& list = response.as_array();
    REQUIRE(list.size() == 3);
    REQUIRE(list[0].at("id").as_string() == "b");
    REQUIRE(RpcCode(list[0]) == -32601);
    REQUIRE(list[1].at("id").is_null());
    REQUIRE(RpcCode(list[1]) == -32600);
    REQUIRE(list[2].at("id").as_string() == "c");
    REQUIRE(list[2].at("result").as_object().empty());
  }
}

// Every object schema has `properties`, every array `items`; no empty `required`.
void RequireStrictSchema(const bj::value& schema, const std::string& where) {
  INFO(where);
  const auto& object = schema.as_object();
  REQUIRE(object.contains("type"));
  if (object.at("type") == "object") {
    REQUIRE(object.contains("properties"));
    for (const auto& property : object.at("properties").as_object()) {
      REQUIRE(property.value().as_object().contains("description"));
      RequireStrictSchema(property.value(), where + "." + std::string(property.key()));
    }
    if (const bj::value* required = object.if_contains("required")) {
      REQUIRE_FALSE(required->as_array().empty());
      for (const auto& name : required->as_array())
        REQUIRE(object.at("properties").as_object().contains(name.as_string()));
    }
  }
  if (object.at("type") == "array") {
    REQUIRE(object.contains("items"));
    RequireStrictSchema(object.at("items"), where + "[]");
  }
}

TEST_CASE("tools/list lists the registered tools in spec order with strict schemas") {
  McpFixture f;
  auto response = f.Rpc(McpFixture::Agent(f.agent_none),
                        R"({"jsonrpc":"2.0","id":"a","method":"tools/list","params":{"cursor":"x"}})");
  REQUIRE(response.at("id").as_string() == "a");
  const auto& result = response.at("result").as_object();
  REQUIRE_FALSE(result.contains("nextCursor"));
  const auto& tools = result.at("tools").as_array();
  std::vector<std::string> names;
  for (const auto& tool : tools) {
    names.emplace_back(tool.at("name").as_string());
    REQUIRE_FALSE(tool.at("description").as_string().empty());
    REQUIRE(tool.at("inputSchema").at("type").as_string() == "object");
    RequireStrictSchema(tool.at("inputSchema"), names.back());
    const auto& annotations = tool.at("annotations").as_object();
    REQUIRE(annotations.at("readOnlyHint").is_bool());
    REQUIRE(annotations.at("destructiveHint").is_bool());
  }
  REQUIRE(names == kToolNames);
  REQUIRE(tools[0].at("annotations").at("readOnlyHint").as_bool());
  REQUIRE_FALSE(tools[3].at("annotations").at("readOnlyHint").as_bool());  // update_ticket
  REQUIRE(tools[3].at("annotations").at("destructiveHint").as_bool());

  SECTION("the server description lists the same tools") {
    McpServerInfo info = f.mcp().Info();
    REQUIRE(info.name == "goatflow-mcp");
    REQUIRE(info.protocol_version == "2025-11-25");
    REQUIRE(info.tools.size() == kToolNames.size());
    for (std::size_t i = 0; i < kToolNames.size(); ++i) REQUIRE(info.tools[i].name == kToolNames[i]);
  }
}

TEST_CASE("tools/call protocol errors are -32602; tool failures are results") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_rw);
  struct Case {
    const char* params;
    const char* message;
  };
  for (Case c : {Case{"{}", "Invalid params: name must be a string"},
                 Case{R"({"name":5})", "Invalid params: name must be a string"},
                 Case{R"({"name":"ping","arguments":[]})", "Invalid params: arguments must be an object"},
                 Case{R"({"name":"drop_tables"})", "Unknown tool: drop_tables"}}) {
    INFO(c.params);
    auto response = f.Rpc(ctx, std::string(R"({"jsonrpc":"2.0","id":9,"method":"tools/call","params":)") +
                                   c.params + "}");
    REQUIRE(RpcCode(response) == -32602);
    REQUIRE(response.at("error").at("message").as_string() == c.message);
  }
  auto missing = f.Rpc(ctx, R"({"jsonrpc":"2.0","id":9,"method":"tools/call"})");
  REQUIRE(RpcCode(missing) == -32602);

  auto failed = f.CallTool(ctx, "get_ticket", R"({"ticket_id":"7"})");
  REQUIRE(McpFixture::IsError(failed));
  REQUIRE(McpFixture::Text(failed) == "Error: ticket_id must be an integer");
}

TEST_CASE("structuredContent accompanies the text for current protocol versions") {
  McpFixture f;
  auto ctx = McpFixture::Agent(f.agent_rw);
  auto current = f.CallTool(ctx, "list_queues", "{}", "2025-06-18");
  REQUIRE(current.at("structuredContent").at("items") == McpFixture::Value(current));
  auto unknown = f.CallTool(ctx, "get_statistics", "{}");
  REQUIRE(unknown.at("structuredContent") == McpFixture::Value(unknown));
  auto old = f.CallTool(ctx, "list_queues", "{}", "2025-03-26");
  REQUIRE_FALSE(old.contains("structuredContent"));
  REQUIRE_FALSE(old.contains("isError"));

  SECTION("the text is the value indented by two spaces") {
    std::string text = McpFixture::Text(current);
    REQUIRE(text.rfind("[\n  {\n    \"id\": ", 0) == 0);
  }
}

TEST_CASE("Only agents are admitted") {
  McpFixture f;
  auto customer = f.mcp().Handle(McpFixture::Customer(f.cust_a),
                                 R"({"jsonrpc":"2.0","id":1,"method":"ping"})");
  REQUIRE_ERR(customer, ErrorCode::kPermissionDenied, "MCP is available to agents only");
  auto anonymous = f.mcp().Handle(RequestContext{}, R"({"jsonrpc":"2.0","id":1,"method":"ping"})");
  REQUIRE_ERR(anonymous, ErrorCode::kUnauthenticated, "Authentication required");
  REQUIRE_OK(f.mcp().Handle(RequestContext::LocalOperator(),
                            R"({"jsonrpc":"2.0","id":1,"method":"ping"})"));
}

TEST_CASE("The stdio loop answers each line, skips blank lines and notifications") {
  McpFixture f;
  std::istringstream in(
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26"}})"
      "\n\n"
      R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
      "\n"
      "{oops\n"
      R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"list_queues"}})"
      "\n");
  std::ostringstream out;
  REQUIRE_OK(f.mcp().ServeStdio(McpFixture::Agent(f.agent_rw), in, out));
  std::istringstream lines(out.str());
  std::vector<bj::value> replies;
  for (std::string line; std::getline(lines, line);) replies.push_back(bj::parse(line));
  REQUIRE(replies.size() == 3);
  REQUIRE(replies[0].at("result").at("protocolVersion").as_string() == "2025-03-26");
  REQUIRE(RpcCode(replies[1]) == -32700);
  // 2025-03-26 was negotiated on this stream: no structuredContent.
  REQUIRE_FALSE(replies[2].at("result").as_object().contains("structuredContent"));
  REQUIRE(replies[2].at("id").as_int64() == 2);

  SECTION("customers are refused before anything is read") {
    std::istringstream ping(R"({"jsonrpc":"2.0","id":1,"method":"ping"})");
    std::ostringstream none;
    REQUIRE_ERR(f.mcp().ServeStdio(McpFixture::Customer(f.cust_a), ping, none),
                ErrorCode::kPermissionDenied, "agents only");
    REQUIRE(none.str().empty());
  }
}

}  // namespace
}  // namespace goatflow
