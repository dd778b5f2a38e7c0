// Saved searches: the round trip (create, list, get, execute, update, delete),
// ownership per user, validation, and execution under the caller's current
// permissions.

#include <string>
#include <vector>

#include "goatflow/search.h"
#include "service/ticket_fixture.h"

namespace goatflow {
namespace {

using testing::TicketFixture;
using Params = std::map<std::string, std::string>;

struct World {
  TicketFixture f;
  std::int64_t support_group = 0, sales_group = 0;
  std::int64_t support = 0, sales = 0;
  std::int64_t alice = 0, bob = 0, customer = 0;

  World() {
    support_group = f.AddGroup("support");
    sales_group = f.AddGroup("sales");
    support = f.AddQueue("Support", support_group);
    sales = f.AddQueue("Sales", sales_group);
    alice = f.AddAgent("alice", support_group, {"rw"});
    bob = f.AddAgent("bob", support_group, {"rw"});
    customer = f.AddCustomer("jdoe", "acme");
  }

  SearchService& search() { return f.hd().Search(); }

  Ticket Create(std::int64_t queue, const std::string& title) {
    CreateTicketRequest request;
    request.title = title;
    request.queue_id = queue;
    request.body = "body of " + title;
    request.customer_user_id = "jdoe";
    auto created = f.tickets().Create(TicketFixture::Admin(), request);
    REQUIRE_OK(created);
    return *created;
  }

  static std::vector<std::string> Titles(const Result<TicketPage>& page) {
    REQUIRE_OK(page);
    std::vector<std::string> out;
    for (const Ticket& t : page->tickets) out.push_back(t.title);
    return out;
  }
};

using V = std::vector<std::string>;

TEST_CASE("A saved search round-trips: create, list, get, execute, update, delete") {
  World w;
  RequestContext alice = TicketFixture::Agent(w.alice);
  w.Create(w.support, "VPN down");
  w.Create(w.support, "Printer jam");
  w.Create(w.sales, "VPN quote");

  SavedSearch vpn{"My VPN tickets", "TicketSearch",
                  {{"search", "vpn"}, {"queue_id", std::to_string(w.support)}}};
  auto created = w.search().CreateSavedSearch(alice, vpn);
  REQUIRE_OK(created);
  REQUIRE(created->parameters == vpn.parameters);
  REQUIRE_OK(w.search().CreateSavedSearch(alice, {"All open", "TicketSearch", {{"status", "open"}}}));
  REQUIRE_OK(w.search().CreateSavedSearch(alice, {"Everything", "TicketSearch", {}}));

  auto list = w.search().ListSavedSearches(alice, {});
  REQUIRE_OK(list);
  REQUIRE(list->pagination.total == 3);
  REQUIRE(list->items.size() == 3);
  REQUIRE(list->items[0].name == "All open");  // sorted by name
  REQUIRE(list->items[1].name == "Everything");
  REQUIRE(list->items[1].parameters.empty());
  REQUIRE(list->items[2].parameters.at("search") == "vpn");

  auto got = w.search().GetSavedSearch(alice, "My VPN tickets");
  REQUIRE_OK(got);
  REQUIRE(got->type == "TicketSearch");
  REQUIRE(got->parameters == vpn.parameters);

  REQUIRE(World::Titles(w.search().ExecuteSavedSearch(alice, "My VPN tickets")) == V{"VPN down"});
  REQUIRE(World::Titles(w.search().ExecuteSavedSearch(alice, "Everything")).size() == 2);
  // Overrides replace stored parameters of the same name and add paging.
  auto paged = w.search().ExecuteSavedSearch(alice, "Everything", {{"limit", "1"}, {"sort", "title"},
                                                                   {"order", "asc"}});
  REQUIRE(World::Titles(paged) == V{"Printer jam"});
  REQUIRE(paged->pagination.total == 2);

  UpdateSavedSearchRequest rename;
  rename.name = "Support VPN";
  rename.parameters = Params{{"search", "printer"}};
  auto updated = w.search().UpdateSavedSearch(alice, "My VPN tickets", rename);
  REQUIRE_OK(updated);
  REQUIRE(updated->name == "Support VPN");
  REQUIRE_ERR(w.search().GetSavedSearch(alice, "My VPN tickets"), ErrorCode::kNotFound,
              "Saved search not found");
  REQUIRE(World::Titles(w.search().ExecuteSavedSearch(alice, "Support VPN")) == V{"Printer jam"});

  auto deleted = w.search().DeleteSavedSearch(alice, "Support VPN");
  REQUIRE_OK(deleted);
  REQUIRE(deleted->name == "Support VPN");
  REQUIRE_ERR(w.search().DeleteSavedSearch(alice, "Support VPN"), ErrorCode::kNotFound, "");
  REQUIRE(w.search().ListSavedSearches(alice, {})->pagination.total == 2);
}

TEST_CASE("Saved searches belong to their owner alone") {
  World w;
  RequestContext alice = TicketFixture::Agent(w.alice);
  RequestContext bob = TicketFixture::Agent(w.bob);
  REQUIRE_OK(w.search().CreateSavedSearch(alice, {"Mine", "TicketSearch", {{"status", "open"}}}));

  REQUIRE(w.search().ListSavedSearches(bob, {})->items.empty());
  REQUIRE_ERR(w.search().GetSavedSearch(bob, "Mine"), ErrorCode::kNotFound, "");
  REQUIRE_ERR(w.search().ExecuteSavedSearch(bob, "Mine"), ErrorCode::kNotFound, "");
  REQUIRE_ERR(w.search().DeleteSavedSearch(bob, "Mine"), ErrorCode::kNotFound, "");
  REQUIRE_ERR(w.search().UpdateSavedSearch(bob, "Mine", {}), ErrorCode::kNotFound, "");
  // The same name is free for another user, and the original is untouched.
  REQUIRE_OK(w.search().CreateSavedSearch(bob, {"Mine", "TicketSearch", {{"status", "closed"}}}));
  REQUIRE(w.search().GetSavedSearch(alice, "Mine")->parameters.at("status") == "open");

  REQUIRE_ERR(w.search().CreateSavedSearch(alice, {"Mine", "TicketSearch", {}}),
              ErrorCode::kAlreadyExists, "Saved search already exists");
  REQUIRE_OK(w.search().CreateSavedSearch(alice, {"Other", "TicketSearch", {}}));
  UpdateSavedSearchRequest clash;
  clash.name = "Other";
  REQUIRE_ERR(w.search().UpdateSavedSearch(alice, "Mine", clash), ErrorCode::kAlreadyExists, "");
  REQUIRE(w.search().GetSavedSearch(alice, "Mine")->parameters.at("status") == "open");
}

TEST_CASE("Executing a saved search applies the caller's current permissions") {
  World w;
  RequestContext alice = TicketFixture::Agent(w.alice);
  w.Create(w.support, "Support one");
  w.Create(w.sales, "Sales one");
  // A queue the agent cannot read contributes nothing, now or later.
  REQUIRE_OK(w.search().CreateSavedSearch(
      alice, {"Both queues", "TicketSearch",
              {{"queue_id", std::to_string(w.support) + "," + std::to_string(w.sales)}}}));
  REQUIRE(World::Titles(w.search().ExecuteSavedSearch(alice, "Both queues")) == V{"Support one"});

  // Customers keep searches too, and see their own tickets only.
  RequestContext customer = TicketFixture::Customer(w.customer);
  REQUIRE_OK(w.search().CreateSavedSearch(customer, {"Mine", "TicketSearch", {{"sort", "title"}}}));
  REQUIRE(World::Titles(w.search().ExecuteSavedSearch(customer, "Mine")).size() == 2);
  REQUIRE(w.search().ListSavedSearches(alice, {})->items.size() == 1);
}

TEST_CASE("Saved searches reject bad names and parameters, and store nothing") {
  World w;
  RequestContext alice = TicketFixture::Agent(w.alice);
  auto create = [&](std::string name, Params params) {
    return w.search().CreateSavedSearch(alice, {std::move(name), "TicketSearch", std::move(params)});
  };
  REQUIRE_ERR(create("", {}), ErrorCode::kInvalidArgument, "Name is required");
  REQUIRE_ERR(create("   ", {}), ErrorCode::kInvalidArgument, "Name is required");
  REQUIRE_ERR(create(std::string(201, 'x'), {}), ErrorCode::kInvalidArgument, "at most 200");
  REQUIRE_ERR(create("tab\x01", {}), ErrorCode::kInvalidArgument, "invalid characters");
  REQUIRE_ERR(create("bad \xff utf8", {}), ErrorCode::kInvalidArgument, "invalid characters");
  REQUIRE_ERR(create("x", {{"colour", "red"}}), ErrorCode::kInvalidArgument,
              "Unknown search parameter: colour");
  REQUIRE_ERR(create("x", {{"queue_id", "five"}}), ErrorCode::kInvalidArgument,
              "Invalid queue_id filter");
  REQUIRE_ERR(create("x", {{"status", "sleeping"}}), ErrorCode::kInvalidArgument,
              "Invalid status filter");
  REQUIRE_ERR(create("x", {{"search", std::string(201, 'a')}}), ErrorCode::kInvalidArgument, "");
  REQUIRE_ERR(w.search().CreateSavedSearch(alice, {"x", "", {}}), ErrorCode::kInvalidArgument,
              "Type is required");
  REQUIRE(w.search().ListSavedSearches(alice, {})->pagination.total == 0);

  // A 200-character name (multi-byte characters count once) is fine.
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "é";
  REQUIRE_OK(create(long_name, {{"state", "open"}}));
  REQUIRE(w.search().GetSavedSearch(alice, long_name)->parameters.at("state") == "open");

  // A failed update leaves the stored search as it was.
  UpdateSavedSearchRequest bad;
  bad.parameters = Params{{"priority", "urgentest"}};
  REQUIRE_ERR(w.search().UpdateSavedSearch(alice, long_name, bad), ErrorCode::kInvalidArgument, "");
  REQUIRE(w.search().GetSavedSearch(alice, long_name)->parameters == Params{{"state", "open"}});
}

TEST_CASE("Saved searches need an authenticated caller and the tickets:read scope") {
  World w;
  REQUIRE_ERR(w.search().ListSavedSearches(RequestContext{}, {}), ErrorCode::kUnauthenticated, "");
  RequestContext token = TicketFixture::Agent(w.alice);
  token.api_token_id = 1;
  token.auth_method = AuthMethod::kApiToken;
  token.token_scopes = {"queues:read"};
  REQUIRE_ERR(w.search().CreateSavedSearch(token, {"x", "TicketSearch", {}}),
              ErrorCode::kPermissionDenied, "tickets:read");
  token.token_scopes = {"tickets:read"};
  REQUIRE_OK(w.search().CreateSavedSearch(token, {"x", "TicketSearch", {}}));
}

}  // namespace
}  // namespace goatflow
