// The per-connection vocabulary of ticket rows (store/catalog.h): names are
// cached, yet a reader never shows a name older than its snapshot, whichever
// connection or process changed it, and never one a rollback undid.

#include "store/db.h"
#include "store/txn.h"
#include "store/catalog.h"
#include "support/test_support.h"

namespace goatflow::store {
namespace {

using testing::TempDir;

std::string ReadQueueName(Db& db, std::int64_t id) {
  auto txn = Txn::Begin(db, Txn::Mode::kDeferred);
  REQUIRE_OK(txn);
  auto names = CurrentCatalog(db);
  REQUIRE_OK(names);
  const QueueName* queue = (*names)->queues.Find(id);
  return queue != nullptr ? queue->name : "<none>";
}

Status RenameQueue(Db& db, std::int64_t id, std::string_view name) {
  auto stmt = db.Prepare("UPDATE queue SET name = ? WHERE id = ?");
  if (!stmt.ok()) return std::move(stmt).error();
  stmt->BindAll(name, id);
  return stmt->Run();
}

struct Connections {
  TempDir dir;
  std::unique_ptr<Db> reader;
  std::unique_ptr<Db> writer;
  std::int64_t queue_id = 0;

  Connections() {
    std::string path = dir.File("vocabulary.db");
    { testing::OpenTestHelpdesk(testing::TestOptions(path)); }
    reader = Db::Open({path, OpenFlags::kReadWrite, "FULL", 1000}).value();
    writer = Db::Open({path, OpenFlags::kReadWrite, "FULL", 1000}).value();
    queue_id = reader->QueryInt("SELECT min(id) FROM queue").value();
  }
};

TEST_CASE("A cached queue name follows a rename committed on another connection") {
  Connections c;
  std::string before = ReadQueueName(*c.reader, c.queue_id);
  REQUIRE(before != "<none>");
  REQUIRE(ReadQueueName(*c.reader, c.queue_id) == before);  // served from the cache
  REQUIRE_OK(RenameQueue(*c.writer, c.queue_id, "Renamed elsewhere"));
  REQUIRE(ReadQueueName(*c.reader, c.queue_id) == "Renamed elsewhere");
}

TEST_CASE("A read transaction keeps the names of its snapshot") {
  Connections c;
  std::string before = ReadQueueName(*c.reader, c.queue_id);
  auto txn = Txn::Begin(*c.reader, Txn::Mode::kDeferred);
  REQUIRE_OK(txn);
  REQUIRE_OK(CurrentCatalog(*c.reader));  // the snapshot starts here
  REQUIRE_OK(RenameQueue(*c.writer, c.queue_id, "After the snapshot"));
  auto names = CurrentCatalog(*c.reader);
  REQUIRE_OK(names);
  REQUIRE((*names)->queues.Find(c.queue_id)->name == before);
}

TEST_CASE("A name seen inside a rolled-back write transaction is never shown afterwards") {
  Connections c;
  std::string before = ReadQueueName(*c.writer, c.queue_id);
  {
    auto txn = Txn::Begin(*c.writer, Txn::Mode::kImmediate);
    REQUIRE_OK(txn);
    REQUIRE_OK(RenameQueue(*c.writer, c.queue_id, "Rolled back"));
    auto names = CurrentCatalog(*c.writer);  // the transaction sees its own change
    REQUIRE_OK(names);
    REQUIRE((*names)->queues.Find(c.queue_id)->name == "Rolled back");
  }  // rolled back
  REQUIRE(ReadQueueName(*c.reader, c.queue_id) == before);
  // Another connection's committed change now takes the generation number the
  // rolled-back transaction had used; the writer must not mistake its names for it.
  REQUIRE_OK(RenameQueue(*c.reader, c.queue_id, "Committed"));
  REQUIRE(ReadQueueName(*c.writer, c.queue_id) == "Committed");
}

TEST_CASE("Changing a login, a state or a priority refreshes the cached names") {
  Connections c;
  auto names = [&]() {
    auto txn = Txn::Begin(*c.reader, Txn::Mode::kDeferred);
    REQUIRE_OK(txn);
    auto v = CurrentCatalog(*c.reader);
    REQUIRE_OK(v);
    return std::make_tuple(*(*v)->logins.Find(1), (*v)->states.Find(1)->name,
                           *(*v)->priorities.Find(1));
  };
  names();
  REQUIRE_OK(c.writer->Exec("UPDATE users SET login = 'root' WHERE id = 1"));
  REQUIRE(std::get<0>(names()) == "root");
  REQUIRE_OK(c.writer->Exec("UPDATE ticket_state SET name = 'brand new' WHERE id = 1"));
  REQUIRE(std::get<1>(names()) == "brand new");
  REQUIRE_OK(c.writer->Exec("UPDATE ticket_priority SET name = '1 lowest' WHERE id = 1"));
  REQUIRE(std::get<2>(names()) == "1 lowest");
}

}  // namespace
}  // namespace goatflow::store
