// Directory tools (spec/mcp.md §6.6, §6.7): queues and agents the caller may
// see, read page by page through QueueService::List and
// DirectoryService::ListAgents (whose pages hold at most 100 rows).

#include <algorithm>

#include "goatflow/directory.h"
#include "goatflow/queues.h"
#include "mcp/registry.h"

namespace goatflow::mcp {
namespace {

namespace bj = boost::json;

Result<bj::value> ListQueues(const ToolContext& call, Arguments&) {
  ListQueuesRequest request;
  request.valid = ValidFilter::kValid;
  request.page.limit = PageRequest::kMaxLimit;
  bj::array items;
  while (true) {
    auto page = call.helpdesk.Queues().List(call.ctx, request);
    if (!page.ok()) return std::move(page).error();
    for (const Queue& q : page->items) {
      items.push_back(bj::object{{"id", q.id},
                                 {"name", q.name},
                                 {"group_id", q.group_id},
                                 {"group_name", q.group_name}});
    }
    if (!page->pagination.has_next) break;
    ++request.page.page;
  }
  return bj::value(std::move(items));
}

constexpr std::int64_t kDefaultUsers = 50;
constexpr std::int64_t kMaxUsers = 200;

Result<bj::value> ListUsers(const ToolContext& call, Arguments& args) {
  bool valid_only = args.Bool("valid").value_or(true);
  std::int64_t limit = args.Int("limit").value_or(kDefaultUsers);
  if (!args.ok()) return args.error();
  if (limit < 1) limit = kDefaultUsers;
  limit = std::min(limit, kMaxUsers);
  ListAgentsRequest request;
  request.include_invalid = !valid_only;
  request.sort = "login";
  request.page.limit = PageRequest::kMaxLimit;
  bj::array items;
  while (static_cast<std::int64_t>(items.size()) < limit) {
    auto page = call.helpdesk.Directory().ListAgents(call.ctx, request);
    if (!page.ok()) return std::move(page).error();
    for (const Agent& a : page->items) {
      if (static_cast<std::int64_t>(items.size()) == limit) break;
      bj::value title = nullptr;
      if (a.title) title = *a.title;
      items.push_back(bj::object{{"id", a.id},
                                 {"login", a.login},
                                 {"first_name", a.first_name},
                                 {"last_name", a.last_name},
                                 {"title", std::move(title)},
                                 {"valid", a.valid_id == 1}});
    }
    if (!page->pagination.has_next) break;
    ++request.page.page;
  }
  return bj::value(std::move(items));
}

}  // namespace

Tool ListQueuesTool() {
  return Tool{
      .name = "list_queues",
      .description =
          "List the valid queues you can read, sorted by name, with their permission group. "
          "Use the ids with list_tickets, create_ticket and update_ticket.",
      .input_schema = InputSchema(),
      .run = ListQueues,
  };
}

Tool ListUsersTool() {
  return Tool{
      .name = "list_users",
      .description =
          "List agents sorted by login (id, login, names, title, valid), for choosing an "
          "owner. No contact data.",
      .input_schema = InputSchema()
                          .Boolean("valid",
                                   "true: valid agents only; false: also disabled agents "
                                   "(administrators only)")
                          .Default(true)
                          .Integer("limit", "Agents to return")
                          .Minimum(1).Maximum(kMaxUsers).Default(kDefaultUsers),
      .run = ListUsers,
  };
}

}  // namespace goatflow::mcp
