#pragma once

// JSON renderings of the API's value types, exactly as the REST API, MCP, the
// C ABI and `goatflow ... --json` show them (one implementation, lib/json).
// Every function returns compact UTF-8 JSON text.

#include <string>

#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "goatflow/listing.h"
#include "goatflow/customers.h"
#include "goatflow/directory.h"
#include "goatflow/lookups.h"
#include "goatflow/queues.h"

namespace goatflow::json {

std::string ToJson(const StoreStatus& status);

// {"code": "<wire code>", "message": "...", "details": {...}} — the error
// object used by the CLI and the C ABI (the HTTP envelope is built elsewhere).
std::string ToJson(const Error& error);

// --- Directory: lookups, queues, customers, agents, groups, roles ---------
// Single objects render as the spec's shapes (api-v1 §2.3-2.6, §10, §13.1;
// RFC 3339 times, never a password hash). Lookup lists render as JSON arrays;
// paginated lists as {"data": [...], "pagination": {page, per_page, total,
// total_pages, has_next, has_prev}}, the envelope of api-v1 §1.3 minus
// "success".

std::string ToJson(const State& state);
std::string ToJson(const std::vector<State>& states);
std::string ToJson(const Priority& priority);
std::string ToJson(const std::vector<Priority>& priorities);
std::string ToJson(const TicketType& type);
std::string ToJson(const std::vector<TicketType>& types);
std::string ToJson(const Queue& queue);
std::string ToJson(const Page<Queue>& queues);
std::string ToJson(const QueueStats& stats);
// User shape of api-v1 §2.5 (`groups` only when filled, plus `is_admin`/`role`).
std::string ToJson(const Agent& agent);
std::string ToJson(const Page<Agent>& agents);
std::string ToJson(const std::vector<AgentGroup>& groups);
std::string ToJson(const Group& group);
std::string ToJson(const std::vector<Group>& groups);
std::string ToJson(const std::vector<GroupMember>& members);
std::string ToJson(const Role& role);
std::string ToJson(const std::vector<Role>& roles);
std::string ToJson(const CustomerCompany& company);
std::string ToJson(const Page<CustomerCompany>& companies);
std::string ToJson(const CustomerUser& user);
std::string ToJson(const Page<CustomerUser>& users);

}  // namespace goatflow::json
