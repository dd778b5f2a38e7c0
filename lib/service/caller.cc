#include "service/caller.h"

#include "core/macros.h"
#include "store/catalog.h"

namespace goatflow::service {
namespace {

Error NotAuthenticated() {
  return Error(ErrorCode::kUnauthenticated, "Authentication required").WithWireCode("core:unauthorized");
}

}  // namespace

Status RequireScope(const RequestContext& ctx, std::string_view scope) {
  if (ctx.auth_method != AuthMethod::kApiToken || ctx.token_scopes.empty()) return OkStatus();
  const std::string_view family = scope.substr(0, scope.find(':'));
  for (const std::string& held : ctx.token_scopes) {
    if (held == "*" || held == scope) return OkStatus();
    if (held.size() > 2 && held.compare(held.size() - 2, 2, ":*") == 0 &&
        std::string_view(held).substr(0, held.size() - 2) == family)
      return OkStatus();
  }
  return Error(ErrorCode::kPermissionDenied,
               "Token missing required scope: " + std::string(scope))
      .WithWireCode("core:forbidden");
}

Result<rbac::AgentGrants> LoadAgentGrants(store::Db& db, std::int64_t user_id) {
  rbac::AgentGrants grants;
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT g.id, g.name, gu.permission_key
      FROM group_user gu JOIN groups g ON g.id = gu.group_id
     WHERE gu.user_id = ?1 AND gu.permission_value = 1 AND g.valid_id = 1
    UNION ALL
    SELECT g.id, g.name, gr.permission_key
      FROM role_user ru
      JOIN roles r ON r.id = ru.role_id AND r.valid_id = 1
      JOIN group_role gr ON gr.role_id = ru.role_id AND gr.permission_value = 1
      JOIN groups g ON g.id = gr.group_id AND g.valid_id = 1
     WHERE ru.user_id = ?1)sql"));
  stmt.Bind(1, user_id);
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    auto permission = rbac::ParsePermissionKey(stmt.Text(2));
    if (!permission) continue;
    grants.by_group[stmt.Int(0)] |= rbac::Bit(*permission);
    if (*permission == rbac::Permission::kRw && stmt.Text(1) == "admin") grants.is_admin = true;
  }
  return grants;
}

namespace {

// A valid agent's login and grants; nullopt when no valid agent has this id.
Result<std::optional<store::Catalog::Agent>> LoadAgent(store::Db& db, std::int64_t user_id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                            db.Prepare("SELECT login FROM users WHERE id = ? AND valid_id = 1"));
  stmt.Bind(1, user_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<store::Catalog::Agent>();
  store::Catalog::Agent agent;
  agent.login = stmt.Text(0);
  GOATFLOW_ASSIGN_OR_RETURN(agent.grants, LoadAgentGrants(db, user_id));
  return std::optional<store::Catalog::Agent>(std::move(agent));
}

}  // namespace

Result<const store::Catalog::Agent*> CachedAgent(store::Db& db, std::int64_t user_id) {
  GOATFLOW_ASSIGN_OR_RETURN(store::Catalog* catalog, store::CurrentCatalog(db));
  auto known = catalog->agents.find(user_id);
  if (known == catalog->agents.end()) {
    GOATFLOW_ASSIGN_OR_RETURN(auto agent, LoadAgent(db, user_id));
    known = catalog->agents.emplace(user_id, std::move(agent)).first;
  }
  return known->second ? &*known->second : nullptr;
}

Result<Caller> LoadCaller(store::Db& db, const RequestContext& ctx) {
  Caller caller;
  caller.kind = ctx.principal.kind;
  switch (ctx.principal.kind) {
    case PrincipalKind::kAnonymous:
      return NotAuthenticated();
    case PrincipalKind::kOperator: {
      caller.id = 1;
      caller.login = "admin";
      caller.is_admin = true;
      caller.grants.is_admin = true;
      return caller;
    }
    case PrincipalKind::kAgent: {
      GOATFLOW_ASSIGN_OR_RETURN(const store::Catalog::Agent* agent,
                                CachedAgent(db, ctx.principal.id));
      if (agent == nullptr) return NotAuthenticated();
      caller.id = ctx.principal.id;
      caller.login = agent->login;
      caller.grants = agent->grants;
      caller.is_admin = caller.grants.is_admin;
      return caller;
    }
    case PrincipalKind::kCustomer: {
      GOATFLOW_ASSIGN_OR_RETURN(
          auto stmt,
          db.Prepare("SELECT login, customer_id FROM customer_user WHERE id = ? AND valid_id = 1"));
      stmt.Bind(1, ctx.principal.id);
      GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
      if (!found) return NotAuthenticated();
      caller.id = ctx.principal.id;
      caller.login = stmt.Text(0);
      caller.company = stmt.OptText(1);
      return caller;
    }
  }
  return NotAuthenticated();
}

}  // namespace goatflow::service
