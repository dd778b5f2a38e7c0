#include "store/pool.h"

#include <fmt/format.h>

#include <filesystem>

namespace goatflow::store {
namespace {

std::string SynchronousPragma(Durability durability) {
  switch (durability) {
    case Durability::kFull: return "FULL";
    case Durability::kNormal: return "NORMAL";
    case Durability::kOff: return "OFF";
  }
  return "FULL";
}

bool IsMemoryPath(const std::string& path) {
  return path == ":memory:" || path.rfind("file::memory:", 0) == 0;
}

}  // namespace

Result<std::unique_ptr<Pool>> Pool::Open(const PoolOptions& options) {
  if (options.path.empty()) return Error(ErrorCode::kInvalidArgument, "Database path is empty");
  bool memory = IsMemoryPath(options.path);
  if (!memory && !options.create_if_missing) {
    std::error_code ec;
    if (!std::filesystem::exists(options.path, ec))
      return Error(ErrorCode::kNotFound,
                   fmt::format("Database '{}' does not exist (create it with 'goatflow init')",
                               options.path));
  }
  std::unique_ptr<Pool> pool(new Pool(options));
  DbSettings settings{options.path,
                      options.create_if_missing ? OpenFlags::kReadWriteCreate : OpenFlags::kReadWrite,
                      SynchronousPragma(options.durability), options.busy_timeout_ms};
  auto writer = Db::Open(settings);
  if (!writer.ok()) return std::move(writer).error();
  pool->writer_ = std::move(writer).value();
  if (!memory) {
    // WAL: readers never block the writer and see the last committed state.
    auto mode = pool->writer_->Prepare("PRAGMA journal_mode=WAL");
    if (!mode.ok()) return std::move(mode).error();
    auto row = mode->Step();
    if (!row.ok()) return std::move(row).error();
  }
  return pool;
}

Status Pool::OpenReaders() {
  if (IsMemoryPath(path_) || !readers_.empty()) return OkStatus();
  DbSettings settings{path_, OpenFlags::kReadOnly, SynchronousPragma(options_.durability),
                      options_.busy_timeout_ms, options_.reader_cache_kib};
  for (int i = 0; i < options_.readers; ++i) {
    auto reader = Db::Open(settings);
    if (!reader.ok()) return std::move(reader).error();
    readers_.push_back(std::move(reader).value());
  }
  std::lock_guard lock(mutex_);
  for (auto& reader : readers_) free_readers_.push_back(reader.get());
  return OkStatus();
}

Pool::Lease Pool::Writer() {
  std::unique_lock lock(mutex_);
  released_.wait(lock, [this] { return !writer_busy_; });
  writer_busy_ = true;
  return Lease(this, writer_.get());
}

Pool::Lease Pool::Reader() {
  if (readers_.empty()) return Writer();
  std::unique_lock lock(mutex_);
  released_.wait(lock, [this] { return !free_readers_.empty(); });
  Db* db = free_readers_.back();
  free_readers_.pop_back();
  return Lease(this, db);
}

void Pool::Release(Db* db) {
  {
    std::lock_guard lock(mutex_);
    if (db == writer_.get())
      writer_busy_ = false;
    else
      free_readers_.push_back(db);
  }
  released_.notify_all();
}

Pool::Lease::~Lease() {
  if (db_) pool_->Release(db_);
}

}  // namespace goatflow::store
