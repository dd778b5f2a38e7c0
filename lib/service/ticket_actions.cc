// TicketService: partial update, assign, lock/unlock, priority and queue moves
// (domain.md §10.3-10.5, §10.11; api-v1.md §4.4, §4.6, §4.9).

#include <fmt/format.h>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "domain/ticket_rules.h"
#include "goatflow/tickets.h"
#include "service/notify.h"
#include "service/ticket_access.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using rbac::Permission;
using service::Caller;
using service::tickets::Denied;
using service::tickets::Invalid;

// The new values of an update, validated before anything is written.
struct Change {
  std::optional<std::string> title;
  std::optional<store::QueueInfo> queue;
  std::optional<store::StateInfo> state;
  std::optional<std::int64_t> until_time;
  std::optional<std::int64_t> priority_id;
  std::optional<std::int64_t> type_id;
  std::optional<std::int64_t> owner_id;
  std::optional<std::optional<std::int64_t>> responsible_id;
  std::optional<std::optional<std::string>> customer_user_id, customer_id;
  std::optional<std::string> lock;  // "lock" / "unlock"
};

Status RequireAgentRight(const Caller& caller, std::int64_t group_id, Permission p,
                         std::string message) {
  if (!rbac::AgentAllows(caller.grants, group_id, p)) return Denied(std::move(message));
  return OkStatus();
}

Result<std::int64_t> ResolvePriority(store::Db& db, const std::optional<std::int64_t>& id,
                                     const std::optional<std::string>& name) {
  std::optional<std::int64_t> found;
  if (id) {
    GOATFLOW_ASSIGN_OR_RETURN(found, store::FindPriorityById(db, *id));
  } else if (name) {
    GOATFLOW_ASSIGN_OR_RETURN(found, store::FindPriority(db, *name));
  }
  if (!found) return Invalid("Invalid priority_id", "priority_id", "not_found");
  return *found;
}

Result<Change> Validate(store::Db& db, const Caller& caller, const store::TicketRecord& rec,
                        const UpdateTicketRequest& r, TimePoint now) {
  const Ticket& t = rec.ticket;
  Change c;
  if (r.title) {
    GOATFLOW_ASSIGN_OR_RETURN(c.title, service::tickets::CheckTitle(*r.title, false));
  }
  std::int64_t group_id = rec.group_id;
  if (r.queue_id) {
    GOATFLOW_ASSIGN_OR_RETURN(auto queue, store::FindQueue(db, *r.queue_id));
    if (!queue || !queue->valid) return Invalid("Invalid queue_id", "queue_id", "not_found");
    GOATFLOW_RETURN_IF_ERROR(RequireAgentRight(caller, queue->group_id, Permission::kMoveInto,
                                               "No permission to move into this queue"));
    group_id = queue->group_id;
    c.queue = queue;
  }
  std::string state_type = t.state_type;
  if (r.state_id || r.state) {
    GOATFLOW_ASSIGN_OR_RETURN(auto state, store::FindState(db, r.state_id, r.state));
    if (!state || state->type == domain::kTypeMerged || state->type == domain::kTypeRemoved)
      return Invalid("Invalid state_id", "state_id", "not_found");
    c.state = state;
    state_type = state->type;
    // Closing through an update has the effect of close (domain.md §10.6): unlocked.
    if (state_type == domain::kTypeClosed && t.lock != "unlock" && !r.lock) c.lock = "unlock";
  }
  if (domain::IsPendingType(state_type) && (c.state || r.pending_until)) {
    if (c.state && c.state->id == t.state_id && !r.pending_until && t.pending_until) {
      c.until_time = core::ToUnixSeconds(*t.pending_until);
    } else {
      GOATFLOW_ASSIGN_OR_RETURN(c.until_time,
                                service::tickets::CheckPendingUntil(r.pending_until, now));
    }
  } else if (r.pending_until) {
    return Invalid("pending_until needs a pending state", "pending_until", "not_pending");
  } else if (c.state) {
    c.until_time = 0;
  }
  if (r.priority_id || r.priority) {
    GOATFLOW_RETURN_IF_ERROR(RequireAgentRight(caller, rec.group_id, Permission::kPriority,
                                               "No permission to change the priority"));
    GOATFLOW_ASSIGN_OR_RETURN(c.priority_id, ResolvePriority(db, r.priority_id, r.priority));
  }
  if (r.type_id) {
    GOATFLOW_ASSIGN_OR_RETURN(auto type, store::FindTypeId(db, r.type_id, std::nullopt));
    if (!type) return Invalid("Invalid type_id", "type_id", "not_found");
    c.type_id = type;
  }
  if (r.lock) {
    std::string lock = core::ToLowerAscii(core::Trim(*r.lock));
    if (lock != "lock" && lock != "unlock") return Invalid("Invalid lock", "lock", "invalid");
    c.lock = lock;
    if (lock == "lock" && t.lock == "unlock" && !r.owner_id) c.owner_id = caller.ActingUserId();
  }
  if (r.owner_id) {
    GOATFLOW_RETURN_IF_ERROR(RequireAgentRight(caller, rec.group_id, Permission::kOwner,
                                               "No permission to change the owner"));
    GOATFLOW_RETURN_IF_ERROR(service::tickets::CheckEligibleOwner(db, *r.owner_id, group_id));
    c.owner_id = r.owner_id;
  }
  if (r.clear_responsible) {
    c.responsible_id = std::optional<std::int64_t>();
  } else if (r.responsible_id) {
    GOATFLOW_ASSIGN_OR_RETURN(bool valid, store::IsValidAgent(db, *r.responsible_id));
    if (!valid) return Invalid("User not found or inactive", "responsible_id", "not_found");
    c.responsible_id = r.responsible_id;
  }
  if (r.customer_user_id) {
    std::string login(core::Trim(*r.customer_user_id));
    if (login.empty()) {
      c.customer_user_id = std::optional<std::string>();
    } else {
      GOATFLOW_ASSIGN_OR_RETURN(auto customer, store::FindCustomerUser(db, login));
      c.customer_user_id = customer ? customer->first : login;
      if (customer && !r.customer_id) c.customer_id = customer->second;
    }
  }
  if (r.customer_id) {
    std::string company(core::Trim(*r.customer_id));
    c.customer_id = company.empty() ? std::optional<std::string>() : std::optional(company);
  }
  return c;
}

std::string Name(const std::optional<std::string>& s) { return s ? *s : "-"; }

// Applies a validated change with one UPDATE, then one history row per changed attribute.
Status Apply(store::Db& db, const store::TicketRecord& rec, const Change& c, std::int64_t actor,
             TimePoint now) {
  const Ticket& t = rec.ticket;
  std::optional<std::int64_t> lock_id;
  if (c.lock) {
    GOATFLOW_ASSIGN_OR_RETURN(lock_id, store::LookupId(db, "ticket_lock_type", *c.lock));
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    UPDATE ticket SET title = coalesce(?1, title), queue_id = coalesce(?2, queue_id),
           ticket_priority_id = coalesce(?3, ticket_priority_id), type_id = coalesce(?4, type_id),
           user_id = coalesce(?5, user_id), ticket_lock_id = coalesce(?6, ticket_lock_id),
           responsible_user_id = CASE WHEN ?7 THEN ?8 ELSE responsible_user_id END,
           customer_user_id = CASE WHEN ?9 THEN ?10 ELSE customer_user_id END,
           customer_id = CASE WHEN ?11 THEN ?12 ELSE customer_id END,
           change_time = ?13, change_by = ?14
     WHERE id = ?15)sql"));
  stmt.Bind(1, c.title).Bind(2, c.queue ? std::optional(c.queue->id) : std::nullopt);
  stmt.Bind(3, c.priority_id).Bind(4, c.type_id).Bind(5, c.owner_id).Bind(6, lock_id);
  stmt.Bind(7, c.responsible_id ? 1 : 0)
      .Bind(8, c.responsible_id ? *c.responsible_id : std::nullopt);
  stmt.Bind(9, c.customer_user_id ? 1 : 0);
  stmt.Bind(10, c.customer_user_id ? *c.customer_user_id : std::nullopt);
  stmt.Bind(11, c.customer_id ? 1 : 0).Bind(12, c.customer_id ? *c.customer_id : std::nullopt);
  stmt.Bind(13, core::FormatDbTime(now)).Bind(14, actor).Bind(15, t.id);
  GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  auto history = [&](std::string_view type, std::string text) {
    return store::InsertHistory(db, t.id, type, text, std::nullopt, actor, now);
  };
  // The changed ticket with joined names, for the history texts.
  GOATFLOW_ASSIGN_OR_RETURN(auto after, store::LoadTicket(db, t.id));
  if (!after) return Error(ErrorCode::kInternal, "ticket vanished during update");
  const Ticket& n = after->ticket;
  if (c.title && *c.title != t.title)
    GOATFLOW_RETURN_IF_ERROR(
        history("TitleUpdate", fmt::format("Title: {} → {}", t.title, *c.title)));
  if (c.queue && c.queue->id != t.queue_id)
    GOATFLOW_RETURN_IF_ERROR(
        history("Move", fmt::format("Moved from {} to {}", t.queue, c.queue->name)));
  if (c.state || c.until_time)
    GOATFLOW_RETURN_IF_ERROR(service::tickets::SetState(
        db, rec, c.state ? *c.state : store::StateInfo{t.state_id, t.state, t.state_type},
        c.until_time.value_or(0), actor, now));
  if (c.priority_id && *c.priority_id != t.priority_id)
    GOATFLOW_RETURN_IF_ERROR(history("PriorityUpdate", "Priority set to " + n.priority));
  if (c.type_id && c.type_id != t.type_id)
    GOATFLOW_RETURN_IF_ERROR(history("TypeUpdate", "Type set to " + n.type.value_or("-")));
  if (c.lock && *c.lock != t.lock)
    GOATFLOW_RETURN_IF_ERROR(history(*c.lock == "lock" ? "Lock" : "Unlock",
                                     *c.lock == "lock" ? "Ticket locked" : "Ticket unlocked"));
  if (c.owner_id && *c.owner_id != t.owner_id)
    GOATFLOW_RETURN_IF_ERROR(history("OwnerUpdate", "Assigned to " + n.owner));
  if (c.responsible_id && *c.responsible_id != t.responsible_id)
    GOATFLOW_RETURN_IF_ERROR(history(
        "ResponsibleUpdate", *c.responsible_id ? "Responsible set to " + n.responsible.value_or("-")
                                               : std::string("Responsible cleared")));
  if ((c.customer_user_id && *c.customer_user_id != t.customer_user_id) ||
      (c.customer_id && *c.customer_id != t.customer_id))
    GOATFLOW_RETURN_IF_ERROR(
        history("CustomerUpdate",
                fmt::format("Customer: {} / {}",
                            Name(c.customer_user_id ? *c.customer_user_id : t.customer_user_id),
                            Name(c.customer_id ? *c.customer_id : t.customer_id))));
  return OkStatus();
}

bool Empty(const UpdateTicketRequest& r) {
  return !r.title && !r.queue_id && !r.state_id && !r.state && !r.pending_until && !r.priority_id &&
         !r.priority && !r.type_id && !r.owner_id && !r.responsible_id && !r.clear_responsible &&
         !r.customer_user_id && !r.customer_id && !r.lock;
}

}  // namespace

namespace service::tickets {

// One update with its permission rule: `base` on the current queue, then the
// per-field rules of Validate. Runs inside the caller's transaction.
Result<Ticket> UpdateIn(store::Db& db, const Caller& caller, std::int64_t id,
                        const UpdateTicketRequest& request, Permission base, TimePoint now,
                        const std::optional<std::string>& comment) {
  GOATFLOW_ASSIGN_OR_RETURN(auto rec, LoadForCaller(db, caller, id, base));
  GOATFLOW_RETURN_IF_ERROR(RequireNotMerged(rec));
  if (Empty(request)) return Invalid("No fields to update", "body", "empty");
  GOATFLOW_ASSIGN_OR_RETURN(Change change, Validate(db, caller, rec, request, now));
  GOATFLOW_RETURN_IF_ERROR(Apply(db, rec, change, caller.ActingUserId(), now));
  GOATFLOW_RETURN_IF_ERROR(
      service::NotifyTicketChange(db, service::ActingAgent(caller), rec.ticket, id, now));
  if (comment && !core::Trim(*comment).empty()) {
    auto note = AddSystemNote(db, id, "Note", *comment, false, caller.ActingUserId(), now);
    if (!note.ok()) return std::move(note).error();
  }
  return Fresh(db, caller, id);
}

}  // namespace service::tickets

Result<Ticket> TicketService::Update(const RequestContext& ctx, std::int64_t id,
                                     const UpdateTicketRequest& request) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    return service::tickets::UpdateIn(db, caller, id, request, Permission::kRw, now, std::nullopt);
  });
}

Result<Ticket> TicketService::Assign(const RequestContext& ctx, std::int64_t id,
                                     const AssignTicketRequest& request) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    GOATFLOW_RETURN_IF_ERROR(service::tickets::LoadForCaller(db, caller, id, Permission::kOwner));
    if (!request.owner_id) return Invalid("user_id is required", "user_id", "required");
    UpdateTicketRequest update;
    update.owner_id = request.owner_id;
    update.responsible_id = request.responsible_id;
    return service::tickets::UpdateIn(db, caller, id, update, Permission::kOwner, now,
                                      request.comment);
  });
}

Result<Ticket> TicketService::Lock(const RequestContext& ctx, std::int64_t id) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    GOATFLOW_ASSIGN_OR_RETURN(auto rec,
                              service::tickets::LoadForCaller(db, caller, id, Permission::kRw));
    GOATFLOW_RETURN_IF_ERROR(service::tickets::RequireNotMerged(rec));
    if (rec.ticket.lock != "unlock")
      return Error(ErrorCode::kConflict, "ticket is already locked").WithWireCode("core:conflict");
    UpdateTicketRequest update;
    update.lock = "lock";
    return service::tickets::UpdateIn(db, caller, id, update, Permission::kRw, now, std::nullopt);
  });
}

Result<Ticket> TicketService::Unlock(const RequestContext& ctx, std::int64_t id) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    UpdateTicketRequest update;
    update.lock = "unlock";
    return service::tickets::UpdateIn(db, caller, id, update, Permission::kRw, now, std::nullopt);
  });
}

Result<Ticket> TicketService::ChangePriority(const RequestContext& ctx, std::int64_t id,
                                             const ChangePriorityRequest& request) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    GOATFLOW_RETURN_IF_ERROR(
        service::tickets::LoadForCaller(db, caller, id, Permission::kPriority));
    if (!request.priority_id && !request.priority)
      return Invalid("priority_id is required", "priority_id", "required");
    UpdateTicketRequest update;
    update.priority_id = request.priority_id;
    update.priority = request.priority;
    return service::tickets::UpdateIn(db, caller, id, update, Permission::kPriority, now,
                                      request.comment);
  });
}

Result<Ticket> TicketService::MoveQueue(const RequestContext& ctx, std::int64_t id,
                                        const MoveTicketRequest& request) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    UpdateTicketRequest update;
    update.queue_id = request.queue_id;
    return service::tickets::UpdateIn(db, caller, id, update, Permission::kMoveInto, now,
                                      request.comment);
  });
}

}  // namespace goatflow
