#include "goatflow/helpdesk.h"

#include <array>

#include "auth/jwt.h"
#include "auth/password.h"
#include "auth/password_policy.h"
#include "core/clock.h"
#include "core/macros.h"
#include "goatflow/tickets.h"
#include "service/helpdesk_impl.h"
#include "service/unit_of_work.h"
#include "store/migrations.h"

namespace goatflow {
namespace {

// Tables whose row counts `goatflow db status` reports.
constexpr std::array<std::string_view, 12> kStatusTables = {
    "users",  "groups",         "queue",          "customer_company", "customer_user",
    "ticket", "article",        "article_data_mime_attachment",       "ticket_history",
    "user_api_tokens", "sessions", "audit_log"};

// Migration 0001 inserts the admin account with an empty placeholder hash;
// this replaces it with an Argon2id hash inside the same transaction.
Status SetInitialAdminPassword(store::Db& db, const OpenOptions& options) {
  std::string password =
      options.initial_admin_password.empty() ? "admin" : options.initial_admin_password;
  GOATFLOW_ASSIGN_OR_RETURN(auto hash, auth::HashPassword(password, options.password_hashing));
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare("UPDATE users SET pw = ? WHERE id = 1 AND pw = ''"));
  stmt.BindAll(hash);
  return stmt.Run();
}

Result<int> MigrateDatabase(store::Db& db, const OpenOptions& options) {
  return store::ApplyMigrations(
      db, store::EmbeddedMigrations(), [&options](store::Db& tx_db, int version) -> Status {
        if (version == 1) return SetInitialAdminPassword(tx_db, options);
        return OkStatus();
      });
}

Status CheckSqlConsoleOptions(const SqlConsoleOptions& console) {
  if (console.max_rows < 1 || console.time_limit.count() < 1 || console.max_value_bytes < 1 ||
      console.max_result_bytes < 1)
    return Error(ErrorCode::kInvalidArgument, "SQL console limits must be positive");
  return OkStatus();
}

}  // namespace

std::string_view Version() { return GOATFLOW_VERSION; }

SharedReads::SharedReads(std::unique_ptr<service::SharedRead> read) : read_(std::move(read)) {}
SharedReads::~SharedReads() = default;
SharedReads::SharedReads(SharedReads&&) noexcept = default;

SharedReads Helpdesk::ShareReads() {
  return SharedReads(std::make_unique<service::SharedRead>(*impl_));
}

Helpdesk::Helpdesk(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Helpdesk::~Helpdesk() = default;

Result<std::unique_ptr<Helpdesk>> Helpdesk::Open(const OpenOptions& options) {
  if (!options.initial_admin_password.empty()) {
    GOATFLOW_RETURN_IF_ERROR(auth::CheckPasswordPolicy(options.initial_admin_password,
                                                       auth::PasswordPolicy{}, "admin_password"));
  }
  if (!options.jwt_secret.empty() && options.jwt_secret.size() < auth::kMinKeyBytes)
    return Error(ErrorCode::kFailedPrecondition, "The JWT secret must be at least 32 bytes");
  GOATFLOW_RETURN_IF_ERROR(CheckSqlConsoleOptions(options.sql_console));
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->clock = options.clock ? options.clock : core::SystemClock();
  impl->random = options.random ? options.random : core::SystemRandom();
  store::PoolOptions pool_options{options.path, options.create_if_missing, options.durability,
                                  options.reader_connections,
                                  static_cast<int>(options.busy_timeout.count())};
  GOATFLOW_ASSIGN_OR_RETURN(impl->pool, store::Pool::Open(pool_options));
  int applied = 0;
  {
    auto writer = impl->pool->Writer();
    GOATFLOW_ASSIGN_OR_RETURN(int version, store::SchemaVersion(writer.db()));
    GOATFLOW_RETURN_IF_ERROR(store::CheckNotNewer(version, store::LatestSchemaVersion()));
    if (options.migrate) {
      GOATFLOW_ASSIGN_OR_RETURN(applied, MigrateDatabase(writer.db(), options));
    }
  }
  GOATFLOW_RETURN_IF_ERROR(impl->pool->OpenReaders());
  impl->migrations_applied_on_open = applied;
  impl->opened_at = impl->clock->Now();
  impl->tickets.reset(new TicketService(*impl));
  impl->lookups.reset(new LookupService(*impl));
  impl->queues.reset(new QueueService(*impl));
  impl->directory.reset(new DirectoryService(*impl));
  impl->customers.reset(new CustomerService(*impl));
  impl->auth.reset(new AuthService(*impl));
  impl->search.reset(new SearchService(*impl));
  impl->sql.reset(new SqlConsole(*impl));
  impl->dashboard.reset(new DashboardService(*impl));
  impl->admin.reset(new AdminService(*impl));
  std::unique_ptr<Helpdesk> helpdesk(new Helpdesk(std::move(impl)));
  helpdesk->impl_->mcp.reset(new McpService(*helpdesk, *helpdesk->impl_));
  return helpdesk;
}

LookupService& Helpdesk::Lookups() { return *impl_->lookups; }
QueueService& Helpdesk::Queues() { return *impl_->queues; }
DirectoryService& Helpdesk::Directory() { return *impl_->directory; }
CustomerService& Helpdesk::Customers() { return *impl_->customers; }
AuthService& Helpdesk::Auth() { return *impl_->auth; }
SearchService& Helpdesk::Search() { return *impl_->search; }
SqlConsole& Helpdesk::Sql() { return *impl_->sql; }
McpService& Helpdesk::Mcp() { return *impl_->mcp; }
DashboardService& Helpdesk::Dashboard() { return *impl_->dashboard; }
AdminService& Helpdesk::Admin() { return *impl_->admin; }

Result<int> Helpdesk::Migrate() {
  if (service::SharedRead* shared = service::SharedRead::Active(*impl_)) shared->Close();
  auto writer = impl_->pool->Writer();
  return MigrateDatabase(writer.db(), impl_->options);
}

TicketService& Helpdesk::Tickets() { return *impl_->tickets; }

Result<StoreStatus> Helpdesk::GetStoreStatus() const {
  StoreStatus status;
  status.path = impl_->pool->path();
  status.latest_schema_version = store::LatestSchemaVersion();
  status.migrations_applied_on_open = impl_->migrations_applied_on_open;
  // Its own lease, outside any shared read of this thread (which may hold the last reader).
  if (service::SharedRead* shared = service::SharedRead::Active(*impl_)) shared->Close();
  auto reader = impl_->pool->Reader();
  store::Db& db = reader.db();
  GOATFLOW_ASSIGN_OR_RETURN(status.schema_version, store::SchemaVersion(db));
  {
    GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare("PRAGMA journal_mode"));
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) status.journal_mode = stmt.Text(0);
  }
  for (std::string_view table : kStatusTables) {
    GOATFLOW_ASSIGN_OR_RETURN(
        auto exists, db.QueryInt("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='" +
                                 std::string(table) + "'"));
    if (!exists) continue;
    GOATFLOW_ASSIGN_OR_RETURN(auto count,
                              db.QueryInt("SELECT count(*) FROM \"" + std::string(table) + "\""));
    status.row_counts.emplace_back(std::string(table), count);
  }
  return status;
}

}  // namespace goatflow
