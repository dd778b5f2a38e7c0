#pragma once

// A transaction on one connection that rolls back unless committed (also when
// an exception unwinds through it).

#include "goatflow/error.h"
#include "store/db.h"

namespace goatflow::store {

class Txn {
 public:
  enum class Mode { kDeferred, kImmediate };

  // BEGIN [IMMEDIATE]. Writers use kImmediate so the write lock is taken up
  // front and a busy database fails here, not half-way through.
  static Result<Txn> Begin(Db& db, Mode mode = Mode::kImmediate);

  Txn(Txn&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Txn& operator=(Txn&&) = delete;
  ~Txn();

  Status Commit();
  Db& db() { return *db_; }

 private:
  explicit Txn(Db* db) : db_(db) {}
  Db* db_;  // null once committed or rolled back
};

}  // namespace goatflow::store
