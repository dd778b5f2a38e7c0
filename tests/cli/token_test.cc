// goatflow token create|list|revoke as a black box.
#include <boost/json.hpp>

#include "support/test_support.h"

namespace goatflow {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::TempDir;

CommandResult Goatflow(std::vector<std::string> args, std::vector<std::string> env = {}) {
  args.insert(args.begin(), GOATFLOW_CLI_PATH);
  return RunCommand(args, env);
}

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

TEST_CASE("goatflow token create prints the secret once; list never shows it") {
  TempDir dir;
  std::string db = dir.File("t.db");
  REQUIRE(Goatflow({"init", "--db", db}).exit_code == 0);
  auto created = Goatflow({"token", "create", "--db", db, "--name", "ci", "--scope", "tickets:read",
                           "--expires-in", "30d"});
  INFO(created.err);
  REQUIRE(created.exit_code == 0);
  std::string secret = FirstLine(created.out);
  REQUIRE(secret.size() == 68);
  REQUIRE(secret.rfind("gf_", 0) == 0);
  REQUIRE_THAT(created.out, Catch::Contains("admin"));
  REQUIRE_THAT(created.err, Catch::Contains("will not be shown again"));

  auto list = Goatflow({"token", "list", "--db", db});
  REQUIRE(list.exit_code == 0);
  REQUIRE_THAT(list.out, Catch::Contains(secret.substr(3, 8)));  // the public prefix
  REQUIRE(list.out.find(secret.substr(12)) == std::string::npos);
  REQUIRE_THAT(list.out, Catch::Contains("tickets:read"));

  auto json = Goatflow({"token", "list", "--db", db, "--json"});
  REQUIRE(json.exit_code == 0);
  auto tokens = boost::json::parse(json.out).as_array();
  REQUIRE(tokens.size() == 1);
  REQUIRE(tokens[0].as_object().at("name").as_string() == "ci");
  REQUIRE_FALSE(tokens[0].as_object().contains("token"));
  REQUIRE(json.out.find(secret.substr(12)) == std::string::npos);
}

TEST_CASE("goatflow token create --json and revoke") {
  TempDir dir;
  std::string db = dir.File("t.db");
  REQUIRE(Goatflow({"init", "--db", db}).exit_code == 0);
  auto created = Goatflow({"token", "create", "--db", db, "--name", "ops", "--json"});
  INFO(created.err);
  REQUIRE(created.exit_code == 0);
  auto obj = boost::json::parse(created.out).as_object();
  REQUIRE(obj.at("token").as_string().size() == 68);
  REQUIRE(obj.at("warning").as_string() == "Save this token now. It won't be shown again.");
  REQUIRE(obj.at("owner_login").as_string() == "admin");
  const auto id = obj.at("id").as_int64();

  auto revoked = Goatflow({"token", "revoke", std::to_string(id), "--db", db, "--json"});
  INFO(revoked.err);
  REQUIRE(revoked.exit_code == 0);
  auto r = boost::json::parse(revoked.out).as_object();
  REQUIRE(r.at("is_active").as_bool() == false);
  REQUIRE(r.at("revoked_at").is_string());
  REQUIRE(Goatflow({"token", "list", "--db", db}).out == "No tokens.\n");
  REQUIRE_THAT(Goatflow({"token", "list", "--db", db, "--include-revoked"}).out,
               Catch::Contains("ops"));
}

TEST_CASE("goatflow token rejects bad input with clear errors and exit codes") {
  TempDir dir;
  std::string db = dir.File("t.db");
  REQUIRE(Goatflow({"init", "--db", db}).exit_code == 0);
  auto scope = Goatflow({"token", "create", "--db", db, "--name", "x", "--scope", "root"});
  REQUIRE(scope.exit_code == 65);
  REQUIRE_THAT(scope.err, Catch::Contains("core:invalid_scope"));
  auto expiry = Goatflow({"token", "create", "--db", db, "--name", "x", "--expires-in", "5w"});
  REQUIRE(expiry.exit_code == 65);
  REQUIRE_THAT(expiry.err, Catch::Contains("Invalid expiration format"));
  auto owner = Goatflow({"token", "create", "--db", db, "--name", "x", "--user", "ghost"});
  REQUIRE_THAT(owner.err, Catch::Contains("User not found"));
  REQUIRE(owner.exit_code != 0);
  auto missing = Goatflow({"token", "revoke", "42", "--db", db});
  REQUIRE_THAT(missing.err, Catch::Contains("Token not found"));
  REQUIRE(missing.exit_code != 0);
  auto short_key = Goatflow({"token", "list", "--db", db}, {"GOATFLOW_JWT_SECRET=short"});
  REQUIRE(short_key.exit_code != 0);
  REQUIRE_THAT(short_key.err, Catch::Contains("at least 32 bytes"));
}

}  // namespace
}  // namespace goatflow
