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

void AddPageOptions(CLI::App* sub, PageQuery& query, const std::string& items) {
  AddOptional(sub, "--page", query.page, "Page (default 1)");
  AddOptional(sub, "--limit", query.limit, items + " per page (default 20, at most 100)");
  AddOptional(sub, "--per-page", query.per_page, "Alias of --limit");
  AddOptional(sub, "--offset", query.offset, "Items to skip, instead of --page");
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

Result<RequestContext> CallerContext(const Globals& globals, const Helpdesk& helpdesk) {
  if (globals.as_login.empty()) return RequestContext::LocalOperator();
  return helpdesk.LocalContextFor(globals.as_login);
}

Status WithHelpdesk(const Globals& globals,
                    const std::function<Status(Helpdesk&, const RequestContext&)>& fn) {
  OpenOptions options;
  options.create_if_missing = false;
  auto helpdesk = OpenHelpdesk(globals, options);
  if (!helpdesk.ok()) return std::move(helpdesk).error();
  auto ctx = CallerContext(globals, **helpdesk);
  if (!ctx.ok()) return std::move(ctx).error();
  return fn(**helpdesk, *ctx);
}

Result<ValidFilter> ParseValidFilter(const std::string& text) {
  if (text == "valid" || text == "1") return ValidFilter::kValid;
  if (text == "invalid" || text == "2") return ValidFilter::kInvalid;
  if (text == "all") return ValidFilter::kAll;
  return Error(ErrorCode::kInvalidArgument, "--valid must be valid, invalid or all")
      .WithWireCode("usage");
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
  app.add_option("--as", globals.as_login,
                 "Act as this agent (or customer user) with its permissions instead of the "
                 "local operator");

  RegisterInit(app, globals);
  RegisterDb(app, globals);
#ifdef GOATFLOW_HAVE_SERVER
  RegisterServe(app, globals);
#endif
  RegisterTicket(app, globals);
  RegisterArticle(app, globals);
  RegisterLookup(app, globals);
  RegisterQueue(app, globals);
  RegisterUser(app, globals);
  RegisterGroup(app, globals);
  RegisterRole(app, globals);
  RegisterCustomer(app, globals);
  RegisterToken(app, globals);
  RegisterSearch(app, globals);
  RegisterMcp(app, globals);
  RegisterDashboard(app, globals);
  RegisterConfig(app, globals);
  RegisterAudit(app, globals);

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
