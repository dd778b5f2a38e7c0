#pragma once

// RAII over one SQLite connection with a prepared-statement cache. A Db is
// used by one thread at a time (the Pool guarantees it).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "goatflow/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace goatflow::store {

class Db;
struct CachedStmt;
struct Catalog;  // store/catalog.h

// A prepared statement leased from a Db's cache. Destruction resets it and
// clears its bindings, so the next user starts clean. Bind indexes start at 1,
// column indexes at 0, as in SQLite.
class Stmt {
 public:
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  ~Stmt();

  Stmt& Bind(int index, std::int64_t value);
  Stmt& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Stmt& Bind(int index, double value);
  Stmt& Bind(int index, std::string_view text);
  Stmt& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Stmt& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Stmt& Bind(int index, std::nullptr_t);
  template <typename T>
  Stmt& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : Bind(index, nullptr);
  }
  Stmt& BindBlob(int index, std::string_view bytes);

  // Binds each argument in order, starting at index 1.
  template <typename... Args>
  Stmt& BindAll(const Args&... args) {
    int index = 1;
    (Bind(index++, args), ...);
    return *this;
  }

  // Advances: true when a row is ready, false when done.
  Result<bool> Step();
  // Steps to completion, ignoring rows, and resets the statement so that it
  // can be bound and run again (bindings are kept).
  Status Run();
  // Steps to completion and returns column 0 of every row as an integer.
  Result<std::vector<std::int64_t>> IntColumn();

  bool IsNull(int column) const;
  std::int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;  // "" for NULL
  // The same without a copy; valid until the statement steps, resets or converts the column.
  std::string_view TextView(int column) const;
  std::optional<std::string> OptText(int column) const;
  std::optional<std::int64_t> OptInt(int column) const;
  std::string Blob(int column) const;

 private:
  friend class Db;
  Stmt(Db* db, sqlite3_stmt* stmt, CachedStmt* cached);
  Db* db_;
  sqlite3_stmt* stmt_;
  CachedStmt* cached_;  // the cache entry it is leased from; null: finalized on destruction
};

// A statement of a Db's cache and whether a Stmt holds it.
struct CachedStmt {
  sqlite3_stmt* stmt = nullptr;
  bool leased = false;
};

enum class OpenFlags { kReadWrite, kReadWriteCreate, kReadOnly };

struct DbSettings {
  std::string path;
  OpenFlags flags = OpenFlags::kReadWrite;
  std::string synchronous = "FULL";
  int busy_timeout_ms = 5000;
  int cache_kib = 0;  // PRAGMA cache_size in KiB; 0: SQLite's default
};

class Db {
 public:
  static Result<std::unique_ptr<Db>> Open(const DbSettings& settings);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // A cached statement for `sql` (one statement). If the cached one is already
  // leased (nested use), a fresh uncached statement is returned.
  Result<Stmt> Prepare(std::string_view sql);
  // Runs one or more statements without results (schema, pragmas, BEGIN/COMMIT).
  Status Exec(std::string_view sql);
  // Convenience: the first column of the first row as an integer.
  Result<std::int64_t> QueryInt(std::string_view sql);

  std::int64_t LastInsertId() const;
  std::int64_t Changes() const;
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }
  std::size_t cached_statements() const { return cache_.size(); }
  // This connection's cached catalog; only CurrentCatalog (store/catalog.h) uses it.
  std::unique_ptr<Catalog>& catalog_cache() { return catalog_; }
  // Changes whenever a Txn begins or ends on this connection, so a value seen
  // inside a transaction identifies it.
  std::uint64_t transaction_serial() const { return transaction_serial_; }
  void NextTransaction() { ++transaction_serial_; }

 private:
  // Finds cached statements by the SQL text without copying it into a string.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept {
      return std::hash<std::string_view>{}(sql);
    }
  };
  Db(sqlite3* db, std::string path);

  sqlite3* db_;
  std::string path_;
  // Node-based: entries stay put while Stmts point at them.
  std::unordered_map<std::string, CachedStmt, SqlHash, std::equal_to<>> cache_;
  std::unique_ptr<Catalog> catalog_;
  std::uint64_t transaction_serial_ = 1;
};

}  // namespace goatflow::store
