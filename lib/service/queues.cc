#include "goatflow/queues.h"

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "service/checks.h"
#include "service/queue_repo.h"
#include "service/settings_read.h"

namespace goatflow {
namespace {

using service::ValidationError;

Error QueueNotFound() { return service::NotFound("Queue not found"); }

Error NameTaken() {
  return Error(ErrorCode::kAlreadyExists, "Queue name already exists",
               {{"field", "name"}, {"reason", "duplicate"}})
      .WithWireCode("core:conflict");
}

service::QueueScope ScopeOf(const service::Caller& caller) {
  service::QueueScope scope;
  if (caller.is_admin) {
    scope.all = true;
  } else {
    for (const auto& [group_id, bits] : caller.grants.by_group)
      if (rbac::AgentAllows(caller.grants, group_id, rbac::Permission::kRo))
        scope.group_ids.push_back(group_id);
  }
  return scope;
}

// Loads the caller of a queue read: customers get permission_denied
// (security.md §9.2).
Result<service::Caller> QueueReader(store::Db& db, const RequestContext& ctx) {
  GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
  GOATFLOW_RETURN_IF_ERROR(service::RequireAgent(caller));
  return caller;
}

// Loads queue `id` if the agent may see it (not_found otherwise).
Result<Queue> VisibleQueue(store::Db& db, const service::Caller& caller, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto queue, service::LoadQueue(db, id));
  if (!queue) return QueueNotFound();
  if (caller.is_admin) return std::move(*queue);
  if (!rbac::AgentAllows(caller.grants, queue->group_id, rbac::Permission::kRo))
    return QueueNotFound();
  return std::move(*queue);
}

// Queue `id` for a read that needs queues:read: a queue the caller cannot see
// is not_found before a missing token scope is permission_denied (security.md §9.1).
Result<Queue> ReadableQueue(store::Db& db, const RequestContext& ctx, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto caller, QueueReader(db, ctx));
  GOATFLOW_ASSIGN_OR_RETURN(auto queue, VisibleQueue(db, caller, id));
  GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeQueuesRead));
  return queue;
}

// The checks shared by create and update for the optional numeric fields.
Status CheckReferences(store::Db& db, const std::optional<std::int64_t>& group_id,
                       const std::optional<std::int64_t>& system_address_id,
                       const std::optional<std::int64_t>& salutation_id,
                       const std::optional<std::int64_t>& signature_id,
                       const std::optional<std::int64_t>& unlock_timeout,
                       const std::optional<std::int64_t>& follow_up_id,
                       const std::optional<std::int64_t>& follow_up_lock,
                       const std::vector<std::int64_t>& group_access) {
  struct Ref {
    const std::optional<std::int64_t>& value;
    std::string_view table;
    std::string_view field;
  };
  for (const Ref& ref : {Ref{group_id, "groups", "group_id"},
                         Ref{system_address_id, "system_address", "system_address_id"},
                         Ref{salutation_id, "salutation", "salutation_id"},
                         Ref{signature_id, "signature", "signature_id"},
                         Ref{follow_up_id, "follow_up_possible", "follow_up_id"}}) {
    if (!ref.value) continue;
    GOATFLOW_ASSIGN_OR_RETURN(bool exists, service::RowExists(db, ref.table, *ref.value));
    if (!exists) {
      return ValidationError(ref.field, "not_found", std::string(ref.field) + " does not exist");
    }
  }
  if (unlock_timeout && *unlock_timeout < 0) {
    return ValidationError("unlock_timeout", "invalid", "unlock_timeout must be 0 or more");
  }
  if (follow_up_lock && *follow_up_lock != 0 && *follow_up_lock != 1) {
    return ValidationError("follow_up_lock", "invalid", "follow_up_lock must be 0 or 1");
  }
  for (std::int64_t extra : group_access) {
    GOATFLOW_ASSIGN_OR_RETURN(bool exists, service::RowExists(db, "groups", extra));
    if (!exists)
      return ValidationError("group_access", "not_found", "group_access names an unknown group");
  }
  return OkStatus();
}

service::AuditEntry QueueAudit(std::string action, const Queue& queue) {
  service::AuditEntry entry;
  entry.action = std::move(action);
  entry.target_type = "queue";
  entry.target_id = std::to_string(queue.id);
  entry.target_identifier = queue.name;
  return entry;
}

}  // namespace

Result<Queue> QueueService::Create(const RequestContext& ctx, const CreateQueueRequest& request) {
  auto result = service::Write(impl_, [&](store::Db& db) -> Result<Queue> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdmin(caller));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeAdmin));
    GOATFLOW_ASSIGN_OR_RETURN(std::string name, service::CleanName(request.name, "name", 200));
    GOATFLOW_ASSIGN_OR_RETURN(auto comment,
                              service::CleanOptionalText(request.comment, "comment", 250));
    if (request.group_id <= 0)
      return ValidationError("group_id", "required", "group_id is required");
    GOATFLOW_RETURN_IF_ERROR(CheckReferences(db, request.group_id, request.system_address_id,
                                             request.salutation_id, request.signature_id,
                                             request.unlock_timeout, request.follow_up_id,
                                             request.follow_up_lock, request.group_access));
    GOATFLOW_ASSIGN_OR_RETURN(auto existing, service::FindQueueIdByName(db, name));
    if (existing) return NameTaken();

    std::string now = core::FormatDbTime(impl_.clock->Now());
    GOATFLOW_ASSIGN_OR_RETURN(auto insert, db.Prepare(R"sql(
      INSERT INTO queue (name, group_id, comments, system_address_id, salutation_id, signature_id,
                         unlock_timeout, follow_up_id, follow_up_lock, valid_id,
                         create_time, create_by, change_time, change_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?))sql"));
    insert.BindAll(name, request.group_id, comment, request.system_address_id.value_or(1),
                   request.salutation_id.value_or(1), request.signature_id.value_or(1),
                   request.unlock_timeout.value_or(0), request.follow_up_id.value_or(1),
                   request.follow_up_lock.value_or(0), now, caller.id, now, caller.id);
    GOATFLOW_RETURN_IF_ERROR(insert.Run());
    std::int64_t id = db.LastInsertId();
    GOATFLOW_RETURN_IF_ERROR(
        service::ReplaceExtraGroups(db, id, request.group_access, caller.id, now));
    GOATFLOW_ASSIGN_OR_RETURN(auto queue, service::LoadQueue(db, id));
    auto entry = QueueAudit("queue.create", *queue);
    entry.details = {{"group_id", std::to_string(queue->group_id)}};
    GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), entry));
    return std::move(*queue);
  });
  GOATFLOW_RETURN_IF_ERROR(service::AuditDenial(impl_, ctx, "queue.create", result));
  return result;
}

Result<Queue> QueueService::Get(const RequestContext& ctx, std::int64_t id) {
  return service::Read(impl_, [&](store::Db& db) -> Result<Queue> {
    return ReadableQueue(db, ctx, id);
  });
}

Result<Page<Queue>> QueueService::List(const RequestContext& ctx,
                                       const ListQueuesRequest& request) {
  return service::Read(impl_, [&](store::Db& db) -> Result<Page<Queue>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, QueueReader(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeQueuesRead));
    return service::ListQueues(db, ScopeOf(caller), request);
  });
}

Result<Queue> QueueService::Update(const RequestContext& ctx, std::int64_t id,
                                   const UpdateQueueRequest& request) {
  auto result = service::Write(impl_, [&](store::Db& db) -> Result<Queue> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdmin(caller));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeAdmin));
    GOATFLOW_ASSIGN_OR_RETURN(auto loaded, service::LoadQueue(db, id));
    if (!loaded) return QueueNotFound();
    Queue before = std::move(*loaded);
    Queue after = before;
    if (request.name) {
      GOATFLOW_ASSIGN_OR_RETURN(after.name, service::CleanName(*request.name, "name", 200));
      GOATFLOW_ASSIGN_OR_RETURN(auto other, service::FindQueueIdByName(db, after.name));
      if (other && *other != id) return NameTaken();
    }
    if (request.comment) {
      GOATFLOW_ASSIGN_OR_RETURN(after.comment,
                                service::CleanOptionalText(request.comment, "comment", 250));
    }
    if (request.valid_id) GOATFLOW_RETURN_IF_ERROR(service::CheckValidId(*request.valid_id));
    GOATFLOW_RETURN_IF_ERROR(CheckReferences(
        db, request.group_id, request.system_address_id, request.salutation_id,
        request.signature_id, request.unlock_timeout, request.follow_up_id, request.follow_up_lock,
        request.group_access.value_or(std::vector<std::int64_t>{})));
    after.group_id = request.group_id.value_or(after.group_id);
    after.system_address_id = request.system_address_id.value_or(after.system_address_id);
    after.salutation_id = request.salutation_id.value_or(after.salutation_id);
    after.signature_id = request.signature_id.value_or(after.signature_id);
    after.unlock_timeout = request.unlock_timeout.value_or(after.unlock_timeout);
    after.follow_up_id = request.follow_up_id.value_or(after.follow_up_id);
    after.follow_up_lock = static_cast<int>(request.follow_up_lock.value_or(after.follow_up_lock));
    after.valid_id = static_cast<int>(request.valid_id.value_or(after.valid_id));

    std::string now = core::FormatDbTime(impl_.clock->Now());
    GOATFLOW_ASSIGN_OR_RETURN(auto update, db.Prepare(R"sql(
      UPDATE queue SET name = ?, group_id = ?, comments = ?, system_address_id = ?,
             salutation_id = ?, signature_id = ?, unlock_timeout = ?, follow_up_id = ?,
             follow_up_lock = ?, valid_id = ?, change_time = ?, change_by = ?
       WHERE id = ?)sql"));
    update.BindAll(after.name, after.group_id, after.comment, after.system_address_id,
                   after.salutation_id, after.signature_id, after.unlock_timeout,
                   after.follow_up_id, after.follow_up_lock, after.valid_id, now, caller.id, id);
    GOATFLOW_RETURN_IF_ERROR(update.Run());
    if (request.group_access) {
      GOATFLOW_RETURN_IF_ERROR(
          service::ReplaceExtraGroups(db, id, *request.group_access, caller.id, now));
    }
    GOATFLOW_ASSIGN_OR_RETURN(auto fresh, service::LoadQueue(db, id));
    auto entry = QueueAudit("queue.update", *fresh);
    if (before.name != fresh->name) entry.details["name"] = before.name + " -> " + fresh->name;
    if (before.group_id != fresh->group_id) {
      entry.details["group_id"] =
          std::to_string(before.group_id) + " -> " + std::to_string(fresh->group_id);
    }
    if (before.valid_id != fresh->valid_id) {
      entry.details["valid_id"] =
          std::to_string(before.valid_id) + " -> " + std::to_string(fresh->valid_id);
    }
    GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), entry));
    return std::move(*fresh);
  });
  GOATFLOW_RETURN_IF_ERROR(service::AuditDenial(impl_, ctx, "queue.update", result));
  return result;
}

Result<Queue> QueueService::Delete(const RequestContext& ctx, std::int64_t id) {
  auto result = service::Write(impl_, [&](store::Db& db) -> Result<Queue> {
    GOATFLOW_ASSIGN_OR_RETURN(auto caller, service::LoadCaller(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(service::RequireAdmin(caller));
    GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeAdmin));
    GOATFLOW_ASSIGN_OR_RETURN(auto queue, service::LoadQueue(db, id));
    if (!queue) return QueueNotFound();
    GOATFLOW_ASSIGN_OR_RETURN(std::string default_queue, service::DefaultQueueName(db));
    if (id <= 4 || core::EqualsIgnoreCaseAscii(queue->name, default_queue)) {
      return service::Forbidden("Cannot delete system queue");
    }
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t tickets, service::CountQueueTickets(db, id));
    if (tickets > 0) {
      return Error(ErrorCode::kConflict, "Cannot delete queue with existing tickets")
          .WithWireCode("core:conflict");
    }
    std::string now = core::FormatDbTime(impl_.clock->Now());
    GOATFLOW_ASSIGN_OR_RETURN(
        auto update,
        db.Prepare("UPDATE queue SET valid_id = 2, change_time = ?, change_by = ? WHERE id = ?"));
    update.BindAll(now, caller.id, id);
    GOATFLOW_RETURN_IF_ERROR(update.Run());
    GOATFLOW_RETURN_IF_ERROR(service::ReplaceExtraGroups(db, id, {}, caller.id, now));
    GOATFLOW_ASSIGN_OR_RETURN(auto fresh, service::LoadQueue(db, id));
    GOATFLOW_RETURN_IF_ERROR(
        service::WriteAudit(db, ctx, impl_.clock->Now(), QueueAudit("queue.delete", *fresh)));
    return std::move(*fresh);
  });
  GOATFLOW_RETURN_IF_ERROR(service::AuditDenial(impl_, ctx, "queue.delete", result));
  return result;
}

Result<QueueStats> QueueService::Stats(const RequestContext& ctx, std::int64_t id) {
  return service::Read(impl_, [&](store::Db& db) -> Result<QueueStats> {
    GOATFLOW_ASSIGN_OR_RETURN(auto queue, ReadableQueue(db, ctx, id));
    return service::LoadQueueStats(db, queue.id);
  });
}

}  // namespace goatflow
