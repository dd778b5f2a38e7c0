// goatflow lookup states|priorities|types: the ticket lookup data.

#include <memory>

#include "cli.h"
#include "goatflow/json.h"
#include "goatflow/lookups.h"
#include "output.h"

namespace goatflow::cli {
namespace {

struct LookupArgs {
  std::string valid = "valid";
  std::string type;
};

// Runs fn(lookups, ctx, valid filter) for the caller of this invocation.
template <typename Fn>
Status WithLookups(const Globals& globals, const LookupArgs& args, Fn&& fn) {
  auto valid = ParseValidFilter(args.valid);
  if (!valid.ok()) return std::move(valid).error();
  return WithHelpdesk(globals, [&](Helpdesk& helpdesk, const RequestContext& ctx) {
    return fn(helpdesk.Lookups(), ctx, *valid);
  });
}

template <typename Rows, typename RowFn>
Status Print(const Globals& globals, Result<Rows> rows, const std::vector<std::string>& headers,
             RowFn&& row) {
  if (!rows.ok()) return std::move(rows).error();
  if (globals.json) {
    PrintLine(json::ToJson(*rows));
    return OkStatus();
  }
  std::vector<std::vector<std::string>> table;
  for (const auto& item : *rows) table.push_back(row(item));
  PrintTable(headers, table);
  return OkStatus();
}

}  // namespace

void RegisterLookup(CLI::App& app, Globals& globals) {
  auto* lookup = app.add_subcommand("lookup", "Ticket states, priorities and types");
  lookup->require_subcommand(1);
  auto args = std::make_shared<LookupArgs>();

  auto* states = lookup->add_subcommand("states", "List ticket states with their state types");
  states->add_option("--valid", args->valid, "valid (default), invalid or all");
  states->add_option("--type", args->type, "Only states of this state type (e.g. 'closed')");
  OnRun(states, globals, [&globals, args]() -> Status {
    return WithLookups(
        globals, *args, [&](LookupService& lookups, const RequestContext& ctx, ValidFilter valid) {
          return Print(globals, lookups.ListStates(ctx, valid, args->type),
                       {"ID", "NAME", "TYPE", "VALID"}, [](const State& s) {
                         return std::vector<std::string>{std::to_string(s.id), s.name, s.type,
                                                         std::to_string(s.valid_id)};
                       });
        });
  });

  auto* priorities = lookup->add_subcommand("priorities", "List ticket priorities");
  priorities->add_option("--valid", args->valid, "valid (default), invalid or all");
  OnRun(priorities, globals, [&globals, args]() -> Status {
    return WithLookups(
        globals, *args, [&](LookupService& lookups, const RequestContext& ctx, ValidFilter valid) {
          return Print(globals, lookups.ListPriorities(ctx, valid),
                       {"ID", "NAME", "COLOR", "VALID"}, [](const Priority& p) {
                         return std::vector<std::string>{std::to_string(p.id), p.name, p.color,
                                                         std::to_string(p.valid_id)};
                       });
        });
  });

  auto* types = lookup->add_subcommand("types", "List ticket types");
  types->add_option("--valid", args->valid, "valid (default), invalid or all");
  OnRun(types, globals, [&globals, args]() -> Status {
    return WithLookups(
        globals, *args, [&](LookupService& lookups, const RequestContext& ctx, ValidFilter valid) {
          return Print(globals, lookups.ListTypes(ctx, valid), {"ID", "NAME", "VALID"},
                       [](const TicketType& t) {
                         return std::vector<std::string>{std::to_string(t.id), t.name,
                                                         std::to_string(t.valid_id)};
                       });
        });
  });
}

}  // namespace goatflow::cli
