#include "store/catalog.h"

#include <sqlite3.h>

#include "core/macros.h"

namespace goatflow::store {
namespace {

// Generations count up from 1: this one never matches the stored value.
constexpr std::int64_t kUncommitted = -1;

// Fills `table` from "SELECT id, name ..." rows.
Status LoadNames(Db& db, std::string_view sql, IdTable<std::string>& table) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    table.Add(stmt.Int(0), stmt.Text(1));
  }
  table.Seal();
  return OkStatus();
}

Result<std::unique_ptr<Catalog>> Load(Db& db, std::int64_t generation) {
  auto v = std::make_unique<Catalog>();
  v->generation = generation;
  {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare("SELECT id, name, group_id FROM queue"));
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      v->queues.Add(stmt.Int(0), QueueName{stmt.Text(1), stmt.Int(2)});
    }
    v->queues.Seal();
  }
  {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(
        "SELECT s.id, s.name, st.name FROM ticket_state s "
        "JOIN ticket_state_type st ON st.id = s.type_id ORDER BY s.id"));
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      v->states.Add(stmt.Int(0), StateName{stmt.Text(1), stmt.Text(2)});
      v->state_rows.push_back({stmt.Int(0), stmt.Text(1), stmt.Text(2)});
    }
    v->states.Seal();
  }
  GOATFLOW_RETURN_IF_ERROR(
      LoadNames(db, "SELECT id, name FROM ticket_priority ORDER BY id", v->priorities));
  for (const auto& [id, name] : v->priorities.rows()) v->priority_rows.push_back({id, name});
  GOATFLOW_RETURN_IF_ERROR(LoadNames(db, "SELECT id, name FROM ticket_type", v->types));
  GOATFLOW_RETURN_IF_ERROR(LoadNames(db, "SELECT id, name FROM ticket_lock_type", v->lock_types));
  GOATFLOW_RETURN_IF_ERROR(LoadNames(db, "SELECT id, login FROM users", v->logins));
  return v;
}

}  // namespace

Result<Catalog*> CurrentCatalog(Db& db) {
  std::unique_ptr<Catalog>& cached = db.catalog_cache();
  const bool reading = !sqlite3_get_autocommit(db.raw()) &&
                       sqlite3_txn_state(db.raw(), "main") == SQLITE_TXN_READ;
  if (cached && reading && cached->confirmed_in == db.transaction_serial()) return cached.get();
  GOATFLOW_ASSIGN_OR_RETURN(std::int64_t generation,
                            db.QueryInt("SELECT n FROM catalog_generation WHERE id = 1"));
  if (!cached || cached->generation != generation) {
    GOATFLOW_ASSIGN_OR_RETURN(cached, Load(db, generation));
    // Loaded inside a write transaction: possibly uncommitted, so not kept past this call.
    if (sqlite3_txn_state(db.raw(), "main") == SQLITE_TXN_WRITE) cached->generation = kUncommitted;
  }
  cached->confirmed_in = db.transaction_serial();
  return cached.get();
}

}  // namespace goatflow::store
