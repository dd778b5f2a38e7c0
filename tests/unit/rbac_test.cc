#include "rbac/rbac.h"
#include "support/test_support.h"

namespace goatflow::rbac {
namespace {

TEST_CASE("Permission keys round-trip and unknown keys are rejected") {
  for (Permission p : kAllPermissions) REQUIRE(ParsePermissionKey(PermissionKey(p)) == p);
  REQUIRE_FALSE(ParsePermissionKey("RW"));
  REQUIRE_FALSE(ParsePermissionKey("admin"));
}

TEST_CASE("rw implies every key; other keys grant only themselves") {
  AgentGrants grants;
  grants.by_group[7] = Bit(Permission::kRw);
  grants.by_group[8] = Bit(Permission::kRo) | Bit(Permission::kNote);
  for (Permission p : kAllPermissions) {
    REQUIRE(AgentAllows(grants, 7, p));
    REQUIRE(AgentAllows(grants, 8, p) == (p == Permission::kRo || p == Permission::kNote));
    REQUIRE_FALSE(AgentAllows(grants, 9, p));
  }
}

TEST_CASE("Admins may do anything on any group") {
  AgentGrants admin;
  admin.is_admin = true;
  for (Permission p : kAllPermissions) REQUIRE(AgentAllows(admin, 42, p));
}

TEST_CASE("Ticket decisions hide tickets without ro and deny missing rights") {
  AgentGrants grants;
  grants.by_group[1] = Bit(Permission::kRo);
  grants.by_group[2] = Bit(Permission::kNote);  // note without ro: cannot see
  REQUIRE(DecideAgentTicket(grants, 1, Permission::kRo) == Decision::kAllow);
  REQUIRE(DecideAgentTicket(grants, 1, Permission::kRw) == Decision::kDenied);
  REQUIRE(DecideAgentTicket(grants, 2, Permission::kNote) == Decision::kNotFound);
  REQUIRE(DecideAgentTicket(grants, 3, Permission::kRo) == Decision::kNotFound);
}

}  // namespace
}  // namespace goatflow::rbac
