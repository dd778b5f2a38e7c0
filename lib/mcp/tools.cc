// The one place that decides which tools the MCP server offers, and in which
// order tools/list shows them (spec/mcp.md §6).

#include "mcp/registry.h"

namespace goatflow::mcp {

void RegisterTools(ToolRegistry& registry) {
  registry.Add(ListTicketsTool());
  registry.Add(GetTicketTool());
  registry.Add(CreateTicketTool());
  registry.Add(UpdateTicketTool());
  registry.Add(AddArticleTool());
  registry.Add(ListQueuesTool());
  registry.Add(ListUsersTool());
  registry.Add(SearchTicketsTool());
  registry.Add(GetStatisticsTool());
  registry.Add(ExecuteSqlTool());
}

}  // namespace goatflow::mcp
