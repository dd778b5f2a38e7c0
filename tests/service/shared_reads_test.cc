// Helpdesk::ShareReads: the reads of one thread share one snapshot (the
// server's GET requests authenticate and run their use case in it), a write
// ends it, and other threads are unaffected.

#include <thread>

#include "goatflow/tickets.h"
#include "support/test_support.h"
#include "ticket_fixture.h"

namespace goatflow {
namespace {

using testing::TicketFixture;

std::string TitleOf(TicketFixture& f, std::int64_t id) {
  auto ticket = f.tickets().Get(TicketFixture::Admin(), id);
  REQUIRE_OK(ticket);
  return ticket->title;
}

TEST_CASE("Reads inside ShareReads see one snapshot and after it they see new commits") {
  TicketFixture f;
  Ticket t = f.NewTicket(2, "Before");
  {
    SharedReads reads = f.hd().ShareReads();
    REQUIRE(TitleOf(f, t.id) == "Before");
    f.Sql("UPDATE ticket SET title = 'Committed elsewhere' WHERE id = " + std::to_string(t.id));
    REQUIRE(TitleOf(f, t.id) == "Before");  // the same snapshot as the first read
    // Another thread reads on its own.
    std::string seen;
    std::thread other([&] { seen = TitleOf(f, t.id); });
    other.join();
    REQUIRE(seen == "Committed elsewhere");
  }
  REQUIRE(TitleOf(f, t.id) == "Committed elsewhere");
}

TEST_CASE("A write inside ShareReads ends the shared snapshot, so later reads see it") {
  TicketFixture f;
  Ticket t = f.NewTicket(2, "Before");
  SharedReads reads = f.hd().ShareReads();
  REQUIRE(TitleOf(f, t.id) == "Before");
  f.Sql("UPDATE ticket SET title = 'Elsewhere' WHERE id = " + std::to_string(t.id));
  auto updated = f.tickets().Update(TicketFixture::Admin(), t.id, {.title = "Updated here"});
  REQUIRE_OK(updated);
  REQUIRE(TitleOf(f, t.id) == "Updated here");
}

TEST_CASE("On an in-memory database a write inside ShareReads gets the one connection") {
  auto hd = testing::OpenTestHelpdesk();  // readers and the writer are one connection
  SharedReads reads = hd->ShareReads();
  CreateTicketRequest request;
  request.title = "First";
  request.queue_id = 2;
  auto first = hd->Tickets().Create(TicketFixture::Admin(), request);
  REQUIRE_OK(first);
  REQUIRE_OK(hd->Tickets().Get(TicketFixture::Admin(), first->id));  // holds the connection
  request.title = "Second";
  REQUIRE_OK(hd->Tickets().Create(TicketFixture::Admin(), request));  // would wait forever
  REQUIRE_OK(hd->GetStoreStatus());
}

}  // namespace
}  // namespace goatflow
