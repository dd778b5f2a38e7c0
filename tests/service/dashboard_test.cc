// Dashboard figures per caller against a hand-computed fixture, charts, the
// caller's own tickets, activity, and the maintained counters against a recount.

#include <chrono>

#include "goatflow/dashboard.h"
#include "goatflow/tickets.h"
#include "support/test_support.h"
#include "ticket_fixture.h"

namespace goatflow {
namespace {

using std::chrono::hours;
using testing::TicketFixture;

// Queues qa (group ga) and qb (group gb); alice has rw on ga only, bob rw on
// both; customer carol. Day 1 (2026-03-01 09:00 UTC): t1 in qa, t2 in qb,
// t2 closed that day. Day 2, 10:00 UTC ("now"): t3 in qa for carol owned by
// alice, t4 in qb for carol, t5 in qa pending reminder, t6 in qb owned by
// bob and escalated, t1 closed, t7 in qb archived.
struct World {
  TicketFixture f;
  std::int64_t ga = 0, gb = 0, qa = 0, qb = 0, alice = 0, bob = 0, carol = 0;
  Ticket t1, t2, t3, t4, t5, t6, t7;

  Ticket Create(std::int64_t queue, const std::string& title,
                std::optional<std::int64_t> owner = std::nullopt,
                const std::string& customer = "", const std::string& state = "new") {
    CreateTicketRequest r;
    r.title = title;
    r.queue_id = queue;
    r.owner_id = owner;
    r.state = state;
    if (state == "pending reminder") r.pending_until = "2026-03-05T00:00:00Z";
    if (!customer.empty()) r.customer_user_id = customer;
    auto t = f.tickets().Create(TicketFixture::Admin(), r);
    REQUIRE_OK(t);
    return *t;
  }

  void Close(const Ticket& t) { REQUIRE_OK(f.tickets().Close(TicketFixture::Admin(), t.id, {})); }

  World() {
    ga = f.AddGroup("ga");
    gb = f.AddGroup("gb");
    qa = f.AddQueue("QA", ga);
    qb = f.AddQueue("QB", gb);
    alice = f.AddAgent("alice", ga, {"rw"});
    bob = f.AddAgent("bob", ga, {"rw"});
    f.Grant(bob, gb, "rw");
    carol = f.AddCustomer("carol", "ACME");
    t1 = Create(qa, "one");
    t2 = Create(qb, "two");
    Close(t2);
    f.clock().Advance(hours(25));  // 2026-03-02 10:00 UTC
    t3 = Create(qa, "three", alice, "carol");
    t4 = Create(qb, "four", std::nullopt, "carol");
    t5 = Create(qa, "five", std::nullopt, "", "pending reminder");
    t6 = Create(qb, "six", bob);
    t7 = Create(qb, "seven");
    REQUIRE_OK(f.tickets().Archive(TicketFixture::Admin(), t7.id));
    Close(t1);
    f.Sql("UPDATE ticket SET escalation_time = unixepoch('2026-03-02 08:00:00') WHERE id = " +
          std::to_string(t6.id));
  }
};

DashboardStats StatsOf(World& w, const RequestContext& ctx) {
  auto stats = w.f.hd().Dashboard().Stats(ctx);
  REQUIRE_OK(stats);
  return *stats;
}

TEST_CASE("Dashboard stats per caller match the hand-computed figures") {
  World w;
  SECTION("admin sees every queue") {
    DashboardStats s = StatsOf(w, TicketFixture::Admin());
    CHECK(s.total_tickets == 6);  // t7 is archived
    CHECK(s.open_tickets == 3);   // t3 t4 t6
    CHECK(s.pending_tickets == 1);
    CHECK(s.closed_today == 2);   // t1 and the archived t7; t2 closed yesterday
    CHECK(s.created_today == 5);  // t3..t7
    CHECK(s.my_tickets == 4);     // owner or responsible 1, active: t3 (responsible) t4 t5 t6
    CHECK(s.overdue_tickets == 1);
    CHECK_FALSE(s.avg_response_time.has_value());
  }
  SECTION("an agent never sees counts from queues it cannot read") {
    DashboardStats s = StatsOf(w, TicketFixture::Agent(w.alice));
    CHECK(s.total_tickets == 3);  // t1 t3 t5
    CHECK(s.open_tickets == 1);
    CHECK(s.pending_tickets == 1);
    CHECK(s.closed_today == 1);
    CHECK(s.created_today == 2);
    CHECK(s.my_tickets == 1);  // t3
    CHECK(s.overdue_tickets == 0);
  }
  SECTION("bob reads both queues") {
    DashboardStats s = StatsOf(w, TicketFixture::Agent(w.bob));
    CHECK(s.total_tickets == 6);
    CHECK(s.my_tickets == 1);  // t6
    CHECK(s.overdue_tickets == 1);
  }
  SECTION("a customer sees figures about their own tickets only") {
    DashboardStats s = StatsOf(w, TicketFixture::Customer(w.carol));
    CHECK(s.total_tickets == 2);
    CHECK(s.open_tickets == 2);
    CHECK(s.pending_tickets == 0);
    CHECK(s.closed_today == 0);
    CHECK(s.created_today == 2);
    CHECK(s.my_tickets == 2);
    CHECK(s.overdue_tickets == 0);
  }
  SECTION("an agent without queues sees zeros") {
    std::int64_t nobody = w.f.AddAgent("nobody");
    DashboardStats s = StatsOf(w, TicketFixture::Agent(nobody));
    CHECK(s.total_tickets == 0);
    CHECK(s.created_today == 0);
    CHECK(s.closed_today == 0);
  }
}

TEST_CASE("Today starts at local midnight of setting TimeZone") {
  TicketFixture f;
  std::int64_t queue = f.AddQueue("Q", f.AddGroup("g"));
  f.clock().Set(testing::FixtureStart() + hours(11));  // 2026-03-01 20:00 UTC
  f.NewTicket(queue);
  f.clock().Set(testing::FixtureStart() + hours(16));  // 2026-03-02 01:00 UTC
  CHECK(f.hd().Dashboard().Stats(TicketFixture::Admin())->created_today == 0);
  // 2026-03-02 01:00 UTC is 10:00 in Tokyo, whose day began at 2026-03-01 15:00 UTC.
  f.Sql("INSERT INTO system_config (name, value, change_by) VALUES ('TimeZone', "
        "'\"Asia/Tokyo\"', 1)");
  CHECK(f.hd().Dashboard().Stats(TicketFixture::Admin())->created_today == 1);
  auto chart = f.hd().Dashboard().TicketsOverTime(TicketFixture::Admin(), 2);
  REQUIRE_OK(chart);
  CHECK(chart->labels == std::vector<std::string>{"2026-03-01", "2026-03-02"});
  CHECK(chart->datasets[0].data == std::vector<std::int64_t>{0, 1});
}

TEST_CASE("Charts count visible tickets by status, priority and day") {
  World w;
  auto& dash = w.f.hd().Dashboard();
  auto by_status = dash.TicketsByStatus(TicketFixture::Agent(w.alice));
  REQUIRE_OK(by_status);
  CHECK(by_status->labels == std::vector<std::string>{"new", "closed successful", "pending reminder"});
  CHECK(by_status->data == std::vector<std::int64_t>{1, 1, 1});
  auto by_priority = dash.TicketsByPriority(TicketFixture::Customer(w.carol));
  REQUIRE_OK(by_priority);
  CHECK(by_priority->labels == std::vector<std::string>{"3 normal"});
  CHECK(by_priority->data == std::vector<std::int64_t>{2});
  auto over_time = dash.TicketsOverTime(TicketFixture::Admin(), 3);
  REQUIRE_OK(over_time);
  CHECK(over_time->labels == std::vector<std::string>{"2026-02-28", "2026-03-01", "2026-03-02"});
  REQUIRE(over_time->datasets.size() == 2);
  CHECK(over_time->datasets[0].label == "Created");
  CHECK(over_time->datasets[0].data == std::vector<std::int64_t>{0, 2, 5});
  CHECK(over_time->datasets[1].label == "Closed");
  CHECK(over_time->datasets[1].data == std::vector<std::int64_t>{0, 1, 2});
  REQUIRE_ERR(dash.TicketsOverTime(TicketFixture::Admin(), 0), ErrorCode::kInvalidArgument,
              "days must be between 1 and 90");
}

TEST_CASE("My tickets are the active tickets I own or am responsible for") {
  World w;
  auto page = w.f.hd().Dashboard().MyTickets(TicketFixture::Agent(w.alice), {});
  REQUIRE_OK(page);
  REQUIRE(page->tickets.size() == 1);
  CHECK(page->tickets[0].id == w.t3.id);
  MyTicketsRequest closed;
  closed.filters.status = {"closed"};
  auto none = w.f.hd().Dashboard().MyTickets(TicketFixture::Agent(w.alice), closed);
  REQUIRE_OK(none);
  CHECK(none->pagination.total == 0);
  auto own = w.f.hd().Dashboard().MyTickets(TicketFixture::Customer(w.carol), {});
  REQUIRE_OK(own);
  CHECK(own->pagination.total == 2);
  CHECK(own->tickets[0].id == w.t4.id);  // updated desc
}

TEST_CASE("Activity lists visible history newest first") {
  World w;
  auto& dash = w.f.hd().Dashboard();
  auto all = dash.Activity(TicketFixture::Admin(), {});
  REQUIRE_OK(all);
  CHECK(all->pagination.total == w.f.QueryInt("SELECT count(*) FROM ticket_history"));
  REQUIRE(!all->activities.empty());
  CHECK(all->activities[0].ticket_id == w.t1.id);  // closing t1 was the last change
  CHECK(all->activities[0].type == "state_changed");
  auto mine = dash.Activity(TicketFixture::Agent(w.alice), PageRequest{1, 100});
  REQUIRE_OK(mine);
  CHECK(mine->pagination.total ==
        w.f.QueryInt("SELECT count(*) FROM ticket_history h JOIN ticket t ON t.id = h.ticket_id "
                     "JOIN queue q ON q.id = t.queue_id WHERE q.name = 'QA'"));
  for (const Activity& a : mine->activities) {
    CHECK((a.ticket_id == w.t1.id || a.ticket_id == w.t3.id || a.ticket_id == w.t5.id));
  }
  CHECK(mine->activities.back().type == "ticket_created");
}

TEST_CASE("Counters equal a recount after a mixed sequence of changes") {
  World w;
  auto& t = w.f.tickets();
  RequestContext admin = TicketFixture::Admin();
  ReopenTicketRequest reopen;
  reopen.reason = "customer called back";
  REQUIRE_OK(t.Reopen(admin, w.t1.id, reopen));
  w.f.clock().Advance(hours(1));
  REQUIRE_OK(t.MoveQueue(admin, w.t1.id, MoveTicketRequest{w.qb, std::nullopt}));
  w.Close(w.t1);
  UpdateTicketRequest update;
  update.queue_id = w.qa;
  update.state = "open";
  update.priority = "high";
  REQUIRE_OK(t.Update(admin, w.t4.id, update));
  REQUIRE_OK(t.Merge(admin, w.t6.id, MergeTicketRequest{w.t4.id, "duplicate"}));
  REQUIRE_OK(t.Archive(admin, w.t3.id));
  AddArticleRequest note;
  note.body = "still broken";
  REQUIRE_OK(t.AddArticle(TicketFixture::Customer(w.carol), w.t4.id, note));

  auto check = w.f.hd().Dashboard().CheckCounters(admin);
  REQUIRE_OK(check);
  CHECK(check->consistent);
  CHECK(check->mismatches.empty());
  CHECK(check->rows_checked > 0);
  // closed_today: t1 twice (once in QA, once after moving to QB), t7, t3 archived.
  CHECK(StatsOf(w, admin).closed_today == 4);

  SECTION("a damaged counter is reported") {
    w.f.Sql("UPDATE ticket_event_count SET created = created + 1 WHERE (queue_id, bucket) = "
            "(SELECT queue_id, bucket FROM ticket_event_count LIMIT 1)");
    auto damaged = w.f.hd().Dashboard().CheckCounters(admin);
    REQUIRE_OK(damaged);
    CHECK_FALSE(damaged->consistent);
    REQUIRE(damaged->mismatches.size() == 1);
    CHECK(damaged->mismatches[0].counter == "ticket_event_count.created");
  }
  SECTION("only admins may run the check") {
    REQUIRE_ERR(w.f.hd().Dashboard().CheckCounters(TicketFixture::Agent(w.alice)),
                ErrorCode::kPermissionDenied, "Admin access required");
  }
}

}  // namespace
}  // namespace goatflow
