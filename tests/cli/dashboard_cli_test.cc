// goatflow stats, stats check and jobs run as a black box.
#include <boost/json.hpp>

#include "support/test_support.h"

namespace goatflow {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::TempDir;

struct Cli {
  TempDir dir;
  std::string db = dir.File("hd.db");
  Cli() { REQUIRE(Run({"init"}).exit_code == 0); }
  CommandResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {GOATFLOW_CLI_PATH, "--db", db});
    return RunCommand(args);
  }
};

TEST_CASE("goatflow stats prints the dashboard figures of the acting account") {
  Cli cli;
  REQUIRE(cli.Run({"ticket", "create", "--title", "Printer jammed", "--queue-id", "2"})
              .exit_code == 0);
  REQUIRE(cli.Run({"ticket", "create", "--title", "VPN down", "--queue-id", "4"}).exit_code == 0);

  auto json = cli.Run({"stats", "--json"});
  INFO(json.err);
  REQUIRE(json.exit_code == 0);
  auto stats = boost::json::parse(json.out).as_object();
  REQUIRE(stats.at("total_tickets").as_int64() == 2);
  REQUIRE(stats.at("open_tickets").as_int64() == 2);
  REQUIRE(stats.at("avg_response_time").is_null());

  auto table = cli.Run({"stats", "--as", "admin"});
  REQUIRE(table.exit_code == 0);
  REQUIRE_THAT(table.out, Catch::Contains("total tickets"));
  REQUIRE_THAT(table.out, Catch::Contains("unknown"));

  auto check = cli.Run({"stats", "check", "--json"});
  INFO(check.err);
  REQUIRE(check.exit_code == 0);
  REQUIRE(boost::json::parse(check.out).at("consistent").as_bool());

  auto nobody = cli.Run({"stats", "--as", "nobody"});
  REQUIRE(nobody.exit_code != 0);
}

TEST_CASE("goatflow jobs run runs the due jobs once") {
  Cli cli;
  auto json = cli.Run({"jobs", "run", "--json"});
  INFO(json.err);
  REQUIRE(json.exit_code == 0);
  auto summary = boost::json::parse(json.out).as_object();
  REQUIRE(summary.at("auto_closed").as_int64() == 0);
  REQUIRE(summary.at("errors").as_array().empty());
  auto text = cli.Run({"jobs", "run"});
  REQUIRE(text.exit_code == 0);
  REQUIRE_THAT(text.out, Catch::Contains("tickets auto-closed"));
  REQUIRE(cli.Run({"jobs"}).exit_code != 0);  // a subcommand is required
}

}  // namespace
}  // namespace goatflow
