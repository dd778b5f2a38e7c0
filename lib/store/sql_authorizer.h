#pragma once

// The SQLite authorizer of the SQL console (spec/mcp.md §6.10 step 3). It is
// consulted while a statement is prepared (and when SQLite or a virtual table
// prepares statements internally on the same connection) and allows only
// SELECT, recursive CTEs, reads of readable tables and calls of allowed
// functions (store/sql_access.h). Secret columns read as NULL (SQLITE_IGNORE);
// everything else is denied, and the first denial is kept as the Error the
// console returns instead of SQLite's "not authorized".

#include <optional>

#include "goatflow/error.h"

struct sqlite3;

namespace goatflow::store {

class SqlAuthorizer {
 public:
  SqlAuthorizer() = default;
  SqlAuthorizer(const SqlAuthorizer&) = delete;
  SqlAuthorizer& operator=(const SqlAuthorizer&) = delete;

  // Installs this authorizer on `db`; it must outlive the connection's use.
  // Until Enforce() it allows everything, so the console can run its own
  // set-up statements: installing an authorizer expires every prepared
  // statement, including those virtual tables keep internally (FTS5's
  // "PRAGMA data_version"), which would then be prepared again under the
  // rules and refused.
  void Install(sqlite3* db);
  // From now on every action is checked.
  void Enforce() { enforcing_ = true; }

  // The first denial since installation, if any.
  const std::optional<Error>& denial() const { return denial_; }

 private:
  static int Callback(void* self, int action, const char* arg1, const char* arg2,
                      const char* database, const char* trigger_or_view);
  int Decide(int action, const char* arg1, const char* arg2);
  int Deny(Error error);

  std::optional<Error> denial_;
  bool enforcing_ = false;
};

}  // namespace goatflow::store
