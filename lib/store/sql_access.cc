#include "store/sql_access.h"

#include <algorithm>
#include <array>

#include "core/strings.h"

namespace goatflow::store {
namespace {

constexpr TableAccess kRead = TableAccess::kReadable;
constexpr TableAccess kSecret = TableAccess::kSecret;

// Every table, view and virtual table of migrations 0001-0003, the migration
// runner's version table, and SQLite's own catalog tables. Secret tables hold
// credentials (hashes of sessions, refresh and API tokens), TOTP material
// (the preference tables mix it with ordinary keys, and the authorizer sees
// tables and columns, not rows) or server keys.
constexpr std::array kTableRules = std::to_array<TableRule>({
    // Lookups
    {"valid", kRead},
    {"ticket_state_type", kRead},
    {"ticket_state", kRead},
    {"ticket_priority", kRead},
    {"ticket_type", kRead},
    {"ticket_lock_type", kRead},
    {"article_sender_type", kRead},
    {"communication_channel", kRead},
    {"ticket_history_type", kRead},
    {"follow_up_possible", kRead},
    {"link_object", kRead},
    {"link_type", kRead},
    {"link_state", kRead},
    // Identity and permissions (users.pw and customer_user.pw read as NULL)
    {"users", kRead},
    {"groups", kRead},
    {"group_user", kRead},
    {"roles", kRead},
    {"role_user", kRead},
    {"group_role", kRead},
    {"customer_company", kRead},
    {"customer_user", kRead},
    {"customer_user_customer", kRead},
    {"group_customer_user", kRead},
    {"group_customer", kRead},
    // Queues and mail identity
    {"queue", kRead},
    {"queue_group", kRead},
    {"system_address", kRead},
    {"salutation", kRead},
    {"signature", kRead},
    // Tickets and articles
    {"ticket", kRead},
    {"ticket_count", kRead},
    {"ticket_event_count", kRead},
    {"ticket_history_count", kRead},
    {"ticket_reminder_sent", kRead},
    {"ticket_number_counter", kRead},
    {"catalog_generation", kRead},
    {"article", kRead},
    {"article_data_mime", kRead},
    {"article_data_mime_attachment", kRead},
    {"time_accounting", kRead},
    // History and links
    {"ticket_history", kRead},
    {"link_relation", kRead},
    // User data
    {"search_profile", kRead},
    {"notification", kRead},
    {"user_preferences", kSecret},
    {"customer_preferences", kSecret},
    // Security records
    {"sessions", kSecret},
    {"auth_refresh_token", kSecret},
    {"user_api_tokens", kSecret},
    {"audit_log", kRead},
    // Configuration
    {"system_config", kRead},
    {"system_secret", kSecret},
    {"goatflow_schema_version", kRead},
    // Full-text search (migration 0003): the FTS5 tables, their shadow tables
    // and the views the triggers read.
    {"ticket_search", kRead},
    {"ticket_search_data", kRead},
    {"ticket_search_idx", kRead},
    {"ticket_search_content", kRead},
    {"ticket_search_docsize", kRead},
    {"ticket_search_config", kRead},
    {"ticket_search_customer", kRead},
    {"ticket_search_scope", kRead},
    {"ticket_search_articles", kRead},
    {"article_search", kRead},
    {"article_search_data", kRead},
    {"article_search_idx", kRead},
    {"article_search_content", kRead},
    {"article_search_docsize", kRead},
    {"article_search_config", kRead},
    // SQLite: the schema (names and CREATE statements, no data), AUTOINCREMENT
    // counters, planner statistics, and the JSON table-valued functions.
    {"sqlite_master", kRead},
    {"sqlite_temp_master", kRead},
    {"sqlite_sequence", kRead},
    {"sqlite_stat1", kRead},
    {"json_each", kRead},
    {"json_tree", kRead},
});

struct ColumnRule {
  std::string_view table;
  std::string_view column;
};

// Password hashes. TOTP secrets live in the preference tables and the LDAP
// bind password in system_secret, both denied whole.
constexpr std::array kSecretColumns = std::to_array<ColumnRule>({
    {"users", "pw"},
    {"customer_user", "pw"},
});

constexpr std::array kVirtualTables = std::to_array<ReadableVirtualTable>({
    {"ticket_search", "SELECT rowid FROM ticket_search WHERE ticket_search MATCH 'x' LIMIT 1"},
    {"article_search", "SELECT rowid FROM article_search WHERE article_search MATCH 'x' LIMIT 1"},
    {"json_each", "SELECT key FROM json_each('[]')"},
    {"json_tree", "SELECT key FROM json_tree('[]')"},
});

// Built-in functions of SQLite 3.40+ that compute values only. Left out on
// purpose: load_extension, readfile/writefile/edit (shell), fts3_tokenizer and
// fts5 (pointers), sqlite_offset, sqlite_compileoption_*, changes,
// total_changes, last_insert_rowid (connection state).
// clang-format off
constexpr std::array kFunctions = std::to_array<std::string_view>({
    // scalar
    "abs", "char", "coalesce", "concat", "concat_ws", "format", "glob", "hex", "ifnull", "iif",
    "instr", "length", "like", "likelihood", "likely", "lower", "ltrim", "max", "min", "nullif",
    "octet_length", "printf", "quote", "random", "randomblob", "replace", "round", "rtrim",
    "sign", "soundex", "sqlite_version", "substr", "substring", "trim", "typeof", "unhex",
    "unicode", "unlikely", "upper", "zeroblob",
    // aggregate
    "avg", "count", "group_concat", "string_agg", "sum", "total",
    // window
    "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
    "first_value", "last_value", "nth_value",
    // date and time
    "date", "time", "datetime", "julianday", "unixepoch", "strftime", "timediff",
    // math
    "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil", "ceiling", "cos", "cosh",
    "degrees", "exp", "floor", "ln", "log", "log10", "log2", "mod", "pi", "pow", "power",
    "radians", "sin", "sinh", "sqrt", "tan", "tanh", "trunc",
    // JSON (-> and ->> are functions too)
    "json", "json_array", "json_array_length", "json_extract", "json_insert", "json_object",
    "json_patch", "json_remove", "json_replace", "json_set", "json_type", "json_valid",
    "json_quote", "json_group_array", "json_group_object", "->", "->>",
    // FTS5: the MATCH operator and the ranking and snippet functions
    "match", "bm25", "highlight", "snippet",
});
// clang-format on

}  // namespace

std::span<const TableRule> TableRules() { return kTableRules; }

TableAccess ClassifyTable(std::string_view name) {
  for (const TableRule& rule : kTableRules)
    if (core::EqualsIgnoreCaseAscii(rule.name, name)) return rule.access;
  return TableAccess::kSecret;
}

bool IsListed(std::string_view name) {
  return std::any_of(kTableRules.begin(), kTableRules.end(), [&](const TableRule& rule) {
    return core::EqualsIgnoreCaseAscii(rule.name, name);
  });
}

bool IsSecretColumn(std::string_view table, std::string_view column) {
  return std::any_of(kSecretColumns.begin(), kSecretColumns.end(), [&](const ColumnRule& rule) {
    return core::EqualsIgnoreCaseAscii(rule.table, table) &&
           core::EqualsIgnoreCaseAscii(rule.column, column);
  });
}

bool IsAllowedFunction(std::string_view name) {
  return std::any_of(kFunctions.begin(), kFunctions.end(), [&](std::string_view allowed) {
    return core::EqualsIgnoreCaseAscii(allowed, name);
  });
}

std::span<const ReadableVirtualTable> ReadableVirtualTables() { return kVirtualTables; }

}  // namespace goatflow::store
