#include <stdexcept>
#include <thread>

#include "store/db.h"
#include "store/migrations.h"
#include "store/pool.h"
#include "store/txn.h"
#include "support/test_support.h"

namespace goatflow::store {
namespace {

using testing::TempDir;

std::unique_ptr<Db> MemoryDb() {
  auto db = Db::Open({":memory:", OpenFlags::kReadWriteCreate, "OFF", 1000});
  REQUIRE_OK(db);
  REQUIRE_OK((*db)->Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE) STRICT"));
  return std::move(db).value();
}

std::int64_t Count(Db& db) { return db.QueryInt("SELECT count(*) FROM t").value(); }

Status Insert(Db& db, std::string_view name) {
  auto stmt = db.Prepare("INSERT INTO t (name) VALUES (?)");
  if (!stmt.ok()) return std::move(stmt).error();
  stmt->Bind(1, name);
  return stmt->Run();
}

TEST_CASE("A transaction commits only when asked") {
  auto db = MemoryDb();
  {
    auto txn = Txn::Begin(*db);
    REQUIRE_OK(txn);
    REQUIRE_OK(Insert(*db, "kept"));
    REQUIRE_OK(txn->Commit());
  }
  REQUIRE(Count(*db) == 1);
  {
    auto txn = Txn::Begin(*db);
    REQUIRE_OK(Insert(*db, "dropped"));
  }  // no commit: rolled back
  REQUIRE(Count(*db) == 1);
}

TEST_CASE("A transaction rolls back when an exception unwinds through it") {
  auto db = MemoryDb();
  REQUIRE_THROWS_AS(
      [&] {
        auto txn = Txn::Begin(*db);
        REQUIRE_OK(Insert(*db, "half"));
        throw std::runtime_error("bug");
      }(),
      std::runtime_error);
  REQUIRE(Count(*db) == 0);
  // The connection is usable again afterwards.
  auto txn = Txn::Begin(*db);
  REQUIRE_OK(txn);
  REQUIRE_OK(Insert(*db, "after"));
  REQUIRE_OK(txn->Commit());
  REQUIRE(Count(*db) == 1);
}

TEST_CASE("A failing statement inside a transaction leaves nothing behind") {
  auto db = MemoryDb();
  {
    auto txn = Txn::Begin(*db);
    REQUIRE_OK(Insert(*db, "first"));
    REQUIRE_ERR(Insert(*db, "first"), ErrorCode::kAlreadyExists, "already exists");
  }
  REQUIRE(Count(*db) == 0);
}

TEST_CASE("SQLite errors are translated without leaking SQLite's text") {
  auto db = MemoryDb();
  REQUIRE_OK(Insert(*db, "x"));
  auto dup = Insert(*db, "x");
  REQUIRE_ERR(dup, ErrorCode::kAlreadyExists, "Resource already exists");
  REQUIRE_THAT(dup.error().message, !Catch::Contains("UNIQUE"));
  auto bad = db->Prepare("SELEC nonsense");
  REQUIRE_ERR(bad, ErrorCode::kInternal, "Internal database error");
  REQUIRE_THAT(bad.error().message, !Catch::Contains("syntax"));
}

TEST_CASE("Prepared statements are cached and reset between uses") {
  auto db = MemoryDb();
  REQUIRE_OK(Insert(*db, "a"));
  REQUIRE_OK(Insert(*db, "b"));
  REQUIRE(db->cached_statements() == 1);
  for (int round = 0; round < 3; ++round) {
    auto stmt = db->Prepare("SELECT name FROM t WHERE name = ?");
    REQUIRE_OK(stmt);
    stmt->Bind(1, round % 2 ? "b" : "a");
    REQUIRE(stmt->Step().value());
    REQUIRE(stmt->Text(0) == (round % 2 ? "b" : "a"));
  }  // leaving a row unread must not leak into the next use
  REQUIRE(db->cached_statements() == 2);
}

TEST_CASE("Nested use of one cached statement gets an independent statement") {
  auto db = MemoryDb();
  REQUIRE_OK(Insert(*db, "a"));
  REQUIRE_OK(Insert(*db, "b"));
  auto outer = db->Prepare("SELECT name FROM t ORDER BY name");
  REQUIRE(outer->Step().value());
  auto inner = db->Prepare("SELECT name FROM t ORDER BY name");
  REQUIRE(inner->Step().value());
  REQUIRE(inner->Text(0) == "a");
  REQUIRE(outer->Step().value());
  REQUIRE(outer->Text(0) == "b");
}

TEST_CASE("Migrations apply once, in order, each recorded") {
  auto db = Db::Open({":memory:", OpenFlags::kReadWriteCreate, "OFF", 1000}).value();
  std::vector<Migration> migrations = {
      {1, "one", "CREATE TABLE a (x INTEGER) STRICT;"},
      {2, "two", "CREATE TABLE b (y INTEGER) STRICT; INSERT INTO b VALUES (1);"},
  };
  std::vector<int> hooked;
  auto hook = [&](Db&, int version) -> Status {
    hooked.push_back(version);
    return OkStatus();
  };
  REQUIRE(ApplyMigrations(*db, migrations, hook).value() == 2);
  REQUIRE(hooked == std::vector<int>{1, 2});
  REQUIRE(SchemaVersion(*db).value() == 2);
  REQUIRE(ApplyMigrations(*db, migrations, hook).value() == 0);  // idempotent
  REQUIRE(db->QueryInt("SELECT count(*) FROM b").value() == 1);
  REQUIRE(db->QueryInt("SELECT count(*) FROM goatflow_schema_version").value() == 2);
}

TEST_CASE("A failing migration is rolled back entirely") {
  auto db = Db::Open({":memory:", OpenFlags::kReadWriteCreate, "OFF", 1000}).value();
  std::vector<Migration> migrations = {
      {1, "one", "CREATE TABLE a (x INTEGER) STRICT;"},
      {2, "broken", "CREATE TABLE b (y INTEGER) STRICT; INSERT INTO nowhere VALUES (1);"},
  };
  REQUIRE_FALSE(ApplyMigrations(*db, migrations).ok());
  REQUIRE(SchemaVersion(*db).value() == 1);
  REQUIRE(db->QueryInt("SELECT count(*) FROM sqlite_schema WHERE name = 'b'").value() == 0);
}

TEST_CASE("A schema newer than the build is refused and left untouched") {
  auto db = Db::Open({":memory:", OpenFlags::kReadWriteCreate, "OFF", 1000}).value();
  std::vector<Migration> v3 = {{1, "a", "CREATE TABLE a (x INTEGER) STRICT;"},
                               {2, "b", "CREATE TABLE b (x INTEGER) STRICT;"},
                               {3, "c", "CREATE TABLE c (x INTEGER) STRICT;"}};
  REQUIRE_OK(ApplyMigrations(*db, v3));
  std::vector<Migration> v1(v3.begin(), v3.begin() + 1);
  REQUIRE_ERR(ApplyMigrations(*db, v1), ErrorCode::kFailedPrecondition, "newer than this goatflow");
  REQUIRE(SchemaVersion(*db).value() == 3);
}

TEST_CASE("Helpdesk::Open refuses a database from a newer goatflow") {
  TempDir dir;
  std::string path = dir.File("hd.db");
  { testing::OpenTestHelpdesk(testing::TestOptions(path)); }
  {
    auto db = Db::Open({path, OpenFlags::kReadWrite, "FULL", 1000}).value();
    REQUIRE_OK(db->Exec("INSERT INTO goatflow_schema_version (version, name) VALUES (999, 'future')"));
  }
  REQUIRE_ERR(Helpdesk::Open(testing::TestOptions(path)), ErrorCode::kFailedPrecondition,
              "Database schema version 999 is newer");
}

TEST_CASE("A non-goatflow SQLite database is refused") {
  TempDir dir;
  std::string path = dir.File("other.db");
  {
    auto db = Db::Open({path, OpenFlags::kReadWriteCreate, "FULL", 1000}).value();
    REQUIRE_OK(db->Exec("CREATE TABLE mine (x INTEGER)"));
  }
  REQUIRE_ERR(Helpdesk::Open(testing::TestOptions(path)), ErrorCode::kFailedPrecondition,
              "not a goatflow database");
  auto db = Db::Open({path, OpenFlags::kReadWrite, "FULL", 1000}).value();
  REQUIRE(db->QueryInt("SELECT count(*) FROM sqlite_schema").value() == 1);
}

TEST_CASE("Writers serialise and readers run beside them") {
  TempDir dir;
  auto pool = Pool::Open({dir.File("p.db"), true, Durability::kOff, 3, 5000});
  REQUIRE_OK(pool);
  {
    auto w = (*pool)->Writer();
    REQUIRE_OK(w->Exec("CREATE TABLE n (v INTEGER) STRICT"));
  }
  REQUIRE_OK((*pool)->OpenReaders());
  constexpr int kThreads = 4, kWrites = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kWrites; ++i) {
        {
          auto w = (*pool)->Writer();
          auto txn = Txn::Begin(w.db());
          if (!txn.ok() || !w->Exec("INSERT INTO n VALUES (1)").ok() || !txn->Commit().ok())
            ++failures;
        }
        auto r = (*pool)->Reader();
        if (!r->QueryInt("SELECT count(*) FROM n").ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  REQUIRE(failures == 0);
  auto r = (*pool)->Reader();
  REQUIRE(r->QueryInt("SELECT count(*) FROM n").value() == kThreads * kWrites);
  REQUIRE_FALSE(r->Exec("INSERT INTO n VALUES (2)").ok());  // readers are read-only
}

}  // namespace
}  // namespace goatflow::store
