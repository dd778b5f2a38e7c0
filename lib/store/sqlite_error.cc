#include "store/sqlite_error.h"

#include <sqlite3.h>

#include "core/log.h"

namespace goatflow::store {
namespace {

Error Classify(int rc) {
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return Error(ErrorCode::kAlreadyExists, "Resource already exists");
  switch (rc & 0xFF) {  // the primary code of an extended one
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error(ErrorCode::kUnavailable, "Database is busy, try again");
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      return Error(ErrorCode::kUnavailable, "Database unavailable");
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Error(ErrorCode::kFailedPrecondition, "Database file is not a valid goatflow database");
    default:
      return Error(ErrorCode::kInternal, "Internal database error");
  }
}

}  // namespace

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  Error error = Classify(rc);
  // Expected outcomes (a taken name, a file that is not a database) are the
  // caller's business; everything else is worth an operator's attention.
  LogLevel level = (error.code == ErrorCode::kAlreadyExists ||
                    error.code == ErrorCode::kFailedPrecondition)
                       ? LogLevel::kDebug
                       : LogLevel::kError;
  const char* detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  core::Logf(level, "sqlite: {} failed: {} (code {})", what, detail, rc);
  return error;
}

}  // namespace goatflow::store
