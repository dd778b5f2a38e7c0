// Many threads creating and updating tickets on one file database: ticket
// numbers stay unique, no update is lost and every change has its history.

#include <atomic>
#include <set>
#include <thread>

#include "goatflow/tickets.h"
#include "support/test_support.h"
#include "ticket_fixture.h"

namespace goatflow {
namespace {

using testing::TicketFixture;

TEST_CASE("Concurrent creates and updates keep numbers unique and history complete") {
  TicketFixture f;
  constexpr int kThreads = 6;
  constexpr int kPerThread = 15;
  std::vector<std::vector<std::int64_t>> created(kThreads);
  std::vector<std::string> failures[kThreads];
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        CreateTicketRequest request;
        request.title = "thread " + std::to_string(t) + " ticket " + std::to_string(i);
        request.queue_id = 2;
        request.body = "body";
        auto ticket = f.tickets().Create(TicketFixture::Admin(), request);
        if (!ticket.ok()) {
          failures[t].push_back(ticket.error().message);
          continue;
        }
        created[t].push_back(ticket->id);
        AddArticleRequest note;
        note.body = "note " + std::to_string(i);
        auto article = f.tickets().AddArticle(TicketFixture::Admin(), ticket->id, note);
        if (!article.ok()) failures[t].push_back(article.error().message);
        auto updated = f.tickets().Update(TicketFixture::Admin(), ticket->id,
                                          {.title = request.title + " (seen)"});
        if (!updated.ok()) failures[t].push_back(updated.error().message);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    REQUIRE(failures[t].empty());
    REQUIRE(created[t].size() == static_cast<std::size_t>(kPerThread));
  }
  constexpr int kTotal = kThreads * kPerThread;
  REQUIRE(f.QueryInt("SELECT count(DISTINCT tn) FROM ticket") == kTotal);
  REQUIRE(f.QueryInt("SELECT max(counter) FROM ticket_number_counter") == kTotal);
  REQUIRE(f.QueryInt("SELECT count(*) FROM ticket WHERE title LIKE '% (seen)'") == kTotal);
  REQUIRE(f.QueryInt("SELECT count(*) FROM article") == 2 * kTotal);
  // NewTicket, AddNote (first article), AddNote (note), TitleUpdate per ticket.
  REQUIRE(f.QueryInt("SELECT count(*) FROM ticket_history") == 4 * kTotal);
  REQUIRE(f.QueryInt("SELECT count(*) FROM (SELECT ticket_id FROM ticket_history "
                     "GROUP BY ticket_id HAVING count(*) = 4)") == kTotal);
}

TEST_CASE("Concurrent writers on one ticket lose no article, title or history row") {
  TicketFixture f;
  Ticket shared = f.NewTicket(2, "shared");
  constexpr int kThreads = 4;
  constexpr int kEach = 12;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        AddArticleRequest note;
        note.body = "thread " + std::to_string(t) + " note " + std::to_string(i);
        if (!f.tickets().AddArticle(TicketFixture::Admin(), shared.id, note).ok()) ++failures;
        UpdateTicketRequest update;
        update.priority_id = 1 + (t + i) % 5;
        if (!f.tickets().Update(TicketFixture::Admin(), shared.id, update).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  REQUIRE(failures == 0);
  auto ticket = f.tickets().Get(TicketFixture::Admin(), shared.id);
  REQUIRE_OK(ticket);
  REQUIRE(ticket->article_count == 1 + kThreads * kEach);
  REQUIRE(f.QueryInt("SELECT count(*) FROM ticket_history h JOIN ticket_history_type y ON "
                     "y.id = h.history_type_id WHERE y.name = 'AddNote'") == 1 + kThreads * kEach);
  // The last PriorityUpdate row's snapshot is the ticket's final priority.
  REQUIRE(f.QueryInt("SELECT priority_id FROM ticket_history WHERE history_type_id = (SELECT id "
                     "FROM ticket_history_type WHERE name = 'PriorityUpdate') ORDER BY id DESC "
                     "LIMIT 1") == ticket->priority_id);
}

}  // namespace
}  // namespace goatflow
