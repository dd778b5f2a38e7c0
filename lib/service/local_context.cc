// Helpdesk::LocalContextFor: the identity of `goatflow ... --as LOGIN`.

#include "core/macros.h"
#include "goatflow/helpdesk.h"
#include "service/checks.h"
#include "service/helpdesk_impl.h"
#include "service/unit_of_work.h"

namespace goatflow {

Result<RequestContext> Helpdesk::LocalContextFor(std::string_view login) const {
  return service::Read(*impl_, [&](store::Db& db) -> Result<RequestContext> {
    // Logins are unique across agents and customer users (api-v1 §0), so at
    // most one of the two rows exists.
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      SELECT 'agent', id, login, valid_id FROM users WHERE login = ?1
      UNION ALL
      SELECT 'customer', id, login, valid_id FROM customer_user WHERE login = ?1)sql"));
    stmt.Bind(1, login);
    GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) return service::NotFound("Unknown login");
    if (stmt.Int(3) != 1) {
      return Error(ErrorCode::kUnauthenticated, "Account is disabled")
          .WithWireCode("core:unauthorized");
    }
    RequestContext ctx;
    ctx.principal.kind = stmt.Text(0) == "agent" ? PrincipalKind::kAgent : PrincipalKind::kCustomer;
    ctx.principal.id = stmt.Int(1);
    ctx.principal.login = stmt.Text(2);
    ctx.auth_method = AuthMethod::kLocal;
    return ctx;
  });
}

}  // namespace goatflow
