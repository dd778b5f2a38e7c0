#pragma once

// Runs one statement of the SQL console (spec/mcp.md §6.10 steps 1, 2 and 4)
// on a connection of its own: opened read-only with query_only on, the
// readable virtual tables connected, then the authorizer
// (store/sql_authorizer.h), a deadline checked by a progress handler, and
// SQLITE_LIMIT_LENGTH. The caller checks who may run it and audits it.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "goatflow/error.h"
#include "goatflow/sql_console.h"

namespace goatflow::store {

struct ConsoleLimits {
  int max_rows = 1000;
  std::chrono::milliseconds time_limit{5000};  // measured on the steady clock
  int max_value_bytes = 1 << 20;
  std::size_t max_result_bytes = std::size_t{16} << 20;
};

// Runs `request` against the database file `path`. Errors: the statement
// errors listed at SqlConsole::Query, failed_precondition for a private
// in-memory database, unavailable, internal.
Result<SqlQueryResult> RunConsoleQuery(const std::string& path, const ConsoleLimits& limits,
                                       const SqlQueryRequest& request);

// True when `rest` (what follows the first statement) holds only white
// space, comments and empty statements (";").
bool OnlyCommentsLeft(std::string_view rest);

}  // namespace goatflow::store
