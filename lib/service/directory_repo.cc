#include "service/directory_repo.h"

#include <map>
#include <set>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "rbac/rbac.h"
#include "service/checks.h"

namespace goatflow::service {
namespace {

constexpr std::string_view kAgentColumns = R"sql(
  SELECT u.id, u.login, p.preferences_value, u.title, u.first_name, u.last_name, u.valid_id,
         u.create_time, u.change_time,
         EXISTS (SELECT 1 FROM group_user gu JOIN groups g ON g.id = gu.group_id
                  WHERE gu.user_id = u.id AND g.name = 'admin' AND g.valid_id = 1
                    AND gu.permission_key = 'rw' AND gu.permission_value = 1)
         OR EXISTS (SELECT 1 FROM role_user ru JOIN roles r ON r.id = ru.role_id AND r.valid_id = 1
                      JOIN group_role gr ON gr.role_id = r.id AND gr.permission_value = 1
                      JOIN groups g ON g.id = gr.group_id
                     WHERE ru.user_id = u.id AND g.name = 'admin' AND g.valid_id = 1
                       AND gr.permission_key = 'rw')
    FROM users u
    LEFT JOIN user_preferences p ON p.user_id = u.id AND p.preferences_key = 'UserEmail')sql";

Agent ReadAgent(const store::Stmt& stmt) {
  Agent a;
  a.id = stmt.Int(0);
  a.login = stmt.Text(1);
  a.email = stmt.OptText(2);
  // domain.md §2.1: without a UserEmail preference the login stands in when
  // it is an address.
  if (!a.email && a.login.find('@') != std::string::npos) a.email = a.login;
  a.title = stmt.OptText(3);
  a.first_name = stmt.Text(4);
  a.last_name = stmt.Text(5);
  a.full_name = std::string(core::Trim(a.first_name + " " + a.last_name));
  a.valid_id = static_cast<int>(stmt.Int(6));
  a.created_at = ParseStoredTime(stmt.Text(7));
  a.updated_at = ParseStoredTime(stmt.Text(8));
  a.is_admin = stmt.Int(9) != 0;
  return a;
}

// Permission keys in the canonical order of rbac::kAllPermissions.
std::vector<std::string> SortKeys(const std::set<std::string>& keys) {
  std::vector<std::string> out;
  for (rbac::Permission p : rbac::kAllPermissions) {
    std::string key(rbac::PermissionKey(p));
    if (keys.count(key)) out.push_back(key);
  }
  return out;
}

}  // namespace

TimePoint ParseStoredTime(const std::string& text) {
  return core::ParseDbTime(text).value_or(TimePoint{});
}

Result<std::optional<Agent>> LoadAgent(store::Db& db, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(std::string(kAgentColumns) + " WHERE u.id = ?"));
  stmt.Bind(1, id);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<Agent>();
  return std::optional<Agent>(ReadAgent(stmt));
}

Result<std::vector<AgentGroup>> LoadAgentGroups(store::Db& db, std::int64_t user_id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT g.id, g.name, gu.permission_key FROM group_user gu JOIN groups g ON g.id = gu.group_id
     WHERE gu.user_id = ? AND gu.permission_value = 1 ORDER BY g.id)sql"));
  stmt.Bind(1, user_id);
  std::map<std::int64_t, std::pair<std::string, std::set<std::string>>> by_group;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    auto& entry = by_group[stmt.Int(0)];
    entry.first = stmt.Text(1);
    entry.second.insert(stmt.Text(2));
  }
  std::vector<AgentGroup> out;
  for (const auto& [id, entry] : by_group) out.push_back({id, entry.first, SortKeys(entry.second)});
  return out;
}

Result<Page<Agent>> ListAgentRows(store::Db& db, const ListAgentsRequest& request,
                                  bool include_invalid) {
  PageRequest page = request.page.Normalized();
  std::string where = R"sql(
     WHERE (?1 = 1 OR u.valid_id = 1)
       AND (?2 = '' OR instr(lower(u.login), lower(?2)) > 0
            OR instr(lower(u.first_name), lower(?2)) > 0
            OR instr(lower(u.last_name), lower(?2)) > 0
            OR instr(lower(coalesce(p.preferences_value, '')), lower(?2)) > 0))sql";
  std::string order = " ORDER BY u.login COLLATE NOCASE, u.id";
  if (request.sort == "id") order = " ORDER BY u.id";
  if (request.sort == "created") order = " ORDER BY u.create_time, u.id";
  GOATFLOW_ASSIGN_OR_RETURN(auto count, db.Prepare(R"sql(
    SELECT count(*) FROM users u
      LEFT JOIN user_preferences p ON p.user_id = u.id AND p.preferences_key = 'UserEmail')sql" +
                                                   where));
  count.BindAll(include_invalid ? 1 : 0, request.search);
  GOATFLOW_ASSIGN_OR_RETURN(bool counted, count.Step());
  std::int64_t total = counted ? count.Int(0) : 0;
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare(std::string(kAgentColumns) + where + order + " LIMIT ?3 OFFSET ?4"));
  stmt.BindAll(include_invalid ? 1 : 0, request.search, page.limit, page.Offset());
  Page<Agent> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.items.push_back(ReadAgent(stmt));
  }
  out.pagination = MakePagination(page, total);
  return out;
}

Status CheckLoginFree(store::Db& db, std::string_view login, std::string_view kind,
                      std::int64_t except_id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT 1 FROM users WHERE login = ?1 AND NOT (?2 = 'agent' AND id = ?3)
    UNION ALL
    SELECT 1 FROM customer_user WHERE login = ?1 AND NOT (?2 = 'customer' AND id = ?3))sql"));
  stmt.BindAll(login, kind, except_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool taken, stmt.Step());
  if (!taken) return OkStatus();
  return Error(ErrorCode::kAlreadyExists, "Login already exists",
               {{"field", "login"}, {"reason", "duplicate"}})
      .WithWireCode("core:conflict");
}

Status CheckEmailSyntax(std::string_view email, std::string_view field) {
  std::size_t at = email.find('@');
  bool ok = at != std::string_view::npos && at > 0 && at + 1 < email.size() &&
            email.find('@', at + 1) == std::string_view::npos &&
            email.find('.', at + 1) != std::string_view::npos && email.back() != '.' &&
            email.find_first_of(" \t\r\n,;<>\"") == std::string_view::npos && email.size() <= 150 &&
            core::IsValidUtf8(email) && !core::HasControlChars(email);
  if (ok) return OkStatus();
  return ValidationError(field, "invalid_email", "Invalid e-mail address");
}

Result<std::string> CleanLogin(std::string_view raw) {
  GOATFLOW_ASSIGN_OR_RETURN(std::string login, CleanName(raw, "login", 200));
  if (login.find_first_of(" \t") != std::string::npos) {
    return ValidationError("login", "invalid_chars", "login must not contain spaces");
  }
  return login;
}

Status CheckGrants(store::Db& db, const std::vector<GroupGrant>& grants) {
  for (const GroupGrant& grant : grants) {
    GOATFLOW_ASSIGN_OR_RETURN(auto group, LoadGroup(db, grant.group_id));
    if (!group)
      return ValidationError("groups", "not_found",
                             "Unknown group id " + std::to_string(grant.group_id));
    for (const std::string& key : grant.permissions) {
      if (!rbac::ParsePermissionKey(key)) {
        return ValidationError("permissions", "invalid", "Invalid permission key: " + key);
      }
    }
  }
  return OkStatus();
}

Status InsertAgentGrants(store::Db& db, std::int64_t user_id, const GroupGrant& grant,
                         std::int64_t actor, const std::string& now) {
  for (const std::string& key : grant.permissions) {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      INSERT INTO group_user (user_id, group_id, permission_key, permission_value,
                              create_time, create_by, change_time, change_by)
      VALUES (?, ?, ?, 1, ?, ?, ?, ?)
      ON CONFLICT (user_id, group_id, permission_key)
      DO UPDATE SET permission_value = 1, change_time = excluded.change_time,
                    change_by = excluded.change_by)sql"));
    stmt.BindAll(user_id, grant.group_id, key, now, actor, now, actor);
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  }
  return OkStatus();
}

std::string DescribeGrants(const std::vector<AgentGroup>& groups) {
  std::vector<std::string> parts;
  for (const AgentGroup& g : groups)
    parts.push_back(g.name + ": " + core::Join(g.permissions, ","));
  return parts.empty() ? "(none)" : core::Join(parts, "; ");
}

Status RevokeCredentials(store::Db& db, std::string_view kind, std::int64_t id, std::int64_t actor,
                         const std::string& now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto sessions,
                            db.Prepare("DELETE FROM sessions WHERE user_kind = ? AND user_id = ?"));
  sessions.BindAll(kind, id);
  GOATFLOW_RETURN_IF_ERROR(sessions.Run());
  GOATFLOW_ASSIGN_OR_RETURN(auto refresh, db.Prepare(R"sql(
    UPDATE auth_refresh_token SET revoked_at = ?
     WHERE user_kind = ? AND user_id = ? AND revoked_at IS NULL)sql"));
  refresh.BindAll(now, kind, id);
  GOATFLOW_RETURN_IF_ERROR(refresh.Run());
  GOATFLOW_ASSIGN_OR_RETURN(auto tokens, db.Prepare(R"sql(
    UPDATE user_api_tokens SET revoked_at = ?, revoked_by = ?
     WHERE user_type = ? AND user_id = ? AND revoked_at IS NULL)sql"));
  tokens.BindAll(now, actor, kind, id);
  return tokens.Run();
}

Result<std::optional<Group>> LoadGroup(store::Db& db, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT id, name, comments, valid_id, create_time, change_time FROM groups WHERE id = ?)sql"));
  stmt.Bind(1, id);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<Group>();
  return std::optional<Group>(Group{stmt.Int(0), stmt.Text(1), stmt.OptText(2),
                                    static_cast<int>(stmt.Int(3)), ParseStoredTime(stmt.Text(4)),
                                    ParseStoredTime(stmt.Text(5))});
}

Result<std::optional<Role>> LoadRole(store::Db& db, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT id, name, comments, valid_id, create_time, change_time FROM roles WHERE id = ?)sql"));
  stmt.Bind(1, id);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<Role>();
  Role role;
  role.id = stmt.Int(0);
  role.name = stmt.Text(1);
  role.comments = stmt.OptText(2);
  role.valid_id = static_cast<int>(stmt.Int(3));
  role.created_at = ParseStoredTime(stmt.Text(4));
  role.updated_at = ParseStoredTime(stmt.Text(5));
  GOATFLOW_ASSIGN_OR_RETURN(auto grants, db.Prepare(R"sql(
    SELECT g.id, g.name, gr.permission_key FROM group_role gr JOIN groups g ON g.id = gr.group_id
     WHERE gr.role_id = ? AND gr.permission_value = 1 ORDER BY g.id)sql"));
  grants.Bind(1, id);
  std::map<std::int64_t, std::pair<std::string, std::set<std::string>>> by_group;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, grants.Step());
    if (!row) break;
    auto& entry = by_group[grants.Int(0)];
    entry.first = grants.Text(1);
    entry.second.insert(grants.Text(2));
  }
  for (const auto& [gid, entry] : by_group)
    role.groups.push_back({gid, entry.first, SortKeys(entry.second)});
  GOATFLOW_ASSIGN_OR_RETURN(
      auto users, db.Prepare("SELECT user_id FROM role_user WHERE role_id = ? ORDER BY user_id"));
  users.Bind(1, id);
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, users.Step());
    if (!row) break;
    role.user_ids.push_back(users.Int(0));
  }
  return std::optional<Role>(std::move(role));
}

}  // namespace goatflow::service
