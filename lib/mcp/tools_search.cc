// Search and statistics tools (spec/mcp.md §6.8, §6.9).

#include <algorithm>

#include "core/strings.h"
#include "goatflow/search.h"
#include "mcp/registry.h"
#include "service/ticket_statistics.h"

namespace goatflow::mcp {
namespace {

namespace bj = boost::json;

constexpr std::size_t kMaxQueryChars = 200;

Result<bj::value> SearchTickets(const ToolContext& call, Arguments& args) {
  std::string query = args.RequiredString("query").value_or("");
  std::int64_t limit = args.Int("limit").value_or(PageRequest::kDefaultLimit);
  if (!args.ok()) return args.error();
  if (core::Trim(query).empty()) return Error(ErrorCode::kInvalidArgument, "query is required");
  if (core::Utf8Length(query) > kMaxQueryChars)
    return Error(ErrorCode::kInvalidArgument, "query must be at most 200 characters");
  if (limit < 1) limit = PageRequest::kDefaultLimit;
  SearchTicketsRequest request;
  request.query = query;
  request.filters.page.limit = std::min(limit, PageRequest::kMaxLimit);
  request.fulltext = true;
  request.by_relevance = true;
  auto page = call.helpdesk.Search().SearchTickets(call.ctx, request);
  if (!page.ok()) return std::move(page).error();
  bj::array items;
  for (const TicketSearchHit& hit : page->hits) {
    const Ticket& t = hit.ticket;
    items.push_back(bj::object{{"id", t.id},
                               {"number", t.tn},
                               {"title", t.title},
                               {"state", t.state},
                               {"queue", t.queue}});
  }
  return bj::value(std::move(items));
}

bj::object CountMap(const std::vector<std::pair<std::string, std::int64_t>>& counts) {
  bj::object out;
  for (const auto& [name, count] : counts) out[name] = count;
  return out;
}

Result<bj::value> GetStatistics(const ToolContext& call, Arguments&) {
  auto stats = service::CountVisibleTickets(call.impl, call.ctx);
  if (!stats.ok()) return std::move(stats).error();
  return bj::value(bj::object{{"tickets_by_state", CountMap(stats->by_state)},
                              {"tickets_by_queue", CountMap(stats->by_queue)},
                              {"total_tickets", stats->total_tickets},
                              {"total_users", stats->valid_agents}});
}

}  // namespace

Tool SearchTicketsTool() {
  return Tool{
      .name = "search_tickets",
      .description =
          "Full-text search over the tickets you can see (number, title, customer and article "
          "text), best match first. Supports \"phrases\", prefix*, -exclusion and the filters "
          "queue:, status:, priority:, owner:, customer:, created:>YYYY-MM-DD.",
      .input_schema = InputSchema()
                          .String("query", "Search text").Required().MinLength(1).MaxLength(200)
                          .Integer("limit", "Tickets to return")
                          .Minimum(1).Maximum(100).Default(20),
      .run = SearchTickets,
  };
}

Tool GetStatisticsTool() {
  return Tool{
      .name = "get_statistics",
      .description =
          "Counts of the tickets you can see (not archived) by state and by queue, their "
          "total, and the number of valid agents. Names with no ticket are left out.",
      .input_schema = InputSchema(),
      .run = GetStatistics,
  };
}

}  // namespace goatflow::mcp
