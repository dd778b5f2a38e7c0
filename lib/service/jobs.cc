// Helpdesk::RunDueJobs: the background jobs of api-v1.md §0 and domain.md
// §10.5, §10.9. Each job is one transaction; each handles at most kBatch
// tickets per run (the next run, a minute later, takes the rest), so a run is
// bounded however much is due.

#include <fmt/format.h>

#include "core/macros.h"
#include "core/time.h"
#include "domain/ticket_rules.h"
#include "goatflow/auth.h"
#include "goatflow/helpdesk.h"
#include "service/notify.h"
#include "service/settings_read.h"
#include "service/ticket_access.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

constexpr std::int64_t kBatch = 500;
constexpr std::int64_t kSystemUser = 1;  // jobs act as user 1 (domain.md §10.9)

// Ids of tickets matching `sql` (parameters ?1 = now in Unix seconds, ?2 = batch size).
Result<std::vector<std::int64_t>> DueTickets(store::Db& db, const std::string& sql,
                                             std::int64_t now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  stmt.BindAll(now, kBatch);
  return stmt.IntColumn();
}

struct ReminderCounts {
  std::int64_t fired = 0;
  std::int64_t notifications = 0;
};

// Pending reminder reached (until_time <= now, or 0 for legacy rows): notify
// the owner and the responsible once per pending time; the state stays.
Result<ReminderCounts> SendPendingReminders(store::Db& db, TimePoint now) {
  const std::int64_t unix_now = core::ToUnixSeconds(now);
  GOATFLOW_ASSIGN_OR_RETURN(auto due, DueTickets(db, R"sql(
    SELECT t.id FROM ticket t
     WHERE t.ticket_state_id IN (SELECT s.id FROM ticket_state s JOIN ticket_state_type st
                                    ON st.id = s.type_id WHERE st.name = 'pending reminder')
       AND t.archive_flag = 0 AND t.until_time <= ?1
       AND NOT EXISTS (SELECT 1 FROM ticket_reminder_sent r
                        WHERE r.ticket_id = t.id AND r.until_time = t.until_time)
     ORDER BY t.id LIMIT ?2)sql",
                                                unix_now));
  ReminderCounts counts;
  for (std::int64_t id : due) {
    GOATFLOW_ASSIGN_OR_RETURN(auto record, store::LoadTicket(db, id));
    if (!record) continue;
    const Ticket& t = record->ticket;
    std::vector<std::int64_t> recipients;
    if (service::HasAssignedOwner(t)) recipients.push_back(t.owner_id);
    if (t.responsible_id && *t.responsible_id != t.owner_id &&
        (service::HasAssignedOwner(t) || *t.responsible_id != kSystemUser))
      recipients.push_back(*t.responsible_id);
    const std::string title = fmt::format("Pending reminder for ticket #{}", t.tn);
    for (std::int64_t user : recipients) {
      GOATFLOW_ASSIGN_OR_RETURN(bool sent, service::NotifyAgent(db, user, std::nullopt, t.id,
                                                                service::kNotifyPendingReminder,
                                                                title, t.title, now));
      if (sent) ++counts.notifications;
    }
    GOATFLOW_ASSIGN_OR_RETURN(auto mark, db.Prepare(R"sql(
      INSERT INTO ticket_reminder_sent (ticket_id, until_time, sent_time) VALUES (?1, ?2, ?3)
      ON CONFLICT (ticket_id) DO UPDATE SET until_time = excluded.until_time,
                                            sent_time = excluded.sent_time)sql"));
    mark.BindAll(id, t.pending_until ? core::ToUnixSeconds(*t.pending_until) : 0,
                 core::FormatDbTime(now));
    GOATFLOW_RETURN_IF_ERROR(mark.Run());
    ++counts.fired;
  }
  return counts;
}

// The closed state a pending auto state leads to (domain.md §10.9), or "".
std::string_view StateAfterPending(std::string_view pending_state) {
  if (pending_state == "pending auto close+") return "closed successful";
  if (pending_state == "pending auto close-") return "closed unsuccessful";
  return {};
}

// Pending auto state reached: the closed state it leads to, pending time cleared, unlocked, StateUpdate history as
// user 1; archived tickets are skipped. `problems` collects misconfigured states.
Result<std::int64_t> AutoClosePending(store::Db& db, TimePoint now,
                                      std::vector<std::string>& problems) {
  GOATFLOW_ASSIGN_OR_RETURN(auto due, DueTickets(db, R"sql(
    SELECT t.id FROM ticket t
     WHERE t.ticket_state_id IN (SELECT s.id FROM ticket_state s JOIN ticket_state_type st
                                    ON st.id = s.type_id WHERE st.name = 'pending auto')
       AND t.archive_flag = 0 AND t.until_time <= ?1
     ORDER BY t.id LIMIT ?2)sql",
                                                core::ToUnixSeconds(now)));
  GOATFLOW_ASSIGN_OR_RETURN(std::int64_t unlock_id,
                            store::LookupId(db, "ticket_lock_type", "unlock"));
  std::int64_t closed = 0;
  for (std::int64_t id : due) {
    GOATFLOW_ASSIGN_OR_RETURN(auto record, store::LoadTicket(db, id));
    if (!record) continue;
    const Ticket before = record->ticket;
    GOATFLOW_ASSIGN_OR_RETURN(auto target,
                              store::FindStateByName(db, StateAfterPending(before.state)));
    if (!target || target->type != domain::kTypeClosed) {
      problems.push_back(fmt::format("auto_close: no closed state configured for '{}'",
                                     before.state));
      continue;
    }
    GOATFLOW_RETURN_IF_ERROR(
        service::tickets::SetState(db, *record, *target, 0, kSystemUser, now));
    GOATFLOW_ASSIGN_OR_RETURN(auto unlock,
                              db.Prepare("UPDATE ticket SET ticket_lock_id = ? WHERE id = ?"));
    unlock.BindAll(unlock_id, id);
    GOATFLOW_RETURN_IF_ERROR(unlock.Run());
    GOATFLOW_RETURN_IF_ERROR(service::NotifyTicketChange(db, std::nullopt, before, id, now));
    ++closed;
  }
  return closed;
}

// Unlock timeout (domain.md §10.5): a locked ticket of a new or open state in
// a queue with unlock_timeout > 0 minutes is unlocked once it has been idle
// that long (no change since its lock or last change). The owner stays.
Result<std::int64_t> UnlockIdleTickets(store::Db& db, TimePoint now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto due, DueTickets(db, R"sql(
    SELECT t.id FROM ticket t JOIN queue q ON q.id = t.queue_id
     WHERE t.ticket_lock_id = (SELECT id FROM ticket_lock_type WHERE name = 'lock')
       AND q.unlock_timeout > 0 AND t.archive_flag = 0
       AND t.ticket_state_id IN (SELECT s.id FROM ticket_state s JOIN ticket_state_type st
                                    ON st.id = s.type_id WHERE st.name IN ('new', 'open'))
       AND max(t.timeout, unixepoch(t.change_time)) + q.unlock_timeout * 60 <= ?1
     ORDER BY t.id LIMIT ?2)sql",
                                                core::ToUnixSeconds(now)));
  GOATFLOW_ASSIGN_OR_RETURN(std::int64_t unlock_id,
                            store::LookupId(db, "ticket_lock_type", "unlock"));
  for (std::int64_t id : due) {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
      UPDATE ticket SET ticket_lock_id = ?1, change_time = ?2, change_by = ?3 WHERE id = ?4)sql"));
    stmt.BindAll(unlock_id, core::FormatDbTime(now), kSystemUser, id);
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
    GOATFLOW_RETURN_IF_ERROR(store::InsertHistory(db, id, "Unlock",
                                                  "Ticket unlocked (unlock timeout)", std::nullopt,
                                                  kSystemUser, now));
  }
  return static_cast<std::int64_t>(due.size());
}

}  // namespace

JobRunSummary Helpdesk::RunDueJobs(TimePoint now) {
  JobRunSummary summary;
  auto failed = [&](std::string_view job, const Error& error) {
    summary.errors.push_back(fmt::format("{}: {}", job, error.message));
  };
  auto reminders = service::Write(*impl_, [&](store::Db& db) {
    return SendPendingReminders(db, now);
  });
  if (reminders.ok()) {
    summary.reminders_fired = reminders->fired;
    summary.reminder_notifications = reminders->notifications;
  } else {
    failed("pending_reminders", reminders.error());
  }
  std::vector<std::string> problems;
  auto closed = service::Write(*impl_, [&](store::Db& db) {
    problems.clear();  // a retried body must not report twice
    return AutoClosePending(db, now, problems);
  });
  if (closed.ok()) {
    summary.auto_closed = *closed;
  } else {
    failed("auto_close", closed.error());
  }
  summary.errors.insert(summary.errors.end(), problems.begin(), problems.end());
  auto unlocked = service::Write(*impl_, [&](store::Db& db) { return UnlockIdleTickets(db, now); });
  if (unlocked.ok()) {
    summary.unlocked = *unlocked;
  } else {
    failed("unlock_timeout", unlocked.error());
  }
  auto purged = impl_->auth->PurgeExpiredAt(now);
  if (purged.ok()) {
    summary.sessions_and_tokens_removed = *purged;
  } else {
    failed("session_cleanup", purged.error());
  }
  return summary;
}

}  // namespace goatflow
