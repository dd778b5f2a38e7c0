#pragma once

// What the SQL console (MCP execute_sql, spec/mcp.md §6.10) may read: the
// one list of every table, view and virtual table of the schema with its
// class, the secret columns, and the functions a statement may call. The
// classification is documented in docs/schema.md "Execute_sql
// classification"; a table that is not listed is denied, so a migration that
// adds a table must add it here (a service test fails until it does).

#include <span>
#include <string_view>

namespace goatflow::store {

enum class TableAccess {
  kReadable,  // every column readable, except the listed secret columns (read as NULL)
  kSecret,    // holds only credentials or secrets: any read fails
};

struct TableRule {
  std::string_view name;
  TableAccess access;
};

// All classified tables, views and virtual tables (lower case).
std::span<const TableRule> TableRules();

// The class of table `name` (case-insensitive); kSecret when it is not listed.
TableAccess ClassifyTable(std::string_view name);
// True when `name` is one of TableRules() (case-insensitive).
bool IsListed(std::string_view name);

// True when `table`.`column` holds a secret inside a readable table (users.pw,
// customer_user.pw); such a column reads as NULL.
bool IsSecretColumn(std::string_view table, std::string_view column);

// True when a statement may call SQL function `name` (case-insensitive):
// built-in scalar, aggregate, window, date, math and JSON functions and the
// FTS5 ranking functions; never load_extension, file access, or functions
// that expose pointers or connection state.
bool IsAllowedFunction(std::string_view name);

// A virtual table (or table-valued function) a statement may read, with a
// statement that uses it. A virtual table's constructor runs internal
// statements the authorizer would refuse (it declares the table's schema), so
// the console runs each `connect_sql` before it installs the authorizer.
struct ReadableVirtualTable {
  std::string_view name;
  std::string_view connect_sql;
};
std::span<const ReadableVirtualTable> ReadableVirtualTables();

}  // namespace goatflow::store
