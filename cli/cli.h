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
#include "goatflow/listing.h"

namespace goatflow::cli {

struct Globals {
  std::string db_path = "goatflow.db";
  bool json = false;
  std::string as_login;  // --as LOGIN: act as that agent (or customer user)
  Status outcome;  // of the command that ran
};

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
void PrintPageFooter(const PageInfo& info, std::string_view noun);

// Registration of each noun's subcommands (one file per noun).
void RegisterInit(CLI::App& app, Globals& globals);
void RegisterDb(CLI::App& app, Globals& globals);
void RegisterLookup(CLI::App& app, Globals& globals);
void RegisterQueue(CLI::App& app, Globals& globals);
void RegisterUser(CLI::App& app, Globals& globals);
void RegisterGroup(CLI::App& app, Globals& globals);
void RegisterRole(CLI::App& app, Globals& globals);
void RegisterCustomer(CLI::App& app, Globals& globals);

}  // namespace goatflow::cli
