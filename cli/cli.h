#pragma once

// Shared state of one `goatflow` invocation and the helpers every noun uses.
// A command is a function returning Status; main() turns its error into the
// "goatflow: <code>: <message>" line and a sysexits code.

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

#include "goatflow/error.h"
#include "goatflow/helpdesk.h"

namespace goatflow::cli {

struct Globals {
  std::string db_path = "goatflow.db";
  bool json = false;
  Status outcome;  // of the command that ran
};

// Runs `command` when `sub` is selected and records its outcome.
void OnRun(CLI::App* sub, Globals& globals, std::function<Status()> command);

// Opens the database named by --db with `options` (path is filled in).
Result<std::unique_ptr<Helpdesk>> OpenHelpdesk(const Globals& globals, OpenOptions options = {});

// Registration of each noun's subcommands (one file per noun).
void RegisterInit(CLI::App& app, Globals& globals);
void RegisterDb(CLI::App& app, Globals& globals);
void RegisterToken(CLI::App& app, Globals& globals);

}  // namespace goatflow::cli
