// Notifications created by ticket events, never for the actor; listing,
// pagination, unread filter and marking read.

#include "goatflow/dashboard.h"
#include "goatflow/tickets.h"
#include "support/test_support.h"
#include "ticket_fixture.h"

namespace goatflow {
namespace {

using testing::TicketFixture;

struct Team {
  TicketFixture f;
  std::int64_t group = 0, qa = 0, qb = 0, alice = 0, bob = 0, carol = 0;

  Team() {
    group = f.AddGroup("support");
    qa = f.AddQueue("QA", group);
    qb = f.AddQueue("QB", group);
    alice = f.AddAgent("alice", group, {"rw"});
    bob = f.AddAgent("bob", group, {"rw"});
    carol = f.AddCustomer("carol", "ACME");
  }

  std::vector<Notification> Of(std::int64_t agent) {
    ListNotificationsRequest r;
    r.page.limit = 100;
    auto page = f.hd().Dashboard().Notifications(TicketFixture::Agent(agent), r);
    REQUIRE_OK(page);
    return page->notifications;
  }

  Ticket OwnedBy(std::int64_t owner) {
    CreateTicketRequest r;
    r.title = "Printer on fire";
    r.queue_id = qa;
    r.owner_id = owner;
    r.customer_user_id = "carol";
    auto t = f.tickets().Create(TicketFixture::Agent(owner), r);
    REQUIRE_OK(t);
    return *t;
  }
};

TEST_CASE("Assigning a ticket notifies the new owner, never the actor") {
  Team w;
  Ticket t = w.OwnedBy(w.bob);
  CHECK(w.Of(w.bob).empty());  // bob created and owns it: he is the actor
  AssignTicketRequest assign;
  assign.owner_id = w.alice;
  REQUIRE_OK(w.f.tickets().Assign(TicketFixture::Agent(w.bob), t.id, assign));
  auto notes = w.Of(w.alice);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].type == "ticket_assigned");
  CHECK(notes[0].ticket_id == t.id);
  CHECK(notes[0].title == "Ticket #" + t.tn + " assigned to you");
  CHECK_FALSE(notes[0].read);
  CHECK(w.Of(w.bob).empty());

  // Taking a ticket oneself notifies nobody.
  Ticket other = w.OwnedBy(w.bob);
  AssignTicketRequest self;
  self.owner_id = w.alice;
  REQUIRE_OK(w.f.tickets().Assign(TicketFixture::Agent(w.alice), other.id, self));
  CHECK(w.Of(w.alice).size() == 1);
}

TEST_CASE("Owners hear of customer articles, moves and closes by others") {
  Team w;
  Ticket t = w.OwnedBy(w.alice);
  AddArticleRequest article;
  article.body = "Any news?";
  article.subject = "Follow-up";
  REQUIRE_OK(w.f.tickets().AddArticle(TicketFixture::Customer(w.carol), t.id, article));
  REQUIRE_OK(w.f.tickets().MoveQueue(TicketFixture::Agent(w.bob), t.id, {w.qb, std::nullopt}));
  REQUIRE_OK(w.f.tickets().Close(TicketFixture::Agent(w.bob), t.id, {}));
  auto notes = w.Of(w.alice);
  REQUIRE(notes.size() == 3);  // newest first
  CHECK(notes[0].type == "ticket_closed");
  CHECK(notes[1].type == "ticket_moved");
  CHECK(notes[1].title == "Ticket #" + t.tn + " moved to QB");
  CHECK(notes[2].type == "customer_article");
  CHECK(notes[2].message == "Follow-up");
  CHECK(w.Of(w.bob).empty());

  // The owner's own changes and internal notes notify nobody.
  ReopenTicketRequest reopen;
  reopen.reason = "again";
  REQUIRE_OK(w.f.tickets().Reopen(TicketFixture::Agent(w.alice), t.id, reopen));
  REQUIRE_OK(w.f.tickets().MoveQueue(TicketFixture::Agent(w.alice), t.id, {w.qa, std::nullopt}));
  REQUIRE_OK(w.f.tickets().Close(TicketFixture::Agent(w.alice), t.id, {}));
  AddArticleRequest note;
  note.body = "internal remark";
  REQUIRE_OK(w.f.tickets().AddArticle(TicketFixture::Agent(w.bob), t.id, note));
  CHECK(w.Of(w.alice).size() == 3);
}

TEST_CASE("Unassigned tickets notify no owner") {
  Team w;
  CreateTicketRequest r;
  r.title = "From the web";
  auto t = w.f.tickets().Create(TicketFixture::Customer(w.carol), r);
  REQUIRE_OK(t);
  AddArticleRequest article;
  article.body = "hello?";
  REQUIRE_OK(w.f.tickets().AddArticle(TicketFixture::Customer(w.carol), t->id, article));
  CHECK(w.f.QueryInt("SELECT count(*) FROM notification") == 0);
}

TEST_CASE("Notifications page, filter unread and are marked read by their owner only") {
  Team w;
  for (int i = 0; i < 3; ++i) {
    Ticket t = w.OwnedBy(w.bob);
    AssignTicketRequest assign;
    assign.owner_id = w.alice;
    REQUIRE_OK(w.f.tickets().Assign(TicketFixture::Agent(w.bob), t.id, assign));
  }
  auto& dash = w.f.hd().Dashboard();
  RequestContext alice = TicketFixture::Agent(w.alice);
  ListNotificationsRequest first;
  first.page.limit = 2;
  auto page = dash.Notifications(alice, first);
  REQUIRE_OK(page);
  CHECK(page->notifications.size() == 2);
  CHECK(page->unread_count == 3);
  CHECK(page->pagination.total == 3);
  CHECK(page->pagination.has_next);
  std::int64_t newest = page->notifications[0].id;

  auto read = dash.MarkNotificationRead(alice, newest);
  REQUIRE_OK(read);
  CHECK(read->id == newest);
  CHECK(read->read);
  REQUIRE_OK(dash.MarkNotificationRead(alice, newest));  // again: still fine

  ListNotificationsRequest unread;
  unread.unread_only = true;
  auto left = dash.Notifications(alice, unread);
  REQUIRE_OK(left);
  CHECK(left->unread_count == 2);
  CHECK(left->pagination.total == 2);
  for (const Notification& n : left->notifications) CHECK(n.id != newest);

  REQUIRE_ERR(dash.MarkNotificationRead(TicketFixture::Agent(w.bob), newest),
              ErrorCode::kNotFound, "Notification not found");
  REQUIRE_ERR(dash.MarkNotificationRead(TicketFixture::Customer(w.carol), newest),
              ErrorCode::kNotFound, "Notification not found");
  REQUIRE_ERR(dash.MarkNotificationRead(alice, 999999), ErrorCode::kNotFound,
              "Notification not found");
  auto carol = dash.Notifications(TicketFixture::Customer(w.carol), {});
  REQUIRE_OK(carol);
  CHECK(carol->notifications.empty());
  CHECK(carol->unread_count == 0);
}

}  // namespace
}  // namespace goatflow
