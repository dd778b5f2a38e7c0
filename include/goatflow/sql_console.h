#pragma once

// The SQL console behind the MCP tool execute_sql (spec/mcp.md §6.10,
// docs/sql-console.md): one read-only SQL statement from an administrator,
// run on its own read-only connection under an authorizer that allows reads
// and listed functions only, denies the credential tables and reads secret
// columns as NULL (docs/schema.md "Execute_sql classification"), with a row
// cap, a time limit and an audit entry `mcp.execute_sql` for every call.
//
// Thread rule: safe to call from many threads; each call opens its own
// read-only connection and never touches the writer.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"

namespace goatflow {

// A value bound to a `?` placeholder: NULL, INTEGER, REAL or TEXT. JSON
// booleans are passed as the integers 1 and 0 (SQLite has no boolean type).
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

struct SqlBlob {
  std::string bytes;
  bool operator==(const SqlBlob&) const = default;
};

// A result value: NULL, INTEGER, REAL, TEXT (valid UTF-8) or BLOB. TEXT that
// is not valid UTF-8 is returned as a BLOB of its bytes.
using SqlCell = std::variant<std::nullptr_t, std::int64_t, double, std::string, SqlBlob>;

struct SqlQueryRequest {
  std::string sql;             // one read-only statement, at most kMaxSqlChars characters
  std::vector<SqlValue> args;  // one per placeholder, in order
};

struct SqlQueryResult {
  // Column names in statement order, made unique: a repeated name gets the
  // suffix _2, _3 ... (the first free one).
  std::vector<std::string> columns;
  std::vector<std::vector<SqlCell>> rows;  // each row has columns.size() cells
  std::int64_t row_count = 0;              // rows.size()
  // True when rows were left out: the row cap or the result-size cap was hit.
  bool truncated = false;
  std::chrono::milliseconds duration{0};  // time spent preparing and stepping
};

class SqlConsole {
 public:
  // Longest accepted statement, in characters (spec/mcp.md §6.10).
  static constexpr std::size_t kMaxSqlChars = 10000;

  // Runs `request.sql` with `request.args` bound. Every call, successful or
  // not, writes one audit entry `mcp.execute_sql` (the first 500 characters
  // of the statement, never the bound values) in its own transaction.
  // Errors:
  //  failed_precondition "execute_sql is disabled" (OpenOptions::sql_console.enabled),
  //    or the database is a private in-memory one that a second connection cannot open;
  //  unauthenticated;
  //  permission_denied "Token missing required scope: admin:*" (API tokens),
  //    "execute_sql requires admin group membership" (not rw in group admin,
  //    customers), "access to table <name> is not allowed", "function <name>
  //    is not allowed", "PRAGMA is not allowed", "ATTACH and DETACH are not
  //    allowed", "virtual table or table-valued function is not allowed";
  //  invalid_argument "query is required", "query must be at most 10000
  //    characters", "query must be valid UTF-8", "only one statement allowed",
  //    "statement is not read-only", "query has N placeholders but M arguments
  //    were given", "SQL error: <SQLite's message>" (syntax, unknown names,
  //    runtime errors of the statement), "query stopped: time limit of N ms
  //    exceeded" (details reason "timeout"), "a value is larger than the limit
  //    of N bytes" (details reason "too_big");
  //  unavailable (database busy or unreadable), internal.
  Result<SqlQueryResult> Query(const RequestContext& ctx, const SqlQueryRequest& request);

 private:
  friend class Helpdesk;
  explicit SqlConsole(Helpdesk::Impl& impl) : impl_(impl) {}
  Helpdesk::Impl& impl_;
};

}  // namespace goatflow
