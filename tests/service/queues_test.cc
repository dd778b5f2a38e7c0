// Queues through the public API: admin mutations, ro-scoped visibility, protection.
#include "goatflow/queues.h"

#include "goatflow/directory.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

std::int64_t Rows(Helpdesk& hd, const std::string& table) {
  auto status = hd.GetStoreStatus();
  REQUIRE_OK(status);
  for (const auto& [name, count] : status->row_counts)
    if (name == table) return count;
  return -1;
}

RequestContext MakeAgent(Helpdesk& hd, const std::string& login, std::vector<GroupGrant> grants) {
  CreateAgentRequest r;
  r.login = login;
  r.first_name.assign(1, 'F');
  r.last_name.assign(1, 'L');
  r.groups = std::move(grants);
  REQUIRE_OK(hd.Directory().CreateAgent(RequestContext::LocalOperator(), r));
  auto ctx = hd.LocalContextFor(login);
  REQUIRE_OK(ctx);
  return *ctx;
}

std::int64_t MakeGroup(Helpdesk& hd, const std::string& name) {
  CreateGroupRequest r;
  r.name = name;
  auto group = hd.Directory().CreateGroup(RequestContext::LocalOperator(), r);
  REQUIRE_OK(group);
  return group->id;
}

CreateQueueRequest Q(const std::string& name, std::int64_t group_id) {
  CreateQueueRequest r;
  r.name = name;
  r.group_id = group_id;
  return r;
}

std::vector<std::string> Names(const Page<Queue>& page) {
  std::vector<std::string> names;
  for (const Queue& q : page.items) names.push_back(q.name);
  return names;
}

TEST_CASE("An admin creates a queue with defaults and extra groups") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  std::int64_t sales = MakeGroup(*hd, "sales");
  auto r = Q("  Sales EMEA ", sales);
  r.comment = "Europe";
  r.group_access = {1};
  r.unlock_timeout = 30;
  auto q = hd->Queues().Create(op, r);
  REQUIRE_OK(q);
  REQUIRE(q->name == "Sales EMEA");
  REQUIRE(q->group_name == "sales");
  REQUIRE(q->comment == "Europe");
  REQUIRE(q->system_address_id == 1);
  REQUIRE(q->follow_up_id == 1);
  REQUIRE(q->unlock_timeout == 30);
  REQUIRE(q->groups.size() == 1);
  REQUIRE(q->groups[0].name == "users");
  REQUIRE(q->valid_id == 1);

  auto fetched = hd->Queues().Get(op, q->id);
  REQUIRE_OK(fetched);
  REQUIRE(fetched->name == "Sales EMEA");
}

TEST_CASE("Queue input is validated and nothing is half-written") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto audit_before = Rows(*hd, "audit_log");
  auto empty = hd->Queues().Create(op, Q("  ", 1));
  REQUIRE_ERR(empty, ErrorCode::kInvalidArgument, "name is required");
  REQUIRE(empty.error().details.at("field") == "name");
  REQUIRE_ERR(hd->Queues().Create(op, Q(std::string(201, 'q'), 1)), ErrorCode::kInvalidArgument,
              "at most 200");
  REQUIRE_ERR(hd->Queues().Create(op, Q("X", 0)), ErrorCode::kInvalidArgument,
              "group_id is required");
  REQUIRE_ERR(hd->Queues().Create(op, Q("X", 42)), ErrorCode::kInvalidArgument,
              "group_id does not exist");
  auto bad = Q("X", 1);
  bad.follow_up_id = 7;
  REQUIRE_ERR(hd->Queues().Create(op, bad), ErrorCode::kInvalidArgument, "follow_up_id");
  bad = Q("X", 1);
  bad.follow_up_lock = 2;
  REQUIRE_ERR(hd->Queues().Create(op, bad), ErrorCode::kInvalidArgument, "follow_up_lock");
  bad = Q("X", 1);
  bad.group_access = {1, 77};
  REQUIRE_ERR(hd->Queues().Create(op, bad), ErrorCode::kInvalidArgument, "group_access");
  auto dup = hd->Queues().Create(op, Q("raw", 1));
  REQUIRE_ERR(dup, ErrorCode::kAlreadyExists, "Queue name already exists");
  REQUIRE(dup.error().wire_code == "core:conflict");
  REQUIRE(Rows(*hd, "queue") == 4);
  REQUIRE(Rows(*hd, "audit_log") == audit_before);
}

TEST_CASE("Agents see only queues whose group they hold ro on; only admins mutate") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  std::int64_t sales = MakeGroup(*hd, "sales");
  std::int64_t hidden = MakeGroup(*hd, "hidden");
  auto sq = hd->Queues().Create(op, Q("Sales", sales));
  REQUIRE_OK(sq);
  auto hq = hd->Queues().Create(op, Q("Secret", hidden));
  REQUIRE_OK(hq);
  auto agent = MakeAgent(*hd, "sam", {{sales, {"ro"}}, {hidden, {"create"}}});

  auto page = hd->Queues().List(agent, {});
  REQUIRE_OK(page);
  REQUIRE(Names(*page) == std::vector<std::string>{"Sales"});
  REQUIRE(page->pagination.total == 1);
  REQUIRE_OK(hd->Queues().Get(agent, sq->id));
  REQUIRE_ERR(hd->Queues().Get(agent, hq->id), ErrorCode::kNotFound, "Queue not found");
  REQUIRE_ERR(hd->Queues().Stats(agent, hq->id), ErrorCode::kNotFound, "Queue not found");
  REQUIRE_ERR(hd->Queues().Get(agent, 999), ErrorCode::kNotFound, "Queue not found");

  auto audit_before = Rows(*hd, "audit_log");
  REQUIRE_ERR(hd->Queues().Create(agent, Q("Mine", sales)), ErrorCode::kPermissionDenied,
              "Permission denied");
  UpdateQueueRequest rename;
  rename.name = "Renamed";
  REQUIRE_ERR(hd->Queues().Update(agent, sq->id, rename), ErrorCode::kPermissionDenied,
              "Permission denied");
  REQUIRE_ERR(hd->Queues().Delete(agent, sq->id), ErrorCode::kPermissionDenied,
              "Permission denied");
  REQUIRE(Rows(*hd, "audit_log") == audit_before + 3);  // access.denied each
  REQUIRE(hd->Queues().Get(op, sq->id)->name == "Sales");
}

TEST_CASE("Queue lists sort by name case-insensitively, page, filter and search") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  REQUIRE_OK(hd->Queues().Create(op, Q("alpha", 1)));
  REQUIRE_OK(hd->Queues().Create(op, Q("Beta", 1)));
  auto all = hd->Queues().List(op, {});
  REQUIRE_OK(all);
  REQUIRE(Names(*all) ==
          std::vector<std::string>{"alpha", "Beta", "Junk", "Misc", "Postmaster", "Raw"});

  ListQueuesRequest paged;
  paged.page = {2, 4};
  auto second = hd->Queues().List(op, paged);
  REQUIRE_OK(second);
  REQUIRE(Names(*second) == std::vector<std::string>{"Postmaster", "Raw"});
  REQUIRE(second->pagination.total == 6);
  REQUIRE(second->pagination.total_pages == 2);
  REQUIRE(second->pagination.has_prev);
  REQUIRE_FALSE(second->pagination.has_next);

  ListQueuesRequest search;
  search.search = "A";
  auto found = hd->Queues().List(op, search);
  REQUIRE_OK(found);
  REQUIRE(Names(*found) == std::vector<std::string>{"alpha", "Beta", "Postmaster", "Raw"});

  ListQueuesRequest beyond;
  beyond.page = {9, 1000};  // limit clamps to 100
  auto empty = hd->Queues().List(op, beyond);
  REQUIRE_OK(empty);
  REQUIRE(empty->items.empty());
  REQUIRE(empty->pagination.per_page == 100);
}

TEST_CASE("Queue update: rename, duplicate, validity and extra groups") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  auto q = hd->Queues().Create(op, Q("Support", 1));
  REQUIRE_OK(q);
  UpdateQueueRequest u;
  u.name = "Help";
  u.group_access = std::vector<std::int64_t>{3};
  u.follow_up_lock = 1;
  auto updated = hd->Queues().Update(op, q->id, u);
  REQUIRE_OK(updated);
  REQUIRE(updated->name == "Help");
  REQUIRE(updated->follow_up_lock == 1);
  REQUIRE(updated->groups.size() == 1);
  REQUIRE(updated->groups[0].name == "stats");

  UpdateQueueRequest dup;
  dup.name = "MISC";
  REQUIRE_ERR(hd->Queues().Update(op, q->id, dup), ErrorCode::kAlreadyExists, "already exists");
  UpdateQueueRequest empty;
  empty.name = "";
  REQUIRE_ERR(hd->Queues().Update(op, q->id, empty), ErrorCode::kInvalidArgument, "required");
  UpdateQueueRequest valid;
  valid.valid_id = 3;
  REQUIRE_ERR(hd->Queues().Update(op, q->id, valid), ErrorCode::kInvalidArgument, "valid_id");
  REQUIRE_ERR(hd->Queues().Update(op, 999, u), ErrorCode::kNotFound, "Queue not found");
  REQUIRE(hd->Queues().Get(op, q->id)->name == "Help");
}

TEST_CASE("Queue delete invalidates; system and default queues are protected") {
  auto hd = testing::OpenTestHelpdesk();
  auto op = RequestContext::LocalOperator();
  for (std::int64_t id = 1; id <= 4; ++id)
    REQUIRE_ERR(hd->Queues().Delete(op, id), ErrorCode::kPermissionDenied,
                "Cannot delete system queue");
  auto q = hd->Queues().Create(op, Q("Temp", 1));
  REQUIRE_OK(q);
  auto deleted = hd->Queues().Delete(op, q->id);
  REQUIRE_OK(deleted);
  REQUIRE(deleted->valid_id == 2);
  ListQueuesRequest valid_only;
  valid_only.valid = ValidFilter::kValid;
  REQUIRE(hd->Queues().List(op, valid_only)->pagination.total == 4);
  ListQueuesRequest invalid_only;
  invalid_only.valid = ValidFilter::kInvalid;
  REQUIRE(hd->Queues().List(op, invalid_only)->pagination.total == 1);
  REQUIRE_ERR(hd->Queues().Delete(op, 999), ErrorCode::kNotFound, "Queue not found");
}

TEST_CASE("Queue stats of an empty queue are zero with no state keys") {
  auto hd = testing::OpenTestHelpdesk();
  auto stats = hd->Queues().Stats(RequestContext::LocalOperator(), 2);
  REQUIRE_OK(stats);
  REQUIRE(stats->queue_id == 2);
  REQUIRE(stats->total_tickets == 0);
  REQUIRE(stats->by_state.empty());
  REQUIRE_FALSE(stats->avg_resolution_time);
}

}  // namespace
}  // namespace goatflow
