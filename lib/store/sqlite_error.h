#pragma once

#include <string_view>

#include "goatflow/error.h"

struct sqlite3;

namespace goatflow::store {

// The one place where SQLite result codes become ErrorCodes:
// UNIQUE/PRIMARY KEY constraint -> already_exists, BUSY/LOCKED -> unavailable,
// anything else -> internal. SQLite's own message is logged (it may name
// tables and values) and never put into the returned Error.
Error SqliteError(sqlite3* db, int rc, std::string_view what);

}  // namespace goatflow::store
