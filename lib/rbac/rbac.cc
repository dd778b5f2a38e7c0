#include "rbac/rbac.h"

namespace goatflow::rbac {

std::string_view PermissionKey(Permission p) {
  switch (p) {
    case Permission::kRo: return "ro";
    case Permission::kMoveInto: return "move_into";
    case Permission::kCreate: return "create";
    case Permission::kNote: return "note";
    case Permission::kOwner: return "owner";
    case Permission::kPriority: return "priority";
    case Permission::kRw: return "rw";
  }
  return "ro";
}

std::optional<Permission> ParsePermissionKey(std::string_view key) {
  for (Permission p : kAllPermissions)
    if (PermissionKey(p) == key) return p;
  return std::nullopt;
}

bool AgentAllows(const AgentGrants& grants, std::int64_t group_id, Permission needed) {
  if (grants.is_admin) return true;
  auto it = grants.by_group.find(group_id);
  if (it == grants.by_group.end()) return false;
  return (it->second & (Bit(needed) | Bit(Permission::kRw))) != 0;
}

Decision DecideAgentTicket(const AgentGrants& grants, std::int64_t group_id, Permission needed) {
  if (!AgentAllows(grants, group_id, Permission::kRo)) return Decision::kNotFound;
  return AgentAllows(grants, group_id, needed) ? Decision::kAllow : Decision::kDenied;
}

}  // namespace goatflow::rbac
