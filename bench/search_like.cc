#include "search_like.h"

#include <fmt/format.h>

#include <algorithm>

#include "bulk_tickets.h"

namespace goatflow::bench {
namespace {

std::string Pattern(const std::string& text) { return "%" + text + "%"; }

// Every clause of `query` after the visibility condition; ?2.. are the patterns.
std::string Conditions(const LikeQuery& query) {
  std::string where;
  for (std::size_t i = 0; i < query.texts.size(); ++i) {
    int p = static_cast<int>(i) + 2;
    where += fmt::format(
        " AND (t.title LIKE ?{0} OR EXISTS (SELECT 1 FROM article a JOIN article_data_mime m"
        " ON m.article_id = a.id WHERE a.ticket_id = t.id AND"
        " (m.a_subject LIKE ?{0} OR m.a_body LIKE ?{0})))",
        p);
  }
  if (!query.queue.empty()) {
    int p = static_cast<int>(query.texts.size()) + 2;
    where += fmt::format(" AND t.queue_id = (SELECT id FROM queue WHERE name = ?{})", p);
  }
  if (query.open_only)
    where += " AND t.ticket_state_id IN (SELECT id FROM ticket_state WHERE type_id IN (1, 2))";
  return where;
}

void BindAll(sqlite3_stmt* stmt, const std::string& queues, const LikeQuery& query) {
  sqlite3_bind_text(stmt, 1, queues.c_str(), -1, SQLITE_TRANSIENT);
  int i = 2;
  for (const std::string& text : query.texts)
    sqlite3_bind_text(stmt, i++, Pattern(text).c_str(), -1, SQLITE_TRANSIENT);
  if (!query.queue.empty()) sqlite3_bind_text(stmt, i, query.queue.c_str(), -1, SQLITE_TRANSIENT);
}

}  // namespace

LikeSearch::LikeSearch(const std::string& path, std::int64_t agent_id) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    Die("like open");
  sqlite3_stmt* stmt = Prepare(db_, R"sql(
    SELECT json_group_array(id) FROM queue WHERE group_id IN
      (SELECT group_id FROM group_user WHERE user_id = ?1 AND permission_key IN ('ro', 'rw')))sql");
  sqlite3_bind_int64(stmt, 1, agent_id);
  if (sqlite3_step(stmt) != SQLITE_ROW) Die("like queues");
  visible_queues_ = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
}

LikeSearch::~LikeSearch() { sqlite3_close(db_); }

std::int64_t LikeSearch::Run(const LikeQuery& query) {
  const std::string from =
      " FROM ticket t WHERE t.queue_id IN (SELECT value FROM json_each(?1))" + Conditions(query);
  sqlite3_stmt* count = Prepare(db_, ("SELECT count(*)" + from).c_str());
  BindAll(count, visible_queues_, query);
  if (sqlite3_step(count) != SQLITE_ROW) Die("like count");
  std::int64_t total = sqlite3_column_int64(count, 0);
  sqlite3_finalize(count);
  sqlite3_stmt* page = Prepare(
      db_, ("SELECT t.id, t.tn, t.title" + from + " ORDER BY t.create_time DESC, t.id DESC LIMIT 20")
               .c_str());
  BindAll(page, visible_queues_, query);
  int rows = 0;
  while (sqlite3_step(page) == SQLITE_ROW) ++rows;
  sqlite3_finalize(page);
  if (rows != std::min<std::int64_t>(total, 20)) Die("like page");
  return total;
}

}  // namespace goatflow::bench
