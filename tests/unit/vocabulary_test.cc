// The status and priority filter vocabulary of api-v1 §1.5 over the default lookup rows.
#include "domain/vocabulary.h"

#include "support/test_support.h"

namespace goatflow::domain {
namespace {

using Ids = std::vector<std::int64_t>;

const std::vector<StateRow> kStates = {
    {1, "new", "new"},
    {2, "closed successful", "closed"},
    {3, "closed unsuccessful", "closed"},
    {4, "open", "open"},
    {5, "removed", "removed"},
    {6, "pending reminder", "pending reminder"},
    {7, "pending auto close+", "pending auto"},
    {8, "pending auto close-", "pending auto"},
    {9, "merged", "merged"},
};

const std::vector<PriorityRow> kPriorities = {
    {1, "1 very low"}, {2, "2 low"}, {3, "3 normal"}, {4, "4 high"}, {5, "5 very high"}};

Ids Status(std::string_view filter) {
  auto r = ResolveStatusFilter(kStates, filter);
  REQUIRE_OK(r);
  return *r;
}

Ids Priority(std::string_view filter) {
  auto r = ResolvePriorityFilter(kPriorities, filter);
  REQUIRE_OK(r);
  return *r;
}

TEST_CASE("Status categories classify by state type, not by id") {
  REQUIRE(Status("new") == Ids{1});
  REQUIRE(Status("open") == Ids{1, 4});
  REQUIRE(Status("pending") == Ids{6, 7, 8});
  REQUIRE(Status("closed") == Ids{2, 3});
  REQUIRE(Status("resolved") == Ids{2, 3});
  REQUIRE(Status("active") == Ids{1, 4, 6, 7, 8});
  REQUIRE(Status("merged") == Ids{9});
  REQUIRE(Status("removed") == Ids{5});

  // Renumbered states (GoatFlow's own seed) still classify correctly.
  std::vector<StateRow> other = {{10, "open", "open"}, {11, "closed successful", "closed"}};
  auto closed = ResolveStatusFilter(other, "closed");
  REQUIRE_OK(closed);
  REQUIRE(*closed == Ids{11});
}

TEST_CASE("Status terms: exact names, ids, lists and case") {
  REQUIRE(Status("pending reminder") == Ids{6});
  REQUIRE(Status("Closed Successful") == Ids{2});
  REQUIRE(Status("4") == Ids{4});
  REQUIRE(Status("OPEN, closed") == Ids{1, 2, 3, 4});
  REQUIRE(Status("new,open") == Ids{1, 4});
}

TEST_CASE("Unknown status terms are an error, not an empty match") {
  REQUIRE_ERR(ResolveStatusFilter(kStates, "bogus"), ErrorCode::kInvalidArgument,
              "Invalid status filter");
  REQUIRE_ERR(ResolveStatusFilter(kStates, "open,bogus"), ErrorCode::kInvalidArgument,
              "Invalid status filter");
  REQUIRE_ERR(ResolveStatusFilter(kStates, "42"), ErrorCode::kInvalidArgument, "Invalid status");
  auto empty = ResolveStatusFilter(kStates, " , ");
  REQUIRE_ERR(empty, ErrorCode::kInvalidArgument, "Invalid status filter");
  REQUIRE(empty.error().wire_code == "core:validation_failed");
  REQUIRE(empty.error().details.at("field") == "status");
}

TEST_CASE("Status category of each state type") {
  REQUIRE(StatusCategory("new") == "new");
  REQUIRE(StatusCategory("open") == "open");
  REQUIRE(StatusCategory("pending reminder") == "pending");
  REQUIRE(StatusCategory("pending auto") == "pending");
  REQUIRE(StatusCategory("closed") == "closed");
  REQUIRE(StatusCategory("merged") == "merged");
  REQUIRE(StatusCategory("removed") == "removed");
}

TEST_CASE("Priority terms follow the table of api-v1 1.5") {
  for (auto term : {"1", "very-low", "very_low", "very low", "1 very low"})
    REQUIRE(Priority(term) == Ids{1});
  for (auto term : {"2", "low", "LOW"}) REQUIRE(Priority(term) == Ids{2});
  for (auto term : {"3", "normal", "medium"}) REQUIRE(Priority(term) == Ids{3});
  for (auto term : {"4", "high", "4 high", "High"}) REQUIRE(Priority(term) == Ids{4});
  for (auto term : {"5", "very-high", "very_high", "very high", "critical", "urgent"})
    REQUIRE(Priority(term) == Ids{5});
  REQUIRE(Priority("high,low") == Ids{2, 4});
}

TEST_CASE("Unknown priority terms are an error") {
  REQUIRE_ERR(ResolvePriorityFilter(kPriorities, "extreme"), ErrorCode::kInvalidArgument,
              "Invalid priority filter");
  REQUIRE_ERR(ResolvePriorityFilter(kPriorities, "9"), ErrorCode::kInvalidArgument,
              "Invalid priority filter");
  REQUIRE_ERR(ResolvePriorityFilter(kPriorities, ""), ErrorCode::kInvalidArgument,
              "Invalid priority filter");
  REQUIRE_FALSE(MatchPriorityTerm(kPriorities, "very"));
}

}  // namespace
}  // namespace goatflow::domain
