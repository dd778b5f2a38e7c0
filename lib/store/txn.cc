#include "store/txn.h"

#include <sqlite3.h>

namespace goatflow::store {

Result<Txn> Txn::Begin(Db& db, Mode mode) {
  auto status = db.Exec(mode == Mode::kImmediate ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!status.ok()) return std::move(status).error();
  return Txn(&db);
}

Txn::~Txn() {
  if (db_ && !sqlite3_get_autocommit(db_->raw())) db_->Exec("ROLLBACK").ok();
}

Status Txn::Commit() {
  if (!db_) return Error(ErrorCode::kInternal, "Transaction already finished");
  auto status = db_->Exec("COMMIT");
  if (!status.ok()) return status;  // the destructor rolls back
  db_ = nullptr;
  return OkStatus();
}

}  // namespace goatflow::store
