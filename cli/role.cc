// goatflow role add|list|grant|assign|unassign.

#include <memory>

#include "cli.h"
#include "goatflow/json.h"
#include "output.h"

namespace goatflow::cli {
namespace {

struct RoleArgs {
  std::int64_t id = 0, user_id = 0;
  std::string name, comments, grant;
  CLI::Option* comments_opt = nullptr;
};

std::string Describe(const Role& r) {
  std::string out;
  for (const AgentGroup& g : r.groups) {
    std::string keys;
    for (const std::string& k : g.permissions) keys += (keys.empty() ? "" : ",") + k;
    out += (out.empty() ? "" : "; ") + g.name + " (" + keys + ")";
  }
  return out;
}

Status PrintRole(const Globals& globals, Result<Role> role) {
  if (!role.ok()) return std::move(role).error();
  if (globals.json) {
    PrintLine(json::ToJson(*role));
    return OkStatus();
  }
  std::string users;
  for (std::int64_t id : role->user_ids) users += (users.empty() ? "" : ", ") + std::to_string(id);
  PrintKeyValues({{"id", std::to_string(role->id)},
                  {"name", role->name},
                  {"groups", Describe(*role)},
                  {"agents", users}});
  return OkStatus();
}

}  // namespace

void RegisterRole(CLI::App& app, Globals& globals) {
  auto* role = app.add_subcommand("role", "Manage roles (bundles of group grants; admin)");
  role->require_subcommand(1);
  auto a = std::make_shared<RoleArgs>();

  auto* add = role->add_subcommand("add", "Create a role");
  add->add_option("name", a->name, "Role name")->required();
  a->comments_opt = add->add_option("--comments", a->comments, "Comments");
  OnRun(add, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      CreateRoleRequest r;
      r.name = a->name;
      r.comments = IfGiven(a->comments_opt, a->comments);
      return PrintRole(globals, hd.Directory().CreateRole(ctx, r));
    });
  });

  auto* list = role->add_subcommand("list", "List roles with their grants and agents");
  OnRun(list, globals, [&globals]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto roles = hd.Directory().ListRoles(ctx);
      if (!roles.ok()) return std::move(roles).error();
      if (globals.json) {
        PrintLine(json::ToJson(*roles));
        return OkStatus();
      }
      std::vector<std::vector<std::string>> rows;
      for (const Role& r : *roles)
        rows.push_back(
            {std::to_string(r.id), r.name, Describe(r), std::to_string(r.user_ids.size())});
      PrintTable({"ID", "NAME", "GROUPS", "AGENTS"}, rows);
      return OkStatus();
    });
  });

  auto* grant = role->add_subcommand("grant", "Grant keys on a group to a role (none: remove)");
  grant->add_option("role-id", a->id, "Role id")->required();
  grant->add_option("grant", a->grant, "GROUP_ID:key,key")->required();
  OnRun(grant, globals, [&globals, a]() -> Status {
    auto spec = ParseGrantSpec(a->grant);
    if (!spec.ok()) return std::move(spec).error();
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintRole(globals, hd.Directory().GrantRole(ctx, a->id, *spec));
    });
  });

  auto* assign = role->add_subcommand("assign", "Give a role to an agent");
  assign->add_option("role-id", a->id, "Role id")->required();
  assign->add_option("user-id", a->user_id, "Agent id")->required();
  OnRun(assign, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintRole(globals, hd.Directory().AssignRole(ctx, a->id, a->user_id));
    });
  });

  auto* unassign = role->add_subcommand("unassign", "Take a role from an agent");
  unassign->add_option("role-id", a->id, "Role id")->required();
  unassign->add_option("user-id", a->user_id, "Agent id")->required();
  OnRun(unassign, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintRole(globals, hd.Directory().UnassignRole(ctx, a->id, a->user_id));
    });
  });
}

}  // namespace goatflow::cli
