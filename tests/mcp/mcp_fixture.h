#pragma once

// The MCP server driven through the public API (helpdesk.Mcp()), without any
// transport, over a ticket fixture with a small permission world:
//   queue ro_queue (group ro_group), queue rw_queue (group rw_group);
//   agent_ro: ro on ro_group; agent_rw: rw on rw_group and ro on ro_group;
//   agent_none: no groups; customer cust_a (company acme);
//   ro_ticket in ro_queue and rw_ticket in rw_queue (customer cust_a).

#include <boost/json.hpp>

#include <string>
#include <string_view>

#include "goatflow/mcp.h"
#include "service/ticket_fixture.h"

namespace goatflow::testing {

class McpFixture : public TicketFixture {
 public:
  McpFixture() {
    ro_group = AddGroup("ro_group");
    rw_group = AddGroup("rw_group");
    ro_queue = AddQueue("ro_queue", ro_group);
    rw_queue = AddQueue("rw_queue", rw_group);
    agent_ro = AddAgent("agent_ro", ro_group, {"ro"});
    agent_rw = AddAgent("agent_rw", rw_group, {"rw"});
    Grant(agent_rw, ro_group, "ro");
    agent_none = AddAgent("agent_none");
    cust_a = AddCustomer("cust_a", "acme");
    ro_ticket = NewTicket(ro_queue, "Printer on fire", "cust_a").id;
    rw_ticket = NewTicket(rw_queue, "Mail server down", "cust_a").id;
  }

  McpService& mcp() { return hd().Mcp(); }

  // The reply to `message` (REQUIREs that the caller was admitted).
  McpReply Send(const RequestContext& ctx, std::string_view message,
                std::string_view version = {}) {
    auto reply = mcp().Handle(ctx, message, version);
    REQUIRE_OK(reply);
    return std::move(reply).value();
  }

  // The parsed reply body (REQUIREs a reply with a body).
  boost::json::value Rpc(const RequestContext& ctx, std::string_view message,
                         std::string_view version = {}) {
    McpReply reply = Send(ctx, message, version);
    REQUIRE(reply.kind != McpReply::Kind::kAccepted);
    INFO(reply.body);
    return boost::json::parse(reply.body);
  }

  // The `result` of tools/call `name` with `arguments` (a JSON object text).
  boost::json::object CallTool(const RequestContext& ctx, std::string_view name,
                               std::string_view arguments = "{}",
                               std::string_view version = {}) {
    std::string message = R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":")" +
                          std::string(name) + R"(","arguments":)" + std::string(arguments) + "}}";
    boost::json::value response = Rpc(ctx, message, version);
    INFO(boost::json::serialize(response));
    REQUIRE(response.as_object().contains("result"));
    return response.at("result").as_object();
  }

  static bool IsError(const boost::json::object& result) {
    const boost::json::value* flag = result.if_contains("isError");
    return flag != nullptr && flag->as_bool();
  }

  static std::string Text(const boost::json::object& result) {
    const auto& content = result.at("content").as_array();
    REQUIRE(content.size() == 1);
    REQUIRE(content[0].at("type").as_string() == "text");
    return std::string(content[0].at("text").as_string());
  }

  // The value of a successful tool result (its text parsed as JSON).
  static boost::json::value Value(const boost::json::object& result) {
    INFO(Text(result));
    REQUIRE_FALSE(IsError(result));
    return boost::json::parse(Text(result));
  }

  // A context of agent `id` using an API token limited to `scopes`.
  static RequestContext Scoped(std::int64_t id, std::vector<std::string> scopes) {
    RequestContext ctx = Agent(id);
    ctx.auth_method = AuthMethod::kApiToken;
    ctx.api_token_id = 1;
    ctx.token_scopes = std::move(scopes);
    return ctx;
  }

  std::int64_t ro_group = 0, rw_group = 0, ro_queue = 0, rw_queue = 0;
  std::int64_t agent_ro = 0, agent_rw = 0, agent_none = 0, cust_a = 0;
  std::int64_t ro_ticket = 0, rw_ticket = 0;
};

}  // namespace goatflow::testing
