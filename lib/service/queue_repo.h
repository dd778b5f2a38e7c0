#pragma once

// SQL of the queue use cases (lib/service/queues.cc).

#include <optional>
#include <string>
#include <vector>

#include "goatflow/queues.h"
#include "store/db.h"

namespace goatflow::service {

// Who may see which queues, as a SQL-friendly filter.
struct QueueScope {
  bool all = false;                               // admins
  std::vector<std::int64_t> group_ids;            // agents: groups with ro
};

Result<std::optional<Queue>> LoadQueue(store::Db& db, std::int64_t id);
Result<std::optional<std::int64_t>> FindQueueIdByName(store::Db& db, std::string_view name);
// One page of the queues in `scope`, sorted by name case-insensitively.
Result<Page<Queue>> ListQueues(store::Db& db, const QueueScope& scope,
                               const ListQueuesRequest& request);
Status ReplaceExtraGroups(store::Db& db, std::int64_t queue_id,
                          const std::vector<std::int64_t>& group_ids, std::int64_t actor,
                          const std::string& now);
Result<QueueStats> LoadQueueStats(store::Db& db, std::int64_t queue_id);
Result<std::int64_t> CountQueueTickets(store::Db& db, std::int64_t queue_id);
// True when row `id` exists in `table` (a fixed lookup table name).
Result<bool> RowExists(store::Db& db, std::string_view table, std::int64_t id);

}  // namespace goatflow::service
