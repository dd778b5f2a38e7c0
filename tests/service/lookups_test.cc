// Lookups through the public API on the default data.
#include "goatflow/lookups.h"

#include "support/test_support.h"

namespace goatflow {
namespace {

using Ids = std::vector<std::int64_t>;

TEST_CASE("States carry their state type and filter by type and validity") {
  auto hd = testing::OpenTestHelpdesk();
  auto ctx = RequestContext::LocalOperator();
  auto all = hd->Lookups().ListStates(ctx);
  REQUIRE_OK(all);
  REQUIRE(all->size() == 9);
  REQUIRE(all->at(5).name == "pending reminder");
  REQUIRE(all->at(5).type == "pending reminder");

  auto closed = hd->Lookups().ListStates(ctx, ValidFilter::kValid, "Closed");
  REQUIRE_OK(closed);
  REQUIRE(closed->size() == 2);
  REQUIRE(closed->at(0).name == "closed successful");

  REQUIRE_ERR(hd->Lookups().ListStates(ctx, ValidFilter::kValid, "nope"),
              ErrorCode::kInvalidArgument, "Unknown state type");
  auto invalid = hd->Lookups().ListStates(ctx, ValidFilter::kInvalid);
  REQUIRE_OK(invalid);
  REQUIRE(invalid->empty());

  auto by_name = hd->Lookups().GetStateByName(ctx, "OPEN");
  REQUIRE_OK(by_name);
  REQUIRE(by_name->type == "open");
  REQUIRE_ERR(hd->Lookups().GetState(ctx, 99), ErrorCode::kNotFound, "State not found");
}

TEST_CASE("Priorities, types and lock types are found by id or name") {
  auto hd = testing::OpenTestHelpdesk();
  auto ctx = RequestContext::LocalOperator();
  auto priorities = hd->Lookups().ListPriorities(ctx);
  REQUIRE_OK(priorities);
  REQUIRE(priorities->size() == 5);
  REQUIRE(priorities->at(3).name == "4 high");
  REQUIRE(priorities->at(3).color == "#ffaaaa");
  auto incident = hd->Lookups().GetTypeByName(ctx, "incident");
  REQUIRE_OK(incident);
  REQUIRE(incident->name == "Incident");
  auto lock = hd->Lookups().GetLockTypeByName(ctx, "tmp_lock");
  REQUIRE_OK(lock);
  REQUIRE_ERR(hd->Lookups().GetPriority(ctx, 0), ErrorCode::kNotFound, "Priority not found");
}

TEST_CASE("Resolvers apply the status and priority vocabulary to stored rows") {
  auto hd = testing::OpenTestHelpdesk();
  auto ctx = RequestContext::LocalOperator();
  auto open = hd->Lookups().ResolveStatusFilter(ctx, "open");
  REQUIRE_OK(open);
  REQUIRE(*open == Ids{1, 4});
  auto high = hd->Lookups().ResolvePriority(ctx, "critical");
  REQUIRE_OK(high);
  REQUIRE(high->name == "5 very high");
  auto filter = hd->Lookups().ResolvePriorityFilter(ctx, "medium,very-low");
  REQUIRE_OK(filter);
  REQUIRE(*filter == Ids{1, 3});
  REQUIRE_ERR(hd->Lookups().ResolveStatusFilter(ctx, "sleeping"), ErrorCode::kInvalidArgument,
              "Invalid status filter");
}

TEST_CASE("Lookups need an authenticated caller") {
  auto hd = testing::OpenTestHelpdesk();
  REQUIRE_ERR(hd->Lookups().ListPriorities(RequestContext{}), ErrorCode::kUnauthenticated,
              "Authentication required");
}

}  // namespace
}  // namespace goatflow
