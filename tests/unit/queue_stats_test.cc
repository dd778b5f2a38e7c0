// Queue statistics and delete conflicts over tickets written directly to the
// store (the ticket use cases live in another service).
#include "goatflow/queues.h"
#include "store/db.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

void Exec(const std::string& path, const std::string& sql) {
  auto db = store::Db::Open({path, store::OpenFlags::kReadWrite});
  REQUIRE_OK(db);
  REQUIRE_OK((*db)->Exec(sql));
}

// A ticket in `queue` with state and priority ids, created at `created`.
std::string Ticket(int id, int queue, int state, int priority, const std::string& created,
                   int archived = 0) {
  return "INSERT INTO ticket (id, tn, title, queue_id, user_id, ticket_priority_id, "
         "ticket_state_id, archive_flag, create_time, create_by, change_time, change_by) VALUES (" +
         std::to_string(id) + ", 'T" + std::to_string(id) + "', 't', " + std::to_string(queue) +
         ", 1, " + std::to_string(priority) + ", " + std::to_string(state) + ", " +
         std::to_string(archived) + ", '" + created + "', 1, '" + created + "', 1);";
}

std::string History(int ticket, int state, const std::string& at) {
  return "INSERT INTO ticket_history (name, history_type_id, ticket_id, queue_id, owner_id, "
         "priority_id, state_id, create_time, create_by, change_time, change_by) VALUES ('h', "
         "27, " +
         std::to_string(ticket) + ", 2, 1, 3, " + std::to_string(state) + ", '" + at + "', 1, '" +
         at + "', 1);";
}

TEST_CASE("Queue stats count by state type, state and priority, omitting zeros") {
  testing::TempDir dir;
  auto options = testing::TestOptions(dir.File("s.db"));
  auto hd = testing::OpenTestHelpdesk(options);
  Exec(options.path,
       Ticket(1, 2, 1, 3, "2025-01-01 10:00:00") + Ticket(2, 2, 4, 4, "2025-01-01 10:00:00") +
           Ticket(3, 2, 6, 4, "2025-01-01 10:00:00") + Ticket(4, 2, 2, 3, "2025-01-01 10:00:00") +
           Ticket(5, 2, 3, 5, "2025-01-01 12:00:00") +
           Ticket(6, 2, 2, 3, "2025-01-01 10:00:00", 1) +
           Ticket(7, 4, 1, 3, "2025-01-01 10:00:00") +
           // ticket 4: closed, reopened, closed again 3h after creation.
           History(4, 1, "2025-01-01 10:00:00") + History(4, 2, "2025-01-01 11:00:00") +
           History(4, 4, "2025-01-01 12:00:00") + History(4, 2, "2025-01-01 13:00:00") +
           History(4, 2, "2025-01-01 14:00:00") +
           // ticket 5: closed 1h after creation.
           History(5, 1, "2025-01-01 12:00:00") + History(5, 3, "2025-01-01 13:00:00"));
  auto stats = hd->Queues().Stats(RequestContext::LocalOperator(), 2);
  REQUIRE_OK(stats);
  REQUIRE(stats->total_tickets == 5);  // archived ticket 6 and queue 4's ticket excluded
  REQUIRE(stats->open_tickets == 2);
  REQUIRE(stats->pending_tickets == 1);
  REQUIRE(stats->closed_tickets == 2);
  using Counts = std::vector<std::pair<std::string, std::int64_t>>;
  REQUIRE(stats->by_state == Counts{{"closed successful", 1},
                                    {"closed unsuccessful", 1},
                                    {"new", 1},
                                    {"open", 1},
                                    {"pending reminder", 1}});
  REQUIRE(stats->by_priority == Counts{{"3 normal", 2}, {"4 high", 2}, {"5 very high", 1}});
  REQUIRE(stats->avg_resolution_time == "2h0m");  // mean of 3h and 1h

  ListQueuesRequest with_stats;
  with_stats.include_stats = true;
  auto page = hd->Queues().List(RequestContext::LocalOperator(), with_stats);
  REQUIRE_OK(page);
  for (const Queue& q : page->items) {
    REQUIRE(q.stats);
    if (q.name == "Raw") REQUIRE(q.stats->ticket_count == 5);
    if (q.name == "Misc") REQUIRE(q.stats->open_tickets == 1);
  }
}

TEST_CASE("A queue referenced by a ticket cannot be deleted") {
  testing::TempDir dir;
  auto options = testing::TestOptions(dir.File("d.db"));
  auto hd = testing::OpenTestHelpdesk(options);
  auto op = RequestContext::LocalOperator();
  CreateQueueRequest r;
  r.name = "Busy";
  r.group_id = 1;
  auto q = hd->Queues().Create(op, r);
  REQUIRE_OK(q);
  Exec(options.path, Ticket(1, static_cast<int>(q->id), 2, 3, "2025-01-01 10:00:00", 1));
  REQUIRE_ERR(hd->Queues().Delete(op, q->id), ErrorCode::kConflict,
              "Cannot delete queue with existing tickets");
  REQUIRE(hd->Queues().Get(op, q->id)->valid_id == 1);

  // The queue named by Ticket::DefaultQueue is protected like the system queues.
  CreateQueueRequest other;
  other.name = "Frontdesk";
  other.group_id = 1;
  auto front = hd->Queues().Create(op, other);
  REQUIRE_OK(front);
  Exec(options.path,
       "INSERT INTO system_config (name, value, change_by) VALUES "
       "('Ticket::DefaultQueue', '\"frontdesk\"', 1);");
  REQUIRE_ERR(hd->Queues().Delete(op, front->id), ErrorCode::kPermissionDenied,
              "Cannot delete system queue");
}

TEST_CASE("Customers are refused every queue read") {
  testing::TempDir dir;
  auto options = testing::TestOptions(dir.File("c.db"));
  auto hd = testing::OpenTestHelpdesk(options);
  Exec(options.path,
       "INSERT INTO customer_user (login, first_name, last_name, customer_id, create_by, "
       "change_by) VALUES ('carl', 'C', 'L', 'ACME', 1, 1);"
       "INSERT INTO system_config (name, value, change_by) VALUES "
       "('CustomerPanel::SelectableQueues', '[\"Raw\", \"Misc\"]', 1);");
  auto ctx = hd->LocalContextFor("carl");
  REQUIRE_OK(ctx);
  REQUIRE(ctx->principal.kind == PrincipalKind::kCustomer);
  REQUIRE_ERR(hd->Queues().List(*ctx, {}), ErrorCode::kPermissionDenied, "Permission denied");
  REQUIRE_ERR(hd->Queues().Get(*ctx, 1), ErrorCode::kPermissionDenied, "Permission denied");
  REQUIRE_ERR(hd->Queues().Stats(*ctx, 2), ErrorCode::kPermissionDenied, "Permission denied");
}

}  // namespace
}  // namespace goatflow
