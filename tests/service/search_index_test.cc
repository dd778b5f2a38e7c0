// The full-text index (migration 0003) follows every write in the same
// transaction: create, update, new article, visibility, customer edits.

#include <string>

#include "service/ticket_fixture.h"

namespace goatflow {
namespace {

using testing::TicketFixture;

// Ticket ids matching `match` in `column` (or any column when empty).
std::int64_t Matches(TicketFixture& f, const std::string& match, const std::string& column = "") {
  std::string expr = column.empty() ? match : "{" + column + "}: " + match;
  return f.QueryInt("SELECT count(*) FROM ticket_search WHERE ticket_search MATCH '" + expr + "'");
}

TEST_CASE("A ticket is in the index as soon as its create commits, accents folded") {
  TicketFixture f;
  auto group = f.AddGroup("support");
  auto queue = f.AddQueue("Support", group);
  CreateTicketRequest request;
  request.title = "Résumé upload fails";
  request.queue_id = queue;
  request.body = "The café printer jams on page two";
  auto ticket = f.tickets().Create(TicketFixture::Admin(), request);
  REQUIRE_OK(ticket);
  REQUIRE(Matches(f, "resume", "title") == 1);
  REQUIRE(Matches(f, "cafe") == 1);
  REQUIRE(Matches(f, "\"" + ticket->tn + "\"", "tn") == 1);
  REQUIRE(Matches(f, "jams", "public_text") == 1);  // agent-created first article is visible

  UpdateTicketRequest update;
  update.title = "Scanner offline";
  REQUIRE_OK(f.tickets().Update(TicketFixture::Admin(), ticket->id, update));
  REQUIRE(Matches(f, "resume", "title") == 0);
  REQUIRE(Matches(f, "resume", "public_text") == 1);  // the first article's subject keeps it
  REQUIRE(Matches(f, "scanner", "title") == 1);
}

TEST_CASE("Internal notes are indexed apart from customer-visible text") {
  TicketFixture f;
  auto group = f.AddGroup("support");
  auto queue = f.AddQueue("Support", group);
  Ticket ticket = f.NewTicket(queue);
  AddArticleRequest note;
  note.body = "escalate to vendor quietly";
  note.article_type = "note-internal";
  auto article = f.tickets().AddArticle(TicketFixture::Admin(), ticket.id, note);
  REQUIRE_OK(article);
  REQUIRE(Matches(f, "vendor", "internal_text") == 1);
  REQUIRE(Matches(f, "vendor", "tn title customer public_text") == 0);

  AddArticleRequest reply;
  reply.body = "we ordered a replacement";
  reply.article_type = "email-external";
  REQUIRE_OK(f.tickets().AddArticle(TicketFixture::Admin(), ticket.id, reply));
  REQUIRE(Matches(f, "replacement", "public_text") == 1);
  REQUIRE(Matches(f, "vendor", "internal_text") == 1);

  f.Sql("UPDATE article SET is_visible_for_customer = 1 WHERE id = " +
        std::to_string(article->id));
  REQUIRE(Matches(f, "vendor", "public_text") == 1);
  REQUIRE(Matches(f, "vendor", "internal_text") == 0);
}

TEST_CASE("The customer column follows the ticket's customer user") {
  TicketFixture f;
  auto group = f.AddGroup("support");
  auto queue = f.AddQueue("Support", group);
  f.AddCustomer("jdoe", "acme");
  Ticket ticket = f.NewTicket(queue, "Invoice missing", "jdoe");
  REQUIRE(Matches(f, "jdoe", "customer") == 1);
  REQUIRE(Matches(f, "acme", "customer") == 1);
  f.Sql("UPDATE customer_user SET last_name = 'Lovelace' WHERE login = 'jdoe'");
  REQUIRE(Matches(f, "lovelace", "customer") == 1);
  REQUIRE(f.QueryInt("SELECT count(*) FROM ticket_search") == 1);
  REQUIRE(f.QueryInt("SELECT rowid FROM ticket_search") == ticket.id);
}

}  // namespace
}  // namespace goatflow
