// Raw-SQLite helpers and the bulk ticket generator shared by the benchmarks
// (ticket_bench, seed_tickets).

#include "bulk_tickets.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <random>

namespace goatflow::bench {

[[noreturn]] void Die(const std::string& what) {
  fmt::print(stderr, "bench: {}\n", what);
  std::exit(1);
}

void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string message = err ? err : "?";
    sqlite3_free(err);
    Die("sql: " + message);
  }
}

sqlite3_stmt* Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
    Die(std::string("prepare: ") + sqlite3_errmsg(db));
  return stmt;
}

void Step(sqlite3* db, sqlite3_stmt* stmt) {
  if (sqlite3_step(stmt) != SQLITE_DONE) Die(std::string("step: ") + sqlite3_errmsg(db));
  sqlite3_reset(stmt);
}

void GenerateTickets(const std::string& path, int count) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Die("generate open");
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  Exec(db, "BEGIN");
  sqlite3_stmt* ticket = Prepare(db, R"sql(
    INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, type_id, user_id, responsible_user_id,
                        ticket_priority_id, ticket_state_id, until_time, create_time, create_by,
                        change_time, change_by)
    VALUES (?1, ?2, ?3, 1, 1, 1, 1, ?4, ?5, ?6, ?7, 1, ?7, 1))sql");
  sqlite3_stmt* article = Prepare(db, R"sql(
    INSERT INTO article (ticket_id, article_sender_type_id, communication_channel_id,
                         is_visible_for_customer, create_time, create_by, change_time, change_by)
    VALUES (?1, 1, 1, 1, ?2, 1, ?2, 1))sql");
  sqlite3_stmt* mime = Prepare(db, R"sql(
    INSERT INTO article_data_mime (article_id, a_subject, a_content_type, a_body, create_time,
                                   create_by, change_time, change_by)
    VALUES (?1, ?2, 'text/plain; charset=utf-8', 'Generated body text.', ?3, 1, ?3, 1))sql");
  sqlite3_stmt* history = Prepare(db, R"sql(
    INSERT INTO ticket_history (name, history_type_id, ticket_id, type_id, queue_id, owner_id,
                                priority_id, state_id, create_time, create_by, change_time,
                                change_by)
    VALUES ('Generated', ?1, ?2, 1, ?3, 1, ?4, ?5, ?6, 1, ?6, 1))sql");
  std::mt19937 rng(42);
  const int states[] = {1, 1, 1, 1, 4, 4, 6, 2, 2, 3};
  for (int i = 0; i < count; ++i) {
    int state = states[rng() % 10];
    int queue = 1 + static_cast<int>(rng() % 4);
    int priority = 1 + static_cast<int>(rng() % 5);
    int day = i * 90 / count;
    std::string when = fmt::format("2025-{:02d}-{:02d} {:02d}:{:02d}:{:02d}", 1 + day / 30,
                                   1 + day % 28, (i / 3600) % 24, (i / 60) % 60, i % 60);
    std::string tn = fmt::format("19990101{:07d}", i);
    std::string title = fmt::format("Generated ticket {}", i);
    sqlite3_bind_text(ticket, 1, tn.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ticket, 2, title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(ticket, 3, queue);
    sqlite3_bind_int(ticket, 4, priority);
    sqlite3_bind_int(ticket, 5, state);
    sqlite3_bind_int64(ticket, 6, state == 6 ? 1800000000 : 0);
    sqlite3_bind_text(ticket, 7, when.c_str(), -1, SQLITE_TRANSIENT);
    Step(db, ticket);
    sqlite3_int64 id = sqlite3_last_insert_rowid(db);
    sqlite3_bind_int64(article, 1, id);
    sqlite3_bind_text(article, 2, when.c_str(), -1, SQLITE_TRANSIENT);
    Step(db, article);
    sqlite3_bind_int64(mime, 1, sqlite3_last_insert_rowid(db));
    sqlite3_bind_text(mime, 2, title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(mime, 3, when.c_str(), -1, SQLITE_TRANSIENT);
    Step(db, mime);
    for (int type : {1, 15}) {
      sqlite3_bind_int(history, 1, type);
      sqlite3_bind_int64(history, 2, id);
      sqlite3_bind_int(history, 3, queue);
      sqlite3_bind_int(history, 4, priority);
      sqlite3_bind_int(history, 5, state);
      sqlite3_bind_text(history, 6, when.c_str(), -1, SQLITE_TRANSIENT);
      Step(db, history);
    }
    if (i % 20000 == 19999) Exec(db, "COMMIT; BEGIN");
  }
  Exec(db, "COMMIT; ANALYZE;");
  for (auto* stmt : {ticket, article, mime, history}) sqlite3_finalize(stmt);
  sqlite3_close(db);
}

}  // namespace goatflow::bench
