#pragma once

// JSON-RPC 2.0 processing of the MCP server (spec/mcp.md §2.1, §3, §4): one
// message or batch in, the reply out. Knows nothing of transports; the
// caller was admitted before a Dispatcher is made.

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "goatflow/mcp.h"
#include "mcp/registry.h"

namespace goatflow::mcp {

// JSON-RPC error codes (spec/mcp.md §4.1).
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;

// serverInfo.name of initialize and `name` of GET /api/mcp.
inline constexpr std::string_view kServerName = "goatflow-mcp";

// The newest protocol version this server speaks.
std::string_view NewestProtocolVersion();

class Dispatcher {
 public:
  // `protocol_version`: what the transport knows the client speaks ("" = unknown).
  Dispatcher(const ToolRegistry& tools, const ToolContext& call, std::string protocol_version);

  McpReply Handle(std::string_view message);

 private:
  struct RpcError {
    int code;
    std::string message;
  };

  // The response to one element; nullopt for notifications and client
  // responses. `malformed` is set when the element is not a JSON-RPC message.
  std::optional<boost::json::object> HandleElement(const boost::json::value& element,
                                                   bool& malformed);
  // The result of a request, or its JSON-RPC error.
  std::variant<boost::json::value, RpcError> Dispatch(std::string_view method,
                                                     const boost::json::object& params);
  std::variant<boost::json::value, RpcError> Initialize(const boost::json::object& params);
  std::variant<boost::json::value, RpcError> CallTool(const boost::json::object& params);
  // Tool results carry structuredContent from 2025-06-18 on, and when the
  // version is unknown.
  bool Structured() const;

  const ToolRegistry& tools_;
  const ToolContext& call_;
  std::string version_;
  std::string negotiated_;
};

}  // namespace goatflow::mcp
