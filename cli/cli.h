#pragma once

// Shared state of one `goatflow` invocation and the helpers every noun uses.
// A command is a function returning Status; main() turns its error into the
// "goatflow: <code>: <message>" line and a sysexits code.

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "goatflow/error.h"
#include "goatflow/directory.h"
#include "goatflow/helpdesk.h"
#include "goatflow/pagination.h"

namespace goatflow::cli {

struct Globals {
  std::string db_path = "goatflow.db";
  bool json = false;
  std::string as_login;  // --as LOGIN: act as that agent (or customer user)
  Status outcome;  // of the command that ran
};

// Sets `target` only when the option is given (the storage must outlive parsing).
template <typename T>
CLI::Option* AddOptional(CLI::App* sub, const std::string& name, std::optional<T>& target,
                         const std::string& description) {
  return sub->add_option_function<T>(
      name, [&target](const T& value) { target = value; }, description);
}

// --page, --limit, --per-page and --offset, read as the API reads its query
// (ParsePageRequest: lenient, limit clamped to 100).
void AddPageOptions(CLI::App* sub, PageQuery& query, const std::string& items);

// Runs `command` when `sub` is selected and records its outcome.
void OnRun(CLI::App* sub, Globals& globals, std::function<Status()> command);

// Opens the database named by --db with `options` (path is filled in).
Result<std::unique_ptr<Helpdesk>> OpenHelpdesk(const Globals& globals, OpenOptions options = {});

// Who the command acts as: the local operator, or the account named by --as.
Result<RequestContext> CallerContext(const Globals& globals, const Helpdesk& helpdesk);

// Opens the database (--db), resolves the caller (--as) and runs
// fn(helpdesk, ctx): the frame of every command that makes one library call.
Status WithHelpdesk(const Globals& globals,
                    const std::function<Status(Helpdesk&, const RequestContext&)>& fn);

// The value of an option only when it was given on the command line.
template <typename T>
std::optional<T> IfGiven(const CLI::Option* option, const T& value) {
  if (option->count() == 0) return std::nullopt;
  return value;
}

// Parses --valid: valid|1, invalid|2 or all (usage error otherwise).
Result<ValidFilter> ParseValidFilter(const std::string& text);

// Parses a grant given as "GROUP_ID:key,key" (e.g. "3:ro,note"); "GROUP_ID:"
// or a bare id means no keys. Keys are checked by the library.
Result<GroupGrant> ParseGrantSpec(const std::string& spec);

// Prints a page footer "page P of N (T <noun>)".
void PrintPageFooter(const Pagination& info, std::string_view noun);

// Registration of each noun's subcommands (one file per noun).
void RegisterInit(CLI::App& app, Globals& globals);
void RegisterDb(CLI::App& app, Globals& globals);
void RegisterServe(CLI::App& app, Globals& globals);
void RegisterTicket(CLI::App& app, Globals& globals);
void RegisterArticle(CLI::App& app, Globals& globals);
void RegisterLookup(CLI::App& app, Globals& globals);
void RegisterQueue(CLI::App& app, Globals& globals);
void RegisterUser(CLI::App& app, Globals& globals);
void RegisterGroup(CLI::App& app, Globals& globals);
void RegisterRole(CLI::App& app, Globals& globals);
void RegisterCustomer(CLI::App& app, Globals& globals);
void RegisterToken(CLI::App& app, Globals& globals);
void RegisterSearch(CLI::App& app, Globals& globals);
void RegisterMcp(CLI::App& app, Globals& globals);
void RegisterDashboard(CLI::App& app, Globals& globals);
void RegisterConfig(CLI::App& app, Globals& globals);
void RegisterAudit(CLI::App& app, Globals& globals);

}  // namespace goatflow::cli
