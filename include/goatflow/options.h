#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "goatflow/seams.h"

namespace goatflow {

// How hard SQLite works to make a commit survive a crash.
enum class Durability {
  kFull,    // synchronous=FULL: an acknowledged write survives power loss (default)
  kNormal,  // synchronous=NORMAL: survives a process crash; may lose the last commits on power loss
  kOff,     // synchronous=OFF: for throw-away databases only
};

// Cost of Argon2id password hashing. Stored hashes record their parameters, so
// changing this re-hashes each password at its owner's next login.
enum class PasswordHashing {
  kInteractive,        // libsodium's interactive limits (default)
  kModerate,           // libsodium's moderate limits: slower, stronger
  kMinimumForTesting,  // the smallest libsodium allows: only for test suites
};

// The SQL console (MCP execute_sql, spec/mcp.md §6.10, docs/sql-console.md).
struct SqlConsoleOptions {
  // mcp.execute_sql.enabled: false makes every call fail with "execute_sql is disabled".
  bool enabled = true;
  // Rows returned at most; more rows set `truncated`.
  int max_rows = 1000;
  // Wall time a statement may run (steady clock) before it is interrupted.
  std::chrono::milliseconds time_limit{5000};
  // Largest string or blob a statement may read or build (SQLITE_LIMIT_LENGTH).
  int max_value_bytes = 1 << 20;
  // Total bytes of text and blob values returned; more set `truncated`.
  std::size_t max_result_bytes = std::size_t{16} << 20;
};

struct OpenOptions {
  // Database file, or ":memory:" for a private in-memory database (tests).
  std::string path = "goatflow.db";
  // Create the file when it does not exist; otherwise opening fails with not_found.
  bool create_if_missing = true;
  // Apply pending schema migrations on open. When false the database opens as
  // it is (for inspection); a schema newer than this build always fails.
  bool migrate = true;
  Durability durability = Durability::kFull;
  // Read-only connections used for concurrent reads (file databases only).
  int reader_connections = 4;
  // How long a write waits for another process holding the write lock.
  std::chrono::milliseconds busy_timeout{5000};
  // Password of the `admin` account, used only when this open creates the
  // schema. Empty means "admin", which the server treats as a default credential.
  std::string initial_admin_password;
  PasswordHashing password_hashing = PasswordHashing::kInteractive;
  // JWT signing key. Front-ends fill it from GOATFLOW_JWT_SECRET (alias
  // JWT_SECRET); the library never reads the environment. Empty: a random key
  // generated on first use and stored in the database. Shorter than 32 bytes:
  // Open fails with failed_precondition.
  std::string jwt_secret;
  // Rate-limit settings overriding the stored ones for this process, by
  // setting name ("RateLimit::LoginPerMinute" ...); 0 disables a bucket.
  std::map<std::string, int> rate_limits;
  // Limits of the SQL console. Open fails with invalid_argument when a limit
  // is not positive.
  SqlConsoleOptions sql_console;
  // Seams; null means the real implementation.
  std::shared_ptr<Clock> clock;
  std::shared_ptr<Random> random;
};

}  // namespace goatflow
