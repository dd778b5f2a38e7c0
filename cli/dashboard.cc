// goatflow stats: the dashboard figures of a user (api-v1.md §9);
// goatflow stats check: the dashboard counters against a recount;
// goatflow jobs run: the background jobs once (for cron).

#include <fmt/format.h>

#include <chrono>

#include "cli.h"
#include "goatflow/dashboard.h"
#include "goatflow/json.h"
#include "output.h"

namespace goatflow::cli {
namespace {

std::string Number(std::int64_t n) { return std::to_string(n); }

void PrintStats(const Globals& globals, const DashboardStats& s) {
  if (globals.json) {
    PrintLine(json::ToJson(s));
    return;
  }
  PrintKeyValues({{"total tickets", Number(s.total_tickets)},
                  {"open", Number(s.open_tickets)},
                  {"pending", Number(s.pending_tickets)},
                  {"closed today", Number(s.closed_today)},
                  {"created today", Number(s.created_today)},
                  {"my tickets", Number(s.my_tickets)},
                  {"overdue", Number(s.overdue_tickets)},
                  {"avg response time", s.avg_response_time.value_or("unknown")}});
}

void PrintCheck(const Globals& globals, const CounterCheck& check) {
  if (globals.json) {
    PrintLine(json::ToJson(check));
    return;
  }
  PrintKeyValues({{"counter rows checked", Number(check.rows_checked)},
                  {"consistent", check.consistent ? "yes" : "no"}});
  for (const CounterMismatch& m : check.mismatches)
    PrintLine(fmt::format("{} {}: stored {}, recounted {}", m.counter, m.key, m.stored,
                          m.recounted));
}

void PrintJobs(const Globals& globals, const JobRunSummary& s) {
  if (globals.json) {
    PrintLine(json::ToJson(s));
    return;
  }
  PrintKeyValues({{"pending reminders fired", Number(s.reminders_fired)},
                  {"reminder notifications", Number(s.reminder_notifications)},
                  {"tickets auto-closed", Number(s.auto_closed)},
                  {"tickets unlocked", Number(s.unlocked)},
                  {"sessions and tokens removed", Number(s.sessions_and_tokens_removed)}});
  for (const std::string& error : s.errors) PrintWarning(error);
}

}  // namespace

void RegisterDashboard(CLI::App& app, Globals& globals) {
  auto* stats = app.add_subcommand("stats", "Dashboard figures of the operator or --as LOGIN");
  auto* check = stats->add_subcommand("check", "Compare the dashboard counters with a recount");
  OnRun(check, globals, [&globals]() -> Status {
    return WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto result = hd.Dashboard().CheckCounters(ctx);
      if (!result.ok()) return result.error();
      PrintCheck(globals, *result);
      if (!result->consistent)
        return Error(ErrorCode::kFailedPrecondition,
                     "dashboard counters differ from a recount of the tickets");
      return OkStatus();
    });
  });
  // Not OnRun: with `check` selected, its outcome stands.
  stats->callback([stats, &globals] {
    if (!stats->get_subcommands().empty()) return;
    globals.outcome = WithHelpdesk(globals, [&](Helpdesk& hd, const RequestContext& ctx) -> Status {
      auto figures = hd.Dashboard().Stats(ctx);
      if (!figures.ok()) return figures.error();
      PrintStats(globals, *figures);
      return OkStatus();
    });
  });

  auto* jobs = app.add_subcommand("jobs", "Background jobs");
  jobs->require_subcommand(1);
  auto* run = jobs->add_subcommand("run", "Run the due background jobs once (for cron)");
  OnRun(run, globals, [&globals]() -> Status {
    auto helpdesk = OpenHelpdesk(globals);
    if (!helpdesk.ok()) return helpdesk.error();
    JobRunSummary summary = helpdesk.value()->RunDueJobs(std::chrono::system_clock::now());
    PrintJobs(globals, summary);
    if (!summary.ok())
      return Error(ErrorCode::kInternal, fmt::format("{} job(s) failed", summary.errors.size()));
    return OkStatus();
  });
}

}  // namespace goatflow::cli
