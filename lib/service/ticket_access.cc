#include "service/ticket_access.h"

#include <fmt/format.h>

#include "core/macros.h"
#include "core/strings.h"
#include "core/time.h"
#include "domain/ticket_rules.h"

namespace goatflow::service::tickets {

Error TicketNotFound() {
  return Error(ErrorCode::kNotFound, "Ticket not found").WithWireCode("core:not_found");
}

Error Invalid(std::string message, std::string field, std::string reason) {
  return Error(ErrorCode::kInvalidArgument, std::move(message),
               {{"field", std::move(field)}, {"reason", std::move(reason)}})
      .WithWireCode("core:validation_failed");
}

Error Denied(std::string message) {
  return Error(ErrorCode::kPermissionDenied, std::move(message)).WithWireCode("core:forbidden");
}

bool CanSee(const Caller& caller, const store::TicketRecord& record) {
  if (caller.IsCustomer()) {
    return record.ticket.customer_user_id &&
           core::EqualsIgnoreCaseAscii(*record.ticket.customer_user_id, caller.login);
  }
  return rbac::AgentAllows(caller.grants, record.group_id, rbac::Permission::kRo);
}

Result<store::TicketRecord> LoadForCaller(store::Db& db, const Caller& caller, std::int64_t id,
                                          std::optional<rbac::Permission> needed) {
  GOATFLOW_ASSIGN_OR_RETURN(auto record, store::LoadTicket(db, id));
  if (!record || !CanSee(caller, *record)) return TicketNotFound();
  if (needed) {
    if (caller.IsCustomer()) return Denied("Customers cannot change this ticket");
    if (!rbac::AgentAllows(caller.grants, record->group_id, *needed)) {
      if (*needed == rbac::Permission::kRw) return Denied("Write access denied");
      return Denied(
          fmt::format("Permission '{}' on this queue is required", rbac::PermissionKey(*needed)));
    }
  }
  return std::move(*record);
}

Status RequireTicketScope(store::Db& db, const RequestContext& ctx, const Caller& caller,
                          std::int64_t id, std::string_view scope) {
  Status scoped = RequireScope(ctx, scope);
  if (scoped.ok()) return scoped;
  GOATFLOW_ASSIGN_OR_RETURN(auto record, store::LoadTicket(db, id));
  if (!record || !CanSee(caller, *record)) return TicketNotFound();
  return scoped;
}

Result<Caller> LoadTicketCaller(store::Db& db, const RequestContext& ctx, std::int64_t id,
                                std::string_view scope) {
  GOATFLOW_ASSIGN_OR_RETURN(Caller caller, LoadCaller(db, ctx));
  GOATFLOW_RETURN_IF_ERROR(RequireTicketScope(db, ctx, caller, id, scope));
  return caller;
}

Status RequireNotMerged(const store::TicketRecord& record) {
  if (record.ticket.state_type == domain::kTypeMerged)
    return Invalid("Ticket is merged and read-only", "ticket_id", "merged");
  return OkStatus();
}

Result<Ticket> Fresh(store::Db& db, const Caller& caller, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto record, store::LoadTicket(db, id));
  if (!record) return TicketNotFound();
  return WithArticleCount(db, caller, std::move(*record));
}

Result<Ticket> WithArticleCount(store::Db& db, const Caller& caller, store::TicketRecord record) {
  GOATFLOW_ASSIGN_OR_RETURN(std::int64_t count,
                            store::CountArticles(db, record.ticket.id, caller.IsCustomer()));
  record.ticket.article_count = count;
  return std::move(record.ticket);
}

Result<std::string> CheckTitle(std::string_view raw, bool create) {
  std::string title(core::Trim(raw));
  if (title.empty())
    return Invalid(create ? "title is required" : "Title cannot be empty", "title", "required");
  if (!core::IsValidUtf8(title) || core::HasControlChars(title))
    return Invalid("title contains invalid characters", "title", "invalid");
  if (core::Utf8Length(title) > 255)
    return Invalid(create ? "title too long" : "Title too long", "title", "too_long");
  return title;
}

Result<std::int64_t> CheckPendingUntil(const std::optional<std::string>& text, TimePoint now) {
  if (!text || core::Trim(*text).empty())
    return Invalid("pending state requires pending_until", "pending_until", "required");
  auto when = domain::ParsePendingTime(*text);
  if (!when) return Invalid("Invalid pending time format", "pending_until", "invalid");
  if (*when <= now)
    return Invalid("pending_until must be in the future", "pending_until", "in_past");
  return core::ToUnixSeconds(*when);
}

Status CheckEligibleOwner(store::Db& db, std::int64_t user_id, std::int64_t group_id) {
  GOATFLOW_ASSIGN_OR_RETURN(bool valid, store::IsValidAgent(db, user_id));
  if (!valid) return Invalid("User not found or inactive", "owner_id", "not_found");
  GOATFLOW_ASSIGN_OR_RETURN(auto grants, LoadAgentGrants(db, user_id));
  if (!rbac::AgentAllows(grants, group_id, rbac::Permission::kOwner))
    return Invalid("User lacks owner permission on this queue", "owner_id", "not_eligible");
  return OkStatus();
}

Status SetState(store::Db& db, const store::TicketRecord& record, const store::StateInfo& state,
                std::int64_t until_time, std::int64_t actor, TimePoint now) {
  const Ticket& old = record.ticket;
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    UPDATE ticket SET ticket_state_id = ?1, until_time = ?2, change_time = ?3, change_by = ?4
     WHERE id = ?5)sql"));
  stmt.BindAll(state.id, until_time, core::FormatDbTime(now), actor, old.id);
  GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  if (state.id != old.state_id) {
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(
        db, old.id, "StateUpdate", fmt::format("State: {} → {}", old.state, state.name),
        std::nullopt, actor, now));
  }
  std::int64_t old_until = old.pending_until ? core::ToUnixSeconds(*old.pending_until) : 0;
  if (until_time != old_until) {
    std::string text =
        until_time == 0 ? std::string("Pending time cleared")
                        : "Pending until " + core::FormatRfc3339(core::FromUnixSeconds(until_time));
    GOATFLOW_RETURN_IF_ERROR(
        store::InsertHistory(db, old.id, "SetPendingTime", text, std::nullopt, actor, now));
  }
  return OkStatus();
}

Result<std::int64_t> AddSystemNote(store::Db& db, std::int64_t ticket_id, std::string subject,
                                   std::string body, bool visible, std::int64_t actor,
                                   TimePoint now, std::string_view history_text) {
  store::NewArticleRow row;
  row.ticket_id = ticket_id;
  row.sender_type = "agent";
  row.channel = "Internal";
  row.visible = visible;
  row.subject = std::move(subject);
  row.body = std::move(body);
  row.content_type = "text/plain; charset=utf-8";
  row.actor = actor;
  GOATFLOW_ASSIGN_OR_RETURN(std::int64_t article_id, store::InsertArticle(db, row, now));
  std::string text =
      history_text.empty() ? "Added note (" + row.subject + ")" : std::string(history_text);
  GOATFLOW_RETURN_IF_ERROR(
      store::InsertHistory(db, ticket_id, "AddNote", text, article_id, actor, now));
  return article_id;
}

Status AccountTime(store::Db& db, std::int64_t ticket_id, std::optional<std::int64_t> article_id,
                   double units, std::int64_t actor, TimePoint now) {
  if (units < 0) return Invalid("time_units must not be negative", "time_units", "negative");
  std::string when = core::FormatDbTime(now);
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    INSERT INTO time_accounting (ticket_id, article_id, time_unit, create_time, create_by,
                                 change_time, change_by) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?5))sql"));
  stmt.Bind(1, ticket_id).Bind(2, article_id).Bind(3, units).Bind(4, when).Bind(5, actor);
  GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  return store::InsertHistory(db, ticket_id, "TimeAccounting",
                              fmt::format("{:g} time unit(s) accounted", units), article_id, actor,
                              now);
}

}  // namespace goatflow::service::tickets
