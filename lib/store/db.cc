#include "store/db.h"

#include <sqlite3.h>

#include <fmt/format.h>

#include <mutex>

#include "store/fts_rank.h"
#include "store/sqlite_error.h"
#include "store/catalog.h"

namespace goatflow::store {

// ---- Stmt -------------------------------------------------------------------

Stmt::Stmt(Db* db, sqlite3_stmt* stmt, CachedStmt* cached)
    : db_(db), stmt_(stmt), cached_(cached) {}

Stmt::Stmt(Stmt&& other) noexcept : db_(other.db_), stmt_(other.stmt_), cached_(other.cached_) {
  other.stmt_ = nullptr;
}

Stmt::~Stmt() {
  if (!stmt_) return;
  if (cached_ == nullptr) {
    sqlite3_finalize(stmt_);
  } else {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    cached_->leased = false;
  }
}

Stmt& Stmt::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Stmt& Stmt::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Stmt& Stmt::Bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::Bind(int index, std::nullptr_t) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}
Stmt& Stmt::BindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // sqlite3_step returns the extended code only through sqlite3_extended_errcode.
  return SqliteError(db_->raw(), sqlite3_extended_errcode(db_->raw()),
                     fmt::format("statement '{}'", sqlite3_sql(stmt_)));
}

Status Stmt::Run() {
  while (true) {
    auto row = Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) {
      sqlite3_reset(stmt_);
      return OkStatus();
    }
  }
}

Result<std::vector<std::int64_t>> Stmt::IntColumn() {
  std::vector<std::int64_t> values;
  while (true) {
    auto row = Step();
    if (!row.ok()) return std::move(row).error();
    if (!*row) return values;
    values.push_back(Int(0));
  }
}

bool Stmt::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::int64_t Stmt::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
double Stmt::Real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Stmt::Text(int column) const { return std::string(TextView(column)); }

std::string_view Stmt::TextView(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (!text) return {};
  return std::string_view(reinterpret_cast<const char*>(text),
                          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Stmt::OptText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

std::optional<std::int64_t> Stmt::OptInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::string Stmt::Blob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  if (!data) return {};
  return std::string(static_cast<const char*>(data), sqlite3_column_bytes(stmt_, column));
}

// ---- Db ---------------------------------------------------------------------

namespace {

// Process-wide SQLite configuration, before SQLite initializes: no memory
// statistics (nothing reads them), so SQLite's malloc and free take no global
// mutex; with a connection per worker thread that mutex was contended on every
// statement. If the embedding application initialized SQLite already,
// sqlite3_config refuses and its settings stay.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<Db>> Db::Open(const DbSettings& settings) {
  ConfigureSqliteOnce();
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  switch (settings.flags) {
    case OpenFlags::kReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case OpenFlags::kReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case OpenFlags::kReadOnly: flags |= SQLITE_OPEN_READONLY; break;
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(settings.path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close_v2(raw);
    if ((rc & 0xFF) == SQLITE_CANTOPEN) {
      return Error(ErrorCode::kUnavailable,
                   fmt::format("Cannot open database '{}': check that its directory exists and "
                               "is writable",
                               settings.path));
    }
    return SqliteError(nullptr, rc, fmt::format("opening '{}'", settings.path));
  }
  sqlite3_extended_result_codes(raw, 1);
  std::unique_ptr<Db> db(new Db(raw, settings.path));
  sqlite3_busy_timeout(raw, settings.busy_timeout_ms);
  if (auto status = RegisterRankFunction(raw); !status.ok()) return std::move(status).error();
  std::string pragmas = fmt::format(
      "PRAGMA foreign_keys=ON; PRAGMA synchronous={}; PRAGMA temp_store=MEMORY;",
      settings.synchronous);
  if (settings.flags == OpenFlags::kReadOnly) pragmas += "PRAGMA query_only=ON;";
  if (settings.cache_kib > 0) pragmas += fmt::format("PRAGMA cache_size=-{};", settings.cache_kib);
  auto status = db->Exec(pragmas);
  if (!status.ok()) return std::move(status).error();
  return db;
}

Db::Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

Db::~Db() {
  for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.stmt);
  sqlite3_close_v2(db_);
}

Result<Stmt> Db::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second.leased) {
    it->second.leased = true;
    return Stmt(this, it->second.stmt, &it->second);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, fmt::format("preparing '{}'", sql));
  if (it != cache_.end()) return Stmt(this, stmt, nullptr);  // nested use
  CachedStmt& entry = cache_.try_emplace(std::string(sql)).first->second;
  entry.stmt = stmt;
  entry.leased = true;
  return Stmt(this, stmt, &entry);
}

Status Db::Exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK)
    return SqliteError(db_, sqlite3_extended_errcode(db_), "executing SQL script");
  return OkStatus();
}

Result<std::int64_t> Db::QueryInt(std::string_view sql) {
  auto stmt = Prepare(sql);
  if (!stmt.ok()) return std::move(stmt).error();
  auto row = stmt->Step();
  if (!row.ok()) return std::move(row).error();
  if (!*row) return Error(ErrorCode::kInternal, "Internal database error");
  return stmt->Int(0);
}

std::int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
std::int64_t Db::Changes() const { return sqlite3_changes64(db_); }

}  // namespace goatflow::store
