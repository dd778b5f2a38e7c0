// Helpdesk::RunDueJobs with the fake clock: pending reminders fire once,
// pending auto-close, the unlock timeout, expired sessions and tokens.

#include <chrono>

#include "goatflow/dashboard.h"
#include "goatflow/tickets.h"
#include "support/test_support.h"
#include "ticket_fixture.h"

namespace goatflow {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::TicketFixture;

struct Desk {
  TicketFixture f;
  std::int64_t group = 0, queue = 0, alice = 0, bob = 0;

  Desk() {
    group = f.AddGroup("support");
    queue = f.AddQueue("Support", group);
    alice = f.AddAgent("alice", group, {"rw"});
    bob = f.AddAgent("bob", group, {"rw"});
  }

  // A ticket in `state` owned by alice with bob responsible, pending for one hour.
  Ticket Pending(const std::string& state) {
    CreateTicketRequest r;
    r.title = "Waiting for the customer";
    r.queue_id = queue;
    r.state = state;
    r.owner_id = alice;
    r.responsible_id = bob;
    r.pending_until = "2026-03-01T10:00:00Z";  // the fixture starts at 09:00
    auto t = f.tickets().Create(TicketFixture::Admin(), r);
    REQUIRE_OK(t);
    return *t;
  }

  JobRunSummary Run() {
    JobRunSummary summary = f.hd().RunDueJobs(f.clock().Now());
    CHECK(summary.ok());
    return summary;
  }

  std::int64_t Reminders(std::int64_t agent) {
    return f.QueryInt("SELECT count(*) FROM notification WHERE kind = 'pending_reminder' AND "
                      "user_id = " + std::to_string(agent));
  }
};

TEST_CASE("A pending reminder notifies owner and responsible once") {
  Desk d;
  Ticket t = d.Pending("pending reminder");
  CHECK(d.Run().reminders_fired == 0);  // not due yet
  d.f.clock().Advance(hours(2));
  JobRunSummary first = d.Run();
  CHECK(first.reminders_fired == 1);
  CHECK(first.reminder_notifications == 2);
  CHECK(d.Reminders(d.alice) == 1);
  CHECK(d.Reminders(d.bob) == 1);
  CHECK(d.Run().reminders_fired == 0);  // once per reminder
  d.f.clock().Advance(hours(1));
  CHECK(d.Run().reminders_fired == 0);
  auto still = d.f.tickets().Get(TicketFixture::Admin(), t.id);
  REQUIRE_OK(still);
  CHECK(still->state == "pending reminder");  // the state does not change

  // A new pending time is a new reminder.
  UpdateTicketRequest later;
  later.pending_until = "2026-03-01T13:00:00Z";
  REQUIRE_OK(d.f.tickets().Update(TicketFixture::Admin(), t.id, later));
  d.f.clock().Advance(hours(2));
  CHECK(d.Run().reminders_fired == 1);
  CHECK(d.Reminders(d.alice) == 2);
}

TEST_CASE("Pending auto close moves the ticket to its closed state with history") {
  Desk d;
  Ticket plus = d.Pending("pending auto close+");
  Ticket minus = d.Pending("pending auto close-");
  CHECK(d.Run().auto_closed == 0);
  d.f.clock().Advance(hours(2));
  CHECK(d.Run().auto_closed == 2);
  CHECK(d.Run().auto_closed == 0);  // idempotent
  auto closed = d.f.tickets().Get(TicketFixture::Admin(), plus.id);
  REQUIRE_OK(closed);
  CHECK(closed->state == "closed successful");
  CHECK_FALSE(closed->pending_until.has_value());
  CHECK(closed->updated_by == 1);
  CHECK(d.f.tickets().Get(TicketFixture::Admin(), minus.id)->state == "closed unsuccessful");
  auto history = d.f.tickets().History(TicketFixture::Admin(), plus.id);
  REQUIRE_OK(history);
  CHECK(history->history[0].history_type == "SetPendingTime");
  CHECK(history->history[1].history_type == "StateUpdate");
  CHECK(history->history[1].created_by == 1);
  // The owner hears that the system closed the ticket; the counters follow.
  CHECK(d.f.QueryInt("SELECT count(*) FROM notification WHERE kind = 'ticket_closed' AND "
                     "user_id = " + std::to_string(d.alice)) == 2);
  CHECK(d.f.hd().Dashboard().Stats(TicketFixture::Admin())->closed_today == 2);
  auto check = d.f.hd().Dashboard().CheckCounters(TicketFixture::Admin());
  REQUIRE_OK(check);
  CHECK(check->consistent);
}

TEST_CASE("The queue's unlock timeout unlocks idle locked tickets") {
  Desk d;
  d.f.Sql("UPDATE queue SET unlock_timeout = 10 WHERE id = " + std::to_string(d.queue));
  Ticket t = d.f.NewTicket(d.queue);
  REQUIRE_OK(d.f.tickets().Lock(TicketFixture::Agent(d.alice), t.id));
  d.f.clock().Advance(minutes(9));
  CHECK(d.Run().unlocked == 0);
  d.f.clock().Advance(minutes(2));
  CHECK(d.Run().unlocked == 1);
  CHECK(d.Run().unlocked == 0);
  auto after = d.f.tickets().Get(TicketFixture::Admin(), t.id);
  REQUIRE_OK(after);
  CHECK(after->lock == "unlock");
  CHECK(after->owner_id == d.alice);
  auto history = d.f.tickets().History(TicketFixture::Admin(), t.id);
  REQUIRE_OK(history);
  CHECK(history->history[0].history_type == "Unlock");

  SECTION("queues without a timeout keep their locks") {
    d.f.Sql("UPDATE queue SET unlock_timeout = 0 WHERE id = " + std::to_string(d.queue));
    REQUIRE_OK(d.f.tickets().Lock(TicketFixture::Agent(d.alice), t.id));
    d.f.clock().Advance(hours(48));
    CHECK(d.Run().unlocked == 0);
  }
}

TEST_CASE("Expired sessions and refresh tokens are removed") {
  Desk d;
  // One session past its absolute end, one idle too long, one alive; a refresh
  // token of the expired session and an expired one of the live session.
  d.f.Sql(R"sql(
    INSERT INTO sessions (id, session_id, user_kind, user_id, user_login, create_time,
                          last_request, expires_at)
    VALUES (1, 'a', 'agent', 2, 'alice', '2026-02-28 09:00:00', '2026-03-01 08:59:00',
            '2026-03-01 08:00:00'),
           (2, 'b', 'agent', 2, 'alice', '2026-03-01 01:00:00', '2026-03-01 01:00:00',
            '2026-03-01 17:00:00'),
           (3, 'c', 'agent', 2, 'alice', '2026-03-01 08:00:00', '2026-03-01 08:55:00',
            '2026-03-02 00:00:00');
    INSERT INTO auth_refresh_token (jti_hash, family_id, session_id, user_kind, user_id,
                                    expires_at)
    VALUES ('x', 'f1', 1, 'agent', 2, '2026-03-02 00:00:00'),
           ('y', 'f3', 3, 'agent', 2, '2026-03-01 08:00:00'),
           ('z', 'f3', 3, 'agent', 2, '2026-03-02 00:00:00');)sql");
  JobRunSummary summary = d.Run();
  CHECK(summary.sessions_and_tokens_removed == 3);  // sessions 1 and 2, token y (x cascades)
  CHECK(d.f.QueryInt("SELECT group_concat(id) FROM sessions") == 3);
  CHECK(d.f.QueryInt("SELECT count(*) FROM auth_refresh_token") == 1);
  CHECK(d.Run().sessions_and_tokens_removed == 0);
}

}  // namespace
}  // namespace goatflow
