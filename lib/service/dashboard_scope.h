#pragma once

// Which tickets a dashboard figure may count for a caller (domain.md §11), as
// SQL-friendly values, and the local-day arithmetic of setting TimeZone.

#include <cstdint>
#include <string>
#include <vector>

#include "core/time_zone.h"
#include "goatflow/error.h"
#include "service/caller.h"
#include "store/db.h"

namespace goatflow::service {

struct DashboardScope {
  bool customer = false;       // counts over customer_login's tickets only
  std::string customer_login;  // customers
  bool all_queues = false;     // admins and the operator
  std::string queue_ids_json;  // agents: the queues they may read, "[1,2]"
};

Result<DashboardScope> LoadDashboardScope(store::Db& db, const Caller& caller);

// The zone of setting TimeZone; UTC when the setting names no known zone.
Result<core::TimeZone> LoadTimeZone(store::Db& db);

// State type names of "active" tickets (api-v1.md §1.5).
inline constexpr const char* kActiveTypesSql =
    "('new', 'open', 'pending reminder', 'pending auto')";

// SQL condition: ticket state `column` is of the closed type.
inline constexpr const char* kClosedStatesSql =
    "(SELECT s.id FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id "
    "WHERE st.name = 'closed')";

// SQL condition on history row `h`: it records a transition into a closed state
// (its state is closed, the ticket's previous entry's was not). The same rule
// as migration 0004's ticket_event_count.closed.
inline constexpr const char* kClosingEntrySql =
    "h.state_id IN (SELECT s.id FROM ticket_state s JOIN ticket_state_type st ON st.id = "
    "s.type_id WHERE st.name = 'closed') AND coalesce((SELECT p.state_id FROM ticket_history p "
    "WHERE p.ticket_id = h.ticket_id AND p.id < h.id ORDER BY p.id DESC LIMIT 1), 0) NOT IN "
    "(SELECT s.id FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id WHERE "
    "st.name = 'closed')";

}  // namespace goatflow::service
