#pragma once

// SQL and shared rules of the directory use cases (agents, groups, roles) and
// of customer users: login uniqueness across principals, grant validation and
// revoking a disabled account's sessions and tokens.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/customers.h"
#include "goatflow/directory.h"
#include "store/db.h"

namespace goatflow::service {

TimePoint ParseStoredTime(const std::string& text);

// Agent row without groups; nullopt when absent.
Result<std::optional<Agent>> LoadAgent(store::Db& db, std::int64_t id);
// Direct grants of the agent, by group id.
Result<std::vector<AgentGroup>> LoadAgentGroups(store::Db& db, std::int64_t user_id);
Result<Page<Agent>> ListAgentRows(store::Db& db, const ListAgentsRequest& request,
                                  bool include_invalid);

// already_exists (wire core:conflict, field "login") when an agent or a
// customer user other than (kind, except_id) has `login`.
Status CheckLoginFree(store::Db& db, std::string_view login, std::string_view kind,
                      std::int64_t except_id);
// Syntactic check of an e-mail address; reason invalid_email.
Status CheckEmailSyntax(std::string_view email, std::string_view field = "email");
// Login: CleanName rules (1-200) and no white space.
Result<std::string> CleanLogin(std::string_view raw);

// Validates keys and group existence; error details name field "groups" or
// "permissions". Duplicate keys are merged.
Status CheckGrants(store::Db& db, const std::vector<GroupGrant>& grants);
// Adds group_user rows (idempotent).
Status InsertAgentGrants(store::Db& db, std::int64_t user_id, const GroupGrant& grant,
                         std::int64_t actor, const std::string& now);
// "group 3: ro,note; group 5: rw" for audit details.
std::string DescribeGrants(const std::vector<AgentGroup>& groups);

// Ends every session, refresh token and API token of the principal.
Status RevokeCredentials(store::Db& db, std::string_view kind, std::int64_t id, std::int64_t actor,
                         const std::string& now);

// Agent e-mail (preference UserEmail, unique among agents) and customer-user
// e-mail (unique among customer users): syntax and uniqueness checks with
// already_exists (core:conflict, field "email"); nullopt when `raw` is empty.
// Defined in agents.cc and customer_users.cc beside their other users.
Result<std::optional<std::string>> CleanAgentEmailFor(store::Db& db,
                                                      const std::optional<std::string>& raw,
                                                      std::int64_t except_id);
Status StoreAgentEmail(store::Db& db, std::int64_t user_id, const std::optional<std::string>& email);
Result<std::optional<std::string>> CleanCustomerUserEmail(store::Db& db,
                                                          const std::optional<std::string>& raw,
                                                          std::int64_t except_id);
// not_found "Customer user not found".
Result<CustomerUser> LoadCustomerUser(store::Db& db, std::string_view login);

Result<std::optional<Group>> LoadGroup(store::Db& db, std::int64_t id);
Result<std::optional<Role>> LoadRole(store::Db& db, std::int64_t id);

}  // namespace goatflow::service
