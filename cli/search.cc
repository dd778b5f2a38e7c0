// goatflow search QUERY: the full-text ticket search of docs/search.md;
// goatflow search check|reindex: the index against the tables.

#include <fmt/format.h>

#include <memory>

#include "cli.h"
#include "goatflow/json.h"
#include "goatflow/search.h"
#include "output.h"

namespace goatflow::cli {
namespace {

struct SearchArgs {
  SearchTicketsRequest request;
  PageQuery paging;
  std::vector<std::int64_t> queue_ids;
  bool titles_only = false;
  bool suggest = false;
};

void PrintHits(const TicketSearchPage& page) {
  PrintLine(fmt::format("{:<7} {:<16} {:<20} {:<14} {}", "ID", "TN", "STATE", "QUEUE", "TITLE"));
  for (const TicketSearchHit& hit : page.hits) {
    const Ticket& t = hit.ticket;
    PrintLine(fmt::format("{:<7} {:<16} {:<20} {:<14} {}", t.id, t.tn, t.state, t.queue, t.title));
  }
  const Pagination& p = page.pagination;
  PrintLine(fmt::format("page {} of {} ({} ticket(s))", p.page, p.total_pages, p.total));
}

void PrintReport(const Globals& globals, const IndexReport& r) {
  if (globals.json) {
    PrintLine(fmt::format(R"({{"tickets":{},"articles":{},"missing":{},"stale":{},"orphaned":{},)"
                          R"("consistent":{}}})",
                          r.tickets, r.articles, r.missing, r.stale, r.orphaned,
                          r.consistent() ? "true" : "false"));
    return;
  }
  PrintKeyValues({{"tickets indexed", std::to_string(r.tickets)},
                  {"articles indexed", std::to_string(r.articles)},
                  {"missing", std::to_string(r.missing)},
                  {"stale", std::to_string(r.stale)},
                  {"orphaned", std::to_string(r.orphaned)},
                  {"consistent", r.consistent() ? "yes" : "no"}});
}

void AddIndexCommands(CLI::App* search, Globals& globals) {
  auto* check = search->add_subcommand("check", "Compare the full-text index with the tables");
  OnRun(check, globals, [&globals]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto report = hd.Search().CheckIndex(ctx);
      if (!report.ok()) return report.error();
      PrintReport(globals, *report);
      if (!report->consistent())
        return Error(ErrorCode::kFailedPrecondition,
                     "the search index differs from the tables: run `goatflow search reindex`");
      return OkStatus();
    });
  });
  auto* reindex = search->add_subcommand("reindex", "Rebuild the full-text index (one transaction)");
  OnRun(reindex, globals, [&globals]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto report = hd.Search().Reindex(ctx);
      if (!report.ok()) return report.error();
      PrintReport(globals, *report);
      return OkStatus();
    });
  });
}

}  // namespace

void RegisterSearch(CLI::App& app, Globals& globals) {
  auto* sub = app.add_subcommand("search", "Search tickets (query language: docs/search.md)");
  auto a = std::make_shared<SearchArgs>();
  sub->add_option("query", a->request.query, "Words, \"phrases\", prefix*, -exclusions, "
                                             "queue:, status:, priority:, owner:, customer:, "
                                             "created:>DATE");
  sub->add_flag("--titles-only", a->titles_only,
                "Match ticket number, title and customer only (not article text)");
  sub->add_option("--queue-id", a->queue_ids, "Only these queues")->delimiter(',');
  sub->add_flag("--suggest", a->suggest, "Print suggestions for QUERY as a prefix instead");
  AddPageOptions(sub, a->paging, "Tickets");
  AddIndexCommands(sub, globals);
  // Not OnRun: with `check` or `reindex` selected, their outcome stands.
  sub->callback([sub, &globals, a] {
    if (!sub->get_subcommands().empty()) return;
    globals.outcome = WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      if (a->suggest) {
        auto suggestions = hd.Search().Suggest(ctx, a->request.query, 20);
        if (!suggestions.ok()) return suggestions.error();
        if (globals.json) {
          PrintLine(json::ToJson(*suggestions));
        } else {
          for (const Suggestion& s : *suggestions)
            PrintLine(fmt::format("{:<7} {:<7} {}", s.type, s.id, s.label));
        }
        return OkStatus();
      }
      a->request.fulltext = !a->titles_only;
      a->request.filters.page = ParsePageRequest(a->paging);
      a->request.filters.queue_ids = a->queue_ids;
      auto page = hd.Search().SearchTickets(ctx, a->request);
      if (!page.ok()) return page.error();
      if (globals.json) {
        PrintLine(json::ToJson(*page));
      } else {
        PrintHits(*page);
      }
      return OkStatus();
    });
  });
}

}  // namespace goatflow::cli
