// goatflow init: create a helpdesk database, or bring an existing one up to
// date. Never destroys data.

#include <cstdlib>
#include <memory>

#include <fmt/format.h>

#include "cli.h"
#include "output.h"
#include "goatflow/json.h"

namespace goatflow::cli {

void RegisterInit(CLI::App& app, Globals& globals) {
  auto* sub = app.add_subcommand(
      "init", "Create the database with the default data, or migrate an existing one");
  auto admin_password = std::make_shared<std::string>();
  sub->add_option("--admin-password", *admin_password,
                  "Password for the admin account of a new database (env GOATFLOW_ADMIN_PASSWORD; "
                  "default 'admin', which the server refuses to expose beyond loopback)");
  OnRun(sub, globals, [&globals, admin_password]() -> Status {
    OpenOptions options;
    options.initial_admin_password = *admin_password;
    if (options.initial_admin_password.empty()) {
      if (const char* env = std::getenv("GOATFLOW_ADMIN_PASSWORD"); env && *env)
        options.initial_admin_password = env;
    }
    auto helpdesk = OpenHelpdesk(globals, options);
    if (!helpdesk.ok()) return std::move(helpdesk).error();
    auto status = (*helpdesk)->GetStoreStatus();
    if (!status.ok()) return std::move(status).error();
    if (globals.json) {
      PrintLine(json::ToJson(*status));
      return OkStatus();
    }
    bool created = status->migrations_applied_on_open > 0 &&
                   status->migrations_applied_on_open == status->schema_version;
    if (created) {
      PrintLine(fmt::format("Created goatflow database '{}' (schema version {}).", status->path,
                            status->schema_version));
      if (options.initial_admin_password.empty())
        PrintWarning("the admin password is the default 'admin'; change it before exposing the "
                     "server beyond this machine");
    } else {
      PrintLine(fmt::format("Database '{}' is at schema version {} ({} migration(s) applied).",
                            status->path, status->schema_version,
                            status->migrations_applied_on_open));
    }
    return OkStatus();
  });
}

}  // namespace goatflow::cli
