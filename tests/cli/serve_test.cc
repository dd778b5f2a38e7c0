// goatflow serve and goatflow-server as black boxes: the start-up refusals and
// errors, which happen before anything is bound (no socket is opened here).

#include "support/test_support.h"

namespace goatflow {
namespace {

using testing::RunCommand;
using testing::TempDir;

TEST_CASE("serve refuses a public address while admin has the default password") {
  TempDir dir;
  std::string db = dir.File("hd.db");
  REQUIRE(RunCommand({GOATFLOW_CLI_PATH, "--db", db, "init"}).exit_code == 0);
  auto r = RunCommand({GOATFLOW_CLI_PATH, "--db", db, "serve", "--listen", "0.0.0.0:0"});
  REQUIRE(r.exit_code == 78);
  REQUIRE_THAT(r.err, Catch::Contains("refusing to listen on 0.0.0.0"));
  REQUIRE_THAT(r.err, Catch::Contains("--admin-password"));
}

TEST_CASE("serve needs an existing database and valid options") {
  TempDir dir;
  auto missing = RunCommand({GOATFLOW_CLI_PATH, "--db", dir.File("none.db"), "serve"});
  REQUIRE(missing.exit_code == 66);
  REQUIRE_THAT(missing.err, Catch::Contains("goatflow init"));
  REQUIRE_FALSE(std::filesystem::exists(dir.File("none.db")));

  auto bad = RunCommand({GOATFLOW_CLI_PATH, "--db", dir.File("none.db"), "serve", "--threads", "x"});
  REQUIRE(bad.exit_code == 65);
  REQUIRE_THAT(bad.err, Catch::Contains("invalid --threads"));
}

#ifdef GOATFLOW_SERVER_PATH
TEST_CASE("goatflow-server shares the options and reports errors with sysexits codes") {
  TempDir dir;
  auto help = RunCommand({GOATFLOW_SERVER_PATH, "--help"});
  REQUIRE(help.exit_code == 0);
  REQUIRE_THAT(help.out, Catch::Contains("GOATFLOW_LISTEN"));
  REQUIRE_THAT(help.out, Catch::Contains("--tls-cert"));

  auto unknown = RunCommand({GOATFLOW_SERVER_PATH, "--frobnicate"});
  REQUIRE(unknown.exit_code == 64);
  REQUIRE_THAT(unknown.err, Catch::Contains("unknown option '--frobnicate'"));

  std::string db = dir.File("hd.db");
  REQUIRE(RunCommand({GOATFLOW_CLI_PATH, "--db", db, "init"}).exit_code == 0);
  auto refused =
      RunCommand({GOATFLOW_SERVER_PATH, "--db", db}, {"GOATFLOW_LISTEN=192.168.1.10:0"});
  REQUIRE(refused.exit_code == 78);
  REQUIRE_THAT(refused.err, Catch::Contains("default password"));
}
#endif

}  // namespace
}  // namespace goatflow
