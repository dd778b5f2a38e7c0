#pragma once

// JSON renderings of the API's value types, exactly as the REST API, MCP, the
// C ABI and `goatflow ... --json` show them (one implementation, lib/json).
// Every function returns compact UTF-8 JSON text.

#include <string>
#include <string_view>
#include <vector>

#include "goatflow/admin.h"
#include "goatflow/auth.h"
#include "goatflow/error.h"
#include "goatflow/health.h"
#include "goatflow/helpdesk.h"
#include "goatflow/pagination.h"
#include "goatflow/tickets.h"
#include "goatflow/customers.h"
#include "goatflow/dashboard.h"
#include "goatflow/directory.h"
#include "goatflow/lookups.h"
#include "goatflow/mcp.h"
#include "goatflow/queues.h"
#include "goatflow/search.h"
#include "goatflow/sql_console.h"

namespace goatflow::json {

std::string ToJson(const StoreStatus& status);

// Identity (security.md §3, §8): the `data` objects of the login, refresh and
// token endpoints. A CreatedToken includes the secret and the one-time warning.
std::string ToJson(const AuthUser& user);
std::string ToJson(const TokenPair& tokens);
std::string ToJson(const LoginResult& login);
// The login response (api-v1.md §3, internal-api.md §2.1): the envelope with
// ToJson(login) as `data`, its token fields and `user` repeated at the top
// level, and `redirect` (inside and outside `data`) when not empty.
std::string LoginEnvelope(const LoginResult& login, std::string_view redirect = {});
std::string ToJson(const ApiTokenInfo& token);
std::string ToJson(const std::vector<ApiTokenInfo>& tokens);
std::string ToJson(const CreatedToken& created);
std::string ToJson(const std::vector<ScopeInfo>& scopes);
std::string ToJson(const std::vector<SessionInfo>& sessions);
std::string ToJson(const Preferences& preferences);
// {"message":"Password changed successfully","changed_at"} (api-v1 §7).
std::string ToJson(const PasswordChanged& changed);
// `data` of DELETE .../tokens/:id: {"id","status":"revoked"} (api-v1 §13.2).
std::string TokenRevoked(const ApiTokenInfo& token);

// {"code": "<wire code>", "message": "...", "details": {...}} — the error
// object used by the CLI and the C ABI (the HTTP envelope is built elsewhere).
std::string ToJson(const Error& error);

// ---- The response envelope (api-v1.md §1.3), used by every HTTP API ---------

// {"success":true,"data":<data_json>}; `data_json` must be valid JSON text.
std::string SuccessEnvelope(std::string_view data_json);

// {"success":true,"data":<items_json>,"pagination":{page, per_page, total,
// total_pages, has_next, has_prev}}; `items_json` must be a JSON array.
std::string ListEnvelope(std::string_view items_json, const Pagination& pagination);

// {"success":false,"error":<message>,"code":<wire_code>[,"details":{...}]}.
// For a rate_limited error whose details hold an integer "retry_after_sec",
// that value is a top-level number instead (security.md §10).
std::string ErrorEnvelope(const Error& error, std::string_view wire_code);

std::string ToJson(const Pagination& pagination);

// ---- Health (spec/health.md) -------------------------------------------------

// The /health probe body: {"status","service":"goatflow","version"}.
std::string HealthProbe(const HealthReport& report);

// `data` of GET /api/v1/health: {"status","service":"goatflow-api","version","timestamp"}.
std::string ApiHealth(const HealthReport& report);

// `data` of GET /api/v1/status (health.md §7): components as status strings.
std::string ToJson(const SystemStatus& status);

// The GET /health/detailed body (health.md §3), not enveloped: status, service,
// version, uptime_seconds, timestamp and components, each an object with
// status, latency_ms, the message when there is one and the check's figures.
std::string DetailedHealth(const HealthReport& report);
// tickets (api-v1.md §2.1, §2.2, §4.9). Pages render as
// {"data": [...], "pagination": {...}}.
std::string ToJson(const Ticket& ticket);
// The create response (api-v1.md §4.2): the Ticket plus `ticket_state_id` and
// `ticket_priority_id` (GoatFlow clients read those names).
std::string CreatedTicket(const Ticket& ticket);
std::string ToJson(const TicketPage& page);
// The items alone (a JSON array), for list envelopes built by a front-end.
std::string ToJson(const std::vector<Ticket>& tickets);
std::string ToJson(const Article& article);
std::string ToJson(const Article& article, bool include_attachments);
std::string ToJson(const std::vector<Article>& articles, bool include_attachments);
std::string ToJson(const ArticlePage& page, bool include_attachments);
std::string ToJson(const Attachment& attachment);
std::string ToJson(const TicketHistory& history);  // {"ticket_id","count","history"}
std::string ToJson(const TicketLinks& links);      // {"ticket_id","count","links"}
std::string ToJson(const BulkResult& result);      // {"processed","failed","errors"}
std::string ToJson(const ArchiveResult& result);   // {"id","archived","state"}

// Search (api-v1.md §8): {"data":[Ticket + "snippet","score"],"pagination"};
// the search box object {"query","tickets","users","articles","counts"} with
// only the requested types; suggestions [{"type","id","label","value"}].
std::string ToJson(const TicketSearchPage& page);
std::string ToJson(const std::vector<TicketSearchHit>& hits);  // the page's items
std::string ToJson(const GlobalSearchResult& result);
std::string ToJson(const std::vector<Suggestion>& suggestions);
// SavedSearch {"name","type","parameters":{"<param>":"<string>"}}.
std::string ToJson(const SavedSearch& search);
std::string ToJson(const std::vector<SavedSearch>& searches);
std::string SavedSearchDeleted(const SavedSearch& search);  // {"name","deleted":true}

// The MCP execute_sql result (mcp.md §6.10): {"columns":[...], "rows":
// [{"<column>": value, ...}], "rows_count": n, "truncated": bool}. INTEGER and
// REAL as JSON numbers (a non-finite REAL as null), TEXT as strings, NULL as
// null, BLOB as "base64:<RFC 4648 base64>".
std::string ToJson(const SqlQueryResult& result);
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
std::string ToJson(const std::vector<Queue>& queues);
// `data` of DELETE /api/v1/queues/:id: {"id","deleted":true}.
std::string QueueDeleted(const Queue& queue);
std::string ToJson(const QueueStats& stats);
// User shape of api-v1 §2.5 (`groups` only when filled, plus `is_admin`/`role`).
std::string ToJson(const Agent& agent);
std::string ToJson(const Page<Agent>& agents);
std::string ToJson(const std::vector<Agent>& agents);
// GET/PUT /users/me (api-v1 §7): agents as the User shape with `groups`
// (possibly []), `role` and `is_admin`; customers as the customer user with
// "role":"Customer".
std::string ToJson(const CurrentUser& me);
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
// The items alone (JSON arrays), for list envelopes built by a front-end.
std::string ToJson(const std::vector<CustomerCompany>& companies);
std::string ToJson(const std::vector<CustomerUser>& users);

// --- Administration (api-v1 §10) ------------------------------------------
// GET /admin/system/config: a flat object {"<name>": <value>} (secrets masked).
std::string ToJson(const std::vector<Setting>& settings);
// One setting described: {"name","type","value","default","constraint",
// "modified","secret","read_only","takes_effect"}.
std::string ToJson(const Setting& setting);
std::string ToJson(const ConfigUpdateResult& result);  // {"updated": n, "changed": [...]}
std::string ToJson(const MaintenanceState& state);     // {"enabled", "message"}
// AuditLogEntry: the audit_log columns with `created_at` (RFC 3339), `details`
// as an object, and `source` ("audit_log" or "ticket_history").
std::string ToJson(const AuditLogEntry& entry);
std::string ToJson(const std::vector<AuditLogEntry>& entries);
std::string ToJson(const Page<AuditLogEntry>& page);

// GET /api/mcp (spec/mcp.md §1.1, not enveloped): {"name","version",
// "protocol_version","protocol_versions","tools_count","tools":[{"name",
// "description"}],"authentication","endpoint"}.
std::string ToJson(const McpServerInfo& info);
// Dashboard (api-v1 §2.6, §9).
std::string ToJson(const DashboardStats& stats);
std::string ToJson(const std::vector<Activity>& activities);
// `data` of GET /dashboard/notifications: {"notifications":[…],"unread_count":n}.
std::string ToJson(const NotificationPage& page);
std::string ToJson(const NotificationRead& read);  // {"id","read":true}
std::string ToJson(const CountChart& chart);       // {"labels","data"}
std::string ToJson(const TimeChart& chart);        // {"labels","datasets":[{"label","data"}]}
std::string ToJson(const CounterCheck& check);
std::string ToJson(const JobRunSummary& summary);

}  // namespace goatflow::json
