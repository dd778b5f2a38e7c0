// goatflow config get|set and goatflow audit list end to end.
#include <boost/json.hpp>

#include "support/test_support.h"

namespace goatflow {
namespace {

using testing::CommandResult;
using testing::TempDir;

CommandResult Goatflow(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {GOATFLOW_CLI_PATH, "--db", db});
  return testing::RunCommand(args);
}

std::string InitDb(const TempDir& dir) {
  std::string db = dir.File("a.db");
  auto r = testing::RunCommand({GOATFLOW_CLI_PATH, "init", "--db", db},
                               {"GOATFLOW_ADMIN_PASSWORD=Sup3rSecret"});
  REQUIRE(r.exit_code == 0);
  return db;
}

TEST_CASE("config set validates through the registry and config get shows the value") {
  TempDir dir;
  std::string db = InitDb(dir);
  auto set = Goatflow(db, {"config", "set", "MaintenanceMode", "on"});
  INFO(set.err);
  REQUIRE(set.exit_code == 0);
  REQUIRE_THAT(set.out, Catch::Contains("MaintenanceMode updated"));
  REQUIRE(
      Goatflow(db, {"config", "set", "CustomerPanel::SelectableQueues", "Raw, Misc"}).exit_code ==
      0);

  auto one = Goatflow(db, {"config", "get", "CustomerPanel::SelectableQueues", "--json"});
  REQUIRE(one.exit_code == 0);
  auto setting = boost::json::parse(one.out);
  REQUIRE(boost::json::serialize(setting.at("value")) == R"(["Raw","Misc"])");
  REQUIRE(setting.at("modified").as_bool());
  auto all = Goatflow(db, {"config", "get", "--json"});
  REQUIRE(boost::json::parse(all.out).at("MaintenanceMode").as_bool());

  auto range = Goatflow(db, {"config", "set", "SystemID", "100"});
  REQUIRE(range.exit_code == 65);
  REQUIRE_THAT(range.err, Catch::Contains("SystemID must be between 1 and 99"));
  auto type = Goatflow(db, {"config", "set", "SystemID", "ten"});
  REQUIRE(type.exit_code == 65);
  auto unknown = Goatflow(db, {"config", "set", "Nope", "1"});
  REQUIRE(unknown.exit_code == 65);
  REQUIRE_THAT(unknown.err, Catch::Contains("Unknown setting: Nope"));
  REQUIRE(Goatflow(db, {"config", "get", "Nope"}).exit_code != 0);
}

TEST_CASE("audit list shows the operator's changes, filtered, as JSON") {
  TempDir dir;
  std::string db = InitDb(dir);
  REQUIRE(Goatflow(db, {"config", "set", "Organization", "Acme Inc"}).exit_code == 0);
  REQUIRE(Goatflow(db, {"group", "add", "sales"}).exit_code == 0);

  auto listed = Goatflow(db, {"audit", "list", "--action", "config.update", "--json"});
  INFO(listed.err);
  REQUIRE(listed.exit_code == 0);
  auto page = boost::json::parse(listed.out);
  REQUIRE(page.at("pagination").at("total").as_int64() == 1);
  const auto& entry = page.at("data").at(0);
  REQUIRE(entry.at("target_id").as_string() == "Organization");
  REQUIRE(entry.at("actor_kind").as_string() == "system");
  REQUIRE(entry.at("auth_method").as_string() == "local");
  REQUIRE(entry.at("details").at("new").as_string() == R"("Acme Inc")");

  auto table = Goatflow(db, {"audit", "list"});
  REQUIRE(table.exit_code == 0);
  REQUIRE_THAT(table.out, Catch::Contains("group.create"));
  REQUIRE_THAT(table.out, Catch::Contains("config.update"));
  REQUIRE(Goatflow(db, {"audit", "list", "--from", "soon"}).exit_code == 65);

  // An agent without admin rights is refused (and the refusal is audited).
  REQUIRE(Goatflow(db, {"user", "add", "jo", "--first-name", "Jo", "--last-name", "D"}).exit_code ==
          0);
  auto denied = Goatflow(db, {"--as", "jo", "audit", "list"});
  REQUIRE(denied.exit_code != 0);
  auto denials = Goatflow(db, {"audit", "list", "--action", "access.denied", "--json"});
  REQUIRE(boost::json::parse(denials.out).at("pagination").at("total").as_int64() == 1);
}

}  // namespace
}  // namespace goatflow
