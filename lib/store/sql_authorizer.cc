#include "store/sql_authorizer.h"

#include <sqlite3.h>

#include <string>

#include "store/sql_access.h"

namespace goatflow::store {
namespace {

Error NotAllowed(std::string message) {
  return Error(ErrorCode::kPermissionDenied, std::move(message)).WithWireCode("core:forbidden");
}

bool IsSchemaTable(std::string_view name) {
  return name == "sqlite_master" || name == "sqlite_temp_master";
}

}  // namespace

void SqlAuthorizer::Install(sqlite3* db) { sqlite3_set_authorizer(db, &Callback, this); }

int SqlAuthorizer::Callback(void* self, int action, const char* arg1, const char* arg2,
                            const char* /*database*/, const char* /*trigger_or_view*/) {
  return static_cast<SqlAuthorizer*>(self)->Decide(action, arg1, arg2);
}

int SqlAuthorizer::Deny(Error error) {
  if (!denial_) denial_ = std::move(error);
  return SQLITE_DENY;
}

int SqlAuthorizer::Decide(int action, const char* arg1, const char* arg2) {
  if (!enforcing_) return SQLITE_OK;
  const std::string_view first = arg1 ? arg1 : "";
  const std::string_view second = arg2 ? arg2 : "";
  switch (action) {
    case SQLITE_SELECT:
    case SQLITE_RECURSIVE:
      return SQLITE_OK;
    case SQLITE_READ:  // arg1 table, arg2 column
      // An empty column is a reference that reads no column (count(*)), and
      // SQLite reports a CTE's name that way too: an unlisted name is refused
      // when a column is read, a listed secret table always.
      if (ClassifyTable(first) == TableAccess::kSecret && (!second.empty() || IsListed(first)))
        return Deny(NotAllowed("access to table " + std::string(first) + " is not allowed"));
      return IsSecretColumn(first, second) ? SQLITE_IGNORE : SQLITE_OK;
    case SQLITE_FUNCTION:  // arg2 function name
      if (IsAllowedFunction(second)) return SQLITE_OK;
      return Deny(NotAllowed("function " + std::string(second) + " is not allowed"));
    case SQLITE_PRAGMA:
      return Deny(NotAllowed("PRAGMA is not allowed"));
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
      return Deny(NotAllowed("ATTACH and DETACH are not allowed"));
    case SQLITE_UPDATE:
      // A statement that parses and updates the schema table is a virtual
      // table's constructor declaring its columns: a table-valued function or
      // virtual table that was not connected in advance (pragma_table_info ...).
      if (IsSchemaTable(first))
        return Deny(NotAllowed("virtual table or table-valued function is not allowed"));
      break;
    default:
      break;
  }
  // Writes, DDL, transactions, savepoints, ANALYZE, REINDEX, virtual-table
  // creation: none of them reads.
  return Deny(Error(ErrorCode::kInvalidArgument, "statement is not read-only",
                    {{"field", "query"}, {"reason", "not_read_only"}})
                  .WithWireCode("core:validation_failed"));
}

}  // namespace goatflow::store
