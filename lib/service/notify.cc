#include "service/notify.h"

#include <fmt/format.h>

#include "core/macros.h"
#include "core/time.h"
#include "domain/ticket_rules.h"
#include "store/ticket_repo.h"

namespace goatflow::service {

std::optional<std::int64_t> ActingAgent(const Caller& caller) {
  if (caller.IsAgent()) return caller.id;
  return std::nullopt;
}

bool HasAssignedOwner(const Ticket& ticket) {
  return !(ticket.owner_id == 1 && ticket.lock == "unlock");
}

Result<bool> NotifyAgent(store::Db& db, std::int64_t user_id,
                         std::optional<std::int64_t> acting_agent, std::int64_t ticket_id,
                         std::string_view kind, const std::string& title,
                         const std::string& message, TimePoint now) {
  if (acting_agent && *acting_agent == user_id) return false;
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    INSERT INTO notification (user_kind, user_id, ticket_id, kind, title, body, is_read,
                              create_time)
    SELECT 'agent', id, ?2, ?3, ?4, ?5, 0, ?6 FROM users WHERE id = ?1 AND valid_id = 1)sql"));
  stmt.BindAll(user_id, ticket_id, kind, title, message, core::FormatDbTime(now));
  GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  return db.Changes() > 0;
}

Status NotifyTicketChange(store::Db& db, std::optional<std::int64_t> acting_agent,
                          const std::optional<Ticket>& before, std::int64_t ticket_id,
                          TimePoint now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto record, store::LoadTicket(db, ticket_id));
  if (!record) return OkStatus();
  const Ticket& t = record->ticket;
  if (!HasAssignedOwner(t)) return OkStatus();
  const bool assigned = !before || before->owner_id != t.owner_id ||
                        (!HasAssignedOwner(*before) && HasAssignedOwner(t));
  if (assigned) {
    // A ticket created by its own owner notifies nobody (the owner is the actor).
    GOATFLOW_RETURN_IF_ERROR(NotifyAgent(db, t.owner_id, acting_agent, t.id, kNotifyAssigned,
                                         fmt::format("Ticket #{} assigned to you", t.tn), t.title,
                                         now));
    return OkStatus();
  }
  if (before->queue_id != t.queue_id) {
    GOATFLOW_RETURN_IF_ERROR(NotifyAgent(db, t.owner_id, acting_agent, t.id, kNotifyMoved,
                                         fmt::format("Ticket #{} moved to {}", t.tn, t.queue),
                                         t.title, now));
  }
  if (before->state_type != domain::kTypeClosed && t.state_type == domain::kTypeClosed) {
    GOATFLOW_RETURN_IF_ERROR(NotifyAgent(db, t.owner_id, acting_agent, t.id, kNotifyClosed,
                                         fmt::format("Ticket #{} closed ({})", t.tn, t.state),
                                         t.title, now));
  }
  return OkStatus();
}

Status NotifyCustomerArticle(store::Db& db, std::optional<std::int64_t> acting_agent,
                             const Ticket& ticket, const std::string& subject, TimePoint now) {
  if (!HasAssignedOwner(ticket)) return OkStatus();
  GOATFLOW_RETURN_IF_ERROR(NotifyAgent(db, ticket.owner_id, acting_agent, ticket.id,
                                       kNotifyCustomerArticle,
                                       fmt::format("New customer article on ticket #{}", ticket.tn),
                                       subject, now));
  return OkStatus();
}

}  // namespace goatflow::service
