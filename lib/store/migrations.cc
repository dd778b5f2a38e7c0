#include "store/migrations.h"

#include <fmt/format.h>

#include "core/log.h"
#include "core/macros.h"
#include "store/txn.h"

namespace goatflow::store {
namespace {

constexpr std::string_view kVersionTable = R"sql(
CREATE TABLE IF NOT EXISTS goatflow_schema_version (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S','now'))
) STRICT;
)sql";

Result<bool> HasVersionTable(Db& db) {
  GOATFLOW_ASSIGN_OR_RETURN(auto count,
                            db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE type='table' "
                                        "AND name='goatflow_schema_version'"));
  return count > 0;
}

}  // namespace

int LatestSchemaVersion() {
  const auto& all = EmbeddedMigrations();
  return all.empty() ? 0 : all.back().version;
}

Result<int> SchemaVersion(Db& db) {
  GOATFLOW_ASSIGN_OR_RETURN(bool has_table, HasVersionTable(db));
  if (!has_table) {
    GOATFLOW_ASSIGN_OR_RETURN(auto tables,
                              db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE type='table'"));
    if (tables > 0)
      return Error(ErrorCode::kFailedPrecondition,
                   fmt::format("'{}' is an SQLite database but not a goatflow database", db.path()));
    return 0;
  }
  GOATFLOW_ASSIGN_OR_RETURN(auto version,
                            db.QueryInt("SELECT coalesce(max(version), 0) FROM goatflow_schema_version"));
  return static_cast<int>(version);
}

Status CheckNotNewer(int current, int latest) {
  if (current > latest)
    return Error(ErrorCode::kFailedPrecondition,
                 fmt::format("Database schema version {} is newer than this goatflow supports ({}); "
                             "upgrade goatflow",
                             current, latest));
  return OkStatus();
}

Result<int> ApplyMigrations(Db& db, const std::vector<Migration>& migrations,
                            const MigrationHook& after_each) {
  int latest = migrations.empty() ? 0 : migrations.back().version;
  int applied = 0;
  for (const Migration& migration : migrations) {
    // The version is re-read under the write lock, so two processes migrating
    // the same file at once apply each step exactly once.
    GOATFLOW_ASSIGN_OR_RETURN(auto txn, Txn::Begin(db, Txn::Mode::kImmediate));
    GOATFLOW_ASSIGN_OR_RETURN(int current, SchemaVersion(db));
    GOATFLOW_RETURN_IF_ERROR(CheckNotNewer(current, latest));
    if (migration.version <= current) continue;
    GOATFLOW_RETURN_IF_ERROR(db.Exec(kVersionTable));
    GOATFLOW_RETURN_IF_ERROR(db.Exec(migration.sql));
    if (after_each) GOATFLOW_RETURN_IF_ERROR(after_each(db, migration.version));
    GOATFLOW_ASSIGN_OR_RETURN(
        auto record, db.Prepare("INSERT INTO goatflow_schema_version (version, name) VALUES (?, ?)"));
    record.BindAll(static_cast<std::int64_t>(migration.version), migration.name);
    GOATFLOW_RETURN_IF_ERROR(record.Run());
    GOATFLOW_RETURN_IF_ERROR(txn.Commit());
    core::Logf(LogLevel::kInfo, "applied schema migration {:04} {}", migration.version,
               migration.name);
    ++applied;
  }
  return applied;
}

}  // namespace goatflow::store
