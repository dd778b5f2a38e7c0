#pragma once

// Versioned schema migrations: lib/store/migrations/NNNN_description.sql,
// embedded into the library at build time. Each is applied in its own
// transaction and recorded in `goatflow_schema_version` in that transaction.

#include <functional>
#include <string_view>
#include <vector>

#include "goatflow/error.h"
#include "store/db.h"

namespace goatflow::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// Every migration this build knows, in version order (generated).
const std::vector<Migration>& EmbeddedMigrations();
int LatestSchemaVersion();

// The highest applied version; 0 for an empty database. Fails with
// failed_precondition when the file holds tables but is not a goatflow database.
Result<int> SchemaVersion(Db& db);

// Runs after a migration's SQL, inside its transaction (for steps that need
// code, such as hashing the initial admin password).
using MigrationHook = std::function<Status(Db& db, int version)>;

// Applies the pending migrations of `migrations` in order; returns how many
// were applied. A schema newer than the newest of `migrations` fails with
// failed_precondition before anything is changed.
Result<int> ApplyMigrations(Db& db, const std::vector<Migration>& migrations,
                            const MigrationHook& after_each = {});

// Fails with failed_precondition when the database's schema is newer than
// `latest`.
Status CheckNotNewer(int current, int latest);

}  // namespace goatflow::store
