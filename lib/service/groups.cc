// DirectoryService: permission groups and agent memberships.

#include <set>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "goatflow/directory.h"
#include "service/checks.h"
#include "service/directory_repo.h"

namespace goatflow {
namespace {

Error GroupNotFound() { return service::NotFound("Group not found"); }

Error GroupNameTaken() {
  return Error(ErrorCode::kAlreadyExists, "Group name already exists",
               {{"field", "name"}, {"reason", "duplicate"}})
      .WithWireCode("core:conflict");
}

Status CheckGroupNameFree(store::Db& db, const std::string& name, std::int64_t except_id) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("SELECT 1 FROM groups WHERE lower(name) = lower(?) AND id <> ?"));
  stmt.BindAll(name, except_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool taken, stmt.Step());
  if (taken) return GroupNameTaken();
  return OkStatus();
}

Result<Group> FreshGroup(store::Db& db, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto group, service::LoadGroup(db, id));
  if (!group) return GroupNotFound();
  return std::move(*group);
}

service::AuditEntry GroupAudit(std::string action, const Group& group) {
  service::AuditEntry entry;
  entry.action = std::move(action);
  entry.target_type = "group";
  entry.target_id = std::to_string(group.id);
  entry.target_identifier = group.name;
  return entry;
}

bool IsProtected(const Group& group) { return group.name == "admin" || group.name == "users"; }

// Runs a membership change of agent `user_id` and audits it as
// permission.change with the grants before and after.
template <typename Fn>
Result<std::vector<AgentGroup>> ChangeMemberships(Helpdesk::Impl& impl, const RequestContext& ctx,
                                                  std::int64_t user_id, Fn&& change) {
  return service::AdminWrite<std::vector<AgentGroup>>(
      impl, ctx, "permission.change",
      [&](store::Db& db, const service::Caller& caller) -> Result<std::vector<AgentGroup>> {
        GOATFLOW_ASSIGN_OR_RETURN(auto agent, service::LoadAgent(db, user_id));
        if (!agent) return service::NotFound("User not found");
        GOATFLOW_ASSIGN_OR_RETURN(auto before, service::LoadAgentGroups(db, user_id));
        std::string now = core::FormatDbTime(impl.clock->Now());
        GOATFLOW_RETURN_IF_ERROR(change(db, caller, now));
        GOATFLOW_ASSIGN_OR_RETURN(auto after, service::LoadAgentGroups(db, user_id));
        service::AuditEntry entry;
        entry.action = "permission.change";
        entry.target_type = "user";
        entry.target_id = std::to_string(user_id);
        entry.target_identifier = agent->login;
        entry.details = {{"old", service::DescribeGrants(before)},
                         {"new", service::DescribeGrants(after)}};
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl.clock->Now(), entry));
        return after;
      });
}

Result<std::vector<Group>> LoadGroups(store::Db& db, ValidFilter valid) {
  int filter = valid == ValidFilter::kAll ? 0 : (valid == ValidFilter::kValid ? 1 : 2);
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT id, name, comments, valid_id, create_time, change_time FROM groups
     WHERE ?1 = 0 OR (?1 = 1 AND valid_id = 1) OR (?1 = 2 AND valid_id <> 1) ORDER BY id)sql"));
  stmt.Bind(1, filter);
  std::vector<Group> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(Group{stmt.Int(0), stmt.Text(1), stmt.OptText(2), static_cast<int>(stmt.Int(3)),
                        service::ParseStoredTime(stmt.Text(4)),
                        service::ParseStoredTime(stmt.Text(5))});
  }
  return out;
}

}  // namespace

Result<Group> DirectoryService::CreateGroup(const RequestContext& ctx,
                                            const CreateGroupRequest& request) {
  return service::AdminWrite<Group>(
      impl_, ctx, "group.create",
      [&](store::Db& db, const service::Caller& caller) -> Result<Group> {
        GOATFLOW_ASSIGN_OR_RETURN(std::string name, service::CleanName(request.name, "name", 200));
        GOATFLOW_ASSIGN_OR_RETURN(auto comments,
                                  service::CleanOptionalText(request.comments, "comments", 250));
        GOATFLOW_RETURN_IF_ERROR(service::CheckValidId(request.valid_id));
        GOATFLOW_RETURN_IF_ERROR(CheckGroupNameFree(db, name, 0));
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(auto insert, db.Prepare(R"sql(
          INSERT INTO groups (name, comments, valid_id, create_time, create_by, change_time, change_by)
          VALUES (?, ?, ?, ?, ?, ?, ?))sql"));
        insert.BindAll(name, comments, request.valid_id, now, caller.id, now, caller.id);
        GOATFLOW_RETURN_IF_ERROR(insert.Run());
        GOATFLOW_ASSIGN_OR_RETURN(Group group, FreshGroup(db, db.LastInsertId()));
        GOATFLOW_RETURN_IF_ERROR(
            service::WriteAudit(db, ctx, impl_.clock->Now(), GroupAudit("group.create", group)));
        return group;
      });
}

Result<Group> DirectoryService::GetGroup(const RequestContext& ctx, std::int64_t id,
                                         DirectoryView view) {
  if (view == DirectoryView::kAdmin) {
    return service::AdminRead<Group>(
        impl_, ctx, "group.get",
        [&](store::Db& db, const service::Caller&) { return FreshGroup(db, id); });
  }
  return service::Read(impl_, [&](store::Db& db) -> Result<Group> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAgent(caller));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeUsersRead));
    GOATFLOW_ASSIGN_OR_RETURN(Group group, FreshGroup(db, id));
    if (!caller.is_admin && group.valid_id != 1) return GroupNotFound();
    return group;
  });
}

Result<std::vector<Group>> DirectoryService::ListGroups(const RequestContext& ctx,
                                                        ValidFilter valid, DirectoryView view) {
  if (view == DirectoryView::kAdmin) {
    return service::AdminRead<std::vector<Group>>(
        impl_, ctx, "group.list",
        [&](store::Db& db, const service::Caller&) { return LoadGroups(db, valid); });
  }
  return service::Read(impl_, [&](store::Db& db) -> Result<std::vector<Group>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAgent(caller));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeUsersRead));
    return LoadGroups(db, caller.is_admin ? valid : ValidFilter::kValid);
  });
}

Result<Group> DirectoryService::UpdateGroup(const RequestContext& ctx, std::int64_t id,
                                            const UpdateGroupRequest& request) {
  return service::AdminWrite<Group>(
      impl_, ctx, "group.update",
      [&](store::Db& db, const service::Caller& caller) -> Result<Group> {
        GOATFLOW_ASSIGN_OR_RETURN(Group before, FreshGroup(db, id));
        Group after = before;
        if (request.name) {
          GOATFLOW_ASSIGN_OR_RETURN(after.name, service::CleanName(*request.name, "name", 200));
          GOATFLOW_RETURN_IF_ERROR(CheckGroupNameFree(db, after.name, id));
        }
        if (request.comments) {
          GOATFLOW_ASSIGN_OR_RETURN(after.comments,
                                    service::CleanOptionalText(request.comments, "comments", 250));
        }
        if (request.valid_id) {
          GOATFLOW_RETURN_IF_ERROR(service::CheckValidId(*request.valid_id));
          after.valid_id = *request.valid_id;
        }
        // Renaming or invalidating admin/users would silently strip every
        // administrator or default agent of their rights.
        if (IsProtected(before) && (after.name != before.name || after.valid_id != 1)) {
          return Error(ErrorCode::kConflict, "Cannot rename or disable a protected group")
              .WithWireCode("core:conflict");
        }
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(auto update, db.Prepare(R"sql(
          UPDATE groups SET name = ?, comments = ?, valid_id = ?, change_time = ?, change_by = ?
           WHERE id = ?)sql"));
        update.BindAll(after.name, after.comments, after.valid_id, now, caller.id, id);
        GOATFLOW_RETURN_IF_ERROR(update.Run());
        GOATFLOW_ASSIGN_OR_RETURN(Group fresh, FreshGroup(db, id));
        auto entry = GroupAudit("group.update", fresh);
        if (before.name != fresh.name) entry.details["name"] = before.name + " -> " + fresh.name;
        if (before.valid_id != fresh.valid_id) {
          entry.details["valid_id"] =
              std::to_string(before.valid_id) + " -> " + std::to_string(fresh.valid_id);
        }
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), entry));
        return fresh;
      });
}

Result<Group> DirectoryService::DeleteGroup(const RequestContext& ctx, std::int64_t id) {
  return service::AdminWrite<Group>(
      impl_, ctx, "group.delete",
      [&](store::Db& db, const service::Caller& caller) -> Result<Group> {
        GOATFLOW_ASSIGN_OR_RETURN(Group group, FreshGroup(db, id));
        if (IsProtected(group)) {
          return Error(ErrorCode::kConflict, "Cannot delete protected group")
              .WithWireCode("core:conflict");
        }
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(
            auto update,
            db.Prepare(
                "UPDATE groups SET valid_id = 2, change_time = ?, change_by = ? WHERE id = ?"));
        update.BindAll(now, caller.id, id);
        GOATFLOW_RETURN_IF_ERROR(update.Run());
        GOATFLOW_RETURN_IF_ERROR(
            service::WriteAudit(db, ctx, impl_.clock->Now(), GroupAudit("group.delete", group)));
        return FreshGroup(db, id);
      });
}

Result<std::vector<GroupMember>> DirectoryService::ListGroupMembers(const RequestContext& ctx,
                                                                    std::int64_t id) {
  auto result = service::Read(impl_, [&](store::Db& db) -> Result<std::vector<GroupMember>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdminAccess(caller, ctx));
    GOATFLOW_RETURN_IF_ERROR(FreshGroup(db, id));
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      SELECT u.id, u.login, u.first_name, u.last_name, gu.permission_key
        FROM group_user gu JOIN users u ON u.id = gu.user_id
       WHERE gu.group_id = ? AND gu.permission_value = 1
       ORDER BY u.login COLLATE NOCASE, u.id)sql"));
    stmt.Bind(1, id);
    std::vector<GroupMember> members;
    std::vector<std::set<std::string>> keys;
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      if (members.empty() || members.back().user_id != stmt.Int(0)) {
        members.push_back({stmt.Int(0),
                           stmt.Text(1),
                           std::string(core::Trim(stmt.Text(2) + " " + stmt.Text(3))),
                           {}});
        keys.emplace_back();
      }
      keys.back().insert(stmt.Text(4));
    }
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (rbac::Permission p : rbac::kAllPermissions) {
        std::string key(rbac::PermissionKey(p));
        if (keys[i].count(key)) members[i].permissions.push_back(key);
      }
    }
    return members;
  });
  GOATFLOW_RETURN_IF_ERROR(service::AuditDenial(impl_, ctx, "group.members", result));
  return result;
}

Result<std::vector<AgentGroup>> DirectoryService::GrantGroup(const RequestContext& ctx,
                                                             std::int64_t user_id,
                                                             const GroupGrant& grant) {
  return ChangeMemberships(
      impl_, ctx, user_id,
      [&](store::Db& db, const service::Caller& caller, const std::string& now) -> Status {
        if (grant.permissions.empty()) {
          return service::ValidationError("permissions", "required",
                                          "At least one permission key is required");
        }
        GOATFLOW_RETURN_IF_ERROR(service::CheckGrants(db, {grant}));
        return service::InsertAgentGrants(db, user_id, grant, caller.id, now);
      });
}

Result<std::vector<AgentGroup>> DirectoryService::RevokeGroup(const RequestContext& ctx,
                                                              std::int64_t user_id,
                                                              const GroupGrant& grant) {
  return ChangeMemberships(
      impl_, ctx, user_id,
      [&](store::Db& db, const service::Caller&, const std::string&) -> Status {
        GOATFLOW_RETURN_IF_ERROR(service::CheckGrants(db, {grant}));
        if (grant.permissions.empty()) {
          GOATFLOW_ASSIGN_OR_RETURN(
              auto stmt, db.Prepare("DELETE FROM group_user WHERE user_id = ? AND group_id = ?"));
          stmt.BindAll(user_id, grant.group_id);
          return stmt.Run();
        }
        for (const std::string& key : grant.permissions) {
          GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                                    db.Prepare("DELETE FROM group_user WHERE user_id = ? AND "
                                               "group_id = ? AND permission_key = ?"));
          stmt.BindAll(user_id, grant.group_id, key);
          GOATFLOW_RETURN_IF_ERROR(stmt.Run());
        }
        return OkStatus();
      });
}

Result<std::vector<AgentGroup>> DirectoryService::SetAgentGroups(
    const RequestContext& ctx, std::int64_t user_id, const std::vector<GroupGrant>& groups) {
  return ChangeMemberships(
      impl_, ctx, user_id,
      [&](store::Db& db, const service::Caller& caller, const std::string& now) -> Status {
        GOATFLOW_RETURN_IF_ERROR(service::CheckGrants(db, groups));
        GOATFLOW_ASSIGN_OR_RETURN(auto clear,
                                  db.Prepare("DELETE FROM group_user WHERE user_id = ?"));
        clear.Bind(1, user_id);
        GOATFLOW_RETURN_IF_ERROR(clear.Run());
        for (const GroupGrant& grant : groups)
          GOATFLOW_RETURN_IF_ERROR(service::InsertAgentGrants(db, user_id, grant, caller.id, now));
        return OkStatus();
      });
}

}  // namespace goatflow
