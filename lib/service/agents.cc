// DirectoryService: agents (users table).

#include "auth/password.h"
#include "auth/password_policy.h"
#include "core/macros.h"
#include "core/time.h"
#include "goatflow/directory.h"
#include "service/checks.h"
#include "service/directory_repo.h"
#include "service/settings_read.h"

namespace goatflow {
namespace {

using service::ValidationError;

Error AgentNotFound() { return service::NotFound("User not found"); }

Error EmailTaken() {
  return Error(ErrorCode::kAlreadyExists, "E-mail address already in use",
               {{"field", "email"}, {"reason", "duplicate"}})
      .WithWireCode("core:conflict");
}

// Checks the address and that no other agent uses it.
Result<std::optional<std::string>> CleanAgentEmail(store::Db& db,
                                                   const std::optional<std::string>& raw,
                                                   std::int64_t except_id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto email, service::CleanOptionalText(raw, "email", 150));
  if (!email) return email;
  GOATFLOW_RETURN_IF_ERROR(service::CheckEmailSyntax(*email));
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT user_id FROM user_preferences
     WHERE preferences_key = 'UserEmail' AND preferences_value = ? COLLATE NOCASE
       AND user_id <> ?)sql"));
  stmt.BindAll(*email, except_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool taken, stmt.Step());
  if (taken) return EmailTaken();
  return email;
}

Status StoreEmail(store::Db& db, std::int64_t user_id, const std::optional<std::string>& email) {
  if (!email) {
    GOATFLOW_ASSIGN_OR_RETURN(
        auto stmt,
        db.Prepare(
            "DELETE FROM user_preferences WHERE user_id = ? AND preferences_key = 'UserEmail'"));
    stmt.Bind(1, user_id);
    return stmt.Run();
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    INSERT INTO user_preferences (user_id, preferences_key, preferences_value)
    VALUES (?, 'UserEmail', ?)
    ON CONFLICT (user_id, preferences_key) DO UPDATE SET preferences_value = excluded.preferences_value)sql"));
  stmt.BindAll(user_id, *email);
  return stmt.Run();
}

Status ReplaceAgentGrants(store::Db& db, std::int64_t user_id,
                          const std::vector<GroupGrant>& groups, std::int64_t actor,
                          const std::string& now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto clear, db.Prepare("DELETE FROM group_user WHERE user_id = ?"));
  clear.Bind(1, user_id);
  GOATFLOW_RETURN_IF_ERROR(clear.Run());
  for (const GroupGrant& grant : groups)
    GOATFLOW_RETURN_IF_ERROR(service::InsertAgentGrants(db, user_id, grant, actor, now));
  return OkStatus();
}

Result<Agent> FreshAgent(store::Db& db, std::int64_t id, bool with_groups) {
  GOATFLOW_ASSIGN_OR_RETURN(auto agent, service::LoadAgent(db, id));
  if (!agent) return AgentNotFound();
  if (with_groups) {
    GOATFLOW_ASSIGN_OR_RETURN(agent->groups, service::LoadAgentGroups(db, id));
  }
  return std::move(*agent);
}

service::AuditEntry UserAudit(std::string action, const Agent& agent) {
  service::AuditEntry entry;
  entry.action = std::move(action);
  entry.target_type = "user";
  entry.target_id = std::to_string(agent.id);
  entry.target_identifier = agent.login;
  return entry;
}

// Disabling rules shared by DisableAgent and UpdateAgent.
Status CheckMayDisable(const service::Caller& caller, std::int64_t id) {
  if (id == caller.id) return ValidationError("id", "self", "Cannot delete yourself");
  if (id == 1) return service::Forbidden("Cannot disable the initial administrator");
  return OkStatus();
}

}  // namespace

namespace service {

Result<std::optional<std::string>> CleanAgentEmailFor(store::Db& db,
                                                      const std::optional<std::string>& raw,
                                                      std::int64_t except_id) {
  return CleanAgentEmail(db, raw, except_id);
}

Status StoreAgentEmail(store::Db& db, std::int64_t user_id,
                       const std::optional<std::string>& email) {
  return StoreEmail(db, user_id, email);
}

}  // namespace service

Result<Agent> DirectoryService::CreateAgent(const RequestContext& ctx,
                                            const CreateAgentRequest& request) {
  return service::AdminWrite<Agent>(
      impl_, ctx, "user.create",
      [&](store::Db& db, const service::Caller& caller) -> Result<Agent> {
        GOATFLOW_ASSIGN_OR_RETURN(std::string login, service::CleanLogin(request.login));
        GOATFLOW_ASSIGN_OR_RETURN(std::string first,
                                  service::CleanName(request.first_name, "first_name", 100));
        GOATFLOW_ASSIGN_OR_RETURN(std::string last,
                                  service::CleanName(request.last_name, "last_name", 100));
        GOATFLOW_ASSIGN_OR_RETURN(auto title,
                                  service::CleanOptionalText(request.title, "title", 50));
        GOATFLOW_RETURN_IF_ERROR(service::CheckValidId(request.valid_id));
        GOATFLOW_ASSIGN_OR_RETURN(auto email, CleanAgentEmail(db, request.email, 0));
        GOATFLOW_RETURN_IF_ERROR(service::CheckGrants(db, request.groups));
        std::string hash;
        if (request.password) {
          GOATFLOW_ASSIGN_OR_RETURN(auto policy, service::ReadPasswordPolicy(db));
          GOATFLOW_RETURN_IF_ERROR(auth::CheckPasswordPolicy(*request.password, policy));
          GOATFLOW_ASSIGN_OR_RETURN(
              hash, auth::HashPassword(*request.password, impl_.options.password_hashing));
        }
        GOATFLOW_RETURN_IF_ERROR(service::CheckLoginFree(db, login, "agent", 0));

        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(auto insert, db.Prepare(R"sql(
          INSERT INTO users (login, pw, title, first_name, last_name, valid_id,
                             create_time, create_by, change_time, change_by)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql"));
        insert.BindAll(login, hash, title, first, last, request.valid_id, now, caller.id, now,
                       caller.id);
        GOATFLOW_RETURN_IF_ERROR(insert.Run());
        std::int64_t id = db.LastInsertId();
        GOATFLOW_RETURN_IF_ERROR(StoreEmail(db, id, email));
        GOATFLOW_RETURN_IF_ERROR(ReplaceAgentGrants(db, id, request.groups, caller.id, now));
        GOATFLOW_ASSIGN_OR_RETURN(Agent agent, FreshAgent(db, id, true));
        auto entry = UserAudit("user.create", agent);
        if (!agent.groups.empty()) entry.details["groups"] = service::DescribeGrants(agent.groups);
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), entry));
        return agent;
      });
}

Result<Agent> DirectoryService::GetAgent(const RequestContext& ctx, std::int64_t id,
                                         DirectoryView view) {
  if (view == DirectoryView::kAdmin) {
    return service::AdminRead<Agent>(
        impl_, ctx, "user.get",
        [&](store::Db& db, const service::Caller&) { return FreshAgent(db, id, true); });
  }
  return service::Read(impl_, [&](store::Db& db) -> Result<Agent> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAgent(caller));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeUsersRead));
    GOATFLOW_ASSIGN_OR_RETURN(Agent agent, FreshAgent(db, id, caller.is_admin));
    if (!caller.is_admin && agent.valid_id != 1) return AgentNotFound();
    return agent;
  });
}

Result<Page<Agent>> DirectoryService::ListAgents(const RequestContext& ctx,
                                                 const ListAgentsRequest& request,
                                                 DirectoryView view) {
  if (view == DirectoryView::kAdmin) {
    return service::AdminRead<Page<Agent>>(
        impl_, ctx, "user.list", [&](store::Db& db, const service::Caller&) {
          return service::ListAgentRows(db, request, request.include_invalid);
        });
  }
  return service::Read(impl_, [&](store::Db& db) -> Result<Page<Agent>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAgent(caller));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeUsersRead));
    return service::ListAgentRows(db, request, caller.is_admin && request.include_invalid);
  });
}

Result<Agent> DirectoryService::UpdateAgent(const RequestContext& ctx, std::int64_t id,
                                            const UpdateAgentRequest& request) {
  return service::AdminWrite<Agent>(
      impl_, ctx, "user.update",
      [&](store::Db& db, const service::Caller& caller) -> Result<Agent> {
        GOATFLOW_ASSIGN_OR_RETURN(Agent before, FreshAgent(db, id, true));
        Agent after = before;
        if (request.login) {
          GOATFLOW_ASSIGN_OR_RETURN(after.login, service::CleanLogin(*request.login));
          GOATFLOW_RETURN_IF_ERROR(service::CheckLoginFree(db, after.login, "agent", id));
        }
        if (request.first_name) {
          GOATFLOW_ASSIGN_OR_RETURN(after.first_name,
                                    service::CleanName(*request.first_name, "first_name", 100));
        }
        if (request.last_name) {
          GOATFLOW_ASSIGN_OR_RETURN(after.last_name,
                                    service::CleanName(*request.last_name, "last_name", 100));
        }
        if (request.title) {
          GOATFLOW_ASSIGN_OR_RETURN(after.title,
                                    service::CleanOptionalText(request.title, "title", 50));
        }
        if (request.email) {
          GOATFLOW_ASSIGN_OR_RETURN(after.email, CleanAgentEmail(db, request.email, id));
        }
        if (request.valid_id) {
          GOATFLOW_RETURN_IF_ERROR(service::CheckValidId(*request.valid_id));
          if (*request.valid_id != 1 && before.valid_id == 1)
            GOATFLOW_RETURN_IF_ERROR(CheckMayDisable(caller, id));
          after.valid_id = *request.valid_id;
        }
        if (request.groups) GOATFLOW_RETURN_IF_ERROR(service::CheckGrants(db, *request.groups));

        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(auto update, db.Prepare(R"sql(
          UPDATE users SET login = ?, title = ?, first_name = ?, last_name = ?, valid_id = ?,
                 change_time = ?, change_by = ? WHERE id = ?)sql"));
        update.BindAll(after.login, after.title, after.first_name, after.last_name, after.valid_id,
                       now, caller.id, id);
        GOATFLOW_RETURN_IF_ERROR(update.Run());
        if (request.email) GOATFLOW_RETURN_IF_ERROR(StoreEmail(db, id, after.email));
        if (request.groups)
          GOATFLOW_RETURN_IF_ERROR(ReplaceAgentGrants(db, id, *request.groups, caller.id, now));
        if (after.valid_id != 1 && before.valid_id == 1)
          GOATFLOW_RETURN_IF_ERROR(service::RevokeCredentials(db, "agent", id, caller.id, now));
        GOATFLOW_ASSIGN_OR_RETURN(Agent fresh, FreshAgent(db, id, true));

        auto entry = UserAudit("user.update", fresh);
        if (before.login != fresh.login)
          entry.details["login"] = before.login + " -> " + fresh.login;
        if (before.valid_id != fresh.valid_id) {
          entry.details["valid_id"] =
              std::to_string(before.valid_id) + " -> " + std::to_string(fresh.valid_id);
        }
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), entry));
        if (request.groups) {
          service::AuditEntry change = UserAudit("permission.change", fresh);
          change.details = {{"old", service::DescribeGrants(before.groups)},
                            {"new", service::DescribeGrants(fresh.groups)}};
          GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), change));
        }
        return fresh;
      });
}

Result<Agent> DirectoryService::DisableAgent(const RequestContext& ctx, std::int64_t id) {
  return service::AdminWrite<Agent>(
      impl_, ctx, "user.deactivate",
      [&](store::Db& db, const service::Caller& caller) -> Result<Agent> {
        GOATFLOW_RETURN_IF_ERROR(CheckMayDisable(caller, id));
        GOATFLOW_ASSIGN_OR_RETURN(Agent agent, FreshAgent(db, id, false));
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(
            auto update,
            db.Prepare(
                "UPDATE users SET valid_id = 2, change_time = ?, change_by = ? WHERE id = ?"));
        update.BindAll(now, caller.id, id);
        GOATFLOW_RETURN_IF_ERROR(update.Run());
        GOATFLOW_RETURN_IF_ERROR(service::RevokeCredentials(db, "agent", id, caller.id, now));
        GOATFLOW_RETURN_IF_ERROR(
            service::WriteAudit(db, ctx, impl_.clock->Now(), UserAudit("user.deactivate", agent)));
        return FreshAgent(db, id, true);
      });
}

Result<Agent> DirectoryService::EnableAgent(const RequestContext& ctx, std::int64_t id) {
  return service::AdminWrite<Agent>(
      impl_, ctx, "user.activate",
      [&](store::Db& db, const service::Caller& caller) -> Result<Agent> {
        GOATFLOW_ASSIGN_OR_RETURN(Agent agent, FreshAgent(db, id, false));
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(
            auto update,
            db.Prepare(
                "UPDATE users SET valid_id = 1, change_time = ?, change_by = ? WHERE id = ?"));
        update.BindAll(now, caller.id, id);
        GOATFLOW_RETURN_IF_ERROR(update.Run());
        GOATFLOW_RETURN_IF_ERROR(
            service::WriteAudit(db, ctx, impl_.clock->Now(), UserAudit("user.activate", agent)));
        return FreshAgent(db, id, true);
      });
}

Status DirectoryService::ResetAgentPassword(const RequestContext& ctx, std::int64_t id,
                                            const std::string& new_password) {
  return service::AdminWrite<void>(
      impl_, ctx, "auth.password.reset",
      [&](store::Db& db, const service::Caller& caller) -> Status {
        GOATFLOW_ASSIGN_OR_RETURN(Agent agent, FreshAgent(db, id, false));
        GOATFLOW_ASSIGN_OR_RETURN(auto policy, service::ReadPasswordPolicy(db));
        GOATFLOW_RETURN_IF_ERROR(auth::CheckPasswordPolicy(new_password, policy, "new_password"));
        GOATFLOW_ASSIGN_OR_RETURN(std::string hash,
                                  auth::HashPassword(new_password, impl_.options.password_hashing));
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(
            auto update,
            db.Prepare("UPDATE users SET pw = ?, change_time = ?, change_by = ? WHERE id = ?"));
        update.BindAll(hash, now, caller.id, id);
        GOATFLOW_RETURN_IF_ERROR(update.Run());
        // Other sessions end with the old password; API tokens stay (they are
        // not derived from the password).
        GOATFLOW_ASSIGN_OR_RETURN(
            auto sessions,
            db.Prepare("DELETE FROM sessions WHERE user_kind = 'agent' AND user_id = ?"));
        sessions.Bind(1, id);
        GOATFLOW_RETURN_IF_ERROR(sessions.Run());
        return service::WriteAudit(db, ctx, impl_.clock->Now(),
                                   UserAudit("auth.password.reset", agent));
      });
}

}  // namespace goatflow
