#include "goatflow/tickets.h"
#include "support/test_support.h"
#include "ticket_fixture.h"

namespace goatflow {
namespace {

using testing::TicketFixture;

std::vector<std::string> HistoryTypes(TicketFixture& f, std::int64_t id) {
  auto history = f.tickets().History(TicketFixture::Admin(), id, 200);
  REQUIRE_OK(history);
  std::vector<std::string> out;
  for (auto it = history->history.rbegin(); it != history->history.rend(); ++it)
    out.push_back(it->history_type);
  return out;
}

struct Team {
  TicketFixture f;
  std::int64_t group = f.AddGroup("support");
  std::int64_t queue = f.AddQueue("Support", group);
  std::int64_t other_group = f.AddGroup("sales");
  std::int64_t other_queue = f.AddQueue("Sales", other_group);
  std::int64_t lead = f.AddAgent("lead", group, {"rw"});
  std::int64_t helper = f.AddAgent("helper", group, {"ro", "owner"});
};

TEST_CASE("Each changed attribute writes its own history row") {
  Team t;
  Ticket ticket = t.f.NewTicket(t.queue);
  t.f.Grant(t.lead, t.other_group, "move_into");
  t.f.Grant(t.helper, t.other_group, "owner");
  UpdateTicketRequest r;
  r.title = "Printer fixed?";
  r.queue_id = t.other_queue;
  r.state = "pending reminder";
  r.pending_until = "2026-03-02T09:00:00Z";
  r.priority = "high";
  r.type_id = 3;
  r.owner_id = t.helper;
  r.responsible_id = t.helper;
  r.customer_user_id = "someone";
  t.f.clock().Advance(std::chrono::minutes(5));
  auto updated = t.f.tickets().Update(TicketFixture::Agent(t.lead), ticket.id, r);
  REQUIRE_OK(updated);
  REQUIRE(updated->title == "Printer fixed?");
  REQUIRE(updated->queue == "Sales");
  REQUIRE(updated->status == "pending");
  REQUIRE(updated->priority == "4 high");
  REQUIRE(updated->type == "Service Request");
  REQUIRE(updated->owner == "helper");
  REQUIRE(updated->responsible == "helper");
  REQUIRE(updated->customer_user_id == "someone");
  REQUIRE(updated->updated_by == t.lead);
  REQUIRE(updated->updated_at == testing::FixtureStart() + std::chrono::minutes(5));
  REQUIRE(HistoryTypes(t.f, ticket.id) ==
          std::vector<std::string>{"NewTicket", "AddNote", "TitleUpdate", "Move", "StateUpdate",
                                   "SetPendingTime", "PriorityUpdate", "TypeUpdate", "OwnerUpdate",
                                   "ResponsibleUpdate", "CustomerUpdate"});

  SECTION("a non-pending state clears the pending time") {
    UpdateTicketRequest open;
    open.state = "open";
    auto reopened = t.f.tickets().Update(TicketFixture::Admin(), ticket.id, open);
    REQUIRE_OK(reopened);
    REQUIRE_FALSE(reopened->pending_until.has_value());
    auto history = t.f.tickets().History(TicketFixture::Admin(), ticket.id, 1);
    REQUIRE_OK(history);
    REQUIRE(history->history.at(0).name == "Pending time cleared");
  }
  SECTION("moving into a closed state unlocks, as close does") {
    REQUIRE_OK(t.f.tickets().Lock(TicketFixture::Admin(), ticket.id));
    auto closed =
        t.f.tickets().Update(TicketFixture::Admin(), ticket.id, {.state = "closed successful"});
    REQUIRE_OK(closed);
    REQUIRE(closed->lock == "unlock");
    REQUIRE_FALSE(closed->pending_until.has_value());
  }
  SECTION("responsible can be cleared") {
    UpdateTicketRequest clear;
    clear.clear_responsible = true;
    auto cleared = t.f.tickets().Update(TicketFixture::Admin(), ticket.id, clear);
    REQUIRE_OK(cleared);
    REQUIRE_FALSE(cleared->responsible_id.has_value());
  }
}

TEST_CASE("Update needs rw, plus the per-field keys, and validates everything first") {
  Team t;
  Ticket ticket = t.f.NewTicket(t.queue);
  std::int64_t reader = t.f.AddAgent("reader", t.group, {"ro"});
  UpdateTicketRequest r;
  r.title = "new title";
  REQUIRE_ERR(t.f.tickets().Update(TicketFixture::Agent(reader), ticket.id, r),
              ErrorCode::kPermissionDenied, "Write access denied");

  SECTION("moving needs move_into on the target") {
    r.queue_id = t.other_queue;
    REQUIRE_ERR(t.f.tickets().Update(TicketFixture::Agent(t.lead), ticket.id, r),
                ErrorCode::kPermissionDenied, "move into");
  }
  SECTION("the new owner must hold owner or rw") {
    r.owner_id = reader;
    REQUIRE_ERR(t.f.tickets().Update(TicketFixture::Agent(t.lead), ticket.id, r),
                ErrorCode::kInvalidArgument, "User lacks owner permission on this queue");
  }
  SECTION("unknown ids") {
    UpdateTicketRequest bad;
    bad.title = "changed";
    bad.state_id = 99;
    REQUIRE_ERR(t.f.tickets().Update(TicketFixture::Admin(), ticket.id, bad),
                ErrorCode::kInvalidArgument, "Invalid state_id");
    bad.state_id.reset();
    bad.priority_id = 99;
    REQUIRE_ERR(t.f.tickets().Update(TicketFixture::Admin(), ticket.id, bad),
                ErrorCode::kInvalidArgument, "Invalid priority_id");
    bad.priority_id.reset();
    bad.queue_id = 99;
    REQUIRE_ERR(t.f.tickets().Update(TicketFixture::Admin(), ticket.id, bad),
                ErrorCode::kInvalidArgument, "Invalid queue_id");
    bad.queue_id.reset();
    bad.owner_id = 99;
    REQUIRE_ERR(t.f.tickets().Update(TicketFixture::Admin(), ticket.id, bad),
                ErrorCode::kInvalidArgument, "User not found or inactive");
  }
  SECTION("empty and oversize titles, empty requests, past pending times") {
    REQUIRE_ERR(t.f.tickets().Update(TicketFixture::Admin(), ticket.id, {.title = ""}),
                ErrorCode::kInvalidArgument, "Title cannot be empty");
    REQUIRE_ERR(
        t.f.tickets().Update(TicketFixture::Admin(), ticket.id, {.title = std::string(300, 'a')}),
        ErrorCode::kInvalidArgument, "Title too long");
    REQUIRE_ERR(t.f.tickets().Update(TicketFixture::Admin(), ticket.id, {}),
                ErrorCode::kInvalidArgument, "No fields to update");
    REQUIRE_ERR(
        t.f.tickets().Update(TicketFixture::Admin(), ticket.id,
                             {.state = "pending reminder", .pending_until = "2020-01-01 08:00"}),
        ErrorCode::kInvalidArgument, "pending_until must be in the future");
  }
  // Nothing of the refused updates was written.
  auto fresh = t.f.tickets().Get(TicketFixture::Admin(), ticket.id);
  REQUIRE_OK(fresh);
  REQUIRE(fresh->title == "Printer on fire");
  REQUIRE(fresh->queue_id == t.queue);
  REQUIRE(HistoryTypes(t.f, ticket.id) == std::vector<std::string>{"NewTicket", "AddNote"});
}

TEST_CASE("Assign, lock and unlock") {
  Team t;
  Ticket ticket = t.f.NewTicket(t.queue);
  auto assigned = t.f.tickets().Assign(TicketFixture::Agent(t.lead), ticket.id,
                                       {.owner_id = t.helper, .comment = "yours now"});
  REQUIRE_OK(assigned);
  REQUIRE(assigned->owner_id == t.helper);
  REQUIRE(assigned->responsible_id == 1);  // assign sets the owner only
  REQUIRE(assigned->article_count == 2);   // the comment became a note
  auto history = t.f.tickets().History(TicketFixture::Admin(), ticket.id, 2);
  REQUIRE_OK(history);
  REQUIRE(history->history[1].history_type == "OwnerUpdate");
  REQUIRE(history->history[1].name == "Assigned to helper");
  REQUIRE(history->history[1].owner_id == t.helper);  // snapshot after the change
  REQUIRE_ERR(t.f.tickets().Assign(TicketFixture::Agent(t.lead), ticket.id, {}),
              ErrorCode::kInvalidArgument, "user_id is required");

  auto locked = t.f.tickets().Lock(TicketFixture::Agent(t.lead), ticket.id);
  REQUIRE_OK(locked);
  REQUIRE(locked->lock == "lock");
  REQUIRE(locked->owner_id == t.lead);  // locking takes ownership
  REQUIRE_ERR(t.f.tickets().Lock(TicketFixture::Agent(t.lead), ticket.id), ErrorCode::kConflict,
              "ticket is already locked");
  auto unlocked = t.f.tickets().Unlock(TicketFixture::Agent(t.lead), ticket.id);
  REQUIRE_OK(unlocked);
  REQUIRE(unlocked->lock == "unlock");
  auto types = HistoryTypes(t.f, ticket.id);
  REQUIRE(std::count(types.begin(), types.end(), "Lock") == 1);
  REQUIRE(std::count(types.begin(), types.end(), "Unlock") == 1);
  REQUIRE(std::count(types.begin(), types.end(), "OwnerUpdate") == 2);
}

TEST_CASE("Priority and queue endpoints use their own keys") {
  Team t;
  Ticket ticket = t.f.NewTicket(t.queue);
  std::int64_t prio = t.f.AddAgent("prio", t.group, {"ro", "priority"});
  std::int64_t mover = t.f.AddAgent("mover", t.group, {"ro", "move_into"});
  auto changed =
      t.f.tickets().ChangePriority(TicketFixture::Agent(prio), ticket.id, {.priority = "very low"});
  REQUIRE_OK(changed);
  REQUIRE(changed->priority_id == 1);
  REQUIRE_ERR(
      t.f.tickets().ChangePriority(TicketFixture::Agent(mover), ticket.id, {.priority = "low"}),
      ErrorCode::kPermissionDenied, "priority");
  REQUIRE_ERR(
      t.f.tickets().MoveQueue(TicketFixture::Agent(mover), ticket.id, {.queue_id = t.other_queue}),
      ErrorCode::kPermissionDenied, "move into");
  t.f.Grant(mover, t.other_group, "move_into");
  auto moved =
      t.f.tickets().MoveQueue(TicketFixture::Agent(mover), ticket.id, {.queue_id = t.other_queue});
  REQUIRE_OK(moved);
  REQUIRE(moved->queue == "Sales");
}

TEST_CASE("Close, reopen and archive") {
  Team t;
  Ticket ticket = t.f.NewTicket(t.queue, "Close me", "carol");
  std::int64_t carol = t.f.AddCustomer("carol", "ACME");
  t.f.tickets().Lock(TicketFixture::Agent(t.lead), ticket.id).value();

  SECTION("defaults to closed successful, unlocks, and the note is internal") {
    auto closed = t.f.tickets().Close(TicketFixture::Agent(t.lead), ticket.id,
                                      {.comment = "done", .time_units = 1.5});
    REQUIRE_OK(closed);
    REQUIRE(closed->state == "closed successful");
    REQUIRE(closed->status == "closed");
    REQUIRE(closed->lock == "unlock");
    auto seen = t.f.tickets().ListArticles(TicketFixture::Customer(carol), ticket.id, {});
    REQUIRE_OK(seen);
    REQUIRE(seen->pagination.total == 1);  // the "Ticket Closed" note is internal
    REQUIRE(t.f.QueryInt("SELECT count(*) FROM time_accounting") == 1);
    REQUIRE_ERR(t.f.tickets().Close(TicketFixture::Agent(t.lead), ticket.id, {}),
                ErrorCode::kInvalidArgument, "Ticket is already closed");

    REQUIRE_ERR(t.f.tickets().Reopen(TicketFixture::Agent(t.lead), ticket.id, {}),
                ErrorCode::kInvalidArgument, "reason is required");
    auto reopened = t.f.tickets().Reopen(TicketFixture::Agent(t.lead), ticket.id,
                                         {.reason = "still broken", .state = "new"});
    REQUIRE_OK(reopened);
    REQUIRE(reopened->state == "new");
    REQUIRE_ERR(t.f.tickets().Reopen(TicketFixture::Agent(t.lead), ticket.id, {.reason = "x"}),
                ErrorCode::kInvalidArgument, "Ticket is not closed");
  }
  SECTION("resolution and explicit state") {
    auto closed = t.f.tickets().Close(
        TicketFixture::Admin(), ticket.id,
        {.resolution = "won't fix", .comment = "sorry", .notify_customer = true});
    REQUIRE_OK(closed);
    REQUIRE(closed->state == "closed unsuccessful");
    auto seen = t.f.tickets().ListArticles(TicketFixture::Customer(carol), ticket.id, {});
    REQUIRE_OK(seen);
    REQUIRE(seen->articles.back().subject == "Ticket Closed");
    Ticket other = t.f.NewTicket(t.queue);
    auto fixed = t.f.tickets().Close(TicketFixture::Admin(), other.id, {.resolution = "FIXED"});
    REQUIRE_OK(fixed);
    REQUIRE(fixed->state == "closed successful");
  }
  SECTION("a non-closed explicit state is refused") {
    REQUIRE_ERR(t.f.tickets().Close(TicketFixture::Admin(), ticket.id, {.state = "open"}),
                ErrorCode::kInvalidArgument, "closed state");
  }
  SECTION("archive closes, hides and is audited; reopen restores") {
    auto archived = t.f.tickets().Archive(TicketFixture::Agent(t.lead), ticket.id);
    REQUIRE_OK(archived);
    REQUIRE(archived->state == "closed successful");
    REQUIRE_ERR(t.f.tickets().Archive(TicketFixture::Agent(t.lead), ticket.id),
                ErrorCode::kInvalidArgument, "Ticket is already archived");
    REQUIRE(t.f.QueryInt("SELECT count(*) FROM audit_log WHERE action = 'ticket.delete'") == 1);
    auto types = HistoryTypes(t.f, ticket.id);
    REQUIRE(types.back() == "ArchiveFlagUpdate");
    auto reopened = t.f.tickets().Reopen(TicketFixture::Admin(), ticket.id, {.reason = "oops"});
    REQUIRE_OK(reopened);
    REQUIRE_FALSE(reopened->archived);
  }
  SECTION("archiving an already closed ticket only sets the flag") {
    REQUIRE_OK(
        t.f.tickets().Close(TicketFixture::Admin(), ticket.id, {.state = "closed unsuccessful"}));
    auto archived = t.f.tickets().Archive(TicketFixture::Admin(), ticket.id);
    REQUIRE_OK(archived);
    REQUIRE(archived->state == "closed unsuccessful");
  }
  SECTION("customers cannot archive") {
    REQUIRE_ERR(t.f.tickets().Archive(TicketFixture::Customer(carol), ticket.id),
                ErrorCode::kPermissionDenied, "Customers cannot delete tickets");
  }
}

}  // namespace
}  // namespace goatflow
