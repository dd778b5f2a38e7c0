// goatflow: command-line front-end of libgoatflow. Each command parses its
// arguments, makes one library call and renders the result (table or --json).

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>

#include "cli.h"
#include "exit_code.h"
#include "output.h"
#include "goatflow/helpdesk.h"

namespace goatflow::cli {

void OnRun(CLI::App* sub, Globals& globals, std::function<Status()> command) {
  sub->callback([&globals, command = std::move(command)] { globals.outcome = command(); });
}

Result<std::unique_ptr<Helpdesk>> OpenHelpdesk(const Globals& globals, OpenOptions options) {
  options.path = globals.db_path;
  // The JWT key comes from the environment (api-v1.md §0); the library itself never reads it.
  if (options.jwt_secret.empty()) {
    for (const char* name : {"GOATFLOW_JWT_SECRET", "JWT_SECRET"}) {
      if (const char* env = std::getenv(name); env && *env) {
        options.jwt_secret = env;
        break;
      }
    }
  }
  return Helpdesk::Open(options);
}

namespace {

int Run(int argc, char** argv) {
  Globals globals;
  if (const char* env = std::getenv("GOATFLOW_DB"); env && *env) globals.db_path = env;

  CLI::App app{"goatflow: a self-hostable helpdesk", "goatflow"};
  app.set_version_flag("--version", "goatflow " + std::string(Version()));
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  app.add_option("--db", globals.db_path, "Database file (env GOATFLOW_DB)")
      ->capture_default_str();
  app.add_flag("--json", globals.json, "Print results as JSON");

  RegisterInit(app, globals);
  RegisterDb(app, globals);
  RegisterToken(app, globals);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    PrintError(Error(ErrorCode::kInvalidArgument, e.what()).WithWireCode("usage"));
    return kExitUsage;
  }
  if (!globals.outcome.ok()) {
    PrintError(globals.outcome.error());
    return ExitCodeFor(globals.outcome.error().code);
  }
  return kExitOk;
}

}  // namespace
}  // namespace goatflow::cli

int main(int argc, char** argv) {
  // The CLI's one catch-all: a bug must still end with a message and EX_SOFTWARE.
  try {
    return goatflow::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    goatflow::cli::PrintError(goatflow::Error(goatflow::ErrorCode::kInternal, e.what()));
  } catch (...) {
    goatflow::cli::PrintError(goatflow::Error(goatflow::ErrorCode::kInternal, "unexpected failure"));
  }
  return 70;
}
