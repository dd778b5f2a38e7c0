#pragma once

// The Model Context Protocol server (spec/mcp.md), independent of transport:
// it takes one JSON-RPC 2.0 message (a request, a notification, a client
// response or a batch) as text and returns what to answer. The HTTP endpoint
// (POST /api/mcp) and `goatflow mcp` (stdio) are thin transports over it.
// Reached as `helpdesk.Mcp()`.
//
// Every tool is one library call under the caller's RequestContext, so the
// permissions, API-token scopes, validation and audit rules of the REST API
// apply unchanged. A tool that fails (bad argument, not found, permission
// denied) is a result with isError true, so a model can correct itself; only
// protocol faults are JSON-RPC errors. The server is stateless: tools work
// without a prior `initialize`. Thread-safe.

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"

namespace goatflow {

namespace mcp {
class ToolRegistry;
}  // namespace mcp

// The protocol versions this server speaks, oldest first. `initialize` echoes
// the client's version when it is one of these and answers the newest otherwise.
const std::vector<std::string>& McpProtocolVersions();
bool IsSupportedMcpProtocolVersion(std::string_view version);

struct McpReply {
  enum class Kind {
    kResponse,  // `body` is a JSON-RPC response, or a batch's array of responses
    kAccepted,  // only notifications or client responses: nothing to send (HTTP 202)
    kMalformed,  // not JSON, or not a JSON-RPC message: `body` is the error (HTTP 400)
  };
  Kind kind = Kind::kAccepted;
  std::string body;
  // The version an `initialize` in this message agreed on ("" when none did);
  // a session-keeping transport (stdio) passes it to later calls.
  std::string negotiated_version;
};

struct McpToolInfo {
  std::string name;
  std::string description;
};

// What GET /api/mcp describes.
struct McpServerInfo {
  std::string name;              // "goatflow-mcp"
  std::string version;           // the library's version
  std::string protocol_version;  // the newest supported
  std::vector<std::string> protocol_versions;
  std::vector<McpToolInfo> tools;  // in tools/list order
};

class McpService {
 public:
  ~McpService();

  // Answers one message for `ctx`. `protocol_version` is the version the
  // transport knows the client uses (the MCP-Protocol-Version header, or the
  // one stdio negotiated); empty when unknown. From 2025-06-18 on, and when
  // unknown, tool results carry `structuredContent` beside the text.
  // Errors (nothing was processed): unauthenticated for anonymous callers,
  // permission_denied "MCP is available to agents only" for customers.
  Result<McpReply> Handle(const RequestContext& ctx, std::string_view message,
                          std::string_view protocol_version = {});

  // The stdio transport: reads newline-delimited JSON-RPC messages from `in`
  // until end of input and writes each reply as one line to `out` (flushed),
  // remembering the version `initialize` negotiated. Blank lines are skipped.
  // Errors: those of Handle, before anything is read.
  Status ServeStdio(const RequestContext& ctx, std::istream& in, std::ostream& out);

  McpServerInfo Info() const;

 private:
  friend class Helpdesk;
  McpService(Helpdesk& helpdesk, Helpdesk::Impl& impl);
  Helpdesk& helpdesk_;
  Helpdesk::Impl& impl_;
  std::unique_ptr<mcp::ToolRegistry> tools_;
};

}  // namespace goatflow
