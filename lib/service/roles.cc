// DirectoryService: roles (bundles of group grants assigned to agents).

#include "core/macros.h"
#include "core/time.h"
#include "goatflow/directory.h"
#include "service/checks.h"
#include "service/directory_repo.h"

namespace goatflow {
namespace {

Error RoleNotFound() { return service::NotFound("Role not found"); }

Result<Role> FreshRole(store::Db& db, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto role, service::LoadRole(db, id));
  if (!role) return RoleNotFound();
  return std::move(*role);
}

service::AuditEntry RoleAudit(std::string action, const Role& role) {
  service::AuditEntry entry;
  entry.action = std::move(action);
  entry.target_type = "role";
  entry.target_id = std::to_string(role.id);
  entry.target_identifier = role.name;
  return entry;
}

// Loads role and agent, runs `change`, audits `action` with the agent's id.
template <typename Fn>
Result<Role> ChangeAssignment(Helpdesk::Impl& impl, const RequestContext& ctx,
                              std::string_view action, std::int64_t role_id, std::int64_t user_id,
                              Fn&& change) {
  return service::AdminWrite<Role>(
      impl, ctx, action, [&](store::Db& db, const service::Caller& caller) -> Result<Role> {
        GOATFLOW_ASSIGN_OR_RETURN(Role role, FreshRole(db, role_id));
        GOATFLOW_ASSIGN_OR_RETURN(auto agent, service::LoadAgent(db, user_id));
        if (!agent) return service::NotFound("User not found");
        std::string now = core::FormatDbTime(impl.clock->Now());
        GOATFLOW_RETURN_IF_ERROR(change(db, caller, now));
        auto entry = RoleAudit(std::string(action), role);
        entry.details = {{"user_id", std::to_string(user_id)}, {"login", agent->login}};
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl.clock->Now(), entry));
        return FreshRole(db, role_id);
      });
}

}  // namespace

Result<Role> DirectoryService::CreateRole(const RequestContext& ctx,
                                          const CreateRoleRequest& request) {
  return service::AdminWrite<Role>(
      impl_, ctx, "role.create", [&](store::Db& db, const service::Caller& caller) -> Result<Role> {
        GOATFLOW_ASSIGN_OR_RETURN(std::string name, service::CleanName(request.name, "name", 200));
        GOATFLOW_ASSIGN_OR_RETURN(auto comments,
                                  service::CleanOptionalText(request.comments, "comments", 250));
        GOATFLOW_ASSIGN_OR_RETURN(auto exists,
                                  db.Prepare("SELECT 1 FROM roles WHERE lower(name) = lower(?)"));
        exists.Bind(1, name);
        GOATFLOW_ASSIGN_OR_RETURN(bool taken, exists.Step());
        if (taken) {
          return Error(ErrorCode::kAlreadyExists, "Role name already exists",
                       {{"field", "name"}, {"reason", "duplicate"}})
              .WithWireCode("core:conflict");
        }
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(auto insert, db.Prepare(R"sql(
          INSERT INTO roles (name, comments, valid_id, create_time, create_by, change_time, change_by)
          VALUES (?, ?, 1, ?, ?, ?, ?))sql"));
        insert.BindAll(name, comments, now, caller.id, now, caller.id);
        GOATFLOW_RETURN_IF_ERROR(insert.Run());
        GOATFLOW_ASSIGN_OR_RETURN(Role role, FreshRole(db, db.LastInsertId()));
        GOATFLOW_RETURN_IF_ERROR(
            service::WriteAudit(db, ctx, impl_.clock->Now(), RoleAudit("role.create", role)));
        return role;
      });
}

Result<Role> DirectoryService::GetRole(const RequestContext& ctx, std::int64_t id) {
  auto result = service::Read(impl_, [&](store::Db& db) -> Result<Role> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdminAccess(caller, ctx));
    return FreshRole(db, id);
  });
  GOATFLOW_RETURN_IF_ERROR(service::AuditDenial(impl_, ctx, "role.get", result));
  return result;
}

Result<std::vector<Role>> DirectoryService::ListRoles(const RequestContext& ctx) {
  auto result = service::Read(impl_, [&](store::Db& db) -> Result<std::vector<Role>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdminAccess(caller, ctx));
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT id FROM roles ORDER BY id"));
    GOATFLOW_ASSIGN_OR_RETURN(std::vector<std::int64_t> ids, stmt.IntColumn());
    std::vector<Role> roles;
    for (std::int64_t id : ids) {
      GOATFLOW_ASSIGN_OR_RETURN(Role role, FreshRole(db, id));
      roles.push_back(std::move(role));
    }
    return roles;
  });
  GOATFLOW_RETURN_IF_ERROR(service::AuditDenial(impl_, ctx, "role.list", result));
  return result;
}

Result<Role> DirectoryService::GrantRole(const RequestContext& ctx, std::int64_t role_id,
                                         const GroupGrant& grant) {
  return service::AdminWrite<Role>(
      impl_, ctx, "permission.change",
      [&](store::Db& db, const service::Caller& caller) -> Result<Role> {
        GOATFLOW_ASSIGN_OR_RETURN(Role before, FreshRole(db, role_id));
        GOATFLOW_RETURN_IF_ERROR(service::CheckGrants(db, {grant}));
        std::string now = core::FormatDbTime(impl_.clock->Now());
        if (grant.permissions.empty()) {
          GOATFLOW_ASSIGN_OR_RETURN(
              auto clear, db.Prepare("DELETE FROM group_role WHERE role_id = ? AND group_id = ?"));
          clear.BindAll(role_id, grant.group_id);
          GOATFLOW_RETURN_IF_ERROR(clear.Run());
        }
        for (const std::string& key : grant.permissions) {
          GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
            INSERT INTO group_role (role_id, group_id, permission_key, permission_value,
                                    create_time, create_by, change_time, change_by)
            VALUES (?, ?, ?, 1, ?, ?, ?, ?)
            ON CONFLICT (role_id, group_id, permission_key)
            DO UPDATE SET permission_value = 1, change_time = excluded.change_time,
                          change_by = excluded.change_by)sql"));
          stmt.BindAll(role_id, grant.group_id, key, now, caller.id, now, caller.id);
          GOATFLOW_RETURN_IF_ERROR(stmt.Run());
        }
        GOATFLOW_ASSIGN_OR_RETURN(Role after, FreshRole(db, role_id));
        auto entry = RoleAudit("permission.change", after);
        entry.details = {{"old", service::DescribeGrants(before.groups)},
                         {"new", service::DescribeGrants(after.groups)}};
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), entry));
        return after;
      });
}

Result<Role> DirectoryService::AssignRole(const RequestContext& ctx, std::int64_t role_id,
                                          std::int64_t user_id) {
  return ChangeAssignment(
      impl_, ctx, "role.assign", role_id, user_id,
      [&](store::Db& db, const service::Caller& caller, const std::string& now) -> Status {
        GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
          INSERT OR IGNORE INTO role_user (user_id, role_id, create_time, create_by, change_time,
                                           change_by)
          VALUES (?, ?, ?, ?, ?, ?))sql"));
        stmt.BindAll(user_id, role_id, now, caller.id, now, caller.id);
        return stmt.Run();
      });
}

Result<Role> DirectoryService::UnassignRole(const RequestContext& ctx, std::int64_t role_id,
                                            std::int64_t user_id) {
  return ChangeAssignment(
      impl_, ctx, "role.unassign", role_id, user_id,
      [&](store::Db& db, const service::Caller&, const std::string&) -> Status {
        GOATFLOW_ASSIGN_OR_RETURN(
            auto stmt, db.Prepare("DELETE FROM role_user WHERE user_id = ? AND role_id = ?"));
        stmt.BindAll(user_id, role_id);
        return stmt.Run();
      });
}

}  // namespace goatflow
