#include "store/console_query.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <memory>
#include <set>
#include <variant>

#include "core/macros.h"
#include "core/strings.h"
#include "store/db.h"
#include "store/sql_access.h"
#include "store/sql_authorizer.h"
#include "store/sqlite_error.h"

namespace goatflow::store {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Bytes a cell costs besides its text or blob, so that many small cells
// count against the result-size cap too.
constexpr std::size_t kCellOverhead = 16;
// VM instructions between two deadline checks.
constexpr int kProgressInterval = 1000;

struct StmtDeleter {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

Error Invalid(std::string message, std::string reason) {
  return Error(ErrorCode::kInvalidArgument, std::move(message),
               {{"field", "query"}, {"reason", std::move(reason)}})
      .WithWireCode("core:validation_failed");
}

// The statement's own errors (syntax, unknown names, bad JSON, overflow ...)
// are the caller's to read: an administrator debugging a query. They name
// only the statement's text and readable data, never a denied value, because
// denied tables fail to prepare and secret columns read as NULL.
bool IsStatementError(int rc) {
  switch (rc & 0xFF) {
    case SQLITE_ERROR:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
    case SQLITE_CONSTRAINT:
      return true;
    default:
      return false;
  }
}

int ProgressHandler(void* deadline) {
  return SteadyClock::now() >= *static_cast<const SteadyClock::time_point*>(deadline) ? 1 : 0;
}

class ConsoleRun {
 public:
  explicit ConsoleRun(const ConsoleLimits& limits) : limits_(limits) {}

  Result<SqlQueryResult> Run(const std::string& path, const SqlQueryRequest& request);

 private:
  Status Open(const std::string& path);
  Result<StmtPtr> Prepare(std::string_view sql);
  Status Bind(sqlite3_stmt* stmt, const std::vector<SqlValue>& args);
  Status Collect(sqlite3_stmt* stmt, SqlQueryResult& result);
  Error StatementError(int rc, std::string_view what);

  ConsoleLimits limits_;
  SteadyClock::time_point deadline_;
  SqlAuthorizer authorizer_;  // outlives db_, which is declared after it
  std::unique_ptr<Db> db_;
};

Status ConsoleRun::Open(const std::string& path) {
  const int busy_ms = static_cast<int>(std::min<std::int64_t>(limits_.time_limit.count(), 5000));
  GOATFLOW_ASSIGN_OR_RETURN(db_, Db::Open(DbSettings{path, OpenFlags::kReadOnly, "FULL", busy_ms}));
  sqlite3* raw = db_->raw();
  // Sorts and temporary results spill to files instead of growing memory.
  GOATFLOW_RETURN_IF_ERROR(db_->Exec("PRAGMA temp_store=FILE"));
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_limit(raw, SQLITE_LIMIT_LENGTH, limits_.max_value_bytes);
  sqlite3_limit(raw, SQLITE_LIMIT_ATTACHED, 0);
  authorizer_.Install(raw);
  for (const ReadableVirtualTable& table : ReadableVirtualTables()) {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(table.connect_sql));
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  }
  authorizer_.Enforce();
  sqlite3_progress_handler(raw, kProgressInterval, &ProgressHandler, &deadline_);
  return OkStatus();
}

Error ConsoleRun::StatementError(int rc, std::string_view what) {
  sqlite3* raw = db_->raw();
  if (authorizer_.denial()) return *authorizer_.denial();
  switch (rc & 0xFF) {
    case SQLITE_INTERRUPT:
      return Invalid(
          fmt::format("query stopped: time limit of {} ms exceeded", limits_.time_limit.count()),
          "timeout");
    case SQLITE_TOOBIG:
      return Invalid(
          fmt::format("a value is larger than the limit of {} bytes", limits_.max_value_bytes),
          "too_big");
    default:
      break;
  }
  if (IsStatementError(rc))
    return Invalid(fmt::format("SQL error: {}", sqlite3_errmsg(raw)), "sql_error");
  return SqliteError(raw, rc, what);
}

Result<StmtPtr> ConsoleRun::Prepare(std::string_view sql) {
  sqlite3* raw = db_->raw();
  const char* begin = sql.data();
  const char* end = sql.data() + sql.size();
  sqlite3_stmt* stmt = nullptr;
  const char* tail = begin;
  // Leading empty statements (";") prepare to no statement; skip them.
  while (stmt == nullptr && tail < end) {
    const char* from = tail;
    int rc = sqlite3_prepare_v3(raw, from, static_cast<int>(end - from), 0, &stmt, &tail);
    if (rc != SQLITE_OK) return StatementError(rc, "preparing a console statement");
    if (tail == from) break;
  }
  StmtPtr owned(stmt);
  if (!owned) return Invalid("query is required", "required");
  if (!OnlyCommentsLeft(std::string_view(tail, static_cast<std::size_t>(end - tail))))
    return Invalid("only one statement allowed", "multiple_statements");
  if (!sqlite3_stmt_readonly(owned.get()))
    return Invalid("statement is not read-only", "not_read_only");
  return owned;
}

Status ConsoleRun::Bind(sqlite3_stmt* stmt, const std::vector<SqlValue>& args) {
  const int placeholders = sqlite3_bind_parameter_count(stmt);
  if (static_cast<std::size_t>(placeholders) != args.size())
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("query has {} placeholders but {} arguments were given", placeholders,
                             args.size()),
                 {{"field", "args"}, {"reason", "count_mismatch"}})
        .WithWireCode("core:validation_failed");
  for (int i = 0; i < placeholders; ++i) {
    const SqlValue& arg = args[static_cast<std::size_t>(i)];
    int rc = SQLITE_OK;
    if (const auto* integer = std::get_if<std::int64_t>(&arg)) {
      rc = sqlite3_bind_int64(stmt, i + 1, *integer);
    } else if (const auto* real = std::get_if<double>(&arg)) {
      rc = sqlite3_bind_double(stmt, i + 1, *real);
    } else if (const auto* text = std::get_if<std::string>(&arg)) {
      rc = sqlite3_bind_text64(stmt, i + 1, text->data(), text->size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(stmt, i + 1);
    }
    if (rc != SQLITE_OK) return StatementError(rc, "binding a console argument");
  }
  return OkStatus();
}

std::vector<std::string> UniqueColumnNames(sqlite3_stmt* stmt) {
  std::vector<std::string> names;
  std::set<std::string> taken;
  const int count = sqlite3_column_count(stmt);
  for (int i = 0; i < count; ++i) {
    const char* raw = sqlite3_column_name(stmt, i);
    std::string name = raw ? raw : fmt::format("column_{}", i + 1);
    std::string unique = name;
    for (int n = 2; taken.count(unique); ++n) unique = fmt::format("{}_{}", name, n);
    taken.insert(unique);
    names.push_back(std::move(unique));
  }
  return names;
}

SqlCell ReadCell(sqlite3_stmt* stmt, int column, std::size_t& bytes) {
  bytes += kCellOverhead;
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
      return sqlite3_column_int64(stmt, column);
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, column);
    case SQLITE_TEXT: {
      const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
      std::string text(data ? data : "",
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)));
      bytes += text.size();
      if (!core::IsValidUtf8(text)) return SqlBlob{std::move(text)};
      return text;
    }
    case SQLITE_BLOB: {
      const void* data = sqlite3_column_blob(stmt, column);
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, column));
      bytes += size;
      return SqlBlob{data ? std::string(static_cast<const char*>(data), size) : std::string()};
    }
    default:
      return nullptr;
  }
}

Status ConsoleRun::Collect(sqlite3_stmt* stmt, SqlQueryResult& result) {
  const int columns = sqlite3_column_count(stmt);
  std::size_t bytes = 0;
  while (true) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return OkStatus();
    if (rc != SQLITE_ROW)
      return StatementError(sqlite3_extended_errcode(db_->raw()), "running a console statement");
    if (result.rows.size() >= static_cast<std::size_t>(limits_.max_rows)) {
      result.truncated = true;
      return OkStatus();
    }
    std::vector<SqlCell> row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i) row.push_back(ReadCell(stmt, i, bytes));
    if (bytes > limits_.max_result_bytes) {
      result.truncated = true;
      return OkStatus();
    }
    result.rows.push_back(std::move(row));
  }
}

Result<SqlQueryResult> ConsoleRun::Run(const std::string& path, const SqlQueryRequest& request) {
  const auto start = SteadyClock::now();
  deadline_ = start + limits_.time_limit;
  GOATFLOW_RETURN_IF_ERROR(Open(path));
  GOATFLOW_ASSIGN_OR_RETURN(StmtPtr stmt, Prepare(request.sql));
  GOATFLOW_RETURN_IF_ERROR(Bind(stmt.get(), request.args));
  SqlQueryResult result;
  result.columns = UniqueColumnNames(stmt.get());
  GOATFLOW_RETURN_IF_ERROR(Collect(stmt.get(), result));
  result.row_count = static_cast<std::int64_t>(result.rows.size());
  result.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start);
  return result;
}

// A second connection to ":memory:" (or a memory URI without a shared cache)
// opens a new, empty database.
bool IsPrivateMemoryDatabase(const std::string& path) {
  if (path.empty() || path == ":memory:") return true;
  const bool memory_uri =
      path.rfind("file::memory:", 0) == 0 ||
      (path.rfind("file:", 0) == 0 && path.find("mode=memory") != std::string::npos);
  return memory_uri && path.find("cache=shared") == std::string::npos;
}

}  // namespace

bool OnlyCommentsLeft(std::string_view rest) {
  std::size_t i = 0;
  while (i < rest.size()) {
    const char c = rest[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == ';') {
      ++i;
    } else if (rest.compare(i, 2, "--") == 0) {
      const std::size_t newline = rest.find('\n', i);
      if (newline == std::string_view::npos) return true;
      i = newline + 1;
    } else if (rest.compare(i, 2, "/*") == 0) {
      const std::size_t close = rest.find("*/", i + 2);
      if (close == std::string_view::npos) return true;  // SQLite ends it at the end of input
      i = close + 2;
    } else {
      return false;
    }
  }
  return true;
}

Result<SqlQueryResult> RunConsoleQuery(const std::string& path, const ConsoleLimits& limits,
                                       const SqlQueryRequest& request) {
  if (IsPrivateMemoryDatabase(path))
    return Error(ErrorCode::kFailedPrecondition,
                 "execute_sql needs a database file: a private in-memory database cannot be "
                 "opened a second time");
  ConsoleRun run(limits);
  return run.Run(path, request);
}

}  // namespace goatflow::store
