// goatflow mcp: the MCP server over stdio (newline-delimited JSON-RPC on
// stdin/stdout) against the database named by --db, acting as --as LOGIN, so
// desktop MCP clients can launch goatflow directly. stdout carries protocol
// messages only; logs go to stderr.

#include <iostream>

#include "cli.h"
#include "goatflow/mcp.h"

namespace goatflow::cli {

void RegisterMcp(CLI::App& app, Globals& globals) {
  auto* sub = app.add_subcommand(
      "mcp", "Serve MCP over stdin/stdout as the agent named by --as (for desktop MCP clients)");
  OnRun(sub, globals, [&globals]() -> Status {
    // A usage error (exit 64), like any other missing required option.
    if (globals.as_login.empty()) throw CLI::RequiredError("--as LOGIN (the agent MCP acts as)");
    return WithHelpdesk(globals, [](Helpdesk& hd, const RequestContext& ctx) {
      return hd.Mcp().ServeStdio(ctx, std::cin, std::cout);
    });
  });
}

}  // namespace goatflow::cli
