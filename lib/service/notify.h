#pragma once

// In-app notifications created by ticket events (api-v1.md §9, domain.md
// §8.3), written in the event's own transaction. Only agents are notified,
// only valid ones, and never the agent who caused the event. An unassigned
// ticket (unlocked, owned by user 1; api-v1.md §0) has no owner to notify.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "goatflow/error.h"
#include "goatflow/tickets.h"
#include "service/caller.h"
#include "store/db.h"

namespace goatflow::service {

// Notification kinds (wire values of Notification.type).
inline constexpr std::string_view kNotifyAssigned = "ticket_assigned";
inline constexpr std::string_view kNotifyCustomerArticle = "customer_article";
inline constexpr std::string_view kNotifyMoved = "ticket_moved";
inline constexpr std::string_view kNotifyClosed = "ticket_closed";
inline constexpr std::string_view kNotifyPendingReminder = "pending_reminder";

// The agent an event is attributed to, who is never notified of it; nullopt
// for customers and the background jobs.
std::optional<std::int64_t> ActingAgent(const Caller& caller);

// True when the ticket has an owner to notify (not unassigned).
bool HasAssignedOwner(const Ticket& ticket);

// Stores one notification for agent `user_id` unless the agent is missing or
// invalid or is `acting_agent`. Returns whether a row was written.
Result<bool> NotifyAgent(store::Db& db, std::int64_t user_id,
                         std::optional<std::int64_t> acting_agent, std::int64_t ticket_id,
                         std::string_view kind, const std::string& title,
                         const std::string& message, TimePoint now);

// After a create (`before` empty) or a change of ticket `ticket_id`: tells the
// new owner it was assigned, and the unchanged owner that the ticket moved
// queue or entered a closed state.
Status NotifyTicketChange(store::Db& db, std::optional<std::int64_t> acting_agent,
                          const std::optional<Ticket>& before, std::int64_t ticket_id,
                          TimePoint now);

// After an article with sender type customer: tells the ticket's owner.
Status NotifyCustomerArticle(store::Db& db, std::optional<std::int64_t> acting_agent,
                             const Ticket& ticket, const std::string& subject, TimePoint now);

}  // namespace goatflow::service
