#pragma once

// Connections to one database file, leased one operation at a time.
//
// One writer connection (writes are serialised, which is what SQLite does
// anyway, so a writer never sees SQLITE_BUSY from its own process) and N
// read-only connections for concurrent readers (WAL lets them read while a
// write is in progress). A lease gives one thread exclusive use of a
// connection; code holding a lease must not ask for another one (for
// ":memory:" databases the reader and the writer are the same connection).

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "goatflow/error.h"
#include "goatflow/options.h"
#include "store/db.h"

namespace goatflow::store {

struct PoolOptions {
  std::string path;
  bool create_if_missing = true;
  Durability durability = Durability::kFull;
  int readers = 4;
  int busy_timeout_ms = 5000;
  // Page cache of each reader, in KiB (SQLite's default is 2 MiB). A search
  // for a common word touches about 2 MiB of index and ticket pages; with the
  // default cache every call read them from the file again (docs/PERFORMANCE.md,
  // "Search"). Pages are allocated as they are used, up to this size.
  int reader_cache_kib = 32 * 1024;
};

class Pool {
 public:
  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), db_(other.db_) { other.db_ = nullptr; }
    Lease(const Lease&) = delete;
    ~Lease();
    Db& db() const { return *db_; }
    Db* operator->() const { return db_; }

   private:
    friend class Pool;
    Lease(Pool* pool, Db* db) : pool_(pool), db_(db) {}
    Pool* pool_;
    Db* db_;
  };

  static Result<std::unique_ptr<Pool>> Open(const PoolOptions& options);

  Lease Writer();  // blocks until the writer is free
  Lease Reader();  // blocks until a reader is free
  bool in_memory() const { return readers_.empty(); }
  const std::string& path() const { return path_; }

  // Opens the reader connections; called once the schema exists (a reader
  // cannot open a file that is not yet a database in WAL mode).
  Status OpenReaders();

 private:
  explicit Pool(PoolOptions options) : options_(std::move(options)), path_(options_.path) {}
  void Release(Db* db);

  PoolOptions options_;
  std::string path_;
  std::unique_ptr<Db> writer_;
  std::vector<std::unique_ptr<Db>> readers_;
  std::mutex mutex_;
  std::condition_variable released_;
  bool writer_busy_ = false;
  std::vector<Db*> free_readers_;
};

}  // namespace goatflow::store
