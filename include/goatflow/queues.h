#pragma once

// Queues (domain.md §3, api-v1 §2.3, §2.4, §6). Every queue belongs to one
// permission group; an agent sees a queue when holding `ro` on its group
// (admins see all). Customers get permission_denied on every call
// (security.md §9.2; the queues they may create tickets in are the setting
// CustomerPanel::SelectableQueues, applied by ticket creation). Creating,
// changing and deleting queues is for administrators and is audited
// (queue.create/update/delete). API tokens need scope queues:read for the
// reads and admin:* for the mutations.
//
// Common errors: unauthenticated (anonymous or disabled caller),
// permission_denied (customer caller; not an admin, for mutations, recorded as
// access.denied; API token without the scope, "Token missing required scope: <s>"),
// not_found (unknown queue, or one the caller may not see), invalid_argument
// (wire core:validation_failed, details {field, reason}), already_exists
// (the name is taken, case-insensitively, invalid queues included), internal.
// Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "goatflow/listing.h"
#include "goatflow/seams.h"

namespace goatflow {

struct GroupRef {
  std::int64_t id = 0;
  std::string name;
};

// Ticket counts of one queue (non-archived tickets).
struct QueueCounts {
  std::int64_t ticket_count = 0;
  std::int64_t open_tickets = 0;  // state types new and open
  std::int64_t pending_tickets = 0;
  std::int64_t closed_tickets = 0;
};

struct Queue {
  std::int64_t id = 0;
  std::string name;
  std::int64_t group_id = 0;
  std::string group_name;
  std::vector<GroupRef> groups;  // extra groups (queue_group), by id
  std::optional<std::string> comment;
  std::int64_t system_address_id = 1;
  std::int64_t salutation_id = 1;
  std::int64_t signature_id = 1;
  std::int64_t unlock_timeout = 0;  // minutes, 0 = never
  std::int64_t follow_up_id = 1;    // 1 possible, 2 reject, 3 new ticket
  int follow_up_lock = 0;
  int valid_id = 1;
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<QueueCounts> stats;  // only when requested
};

struct CreateQueueRequest {
  std::string name;           // 1-200 characters after trimming
  std::int64_t group_id = 0;  // must name an existing group
  std::optional<std::string> comment;
  std::optional<std::int64_t> system_address_id;  // default 1; must exist
  std::optional<std::int64_t> salutation_id;      // default 1; must exist
  std::optional<std::int64_t> signature_id;       // default 1; must exist
  std::optional<std::int64_t> unlock_timeout;     // >= 0, default 0
  std::optional<std::int64_t> follow_up_id;       // 1, 2 or 3, default 1
  std::optional<std::int64_t> follow_up_lock;     // 0 or 1, default 0
  std::vector<std::int64_t> group_access;         // extra groups; each must exist
};

// Fields left empty keep their value; `group_access` replaces the extra groups.
struct UpdateQueueRequest {
  std::optional<std::string> name;
  std::optional<std::int64_t> group_id;
  std::optional<std::string> comment;  // empty string clears it
  std::optional<std::int64_t> system_address_id;
  std::optional<std::int64_t> salutation_id;
  std::optional<std::int64_t> signature_id;
  std::optional<std::int64_t> unlock_timeout;
  std::optional<std::int64_t> follow_up_id;
  std::optional<std::int64_t> follow_up_lock;
  std::optional<std::int64_t> valid_id;  // 1 or 2
  std::optional<std::vector<std::int64_t>> group_access;
};

struct ListQueuesRequest {
  PageRequest page;
  ValidFilter valid = ValidFilter::kAll;
  bool include_stats = false;
  std::string search;  // case-insensitive substring of the name
};

// api-v1 §2.4. The maps omit zero counts; names sort ascending.
struct QueueStats {
  std::int64_t queue_id = 0;
  std::int64_t total_tickets = 0;
  std::int64_t open_tickets = 0;
  std::int64_t pending_tickets = 0;
  std::int64_t closed_tickets = 0;
  std::vector<std::pair<std::string, std::int64_t>> by_state;
  std::vector<std::pair<std::string, std::int64_t>> by_priority;
  // Mean time from creation to the last close of closed tickets, "5h12m";
  // nullopt while no ticket has been closed.
  std::optional<std::string> avg_resolution_time;
};

class QueueService {
 public:
  // Admin only. Returns the new queue.
  Result<Queue> Create(const RequestContext& ctx, const CreateQueueRequest& request);
  // Visible queues only (not_found otherwise).
  Result<Queue> Get(const RequestContext& ctx, std::int64_t id);
  // The queues the caller may see, sorted by name case-insensitively.
  Result<Page<Queue>> List(const RequestContext& ctx, const ListQueuesRequest& request);
  // Admin only. Returns the updated queue.
  Result<Queue> Update(const RequestContext& ctx, std::int64_t id,
                       const UpdateQueueRequest& request);
  // Admin only: soft delete (valid_id 2, extra group links removed).
  // permission_denied "Cannot delete system queue" for the default queues
  // (ids 1-4) and the queue named by Ticket::DefaultQueue; conflict "Cannot
  // delete queue with existing tickets". Returns the invalidated queue.
  Result<Queue> Delete(const RequestContext& ctx, std::int64_t id);
  // Counts of the queue's non-archived tickets; agents need ro on the queue.
  Result<QueueStats> Stats(const RequestContext& ctx, std::int64_t id);

 private:
  friend class Helpdesk;
  explicit QueueService(Helpdesk::Impl& impl) : impl_(impl) {}
  Helpdesk::Impl& impl_;
};

}  // namespace goatflow
