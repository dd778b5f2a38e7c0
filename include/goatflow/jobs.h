#pragma once

// Background jobs (api-v1.md §0): what Helpdesk::RunDueJobs did in one run.
// The server runs the jobs every minute; `goatflow jobs run` runs them once.

#include <cstdint>
#include <string>
#include <vector>

namespace goatflow {

struct JobRunSummary {
  // Pending-reminder tickets whose reminder fired (once per pending time),
  // and the notifications that created for their owners and responsibles.
  std::int64_t reminders_fired = 0;
  std::int64_t reminder_notifications = 0;
  // Tickets moved from a pending auto state to their closed state.
  std::int64_t auto_closed = 0;
  // Locked tickets unlocked by their queue's unlock_timeout.
  std::int64_t unlocked = 0;
  // Expired or idle sessions and expired or spent refresh tokens removed.
  std::int64_t sessions_and_tokens_removed = 0;
  // One "<job>: <message>" per job that failed (its transaction rolled back;
  // the other jobs still ran). Empty when every job succeeded.
  std::vector<std::string> errors{};

  bool ok() const { return errors.empty(); }
};

}  // namespace goatflow
