// The directory commands end to end: exit codes, --as, --json output.
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
  std::string db = dir.File("d.db");
  auto r = testing::RunCommand({GOATFLOW_CLI_PATH, "init", "--db", db},
                               {"GOATFLOW_ADMIN_PASSWORD=Sup3rSecret"});
  REQUIRE(r.exit_code == 0);
  return db;
}

TEST_CASE("lookup priorities --json lists the default priorities") {
  TempDir dir;
  std::string db = InitDb(dir);
  auto r = Goatflow(db, {"lookup", "priorities", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto v = boost::json::parse(r.out);
  REQUIRE(v.as_array().size() == 5);
  REQUIRE(v.at(3).at("name").as_string() == "4 high");
  auto states = Goatflow(db, {"lookup", "states", "--type", "pending auto"});
  REQUIRE(states.exit_code == 0);
  REQUIRE_THAT(states.out, Catch::Contains("pending auto close+"));
  REQUIRE(Goatflow(db, {"lookup", "states", "--valid", "sometimes"}).exit_code == 65);
}

TEST_CASE("user, group and queue commands; --as applies the agent's permissions") {
  TempDir dir;
  std::string db = InitDb(dir);
  auto group = Goatflow(db, {"group", "add", "sales", "--json"});
  INFO(group.err);
  REQUIRE(group.exit_code == 0);
  auto group_id = boost::json::parse(group.out).at("id").as_int64();
  std::string grant = std::to_string(group_id) + ":ro";

  auto user = Goatflow(db, {"user", "add", "jo", "--first-name", "Jo", "--last-name", "Doe",
                            "--email", "jo@example.com", "--group", grant, "--json"});
  INFO(user.err);
  REQUIRE(user.exit_code == 0);
  auto agent = boost::json::parse(user.out);
  REQUIRE(agent.at("login").as_string() == "jo");
  REQUIRE(agent.at("groups").at(0).at("permissions").at(0).as_string() == "ro");
  REQUIRE_FALSE(agent.as_object().contains("pw"));

  auto queue =
      Goatflow(db, {"queue", "create", "Sales", "--group-id", std::to_string(group_id), "--json"});
  INFO(queue.err);
  REQUIRE(queue.exit_code == 0);
  REQUIRE(boost::json::parse(queue.out).at("group_name").as_string() == "sales");

  auto mine = Goatflow(db, {"--as", "jo", "queue", "list", "--json"});
  REQUIRE(mine.exit_code == 0);
  auto page = boost::json::parse(mine.out);
  REQUIRE(page.at("pagination").at("total").as_int64() == 1);
  REQUIRE(page.at("data").at(0).at("name").as_string() == "Sales");

  auto denied = Goatflow(db, {"--as", "jo", "queue", "create", "Nope", "--group-id", "1"});
  REQUIRE(denied.exit_code == 77);
  REQUIRE_THAT(denied.err, Catch::StartsWith("goatflow: core:forbidden: Permission denied"));
  REQUIRE(Goatflow(db, {"--as", "ghost", "queue", "list"}).exit_code == 66);

  auto dup = Goatflow(db, {"user", "add", "JO", "--first-name", "A", "--last-name", "B"});
  REQUIRE(dup.exit_code == 73);
  REQUIRE_THAT(dup.err, Catch::Contains("Login already exists"));
  auto bad_key = Goatflow(db, {"group", "grant", "2", "1:superpowers"});
  REQUIRE(bad_key.exit_code == 65);
  REQUIRE_THAT(bad_key.err, Catch::Contains("Invalid permission key"));
  auto protected_group = Goatflow(db, {"group", "delete", "2"});
  REQUIRE(protected_group.exit_code == 65);
  REQUIRE_THAT(protected_group.err, Catch::Contains("protected group"));
}

TEST_CASE("user passwd applies the policy; disable and enable govern --as") {
  TempDir dir;
  std::string db = InitDb(dir);
  REQUIRE(Goatflow(db, {"user", "add", "kim", "--first-name", "K", "--last-name", "M"}).exit_code ==
          0);
  auto weak = Goatflow(db, {"user", "passwd", "2", "--password", "weak"});
  REQUIRE(weak.exit_code == 65);
  auto ok = Goatflow(db, {"user", "passwd", "2", "--password", "Str0ngPassword"});
  INFO(ok.err);
  REQUIRE(ok.exit_code == 0);
  REQUIRE(Goatflow(db, {"user", "disable", "1"}).exit_code == 65);  // the operator is user 1
  REQUIRE(Goatflow(db, {"user", "disable", "2"}).exit_code == 0);
  auto gone = Goatflow(db, {"--as", "kim", "lookup", "types"});
  REQUIRE(gone.exit_code == 77);
  REQUIRE(Goatflow(db, {"user", "enable", "2"}).exit_code == 0);
  REQUIRE(Goatflow(db, {"--as", "kim", "lookup", "types"}).exit_code == 0);
}

TEST_CASE("customer and company commands") {
  TempDir dir;
  std::string db = InitDb(dir);
  auto company = Goatflow(db, {"customer", "company-add", "ACME", "--name", "Acme", "--json"});
  INFO(company.err);
  REQUIRE(company.exit_code == 0);
  REQUIRE(boost::json::parse(company.out).at("customer_id").as_string() == "ACME");
  auto user = Goatflow(db, {"customer", "add", "carla", "--first-name", "C", "--last-name", "L",
                            "--company", "ACME", "--password", "Cust0merPass", "--json"});
  INFO(user.err);
  REQUIRE(user.exit_code == 0);
  auto v = boost::json::parse(user.out);
  REQUIRE(v.at("has_password").as_bool());
  REQUIRE_FALSE(v.as_object().contains("pw"));
  auto clash = Goatflow(db, {"customer", "add", "admin", "--first-name", "A", "--last-name", "B"});
  REQUIRE(clash.exit_code == 73);
  auto list = Goatflow(db, {"customer", "list", "--company", "ACME", "--json"});
  REQUIRE(list.exit_code == 0);
  REQUIRE(boost::json::parse(list.out).at("pagination").at("total").as_int64() == 1);
  REQUIRE(Goatflow(db, {"customer", "disable", "carla"}).exit_code == 0);
  REQUIRE(Goatflow(db, {"customer", "show", "nobody"}).exit_code == 66);
}

}  // namespace
}  // namespace goatflow
