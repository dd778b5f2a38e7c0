// goatflow group add|list|show|update|delete|grant|revoke|members.

#include <fmt/format.h>

#include <memory>

#include "cli.h"
#include "goatflow/json.h"
#include "output.h"

namespace goatflow::cli {

Result<GroupGrant> ParseGrantSpec(const std::string& spec) {
  GroupGrant grant;
  std::size_t colon = spec.find(':');
  std::string id = spec.substr(0, colon);
  try {
    std::size_t used = 0;
    grant.group_id = std::stoll(id, &used);
    if (used != id.size()) throw std::invalid_argument(id);
  } catch (const std::exception&) {
    return Error(ErrorCode::kInvalidArgument,
                 "Grant must look like GROUP_ID:key,key (got '" + spec + "')")
        .WithWireCode("usage");
  }
  if (colon == std::string::npos) return grant;
  std::string keys = spec.substr(colon + 1);
  std::size_t start = 0;
  while (start <= keys.size()) {
    std::size_t comma = keys.find(',', start);
    std::string key =
        keys.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!key.empty()) grant.permissions.push_back(key);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return grant;
}

void PrintPageFooter(const Pagination& info, std::string_view noun) {
  PrintLine(fmt::format("page {} of {} ({} {})", info.page, info.total_pages, info.total, noun));
}

namespace {

struct GroupArgs {
  std::int64_t id = 0, user_id = 0, valid_id = 1;
  std::string name, comments, valid = "valid", grant;
  CLI::Option *name_opt = nullptr, *comments_opt = nullptr, *valid_id_opt = nullptr;
};

Status PrintGroup(const Globals& globals, Result<Group> group) {
  if (!group.ok()) return std::move(group).error();
  if (globals.json) {
    PrintLine(json::ToJson(*group));
    return OkStatus();
  }
  PrintKeyValues({{"id", std::to_string(group->id)},
                  {"name", group->name},
                  {"comments", group->comments.value_or("")},
                  {"valid", group->valid_id == 1 ? "yes" : "no"}});
  return OkStatus();
}

Status PrintGrants(const Globals& globals, Result<std::vector<AgentGroup>> groups) {
  if (!groups.ok()) return std::move(groups).error();
  if (globals.json) {
    PrintLine(json::ToJson(*groups));
    return OkStatus();
  }
  std::vector<std::vector<std::string>> rows;
  for (const AgentGroup& g : *groups) {
    std::string keys;
    for (const std::string& k : g.permissions) keys += (keys.empty() ? "" : ",") + k;
    rows.push_back({std::to_string(g.id), g.name, keys});
  }
  PrintTable({"GROUP", "NAME", "PERMISSIONS"}, rows);
  return OkStatus();
}

}  // namespace

void RegisterGroup(CLI::App& app, Globals& globals) {
  auto* group = app.add_subcommand("group", "Manage permission groups and memberships");
  group->require_subcommand(1);
  auto a = std::make_shared<GroupArgs>();

  auto* add = group->add_subcommand("add", "Create a group (admin)");
  add->add_option("name", a->name, "Group name")->required();
  a->comments_opt = add->add_option("--comments", a->comments, "Comments");
  OnRun(add, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      CreateGroupRequest r;
      r.name = a->name;
      r.comments = IfGiven(a->comments_opt, a->comments);
      return PrintGroup(globals, hd.Directory().CreateGroup(ctx, r));
    });
  });

  auto* list = group->add_subcommand("list", "List groups");
  list->add_option("--valid", a->valid, "valid (default), invalid or all (admins)");
  OnRun(list, globals, [&globals, a]() -> Status {
    auto valid = ParseValidFilter(a->valid);
    if (!valid.ok()) return std::move(valid).error();
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto groups = hd.Directory().ListGroups(ctx, *valid);
      if (!groups.ok()) return std::move(groups).error();
      if (globals.json) {
        PrintLine(json::ToJson(*groups));
        return OkStatus();
      }
      std::vector<std::vector<std::string>> rows;
      for (const Group& g : *groups)
        rows.push_back({std::to_string(g.id), g.name, g.valid_id == 1 ? "yes" : "no"});
      PrintTable({"ID", "NAME", "VALID"}, rows);
      return OkStatus();
    });
  });

  auto* show = group->add_subcommand("show", "Show a group");
  show->add_option("id", a->id, "Group id")->required();
  OnRun(show, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintGroup(globals, hd.Directory().GetGroup(ctx, a->id));
    });
  });

  auto* update = group->add_subcommand("update", "Change a group (admin)");
  update->add_option("id", a->id, "Group id")->required();
  a->name_opt = update->add_option("--name", a->name, "New name");
  auto* update_comments = update->add_option("--comments", a->comments, "Comments");
  a->valid_id_opt = update->add_option("--valid-id", a->valid_id, "1 valid, 2 invalid");
  OnRun(update, globals, [&globals, a, update_comments]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      UpdateGroupRequest r;
      r.name = IfGiven(a->name_opt, a->name);
      r.comments = IfGiven(update_comments, a->comments);
      auto valid_id = IfGiven(a->valid_id_opt, a->valid_id);
      if (valid_id) r.valid_id = static_cast<int>(*valid_id);
      return PrintGroup(globals, hd.Directory().UpdateGroup(ctx, a->id, r));
    });
  });

  auto* remove = group->add_subcommand("delete", "Invalidate a group (admin; not admin/users)");
  remove->add_option("id", a->id, "Group id")->required();
  OnRun(remove, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintGroup(globals, hd.Directory().DeleteGroup(ctx, a->id));
    });
  });

  auto* grant = group->add_subcommand("grant", "Grant permission keys on a group to an agent");
  grant->add_option("user-id", a->user_id, "Agent id")->required();
  grant
      ->add_option("grant", a->grant,
                   "GROUP_ID:key,key (ro move_into create note owner "
                   "priority rw)")
      ->required();
  OnRun(grant, globals, [&globals, a]() -> Status {
    auto spec = ParseGrantSpec(a->grant);
    if (!spec.ok()) return std::move(spec).error();
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintGrants(globals, hd.Directory().GrantGroup(ctx, a->user_id, *spec));
    });
  });

  auto* revoke = group->add_subcommand("revoke", "Revoke keys (all when none given)");
  revoke->add_option("user-id", a->user_id, "Agent id")->required();
  revoke->add_option("grant", a->grant, "GROUP_ID[:key,key]")->required();
  OnRun(revoke, globals, [&globals, a]() -> Status {
    auto spec = ParseGrantSpec(a->grant);
    if (!spec.ok()) return std::move(spec).error();
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) {
      return PrintGrants(globals, hd.Directory().RevokeGroup(ctx, a->user_id, *spec));
    });
  });

  auto* members = group->add_subcommand("members", "Agents with grants on a group (admin)");
  members->add_option("id", a->id, "Group id")->required();
  OnRun(members, globals, [&globals, a]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto found = hd.Directory().ListGroupMembers(ctx, a->id);
      if (!found.ok()) return std::move(found).error();
      if (globals.json) {
        PrintLine(json::ToJson(*found));
        return OkStatus();
      }
      std::vector<std::vector<std::string>> rows;
      for (const GroupMember& m : *found) {
        std::string keys;
        for (const std::string& k : m.permissions) keys += (keys.empty() ? "" : ",") + k;
        rows.push_back({std::to_string(m.user_id), m.login, m.full_name, keys});
      }
      PrintTable({"ID", "LOGIN", "NAME", "PERMISSIONS"}, rows);
      return OkStatus();
    });
  });
}

}  // namespace goatflow::cli
