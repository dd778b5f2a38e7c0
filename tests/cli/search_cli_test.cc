// goatflow search as a black box: ranked hits, --json, suggestions, bad queries.
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

TEST_CASE("goatflow search finds tickets by words, phrases and filters") {
  Cli cli;
  REQUIRE(cli.Run({"ticket", "create", "--title", "Café printer jammed", "--queue-id", "2",
                   "--body", "paper stuck in tray two"})
              .exit_code == 0);
  REQUIRE(cli.Run({"ticket", "create", "--title", "VPN down", "--queue-id", "4", "--body",
                   "the printer works"})
              .exit_code == 0);

  auto json = cli.Run({"search", "cafe printer", "--json"});
  INFO(json.err);
  REQUIRE(json.exit_code == 0);
  auto page = boost::json::parse(json.out).as_object();
  REQUIRE(page.at("data").as_array().size() == 1);
  REQUIRE(page.at("data").as_array()[0].at("title").as_string() == "Café printer jammed");
  REQUIRE(page.at("pagination").at("total").as_int64() == 1);

  auto table = cli.Run({"search", "printer"});
  REQUIRE(table.exit_code == 0);
  REQUIRE(table.out.find("Café printer jammed") < table.out.find("VPN down"));  // title first
  REQUIRE_THAT(table.out, Catch::Contains("2 ticket(s)"));
  REQUIRE_THAT(cli.Run({"search", "printer", "--titles-only"}).out, Catch::Contains("1 ticket(s)"));
  REQUIRE_THAT(cli.Run({"search", "\"tray two\" queue:Raw"}).out, Catch::Contains("1 ticket(s)"));
  REQUIRE_THAT(cli.Run({"search", "printer -vpn"}).out, Catch::Contains("1 ticket(s)"));

  auto suggest = cli.Run({"search", "VP", "--suggest"});
  REQUIRE(suggest.exit_code == 0);
  REQUIRE_THAT(suggest.out, Catch::Contains("VPN down"));
}

TEST_CASE("goatflow search refuses bad queries with a usage-style error") {
  Cli cli;
  for (const std::string& query : {std::string("   "), std::string("-only"),
                                   std::string(600, 'x'), std::string("created:>soon")}) {
    auto r = cli.Run({"search", "--", query});
    INFO(query);
    REQUIRE(r.exit_code == 65);
    REQUIRE_THAT(r.err, Catch::StartsWith("goatflow: core:validation_failed: "));
  }
  REQUIRE(cli.Run({"search", "\"unbalanced NEAR( ^ *"}).exit_code == 0);
}

}  // namespace
}  // namespace goatflow

namespace goatflow {
namespace {

TEST_CASE("goatflow search check and reindex report and repair the index") {
  Cli cli;
  REQUIRE(cli.Run({"ticket", "create", "--title", "Disk full", "--queue-id", "2"}).exit_code == 0);
  auto check = cli.Run({"search", "check", "--json"});
  INFO(check.err);
  REQUIRE(check.exit_code == 0);
  REQUIRE_THAT(check.out, Catch::Contains(R"("consistent":true)"));
  auto reindex = cli.Run({"search", "reindex"});
  REQUIRE(reindex.exit_code == 0);
  REQUIRE_THAT(reindex.out, Catch::Contains("tickets indexed") && Catch::Contains("yes"));
  REQUIRE_THAT(cli.Run({"search", "disk"}).out, Catch::Contains("Disk full"));
}

}  // namespace
}  // namespace goatflow
