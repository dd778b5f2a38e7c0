// The permission matrix: each permission key x each ticket operation, for
// agents, customers and the administrator; 404 when the caller cannot see the
// ticket, 403 when it can but lacks the key (security.md §9).

#include <functional>
#include <map>
#include <optional>

#include "goatflow/tickets.h"
#include "support/test_support.h"
#include "ticket_fixture.h"

namespace goatflow {
namespace {

using testing::TicketFixture;

enum class Outcome { kOk, kNotFound, kDenied, kOther };

template <typename T>
Outcome Of(const Result<T>& r) {
  if (r.ok()) return Outcome::kOk;
  if (r.error().code == ErrorCode::kNotFound) return Outcome::kNotFound;
  if (r.error().code == ErrorCode::kPermissionDenied) return Outcome::kDenied;
  return Outcome::kOther;
}

std::string Name(Outcome o) {
  switch (o) {
    case Outcome::kOk:
      return "ok";
    case Outcome::kNotFound:
      return "404";
    case Outcome::kDenied:
      return "403";
    case Outcome::kOther:
      return "other";
  }
  return "?";
}

struct Op {
  std::string name;
  std::optional<std::string> key;  // the permission key it needs beyond ro (nullopt: ro only)
  std::function<Outcome(TicketFixture&, const RequestContext&, std::int64_t ticket,
                        std::int64_t queue)>
      run;
};

std::vector<Op> Operations() {
  return {
      {"get", std::nullopt,
       [](auto& f, auto& ctx, auto id, auto) { return Of(f.tickets().Get(ctx, id)); }},
      {"history", std::nullopt,
       [](auto& f, auto& ctx, auto id, auto) { return Of(f.tickets().History(ctx, id)); }},
      {"links", std::nullopt,
       [](auto& f, auto& ctx, auto id, auto) { return Of(f.tickets().Links(ctx, id)); }},
      {"list articles", std::nullopt,
       [](auto& f, auto& ctx, auto id, auto) { return Of(f.tickets().ListArticles(ctx, id, {})); }},
      {"update", "rw",
       [](auto& f, auto& ctx, auto id, auto) {
         return Of(f.tickets().Update(ctx, id, {.title = "changed"}));
       }},
      {"close", "rw",
       [](auto& f, auto& ctx, auto id, auto) { return Of(f.tickets().Close(ctx, id, {})); }},
      {"archive", "rw",
       [](auto& f, auto& ctx, auto id, auto) { return Of(f.tickets().Archive(ctx, id)); }},
      {"lock", "rw",
       [](auto& f, auto& ctx, auto id, auto) { return Of(f.tickets().Lock(ctx, id)); }},
      {"assign", "owner",
       [](auto& f, auto& ctx, auto id, auto) {
         return Of(f.tickets().Assign(ctx, id, {.owner_id = 1}));
       }},
      {"priority", "priority",
       [](auto& f, auto& ctx, auto id, auto) {
         return Of(f.tickets().ChangePriority(ctx, id, {.priority = "high"}));
       }},
      {"move", "move_into",
       [](auto& f, auto& ctx, auto id, auto queue) {
         return Of(f.tickets().MoveQueue(ctx, id, {.queue_id = queue}));
       }},
      {"add article", "note",
       [](auto& f, auto& ctx, auto id, auto) {
         AddArticleRequest r;
         r.body = "hello";
         return Of(f.tickets().AddArticle(ctx, id, r));
       }},
  };
}

TEST_CASE("Agent permission matrix") {
  TicketFixture f;
  std::int64_t group = f.AddGroup("support");
  std::int64_t queue = f.AddQueue("Support", group);
  std::int64_t second_queue = f.AddQueue("Support 2", group);
  const std::vector<std::string> keys = {"",     "ro",    "move_into", "create",
                                         "note", "owner", "priority",  "rw"};
  int n = 0;
  for (const std::string& key : keys) {
    std::vector<std::string> grants;
    if (!key.empty() && key != "rw") grants.push_back("ro");
    if (!key.empty() && key != "ro") grants.push_back(key);
    std::int64_t agent = f.AddAgent("agent" + std::to_string(n++), group, grants);
    RequestContext ctx = TicketFixture::Agent(agent);
    for (const Op& op : Operations()) {
      Ticket ticket = f.NewTicket(queue, "t");
      Outcome expected = Outcome::kOk;
      if (key.empty()) {
        expected = Outcome::kNotFound;
      } else if (key != "rw" && op.key && *op.key != key) {
        expected = Outcome::kDenied;
      }
      INFO("key '" << key << "', operation " << op.name);
      REQUIRE(Name(op.run(f, ctx, ticket.id, second_queue)) == Name(expected));
    }
    CreateTicketRequest create;
    create.title = "new";
    create.queue_id = queue;
    INFO("key '" << key << "', operation create");
    bool may_create = key == "create" || key == "rw";
    REQUIRE(Name(Of(f.tickets().Create(ctx, create))) ==
            Name(may_create ? Outcome::kOk : Outcome::kDenied));
  }
}

TEST_CASE("Customer and administrator matrix") {
  TicketFixture f;
  std::int64_t owner = f.AddCustomer("owner", "ACME");
  std::int64_t other = f.AddCustomer("other", "ACME");
  const std::map<std::string, Outcome> own = {
      {"get", Outcome::kOk},         {"history", Outcome::kNotFound},
      {"links", Outcome::kOk},       {"list articles", Outcome::kOk},
      {"update", Outcome::kDenied},  {"close", Outcome::kDenied},
      {"archive", Outcome::kDenied}, {"lock", Outcome::kDenied},
      {"assign", Outcome::kDenied},  {"priority", Outcome::kDenied},
      {"move", Outcome::kDenied},    {"add article", Outcome::kOk}};
  for (const Op& op : Operations()) {
    Ticket ticket = f.NewTicket(2, "t", "owner");
    INFO("operation " << op.name);
    REQUIRE(Name(op.run(f, TicketFixture::Customer(other), ticket.id, 4)) ==
            Name(Outcome::kNotFound));
    REQUIRE(Name(op.run(f, TicketFixture::Customer(owner), ticket.id, 4)) == Name(own.at(op.name)));
    Ticket fresh = f.NewTicket(2, "t", "owner");
    REQUIRE(Name(op.run(f, TicketFixture::Admin(), fresh.id, 4)) == Name(Outcome::kOk));
  }
}

}  // namespace
}  // namespace goatflow
