// LookupService: administration of ticket priorities (api-v1 §13.1).

#include <cctype>

#include "core/macros.h"
#include "core/time.h"
#include "goatflow/lookups.h"
#include "service/checks.h"
#include "service/lookup_data.h"

namespace goatflow {
namespace {

using service::ValidationError;

constexpr std::string_view kDefaultColor = "#cdcdcd";

Error PriorityNotFound() { return service::NotFound("Priority not found"); }

Status CheckNameFree(store::Db& db, const std::string& name, std::int64_t except_id) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt,
      db.Prepare("SELECT 1 FROM ticket_priority WHERE lower(name) = lower(?) AND id <> ?"));
  stmt.BindAll(name, except_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool taken, stmt.Step());
  if (!taken) return OkStatus();
  return Error(ErrorCode::kAlreadyExists, "Priority name already exists",
               {{"field", "name"}, {"reason", "duplicate"}})
      .WithWireCode("core:conflict");
}

// "#rrggbb" (hex digits of either case).
Result<std::string> CleanColor(std::string_view raw) {
  bool ok = raw.size() == 7 && raw[0] == '#';
  for (std::size_t i = 1; ok && i < raw.size(); ++i)
    ok = std::isxdigit(static_cast<unsigned char>(raw[i])) != 0;
  if (!ok) return ValidationError("color", "invalid", "color must be #rrggbb");
  return std::string(raw);
}

Result<Priority> LoadPriority(store::Db& db, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto rows, service::LoadPriorities(db));
  for (Priority& row : rows)
    if (row.id == id) return std::move(row);
  return PriorityNotFound();
}

Status Store(store::Db& db, const Priority& p, std::int64_t actor, const std::string& now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    UPDATE ticket_priority SET name = ?, color = ?, valid_id = ?, change_time = ?, change_by = ?
     WHERE id = ?)sql"));
  stmt.BindAll(p.name, p.color, p.valid_id, now, actor, p.id);
  return stmt.Run();
}

service::AuditEntry PriorityAudit(std::string action, const Priority& p) {
  service::AuditEntry entry;
  entry.action = std::move(action);
  entry.target_type = "priority";
  entry.target_id = std::to_string(p.id);
  entry.target_identifier = p.name;
  return entry;
}

// An admin-only priority change: the admin gate, then scope admin:*.
template <typename Fn>
Result<Priority> PriorityWrite(Helpdesk::Impl& impl, const RequestContext& ctx,
                               std::string_view action, Fn&& fn) {
  return service::AdminWrite<Priority>(
      impl, ctx, action, [&](store::Db& db, const service::Caller& caller) -> Result<Priority> {
        GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeAdmin));
        return fn(db, caller);
      });
}

}  // namespace

Result<Priority> LookupService::CreatePriority(const RequestContext& ctx,
                                               const CreatePriorityRequest& request) {
  return PriorityWrite(
      impl_, ctx, "priority.create",
      [&](store::Db& db, const service::Caller& caller) -> Result<Priority> {
        Priority p;
        GOATFLOW_ASSIGN_OR_RETURN(p.name, service::CleanName(request.name, "name", 200));
        if (request.color.empty()) {
          p.color = std::string(kDefaultColor);
        } else {
          GOATFLOW_ASSIGN_OR_RETURN(p.color, CleanColor(request.color));
        }
        GOATFLOW_RETURN_IF_ERROR(service::CheckValidId(request.valid_id));
        p.valid_id = request.valid_id;
        GOATFLOW_RETURN_IF_ERROR(CheckNameFree(db, p.name, 0));
        std::string now = core::FormatDbTime(impl_.clock->Now());
        GOATFLOW_ASSIGN_OR_RETURN(auto insert, db.Prepare(R"sql(
          INSERT INTO ticket_priority (name, color, valid_id, create_time, create_by,
                                       change_time, change_by)
          VALUES (?, ?, ?, ?, ?, ?, ?))sql"));
        insert.BindAll(p.name, p.color, p.valid_id, now, caller.ActingUserId(), now,
                       caller.ActingUserId());
        GOATFLOW_RETURN_IF_ERROR(insert.Run());
        p.id = db.LastInsertId();
        GOATFLOW_RETURN_IF_ERROR(
            service::WriteAudit(db, ctx, impl_.clock->Now(), PriorityAudit("priority.create", p)));
        return p;
      });
}

Result<Priority> LookupService::UpdatePriority(const RequestContext& ctx, std::int64_t id,
                                               const UpdatePriorityRequest& request) {
  return PriorityWrite(
      impl_, ctx, "priority.update",
      [&](store::Db& db, const service::Caller& caller) -> Result<Priority> {
        GOATFLOW_ASSIGN_OR_RETURN(Priority before, LoadPriority(db, id));
        Priority after = before;
        if (request.name) {
          GOATFLOW_ASSIGN_OR_RETURN(after.name, service::CleanName(*request.name, "name", 200));
          GOATFLOW_RETURN_IF_ERROR(CheckNameFree(db, after.name, id));
        }
        if (request.color) {
          GOATFLOW_ASSIGN_OR_RETURN(after.color, CleanColor(*request.color));
        }
        if (request.valid_id) {
          GOATFLOW_RETURN_IF_ERROR(service::CheckValidId(*request.valid_id));
          after.valid_id = *request.valid_id;
        }
        GOATFLOW_RETURN_IF_ERROR(
            Store(db, after, caller.ActingUserId(), core::FormatDbTime(impl_.clock->Now())));
        auto entry = PriorityAudit("priority.update", after);
        if (before.name != after.name) entry.details["name"] = before.name + " -> " + after.name;
        if (before.color != after.color)
          entry.details["color"] = before.color + " -> " + after.color;
        if (before.valid_id != after.valid_id) {
          entry.details["valid_id"] =
              std::to_string(before.valid_id) + " -> " + std::to_string(after.valid_id);
        }
        GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, impl_.clock->Now(), entry));
        return after;
      });
}

Result<Priority> LookupService::DeletePriority(const RequestContext& ctx, std::int64_t id) {
  return PriorityWrite(impl_, ctx, "priority.delete",
                       [&](store::Db& db, const service::Caller& caller) -> Result<Priority> {
                         GOATFLOW_ASSIGN_OR_RETURN(Priority p, LoadPriority(db, id));
                         p.valid_id = 2;
                         GOATFLOW_RETURN_IF_ERROR(Store(db, p, caller.ActingUserId(),
                                                        core::FormatDbTime(impl_.clock->Now())));
                         GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(
                             db, ctx, impl_.clock->Now(), PriorityAudit("priority.delete", p)));
                         return p;
                       });
}

}  // namespace goatflow
