#include "store/txn.h"

#include <sqlite3.h>

namespace goatflow::store {

namespace {

// BEGIN and COMMIT run on every transaction: cached statements, not re-parsed.
Status RunCached(Db& db, std::string_view sql) {
  auto stmt = db.Prepare(sql);
  if (!stmt.ok()) return std::move(stmt).error();
  return stmt->Run();
}

}  // namespace

Result<Txn> Txn::Begin(Db& db, Mode mode) {
  db.NextTransaction();
  auto status = RunCached(db, mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!status.ok()) return std::move(status).error();
  return Txn(&db);
}

Txn::~Txn() {
  if (!db_) return;
  db_->NextTransaction();
  if (!sqlite3_get_autocommit(db_->raw())) db_->Exec("ROLLBACK").ok();
}

Status Txn::Commit() {
  if (!db_) return Error(ErrorCode::kInternal, "Transaction already finished");
  auto status = RunCached(*db_, "COMMIT");
  if (!status.ok()) return status;  // the destructor rolls back
  db_->NextTransaction();
  db_ = nullptr;
  return OkStatus();
}

}  // namespace goatflow::store
