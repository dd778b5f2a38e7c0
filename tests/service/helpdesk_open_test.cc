#include <filesystem>
#include <fstream>

#include "support/test_support.h"

namespace goatflow {
namespace {

using testing::OpenTestHelpdesk;
using testing::TempDir;
using testing::TestOptions;

std::int64_t RowCount(const StoreStatus& status, const std::string& table) {
  for (const auto& [name, count] : status.row_counts)
    if (name == table) return count;
  return -1;
}

TEST_CASE("A new database is created, migrated and holds the default data") {
  auto helpdesk = OpenTestHelpdesk();
  auto status = helpdesk->GetStoreStatus();
  REQUIRE_OK(status);
  REQUIRE(status->schema_version >= 1);
  REQUIRE(status->schema_version == status->latest_schema_version);
  REQUIRE(status->migrations_applied_on_open == status->schema_version);
  REQUIRE(RowCount(*status, "users") == 1);
  REQUIRE(RowCount(*status, "groups") == 3);
  REQUIRE(RowCount(*status, "queue") == 4);
  REQUIRE(RowCount(*status, "ticket") == 0);
}

TEST_CASE("A file database uses WAL and reopens without migrating again") {
  TempDir dir;
  auto options = TestOptions(dir.File("hd.db"));
  {
    auto first = OpenTestHelpdesk(options);
    REQUIRE(first->GetStoreStatus()->journal_mode == "wal");
  }
  auto second = OpenTestHelpdesk(options);
  auto status = second->GetStoreStatus();
  REQUIRE_OK(status);
  REQUIRE(status->migrations_applied_on_open == 0);
  REQUIRE(status->schema_version == status->latest_schema_version);
  auto again = second->Migrate();
  REQUIRE_OK(again);
  REQUIRE(*again == 0);
}

TEST_CASE("Opening a missing file without create_if_missing is not_found") {
  TempDir dir;
  auto options = TestOptions(dir.File("absent.db"));
  options.create_if_missing = false;
  REQUIRE_ERR(Helpdesk::Open(options), ErrorCode::kNotFound, "does not exist");
  REQUIRE_FALSE(std::filesystem::exists(dir.File("absent.db")));
}

TEST_CASE("A file that is not a database is refused") {
  TempDir dir;
  std::ofstream(dir.File("notes.txt")) << "this is not an SQLite database, just some text\n";
  auto result = Helpdesk::Open(TestOptions(dir.File("notes.txt")));
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.error().code == ErrorCode::kFailedPrecondition);
}

TEST_CASE("A directory that does not exist gives a clear unavailable error") {
  TempDir dir;
  REQUIRE_ERR(Helpdesk::Open(TestOptions(dir.File("missing/dir/hd.db"))), ErrorCode::kUnavailable,
              "Cannot open database");
}

TEST_CASE("A weak initial admin password is refused before anything is created") {
  TempDir dir;
  auto options = TestOptions(dir.File("hd.db"));
  options.initial_admin_password = "short";
  auto result = Helpdesk::Open(options);
  REQUIRE_ERR(result, ErrorCode::kInvalidArgument, "at least 8");
  REQUIRE(result.error().details.at("reason") == "min_size");
  REQUIRE_FALSE(std::filesystem::exists(dir.File("hd.db")));
}

TEST_CASE("Open without migrate reports an empty database as version 0") {
  TempDir dir;
  auto options = TestOptions(dir.File("hd.db"));
  options.migrate = false;
  auto helpdesk = OpenTestHelpdesk(options);
  auto status = helpdesk->GetStoreStatus();
  REQUIRE_OK(status);
  REQUIRE(status->schema_version == 0);
  REQUIRE(status->row_counts.empty());
  auto applied = helpdesk->Migrate();
  REQUIRE_OK(applied);
  REQUIRE(*applied == status->latest_schema_version);
}

}  // namespace
}  // namespace goatflow
