#pragma once

// The library's view of who is calling, loaded from the database at the start
// of every use case (never trusted from a token or a front-end): the account
// must still be valid, and grants and admin status are current.

#include <optional>
#include <string>
#include <string_view>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "rbac/rbac.h"
#include "store/catalog.h"
#include "store/db.h"

namespace goatflow::service {

struct Caller {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::int64_t id = 0;  // users.id (agents, operator = 1) or customer_user.id
  std::string login;
  bool is_admin = false;             // operator, or agent with rw on group "admin"
  rbac::AgentGrants grants;          // agents and the operator
  std::optional<std::string> company;  // customers: customer_user.customer_id

  bool IsAgent() const { return kind == PrincipalKind::kAgent || kind == PrincipalKind::kOperator; }
  bool IsCustomer() const { return kind == PrincipalKind::kCustomer; }
  // users.id to record in create_by/change_by (customers act as system user 1).
  std::int64_t ActingUserId() const { return IsAgent() ? id : 1; }
};

// Loads the caller. Errors: unauthenticated (anonymous, unknown or disabled
// account), internal.
Result<Caller> LoadCaller(store::Db& db, const RequestContext& ctx);

// API-token scopes (security.md §8.2, §9.1 step 2). Requests not made with an
// API token pass; a token passes when its scope list is empty or holds `*`,
// `scope` itself, or `<prefix>:*`. Scopes only narrow: the caller's RBAC
// still applies afterwards. Errors: permission_denied
// "Token missing required scope: <scope>" (core:forbidden).
Status RequireScope(const RequestContext& ctx, std::string_view scope);

// Scope names of security.md §8.2.
inline constexpr std::string_view kScopeTicketsRead = "tickets:read";
inline constexpr std::string_view kScopeTicketsWrite = "tickets:write";
inline constexpr std::string_view kScopeTicketsDelete = "tickets:delete";
inline constexpr std::string_view kScopeArticlesRead = "articles:read";
inline constexpr std::string_view kScopeArticlesWrite = "articles:write";
inline constexpr std::string_view kScopeUsersRead = "users:read";
inline constexpr std::string_view kScopeQueuesRead = "queues:read";
inline constexpr std::string_view kScopeAdmin = "admin:*";

// The valid agent `user_id` (login and grants) from the connection's catalog
// cache (store/catalog.h), loaded on first use; null when no valid agent has
// that id. The pointer lives until the next CurrentCatalog call.
Result<const store::Catalog::Agent*> CachedAgent(store::Db& db, std::int64_t user_id);

// Effective grants of agent `user_id` (direct and role-derived, valid groups
// and roles only). Used for the caller and for owner eligibility checks.
Result<rbac::AgentGrants> LoadAgentGrants(store::Db& db, std::int64_t user_id);

}  // namespace goatflow::service
