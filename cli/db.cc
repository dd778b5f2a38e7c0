// goatflow db status|migrate: inspect and upgrade the database schema.

#include <fmt/format.h>

#include "cli.h"
#include "output.h"
#include "goatflow/json.h"

namespace goatflow::cli {
namespace {

void PrintStatus(const StoreStatus& status, bool json) {
  if (json) {
    PrintLine(json::ToJson(status));
    return;
  }
  std::vector<std::pair<std::string, std::string>> rows = {
      {"path", status.path},
      {"schema version", fmt::format("{} (this build: {}{})", status.schema_version,
                                     status.latest_schema_version,
                                     status.schema_version < status.latest_schema_version
                                         ? ", run 'goatflow db migrate'"
                                         : "")},
      {"journal mode", status.journal_mode},
  };
  for (const auto& [table, count] : status.row_counts)
    rows.emplace_back("rows in " + table, std::to_string(count));
  PrintKeyValues(rows);
}

}  // namespace

void RegisterDb(CLI::App& app, Globals& globals) {
  auto* db = app.add_subcommand("db", "Inspect and migrate the database");
  db->require_subcommand(1);

  auto* status = db->add_subcommand("status", "Schema version and row counts");
  OnRun(status, globals, [&globals]() -> Status {
    OpenOptions options;
    options.create_if_missing = false;
    options.migrate = false;
    auto helpdesk = OpenHelpdesk(globals, options);
    if (!helpdesk.ok()) return std::move(helpdesk).error();
    auto result = (*helpdesk)->GetStoreStatus();
    if (!result.ok()) return std::move(result).error();
    PrintStatus(*result, globals.json);
    return OkStatus();
  });

  auto* migrate = db->add_subcommand("migrate", "Apply pending schema migrations");
  OnRun(migrate, globals, [&globals]() -> Status {
    OpenOptions options;
    options.create_if_missing = false;
    auto helpdesk = OpenHelpdesk(globals, options);
    if (!helpdesk.ok()) return std::move(helpdesk).error();
    auto result = (*helpdesk)->GetStoreStatus();
    if (!result.ok()) return std::move(result).error();
    if (globals.json) {
      PrintLine(json::ToJson(*result));
    } else {
      PrintLine(fmt::format("Applied {} migration(s); schema version {}.",
                            result->migrations_applied_on_open, result->schema_version));
    }
    return OkStatus();
  });
}

}  // namespace goatflow::cli
