#pragma once

// Permission decisions (domain.md §2.4-2.6, §11; security.md §9), as pure
// functions over a caller's grants: no I/O, so they test as a matrix.

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace goatflow::rbac {

enum class Permission : std::uint8_t { kRo, kMoveInto, kCreate, kNote, kOwner, kPriority, kRw };

inline constexpr Permission kAllPermissions[] = {
    Permission::kRo,    Permission::kMoveInto, Permission::kCreate, Permission::kNote,
    Permission::kOwner, Permission::kPriority, Permission::kRw};

std::string_view PermissionKey(Permission p);  // "ro", "move_into", ...
std::optional<Permission> ParsePermissionKey(std::string_view key);

// Bit set of permission keys held on one group.
using PermissionBits = std::uint8_t;
constexpr PermissionBits Bit(Permission p) {
  return static_cast<PermissionBits>(1u << static_cast<unsigned>(p));
}

// An agent's effective grants: direct group_user rows plus those of its valid
// roles, on valid groups only. `is_admin` is rw on the group named "admin".
struct AgentGrants {
  bool is_admin = false;
  std::unordered_map<std::int64_t, PermissionBits> by_group;
};

// True when the agent holds `needed` (or rw) on `group_id`; admins always do.
bool AgentAllows(const AgentGrants& grants, std::int64_t group_id, Permission needed);

// The outcome of an object check: hidden objects are reported as not found so
// that their existence is not revealed; visible ones without the right are denied.
enum class Decision { kAllow, kNotFound, kDenied };

// Agent acting on a ticket in a queue of `group_id`: visibility needs ro.
Decision DecideAgentTicket(const AgentGrants& grants, std::int64_t group_id, Permission needed);

}  // namespace goatflow::rbac
