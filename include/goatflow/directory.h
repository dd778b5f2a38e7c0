#pragma once

// The agent directory: agents (`users`), permission groups, memberships and
// roles (domain.md §2.1, §2.4-2.6; api-v1 §0, §10, §13.1; security.md §12).
//
// Mutations and the admin views (agent details with groups, members) are for
// administrators; agents may list valid agents and groups for pickers (API
// tokens need scope users:read for those reads). Rows
// are never deleted: "delete" and "disable" set valid_id 2. Every change is
// audited in its own transaction (user.*, auth.password.reset, group.*,
// role.*, permission.change).
//
// Common errors: unauthenticated (anonymous or disabled caller),
// permission_denied (wire core:forbidden; not an admin, recorded as
// access.denied), not_found (unknown id), invalid_argument (wire
// core:validation_failed, details {field, reason}), already_exists (login,
// e-mail or name taken), conflict (protected group), internal. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/customers.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "goatflow/listing.h"
#include "goatflow/seams.h"

namespace goatflow {

// Permission keys (ro, move_into, create, note, owner, priority, rw) held on one group.
struct GroupGrant {
  std::int64_t group_id = 0;
  std::vector<std::string> permissions;
};

struct AgentGroup {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::string> permissions;  // direct grants, in the order of the keys above
};

struct Agent {
  std::int64_t id = 0;
  std::string login;
  std::optional<std::string> email;  // preference UserEmail, else the login if it has an @
  std::optional<std::string> title;
  std::string first_name;
  std::string last_name;
  std::string full_name;  // trimmed "first last"
  int valid_id = 1;
  bool is_admin = false;           // rw on group admin, directly or through a role
  std::vector<AgentGroup> groups;  // filled for administrators' Get, empty in lists
  TimePoint created_at;
  TimePoint updated_at;
};

struct CreateAgentRequest {
  std::string login;                    // 1-200 characters, unique across agents and customer users
  std::string first_name;               // 1-100
  std::string last_name;                // 1-100
  std::optional<std::string> email;     // unique among agents
  std::optional<std::string> password;  // password policy; absent: cannot log in by password
  std::optional<std::string> title;
  std::vector<GroupGrant> groups;
  int valid_id = 1;
};

// Absent fields keep their value; `groups` replaces all direct memberships.
struct UpdateAgentRequest {
  std::optional<std::string> login;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> email;  // empty string removes it
  std::optional<std::string> title;
  std::optional<int> valid_id;
  std::optional<std::vector<GroupGrant>> groups;
};

struct ListAgentsRequest {
  PageRequest page;
  bool include_invalid = false;  // administrators only; agents always see valid agents
  std::string search;            // substring of login, first/last name or e-mail
  std::string sort = "login";    // login, id or created
};

struct Group {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> comments;
  int valid_id = 1;
  TimePoint created_at;
  TimePoint updated_at;
};

struct CreateGroupRequest {
  std::string name;  // 1-200, unique
  std::optional<std::string> comments;
  int valid_id = 1;
};

struct UpdateGroupRequest {
  std::optional<std::string> name;
  std::optional<std::string> comments;
  std::optional<int> valid_id;
};

struct GroupMember {
  std::int64_t user_id = 0;
  std::string login;
  std::string full_name;
  std::vector<std::string> permissions;  // direct grants on the group
};

struct Role {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> comments;
  int valid_id = 1;
  std::vector<AgentGroup> groups;      // the role's grants
  std::vector<std::int64_t> user_ids;  // assigned agents
  TimePoint created_at;
  TimePoint updated_at;
};

struct CreateRoleRequest {
  std::string name;  // 1-200, unique
  std::optional<std::string> comments;
};

// The signed-in principal (api-v1 §7, GET/PUT /users/me): an agent (the
// operator shows as user 1) with groups and admin flag, or a customer user.
struct CurrentUser {
  PrincipalKind kind = PrincipalKind::kAgent;  // kAgent or kCustomer
  std::optional<Agent> agent;                  // agents
  std::optional<CustomerUser> customer;        // customers
};

// Own profile fields; absent or empty (after trimming) fields keep their value.
struct UpdateCurrentUserRequest {
  std::optional<std::string> first_name;  // 1-100
  std::optional<std::string> last_name;   // 1-100
  std::optional<std::string> email;       // valid address, unique among agents / customer users
  std::optional<std::string> title;
  std::optional<std::string> phone;  // customers only (agents have none: ignored)
};

// Which reads a call serves: the agents' directory (pickers, api-v1 §13.1)
// or the administration (/api/v1/admin/*: administrators only, API tokens
// need scope admin:*, a refusal is recorded as access.denied).
enum class DirectoryView { kDirectory, kAdmin };

class DirectoryService {
 public:
  // --- Agents ---
  // Admin only. A password is checked against the policy and stored as Argon2id.
  Result<Agent> CreateAgent(const RequestContext& ctx, const CreateAgentRequest& request);
  // Administrators get any agent with groups; agents get valid agents without groups.
  Result<Agent> GetAgent(const RequestContext& ctx, std::int64_t id,
                         DirectoryView view = DirectoryView::kDirectory);
  // Agents and administrators; customers get permission_denied.
  Result<Page<Agent>> ListAgents(const RequestContext& ctx, const ListAgentsRequest& request,
                                 DirectoryView view = DirectoryView::kDirectory);
  // Admin only. Disabling here follows the rules of DisableAgent.
  Result<Agent> UpdateAgent(const RequestContext& ctx, std::int64_t id,
                            const UpdateAgentRequest& request);
  // Admin only: valid_id 2, revokes the agent's sessions and API tokens.
  // invalid_argument "Cannot delete yourself"; permission_denied for user 1.
  Result<Agent> DisableAgent(const RequestContext& ctx, std::int64_t id);
  Result<Agent> EnableAgent(const RequestContext& ctx, std::int64_t id);
  // Admin only: sets a new password (policy applies) and revokes the agent's
  // sessions; audited as auth.password.reset (never the password itself).
  Status ResetAgentPassword(const RequestContext& ctx, std::int64_t id,
                            const std::string& new_password);

  // --- The caller's own account (agents and customers; any API token) ---
  Result<CurrentUser> GetCurrentUser(const RequestContext& ctx);
  // Audited as user.update / customer_user.update. Errors: invalid_argument,
  // already_exists "E-mail address already in use" (core:conflict).
  Result<CurrentUser> UpdateCurrentUser(const RequestContext& ctx,
                                        const UpdateCurrentUserRequest& request);

  // --- Groups ---
  Result<Group> CreateGroup(const RequestContext& ctx, const CreateGroupRequest& request);
  // Agents may read valid groups; administrators any.
  Result<Group> GetGroup(const RequestContext& ctx, std::int64_t id,
                         DirectoryView view = DirectoryView::kDirectory);
  // Not paginated (api-v1 §13.1); agents always get valid groups only.
  Result<std::vector<Group>> ListGroups(const RequestContext& ctx,
                                        ValidFilter valid = ValidFilter::kValid,
                                        DirectoryView view = DirectoryView::kDirectory);
  Result<Group> UpdateGroup(const RequestContext& ctx, std::int64_t id,
                            const UpdateGroupRequest& request);
  // valid_id 2; conflict "Cannot delete protected group" for admin and users.
  Result<Group> DeleteGroup(const RequestContext& ctx, std::int64_t id);
  // Admin only: agents with direct grants on the group, by login.
  Result<std::vector<GroupMember>> ListGroupMembers(const RequestContext& ctx, std::int64_t id);

  // --- Memberships (admin only; audited as permission.change) ---
  // Adds keys (idempotent). Returns the agent's groups afterwards.
  Result<std::vector<AgentGroup>> GrantGroup(const RequestContext& ctx, std::int64_t user_id,
                                             const GroupGrant& grant);
  // Removes keys; an empty list removes every key on the group.
  Result<std::vector<AgentGroup>> RevokeGroup(const RequestContext& ctx, std::int64_t user_id,
                                              const GroupGrant& grant);
  // Replaces all direct memberships of the agent.
  Result<std::vector<AgentGroup>> SetAgentGroups(const RequestContext& ctx, std::int64_t user_id,
                                                 const std::vector<GroupGrant>& groups);

  // --- Roles (admin only) ---
  Result<Role> CreateRole(const RequestContext& ctx, const CreateRoleRequest& request);
  Result<Role> GetRole(const RequestContext& ctx, std::int64_t id);
  Result<std::vector<Role>> ListRoles(const RequestContext& ctx);
  // Adds keys on a group to the role (an empty list removes the role's keys
  // on that group). Audited as permission.change.
  Result<Role> GrantRole(const RequestContext& ctx, std::int64_t role_id, const GroupGrant& grant);
  Result<Role> AssignRole(const RequestContext& ctx, std::int64_t role_id, std::int64_t user_id);
  Result<Role> UnassignRole(const RequestContext& ctx, std::int64_t role_id, std::int64_t user_id);

 private:
  friend class Helpdesk;
  explicit DirectoryService(Helpdesk::Impl& impl) : impl_(impl) {}
  Helpdesk::Impl& impl_;
};

}  // namespace goatflow
