#pragma once

// Ticket counts over the tickets a caller can see (MCP get_statistics,
// spec/mcp.md §6.9), read in one transaction from the counters that every
// ticket write keeps current (table ticket_count).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"

namespace goatflow::service {

struct TicketStatistics {
  // Non-archived tickets the caller can see, by state name and by queue name;
  // names with no ticket are absent; both sorted by name.
  std::vector<std::pair<std::string, std::int64_t>> by_state;
  std::vector<std::pair<std::string, std::int64_t>> by_queue;
  std::int64_t total_tickets = 0;
  std::int64_t valid_agents = 0;  // every valid agent, not filtered by visibility
};

// Visibility as in TicketService::List (admins all queues, agents queues with
// ro, customers their own tickets); API tokens need scope tickets:read.
// Errors: unauthenticated, permission_denied (scope), internal.
Result<TicketStatistics> CountVisibleTickets(Helpdesk::Impl& impl, const RequestContext& ctx);

}  // namespace goatflow::service
