#include "service/queue_repo.h"

#include <boost/json.hpp>
#include <map>

#include "core/macros.h"
#include "core/time.h"

namespace goatflow::service {
namespace {

constexpr std::string_view kQueueColumns = R"sql(
  SELECT q.id, q.name, q.group_id, g.name, q.comments, q.system_address_id, q.salutation_id,
         q.signature_id, q.unlock_timeout, q.follow_up_id, q.follow_up_lock, q.valid_id,
         q.create_time, q.change_time
    FROM queue q JOIN groups g ON g.id = q.group_id)sql";

TimePoint DbTime(const std::string& text) { return core::ParseDbTime(text).value_or(TimePoint{}); }

Queue ReadQueue(const store::Stmt& stmt) {
  Queue q;
  q.id = stmt.Int(0);
  q.name = stmt.Text(1);
  q.group_id = stmt.Int(2);
  q.group_name = stmt.Text(3);
  q.comment = stmt.OptText(4);
  q.system_address_id = stmt.Int(5);
  q.salutation_id = stmt.Int(6);
  q.signature_id = stmt.Int(7);
  q.unlock_timeout = stmt.Int(8);
  q.follow_up_id = stmt.Int(9);
  q.follow_up_lock = static_cast<int>(stmt.Int(10));
  q.valid_id = static_cast<int>(stmt.Int(11));
  q.created_at = DbTime(stmt.Text(12));
  q.updated_at = DbTime(stmt.Text(13));
  return q;
}

template <typename T>
std::string JsonArray(const std::vector<T>& values) {
  boost::json::array out;
  for (const T& v : values) out.emplace_back(v);
  return boost::json::serialize(out);
}

// Fills the extra groups (and, when asked, the counts) of `queues` with one
// query each.
Status Decorate(store::Db& db, std::vector<Queue>& queues, bool with_stats) {
  if (queues.empty()) return OkStatus();
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, Queue*> by_id;
  for (Queue& q : queues) {
    ids.push_back(q.id);
    by_id[q.id] = &q;
  }
  std::string id_json = JsonArray(ids);
  GOATFLOW_ASSIGN_OR_RETURN(auto groups, db.Prepare(R"sql(
    SELECT qg.queue_id, g.id, g.name FROM queue_group qg JOIN groups g ON g.id = qg.group_id
     WHERE qg.queue_id IN (SELECT value FROM json_each(?)) ORDER BY qg.queue_id, g.id)sql"));
  groups.Bind(1, id_json);
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, groups.Step());
    if (!row) break;
    by_id[groups.Int(0)]->groups.push_back({groups.Int(1), groups.Text(2)});
  }
  if (!with_stats) return OkStatus();
  for (Queue& q : queues) q.stats = QueueCounts{};
  GOATFLOW_ASSIGN_OR_RETURN(auto counts, db.Prepare(R"sql(
    SELECT t.queue_id, st.name, count(*)
      FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
      JOIN ticket_state_type st ON st.id = s.type_id
     WHERE t.queue_id IN (SELECT value FROM json_each(?)) AND t.archive_flag = 0
     GROUP BY t.queue_id, st.id)sql"));
  counts.Bind(1, id_json);
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, counts.Step());
    if (!row) break;
    QueueCounts& c = *by_id[counts.Int(0)]->stats;
    std::string type = counts.Text(1);
    std::int64_t n = counts.Int(2);
    c.ticket_count += n;
    if (type == "new" || type == "open") c.open_tickets += n;
    if (type == "pending reminder" || type == "pending auto") c.pending_tickets += n;
    if (type == "closed") c.closed_tickets += n;
  }
  return OkStatus();
}

std::string FormatDuration(std::int64_t seconds) {
  std::int64_t hours = seconds / 3600, minutes = (seconds % 3600) / 60;
  return std::to_string(hours) + "h" + std::to_string(minutes) + "m";
}

}  // namespace

Result<std::optional<Queue>> LoadQueue(store::Db& db, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(std::string(kQueueColumns) + " WHERE q.id = ?"));
  stmt.Bind(1, id);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<Queue>();
  std::vector<Queue> one{ReadQueue(stmt)};
  GOATFLOW_RETURN_IF_ERROR(Decorate(db, one, false));
  return std::optional<Queue>(std::move(one.front()));
}

Result<std::optional<std::int64_t>> FindQueueIdByName(store::Db& db, std::string_view name) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT id FROM queue WHERE name = ?"));
  stmt.Bind(1, name);
  GOATFLOW_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(stmt.Int(0));
}

Result<Page<Queue>> ListQueues(store::Db& db, const QueueScope& scope,
                               const ListQueuesRequest& request) {
  PageRequest page = request.page.Normalized();
  // ?1 scope kind (0 all, 1 groups), ?2 JSON list of group ids, ?3 valid
  // filter (0 all, 1 valid, 2 invalid), ?4 search text.
  std::string where = R"sql(
     WHERE (?1 = 0 OR q.group_id IN (SELECT value FROM json_each(?2)))
       AND (?3 = 0 OR (?3 = 1 AND q.valid_id = 1) OR (?3 = 2 AND q.valid_id <> 1))
       AND (?4 = '' OR instr(lower(q.name), lower(?4)) > 0))sql";
  int kind = scope.all ? 0 : 1;
  std::string list = JsonArray(scope.group_ids);
  int valid =
      request.valid == ValidFilter::kAll ? 0 : (request.valid == ValidFilter::kValid ? 1 : 2);

  GOATFLOW_ASSIGN_OR_RETURN(auto count, db.Prepare("SELECT count(*) FROM queue q" + where));
  count.BindAll(kind, list, valid, request.search);
  GOATFLOW_ASSIGN_OR_RETURN(bool counted, count.Step());
  std::int64_t total = counted ? count.Int(0) : 0;

  GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                            db.Prepare(std::string(kQueueColumns) + where +
                                       " ORDER BY q.name COLLATE NOCASE, q.id LIMIT ?5 OFFSET ?6"));
  stmt.BindAll(kind, list, valid, request.search, page.limit, page.Offset());
  Page<Queue> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.items.push_back(ReadQueue(stmt));
  }
  GOATFLOW_RETURN_IF_ERROR(Decorate(db, out.items, request.include_stats));
  out.pagination = MakePagination(page, total);
  return out;
}

Status ReplaceExtraGroups(store::Db& db, std::int64_t queue_id,
                          const std::vector<std::int64_t>& group_ids, std::int64_t actor,
                          const std::string& now) {
  GOATFLOW_ASSIGN_OR_RETURN(auto clear, db.Prepare("DELETE FROM queue_group WHERE queue_id = ?"));
  clear.Bind(1, queue_id);
  GOATFLOW_RETURN_IF_ERROR(clear.Run());
  for (std::int64_t group_id : group_ids) {
    GOATFLOW_ASSIGN_OR_RETURN(auto insert, db.Prepare(R"sql(
      INSERT OR IGNORE INTO queue_group (queue_id, group_id, create_time, create_by)
      VALUES (?, ?, ?, ?))sql"));
    insert.BindAll(queue_id, group_id, now, actor);
    GOATFLOW_RETURN_IF_ERROR(insert.Run());
  }
  return OkStatus();
}

Result<QueueStats> LoadQueueStats(store::Db& db, std::int64_t queue_id) {
  QueueStats stats;
  stats.queue_id = queue_id;
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT s.name, st.name, p.name, count(*)
      FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
      JOIN ticket_state_type st ON st.id = s.type_id
      JOIN ticket_priority p ON p.id = t.ticket_priority_id
     WHERE t.queue_id = ? AND t.archive_flag = 0
     GROUP BY t.ticket_state_id, t.ticket_priority_id)sql"));
  stmt.Bind(1, queue_id);
  std::map<std::string, std::int64_t> by_state, by_priority;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    std::string type = stmt.Text(1);
    std::int64_t n = stmt.Int(3);
    stats.total_tickets += n;
    if (type == "new" || type == "open") stats.open_tickets += n;
    if (type == "pending reminder" || type == "pending auto") stats.pending_tickets += n;
    if (type == "closed") stats.closed_tickets += n;
    by_state[stmt.Text(0)] += n;
    by_priority[stmt.Text(2)] += n;
  }
  stats.by_state.assign(by_state.begin(), by_state.end());
  stats.by_priority.assign(by_priority.begin(), by_priority.end());

  // Resolution time of each currently closed ticket: from creation to the
  // first history entry of its current closed spell (after its last
  // non-closed entry).
  GOATFLOW_ASSIGN_OR_RETURN(auto avg, db.Prepare(R"sql(
    WITH closed_state AS (
      SELECT s.id FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id
       WHERE st.name = 'closed')
    SELECT avg(unixepoch(c.closed_at) - unixepoch(t.create_time)), count(*)
      FROM ticket t
      JOIN (SELECT h.ticket_id, min(h.create_time) AS closed_at FROM ticket_history h
             WHERE h.state_id IN (SELECT id FROM closed_state)
               AND h.id > coalesce((SELECT max(h2.id) FROM ticket_history h2
                                     WHERE h2.ticket_id = h.ticket_id
                                       AND h2.state_id NOT IN (SELECT id FROM closed_state)), 0)
             GROUP BY h.ticket_id) c ON c.ticket_id = t.id
     WHERE t.queue_id = ? AND t.archive_flag = 0
       AND t.ticket_state_id IN (SELECT id FROM closed_state))sql"));
  avg.Bind(1, queue_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool has, avg.Step());
  if (has && avg.Int(1) > 0 && !avg.IsNull(0)) {
    stats.avg_resolution_time = FormatDuration(static_cast<std::int64_t>(avg.Real(0) + 0.5));
  }
  return stats;
}

Result<std::int64_t> CountQueueTickets(store::Db& db, std::int64_t queue_id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                            db.Prepare("SELECT count(*) FROM ticket WHERE queue_id = ?"));
  stmt.Bind(1, queue_id);
  GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

Result<bool> RowExists(store::Db& db, std::string_view table, std::int64_t id) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                            db.Prepare("SELECT 1 FROM " + std::string(table) + " WHERE id = ?"));
  stmt.Bind(1, id);
  return stmt.Step();
}

}  // namespace goatflow::service
