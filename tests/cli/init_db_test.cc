// The goatflow binary as a black box: stdout, stderr and exit codes.
#include <sqlite3.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

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

std::string QueryText(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  std::string out;
  sqlite3_exec(
      db, sql.c_str(),
      [](void* arg, int columns, char** values, char**) {
        auto* text = static_cast<std::string*>(arg);
        for (int i = 0; i < columns; ++i) *text += (values[i] ? values[i] : "NULL") + std::string("|");
        *text += "\n";
        return 0;
      },
      &out, nullptr);
  sqlite3_close(db);
  return out;
}

TEST_CASE("goatflow --version prints the version") {
  auto r = Goatflow({"--version"});
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Catch::StartsWith("goatflow 0."));
}

TEST_CASE("goatflow init creates the default data with a hashed admin password") {
  TempDir dir;
  std::string db = dir.File("x.db");
  auto r = Goatflow({"init", "--db", db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Catch::Contains("schema version"));
  REQUIRE_THAT(r.err, Catch::Contains("default 'admin'"));
  REQUIRE(QueryText(db, "SELECT login FROM users") == "admin|\n");
  REQUIRE(QueryText(db, "SELECT count(*) FROM ticket_state") == "9|\n");
  std::string pw = QueryText(db, "SELECT pw FROM users WHERE login='admin'");
  REQUIRE_THAT(pw, Catch::StartsWith("$argon2id$"));
  REQUIRE_THAT(pw, !Catch::Contains("admin|"));
}

TEST_CASE("goatflow init twice keeps the data") {
  TempDir dir;
  std::string db = dir.File("x.db");
  REQUIRE(Goatflow({"init", "--db", db}, {"GOATFLOW_ADMIN_PASSWORD=Sup3rSecret"}).exit_code == 0);
  QueryText(db, "INSERT INTO queue (name, group_id, system_address_id, salutation_id, signature_id, "
                "follow_up_id, follow_up_lock, unlock_timeout, valid_id, create_by, change_by) "
                "VALUES ('Keep me', 1, 1, 1, 1, 1, 0, 0, 1, 1, 1)");
  std::string hash = QueryText(db, "SELECT pw FROM users WHERE id = 1");
  auto again = Goatflow({"init", "--db", db});
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  REQUIRE_THAT(again.out, Catch::Contains("0 migration(s) applied"));
  REQUIRE(QueryText(db, "SELECT count(*) FROM queue WHERE name = 'Keep me'") == "1|\n");
  REQUIRE(QueryText(db, "SELECT pw FROM users WHERE id = 1") == hash);
}

TEST_CASE("goatflow init refuses a weak --admin-password") {
  TempDir dir;
  auto r = Goatflow({"init", "--db", dir.File("x.db"), "--admin-password", "admin"});
  REQUIRE(r.exit_code == 65);
  REQUIRE_THAT(r.err, Catch::StartsWith("goatflow: core:validation_failed: Password must be"));
  REQUIRE_FALSE(std::filesystem::exists(dir.File("x.db")));
}

TEST_CASE("An unusable --db path is a clear error with a sysexits code") {
  TempDir dir;
  auto missing_dir = Goatflow({"init", "--db", dir.File("no/such/dir/x.db")});
  REQUIRE(missing_dir.exit_code == 69);
  REQUIRE_THAT(missing_dir.err, Catch::StartsWith("goatflow: unavailable: Cannot open database"));

  std::ofstream(dir.File("text.db")) << "plain text, not a database at all........................\n";
  auto not_db = Goatflow({"db", "status", "--db", dir.File("text.db")});
  REQUIRE(not_db.exit_code == 78);
  REQUIRE_THAT(not_db.err, Catch::StartsWith("goatflow: failed_precondition:"));

  auto absent = Goatflow({"db", "status", "--db", dir.File("absent.db")});
  REQUIRE(absent.exit_code == 66);
  REQUIRE_THAT(absent.err, Catch::Contains("goatflow init"));
  REQUIRE_FALSE(std::filesystem::exists(dir.File("absent.db")));
}

TEST_CASE("goatflow db status --json parses as JSON") {
  TempDir dir;
  std::string db = dir.File("x.db");
  REQUIRE(Goatflow({"init", "--db", db}).exit_code == 0);
  auto r = Goatflow({"db", "status", "--json", "--db", db});
  REQUIRE(r.exit_code == 0);
  boost::json::value v = boost::json::parse(r.out);
  REQUIRE(v.at("schema_version").as_int64() >= 1);
  REQUIRE(v.at("up_to_date").as_bool());
  REQUIRE(v.at("journal_mode").as_string() == "wal");
  REQUIRE(v.at("row_counts").at("users").as_int64() == 1);

  auto text = Goatflow({"db", "status"}, {"GOATFLOW_DB=" + db});
  REQUIRE(text.exit_code == 0);
  REQUIRE_THAT(text.out, Catch::Contains("rows in users"));
}

TEST_CASE("goatflow db migrate on an up-to-date database applies nothing") {
  TempDir dir;
  std::string db = dir.File("x.db");
  REQUIRE(Goatflow({"init", "--db", db}).exit_code == 0);
  auto r = Goatflow({"db", "migrate", "--db", db});
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Catch::Contains("Applied 0 migration(s)"));
}

TEST_CASE("Usage errors exit 64") {
  REQUIRE(Goatflow({}).exit_code == 64);
  REQUIRE(Goatflow({"frobnicate"}).exit_code == 64);
  auto r = Goatflow({"db", "status", "--no-such-flag"});
  REQUIRE(r.exit_code == 64);
  REQUIRE_THAT(r.err, Catch::StartsWith("goatflow: usage:"));
}

}  // namespace
}  // namespace goatflow
