// TicketService: close, reopen, archive (delete), merge and the bulk actions
// (domain.md §10.6-10.8, §10.10; api-v1.md §4.5, §4.7-4.9).

#include <fmt/format.h>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "domain/ticket_rules.h"
#include "goatflow/tickets.h"
#include "service/audit.h"
#include "service/notify.h"
#include "service/ticket_access.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using rbac::Permission;
using service::Caller;
using service::tickets::Denied;
using service::tickets::Invalid;

// The first valid state of a state type (lowest id: "closed successful" for closed).
Result<store::StateInfo> FirstStateOfType(store::Db& db, std::string_view type) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT s.id, s.name, st.name FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id
     WHERE st.name = ? AND s.valid_id = 1 ORDER BY s.id LIMIT 1)sql"));
  stmt.BindAll(type);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error(ErrorCode::kInternal, "no state of type " + std::string(type));
  return store::StateInfo{stmt.Int(0), stmt.Text(1), stmt.Text(2)};
}

Status SetUnlockedAndArchive(store::Db& db, std::int64_t id, std::optional<int> archive_flag) {
  GOATFLOW_ASSIGN_OR_RETURN(std::int64_t unlock_id,
                            store::LookupId(db, "ticket_lock_type", "unlock"));
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    UPDATE ticket SET ticket_lock_id = ?1, archive_flag = coalesce(?2, archive_flag)
     WHERE id = ?3)sql"));
  stmt.Bind(1, unlock_id).Bind(2, archive_flag).Bind(3, id);
  return stmt.Run();
}

Result<Ticket> CloseIn(store::Db& db, const Caller& caller, std::int64_t id,
                       const CloseTicketRequest& r, TimePoint now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto rec,
                            service::tickets::LoadForCaller(db, caller, id, Permission::kRw));
  const std::string& type = rec.ticket.state_type;
  if (type == domain::kTypeClosed || type == domain::kTypeMerged)
    return Invalid("Ticket is already closed", "state", "already_closed");
  store::StateInfo target;
  if (r.state_id || r.state) {
    GOATFLOW_ASSIGN_OR_RETURN(auto state, store::FindState(db, r.state_id, r.state));
    if (!state || state->type != domain::kTypeClosed)
      return Invalid("state must be a closed state", "state_id", "not_closed");
    target = *state;
  } else if (r.resolution && !domain::IsSuccessfulResolution(*r.resolution)) {
    GOATFLOW_ASSIGN_OR_RETURN(auto state, store::FindStateByName(db, "closed unsuccessful"));
    if (!state) return Error(ErrorCode::kInternal, "state 'closed unsuccessful' is missing");
    target = *state;
  } else {
    GOATFLOW_ASSIGN_OR_RETURN(target, FirstStateOfType(db, domain::kTypeClosed));
  }
  if (r.time_units && *r.time_units < 0)
    return Invalid("time_units must not be negative", "time_units", "negative");
  std::int64_t actor = caller.ActingUserId();
  GOATFLOW_RETURN_IF_ERROR(service::tickets::SetState(db, rec, target, 0, actor, now));
  GOATFLOW_RETURN_IF_ERROR(SetUnlockedAndArchive(db, id, std::nullopt));
  GOATFLOW_RETURN_IF_ERROR(
      service::NotifyTicketChange(db, service::ActingAgent(caller), rec.ticket, id, now));
  std::optional<std::int64_t> article_id;
  if (r.comment && !core::Trim(*r.comment).empty()) {
    GOATFLOW_ASSIGN_OR_RETURN(article_id,
                              service::tickets::AddSystemNote(db, id, "Ticket Closed", *r.comment,
                                                              r.notify_customer, actor, now));
  }
  if (r.time_units)
    GOATFLOW_RETURN_IF_ERROR(
        service::tickets::AccountTime(db, id, article_id, *r.time_units, actor, now));
  return service::tickets::Fresh(db, caller, id);
}

template <typename Fn>
BulkResult RunBulk(const std::vector<std::int64_t>& ids, Fn&& one) {
  BulkResult out;
  for (std::int64_t id : ids) {
    auto result = one(id);
    if (result.ok()) {
      ++out.processed;
    } else {
      ++out.failed;
      out.errors.push_back(BulkError{id, result.error().message});
    }
  }
  return out;
}

}  // namespace

Result<Ticket> TicketService::Close(const RequestContext& ctx, std::int64_t id,
                                    const CloseTicketRequest& request) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    return CloseIn(db, caller, id, request, now);
  });
}

Result<Ticket> TicketService::Reopen(const RequestContext& ctx, std::int64_t id,
                                     const ReopenTicketRequest& r) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    GOATFLOW_ASSIGN_OR_RETURN(auto rec,
                              service::tickets::LoadForCaller(db, caller, id, Permission::kRw));
    if (rec.ticket.state_type == domain::kTypeMerged)
      return Invalid("Merged tickets cannot be reopened", "state", "merged");
    if (rec.ticket.state_type != domain::kTypeClosed)
      return Invalid("Ticket is not closed", "state", "not_closed");
    std::string reason(core::Trim(r.reason));
    if (reason.empty()) return Invalid("reason is required", "reason", "required");
    std::optional<store::StateInfo> target;
    if (r.state_id || r.state) {
      GOATFLOW_ASSIGN_OR_RETURN(target, store::FindState(db, r.state_id, r.state));
      if (target && target->type != domain::kTypeNew && target->type != domain::kTypeOpen)
        target.reset();
    }
    if (!target) {
      GOATFLOW_ASSIGN_OR_RETURN(auto open, FirstStateOfType(db, domain::kTypeOpen));
      target = open;
    }
    std::int64_t actor = caller.ActingUserId();
    GOATFLOW_RETURN_IF_ERROR(service::tickets::SetState(db, rec, *target, 0, actor, now));
    GOATFLOW_RETURN_IF_ERROR(SetUnlockedAndArchive(db, id, 0));
    std::string body = reason;
    if (r.notes && !core::Trim(*r.notes).empty())
      body += "\n\n" + std::string(core::Trim(*r.notes));
    std::string summary = reason.substr(0, 160);
    GOATFLOW_RETURN_IF_ERROR(service::tickets::AddSystemNote(db, id, "Ticket Reopened", body,
                                                             r.notify_customer, actor, now,
                                                             "Reopen note — " + summary));
    return service::tickets::Fresh(db, caller, id);
  });
}

Result<ArchiveResult> TicketService::Archive(const RequestContext& ctx, std::int64_t id) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<ArchiveResult> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsDelete));
    GOATFLOW_ASSIGN_OR_RETURN(auto rec, store::LoadTicket(db, id));
    if (!rec || !service::tickets::CanSee(caller, *rec)) return service::tickets::TicketNotFound();
    if (caller.IsCustomer()) return Denied("Customers cannot delete tickets");
    GOATFLOW_ASSIGN_OR_RETURN(*rec,
                              service::tickets::LoadForCaller(db, caller, id, Permission::kRw));
    if (rec->ticket.archived)
      return Invalid("Ticket is already archived", "archived", "already_archived");
    if (rec->ticket.state_type == domain::kTypeMerged)
      return Invalid("Merged tickets cannot be archived", "state", "merged");
    std::int64_t actor = caller.ActingUserId();
    if (rec->ticket.state_type != domain::kTypeClosed) {
      GOATFLOW_ASSIGN_OR_RETURN(auto closed, FirstStateOfType(db, domain::kTypeClosed));
      GOATFLOW_RETURN_IF_ERROR(service::tickets::SetState(db, *rec, closed, 0, actor, now));
      GOATFLOW_RETURN_IF_ERROR(service::tickets::AddSystemNote(
          db, id, "Ticket Archived", "This ticket has been archived.", false, actor, now));
    }
    GOATFLOW_RETURN_IF_ERROR(SetUnlockedAndArchive(db, id, 1));
    GOATFLOW_RETURN_IF_ERROR(
        service::NotifyTicketChange(db, service::ActingAgent(caller), rec->ticket, id, now));
    GOATFLOW_RETURN_IF_ERROR(store::TouchTicket(db, id, actor, now));
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(db, id, "ArchiveFlagUpdate", "Ticket archived",
                                                  std::nullopt, actor, now));
    GOATFLOW_RETURN_IF_ERROR(service::WriteAudit(db, ctx, now,
                                                 {"ticket.delete",
                                                  service::AuditOutcome::kSuccess,
                                                  "ticket",
                                                  std::to_string(id),
                                                  rec->ticket.tn,
                                                  "",
                                                  {{"archived", "true"}}}));
    GOATFLOW_ASSIGN_OR_RETURN(Ticket fresh, service::tickets::Fresh(db, caller, id));
    return ArchiveResult{id, true, fresh.state};
  });
}

Result<Ticket> TicketService::Merge(const RequestContext& ctx, std::int64_t id,
                                    const MergeTicketRequest& r) {
  TimePoint now = impl_.clock->Now();
  return service::Write(impl_, [&](store::Db& db) -> Result<Ticket> {
    GOATFLOW_ASSIGN_OR_RETURN(
        Caller caller, service::tickets::LoadTicketCaller(db, ctx, id, service::kScopeTicketsWrite));
    GOATFLOW_ASSIGN_OR_RETURN(auto source, store::LoadTicket(db, id));
    if (!source || !service::tickets::CanSee(caller, *source))
      return service::tickets::TicketNotFound();
    if (caller.IsCustomer()) return Denied("Customers cannot merge tickets");
    GOATFLOW_ASSIGN_OR_RETURN(*source,
                              service::tickets::LoadForCaller(db, caller, id, Permission::kRw));
    GOATFLOW_ASSIGN_OR_RETURN(auto target, service::tickets::LoadForCaller(
                                               db, caller, r.target_ticket_id, Permission::kRw));
    if (source->ticket.id == target.ticket.id)
      return Invalid("Cannot merge a ticket into itself", "target_ticket_id", "same_ticket");
    if (source->ticket.state_type == domain::kTypeMerged)
      return Invalid("Ticket is already merged", "ticket_id", "merged");
    if (target.ticket.state_type == domain::kTypeMerged)
      return Invalid("Target ticket is merged", "target_ticket_id", "merged");
    std::string reason(core::Trim(r.reason));
    if (reason.empty()) return Invalid("reason is required", "reason", "required");
    std::int64_t actor = caller.ActingUserId();
    std::string when = core::FormatDbTime(now);
    {
      GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                                db.Prepare("UPDATE article SET ticket_id = ?1, change_time = ?2, "
                                           "change_by = ?3 WHERE ticket_id = ?4"));
      stmt.BindAll(target.ticket.id, when, actor, source->ticket.id);
      GOATFLOW_RETURN_IF_ERROR(stmt.Run());
    }
    GOATFLOW_ASSIGN_OR_RETURN(auto merged, FirstStateOfType(db, domain::kTypeMerged));
    GOATFLOW_RETURN_IF_ERROR(service::tickets::SetState(db, *source, merged, 0, actor, now));
    GOATFLOW_RETURN_IF_ERROR(SetUnlockedAndArchive(db, id, std::nullopt));
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t object_id, store::LookupId(db, "link_object", "Ticket"));
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t type_id,
                              store::LookupId(db, "link_type", "ParentChild"));
    GOATFLOW_ASSIGN_OR_RETURN(std::int64_t state_id, store::LookupId(db, "link_state", "Valid"));
    {
      GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
        INSERT OR IGNORE INTO link_relation (source_object_id, source_key, target_object_id,
                                             target_key, type_id, state_id, create_time, create_by)
        VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6, ?7))sql"));
      stmt.BindAll(object_id, std::to_string(target.ticket.id), std::to_string(source->ticket.id),
                   type_id, state_id, when, actor);
      GOATFLOW_RETURN_IF_ERROR(stmt.Run());
    }
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(
        db, target.ticket.id, "Merged",
        fmt::format("Merged ticket #{} into this ticket: {}", source->ticket.tn, reason),
        std::nullopt, actor, now));
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(
        db, source->ticket.id, "Merged",
        fmt::format("This ticket was merged into ticket #{}", target.ticket.tn), std::nullopt,
        actor, now));
    GOATFLOW_RETURN_IF_ERROR(store::TouchTicket(db, target.ticket.id, actor, now));
    GOATFLOW_RETURN_IF_ERROR(
        service::WriteAudit(db, ctx, now,
                            {"ticket.merge",
                             service::AuditOutcome::kSuccess,
                             "ticket",
                             std::to_string(id),
                             source->ticket.tn,
                             reason,
                             {{"target_ticket_id", std::to_string(target.ticket.id)},
                              {"target_tn", target.ticket.tn}}}));
    return service::tickets::Fresh(db, caller, target.ticket.id);
  });
}

BulkResult TicketService::BulkAssign(const RequestContext& ctx,
                                     const std::vector<std::int64_t>& ids,
                                     const AssignTicketRequest& request) {
  return RunBulk(ids, [&](std::int64_t id) { return Assign(ctx, id, request); });
}

BulkResult TicketService::BulkClose(const RequestContext& ctx, const std::vector<std::int64_t>& ids,
                                    const CloseTicketRequest& request) {
  return RunBulk(ids, [&](std::int64_t id) { return Close(ctx, id, request); });
}

BulkResult TicketService::BulkPriority(const RequestContext& ctx,
                                       const std::vector<std::int64_t>& ids,
                                       const ChangePriorityRequest& request) {
  return RunBulk(ids, [&](std::int64_t id) { return ChangePriority(ctx, id, request); });
}

BulkResult TicketService::BulkMoveQueue(const RequestContext& ctx,
                                        const std::vector<std::int64_t>& ids,
                                        const MoveTicketRequest& request) {
  return RunBulk(ids, [&](std::int64_t id) { return MoveQueue(ctx, id, request); });
}

}  // namespace goatflow
