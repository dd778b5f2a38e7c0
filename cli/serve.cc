// goatflow serve: runs the HTTP server (the same code as goatflow-server) on
// the database named by --db, until SIGINT or SIGTERM.

#include <memory>
#include <string>
#include <vector>

#include "cli.h"
#include "server/config.h"
#include "server/server.h"

namespace goatflow::cli {

void RegisterServe(CLI::App& app, Globals& globals) {
  auto* sub = app.add_subcommand("serve", "Serve the HTTP API until SIGINT or SIGTERM");
  // The server's own flags (--listen, --threads, --tls-cert ...) are parsed by
  // the server library, so goatflow serve and goatflow-server agree.
  sub->allow_extras();
  sub->fallthrough(false);  // unknown flags stay with serve instead of reaching the app
  sub->footer(server::ServerUsage("goatflow serve"));
  OnRun(sub, globals, [&globals, sub]() -> Status {
    std::vector<std::string> args = {"--db", globals.db_path};
    for (const auto& extra : sub->remaining()) args.push_back(extra);
    return server::ServerMain(args, "goatflow serve");
  });
}

}  // namespace goatflow::cli
