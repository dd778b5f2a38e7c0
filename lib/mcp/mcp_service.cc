// McpService: admission of the caller, then the dispatcher; the stdio loop;
// the description GET /api/mcp shows.

#include <istream>
#include <ostream>
#include <string>

#include "goatflow/mcp.h"
#include "mcp/dispatcher.h"
#include "mcp/registry.h"

namespace goatflow {
namespace {

// MCP serves agents (and the local operator). Customers are refused outright
// (spec/mcp.md §1.2): the tools are agent tools.
Status Admit(const RequestContext& ctx) {
  switch (ctx.principal.kind) {
    case PrincipalKind::kAgent:
    case PrincipalKind::kOperator:
      return OkStatus();
    case PrincipalKind::kCustomer:
      return Error(ErrorCode::kPermissionDenied, "MCP is available to agents only")
          .WithWireCode("core:forbidden");
    case PrincipalKind::kAnonymous:
      break;
  }
  return Error(ErrorCode::kUnauthenticated, "Authentication required")
      .WithWireCode("core:unauthorized");
}

}  // namespace

const std::vector<std::string>& McpProtocolVersions() {
  static const std::vector<std::string> versions = {"2024-11-05", "2025-03-26", "2025-06-18",
                                                    "2025-11-25"};
  return versions;
}

bool IsSupportedMcpProtocolVersion(std::string_view version) {
  for (const std::string& v : McpProtocolVersions())
    if (v == version) return true;
  return false;
}

McpService::McpService(Helpdesk& helpdesk, Helpdesk::Impl& impl)
    : helpdesk_(helpdesk), impl_(impl), tools_(std::make_unique<mcp::ToolRegistry>()) {
  mcp::RegisterTools(*tools_);
}

McpService::~McpService() = default;

Result<McpReply> McpService::Handle(const RequestContext& ctx, std::string_view message,
                                    std::string_view protocol_version) {
  Status admitted = Admit(ctx);
  if (!admitted.ok()) return std::move(admitted).error();
  mcp::ToolContext call{helpdesk_, impl_, ctx};
  mcp::Dispatcher dispatcher(*tools_, call, std::string(protocol_version));
  return dispatcher.Handle(message);
}

Status McpService::ServeStdio(const RequestContext& ctx, std::istream& in, std::ostream& out) {
  Status admitted = Admit(ctx);
  if (!admitted.ok()) return admitted;
  std::string version;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto reply = Handle(ctx, line, version);
    if (!reply.ok()) return std::move(reply).error();
    if (!reply->negotiated_version.empty()) version = reply->negotiated_version;
    if (reply->kind != McpReply::Kind::kAccepted) out << reply->body << '\n' << std::flush;
  }
  return OkStatus();
}

McpServerInfo McpService::Info() const {
  McpServerInfo info;
  info.name = std::string(mcp::kServerName);
  info.version = std::string(Version());
  info.protocol_versions = McpProtocolVersions();
  info.protocol_version = info.protocol_versions.back();
  for (const mcp::Tool& tool : tools_->tools()) info.tools.push_back({tool.name, tool.description});
  return info;
}

}  // namespace goatflow
