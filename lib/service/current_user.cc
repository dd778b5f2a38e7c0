// DirectoryService: the caller's own account (GET/PUT /api/v1/users/me).

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "goatflow/directory.h"
#include "service/checks.h"
#include "service/directory_repo.h"

namespace goatflow {
namespace {

// api-v1 §7: empty strings are ignored (the old value stays).
std::optional<std::string> Given(const std::optional<std::string>& raw) {
  if (!raw || core::Trim(*raw).empty()) return std::nullopt;
  return raw;
}

Result<CurrentUser> LoadCurrent(store::Db& db, const service::Caller& caller) {
  CurrentUser me;
  me.kind = caller.IsCustomer() ? PrincipalKind::kCustomer : PrincipalKind::kAgent;
  if (caller.IsCustomer()) {
    GOATFLOW_ASSIGN_OR_RETURN(me.customer, service::LoadCustomerUser(db, caller.login));
    return me;
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto agent, service::LoadAgent(db, caller.id));
  if (!agent) return service::NotFound("User not found");
  GOATFLOW_ASSIGN_OR_RETURN(agent->groups, service::LoadAgentGroups(db, caller.id));
  agent->is_admin = caller.is_admin;  // role-derived admin rights included
  me.agent = std::move(*agent);
  return me;
}

service::AuditEntry SelfAudit(const service::Caller& caller) {
  service::AuditEntry entry;
  entry.action = caller.IsCustomer() ? "customer_user.update" : "user.update";
  entry.target_type = caller.IsCustomer() ? "customer_user" : "user";
  entry.target_id = std::to_string(caller.id);
  entry.target_identifier = caller.login;
  entry.details = {{"self", "true"}};
  return entry;
}

Status UpdateOwnAgent(store::Db& db, const service::Caller& caller,
                      const UpdateCurrentUserRequest& request, const std::string& now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto agent, service::LoadAgent(db, caller.id));
  if (!agent) return service::NotFound("User not found");
  if (auto v = Given(request.first_name)) {
    GOATFLOW_ASSIGN_OR_RETURN(agent->first_name, service::CleanName(*v, "first_name", 100));
  }
  if (auto v = Given(request.last_name)) {
    GOATFLOW_ASSIGN_OR_RETURN(agent->last_name, service::CleanName(*v, "last_name", 100));
  }
  if (auto v = Given(request.title)) {
    GOATFLOW_ASSIGN_OR_RETURN(agent->title, service::CleanOptionalText(v, "title", 50));
  }
  std::optional<std::string> email = Given(request.email);
  if (email) {
    GOATFLOW_ASSIGN_OR_RETURN(email, service::CleanAgentEmailFor(db, email, caller.id));
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto update, db.Prepare(R"sql(
    UPDATE users SET title = ?, first_name = ?, last_name = ?, change_time = ?, change_by = ?
     WHERE id = ?)sql"));
  update.BindAll(agent->title, agent->first_name, agent->last_name, now, caller.id, caller.id);
  GOATFLOW_RETURN_IF_ERROR(update.Run());
  if (email) GOATFLOW_RETURN_IF_ERROR(service::StoreAgentEmail(db, caller.id, email));
  return OkStatus();
}

Status UpdateOwnCustomer(store::Db& db, const service::Caller& caller,
                         const UpdateCurrentUserRequest& request, const std::string& now) {
  GOATFLOW_ASSIGN_OR_RETURN(CustomerUser u, service::LoadCustomerUser(db, caller.login));
  if (auto v = Given(request.first_name)) {
    GOATFLOW_ASSIGN_OR_RETURN(u.first_name, service::CleanName(*v, "first_name", 100));
  }
  if (auto v = Given(request.last_name)) {
    GOATFLOW_ASSIGN_OR_RETURN(u.last_name, service::CleanName(*v, "last_name", 100));
  }
  if (auto v = Given(request.title)) {
    GOATFLOW_ASSIGN_OR_RETURN(u.title, service::CleanOptionalText(v, "title", 50));
  }
  if (auto v = Given(request.phone)) {
    GOATFLOW_ASSIGN_OR_RETURN(u.phone, service::CleanOptionalText(v, "phone", 150));
  }
  if (auto v = Given(request.email)) {
    GOATFLOW_ASSIGN_OR_RETURN(u.email, service::CleanCustomerUserEmail(db, v, u.id));
  }
  // Customers act as system user 1 in change_by (service::Caller::ActingUserId).
  GOATFLOW_ASSIGN_OR_RETURN(auto update, db.Prepare(R"sql(
    UPDATE customer_user SET email = ?, title = ?, first_name = ?, last_name = ?, phone = ?,
           change_time = ?, change_by = ? WHERE id = ?)sql"));
  update.BindAll(u.email, u.title, u.first_name, u.last_name, u.phone, now, caller.ActingUserId(),
                 u.id);
  return update.Run();
}

}  // namespace

Result<CurrentUser> DirectoryService::GetCurrentUser(const RequestContext& ctx) {
  return service::Read(impl_, [&](store::Db& db) -> Result<CurrentUser> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    return LoadCurrent(db, caller);
  });
}

Result<CurrentUser> DirectoryService::UpdateCurrentUser(const RequestContext& ctx,
                                                        const UpdateCurrentUserRequest& request) {
  return service::Write(impl_, [&](store::Db& db) -> Result<CurrentUser> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    std::string now = core::FormatDbTime(impl_.clock->Now());
    if (caller.IsCustomer()) {
      GOATFLOW_RETURN_IF_ERROR(UpdateOwnCustomer(db, caller, request, now));
    } else {
      GOATFLOW_RETURN_IF_ERROR(UpdateOwnAgent(db, caller, request, now));
    }
    GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), SelfAudit(caller)));
    return LoadCurrent(db, caller);
  });
}

}  // namespace goatflow
