// goatflow ticket / article as a black box: create, list, show, close.
#include <boost/json.hpp>
#include <fstream>

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
  boost::json::object Json(std::vector<std::string> args) {
    args.push_back("--json");
    auto r = Run(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return boost::json::parse(r.out).as_object();
  }
};

TEST_CASE("ticket create, list, show and close end to end") {
  Cli cli;
  auto created = cli.Json({"ticket", "create", "--title", "Mail is down", "--queue-id", "2",
                           "--priority", "high", "--body", "Since 9 o'clock"});
  REQUIRE(created.at("title").as_string() == "Mail is down");
  REQUIRE(created.at("priority").as_string() == "4 high");
  REQUIRE(created.at("status").as_string() == "new");
  REQUIRE(created.at("article_count").as_int64() == 1);
  std::int64_t id = created.at("id").as_int64();
  std::string tn(created.at("tn").as_string());
  REQUIRE(tn.size() == 15);

  auto plain = cli.Run({"ticket", "create", "--title", "Printer", "--queue-id", "4"});
  REQUIRE(plain.exit_code == 0);
  REQUIRE_THAT(plain.out, Catch::StartsWith("Created ticket "));

  auto list = cli.Json({"ticket", "list", "--status", "open", "--priority", "high"});
  REQUIRE(list.at("data").as_array().size() == 1);
  REQUIRE(list.at("pagination").at("total").as_int64() == 1);
  auto table = cli.Run({"ticket", "list", "--sort", "title", "--order", "asc"});
  REQUIRE(table.exit_code == 0);
  REQUIRE(table.out.find("Mail is down") < table.out.find("Printer"));

  auto shown = cli.Json({"ticket", "show", std::to_string(id), "--articles"});
  REQUIRE(shown.at("articles").as_array().at(0).at("body").as_string() == "Since 9 o'clock");
  auto by_tn = cli.Json({"ticket", "show", "--tn", tn});
  REQUIRE(by_tn.at("id").as_int64() == id);

  auto closed = cli.Run({"ticket", "close", std::to_string(id), "--comment", "fixed the relay"});
  REQUIRE(closed.exit_code == 0);
  REQUIRE(closed.out == "Ticket " + tn + " is closed successful.\n");
  auto again = cli.Run({"ticket", "close", std::to_string(id)});
  REQUIRE(again.exit_code == 65);  // EX_DATAERR for invalid_argument
  REQUIRE_THAT(again.err, Catch::Contains("Ticket is already closed"));
  auto history = cli.Json({"ticket", "history", std::to_string(id)});
  REQUIRE(history.at("history").as_array().at(1).at("history_type").as_string() == "StateUpdate");
}

TEST_CASE("ticket errors map to exit codes and messages") {
  Cli cli;
  auto missing = cli.Run({"ticket", "show", "999"});
  REQUIRE(missing.exit_code != 0);
  REQUIRE_THAT(missing.err, Catch::Contains("Ticket not found"));
  auto bad_filter = cli.Run({"ticket", "list", "--status", "sleeping"});
  REQUIRE(bad_filter.exit_code == 65);
  REQUIRE_THAT(bad_filter.err, Catch::Contains("Invalid status filter"));
  auto no_title = cli.Run({"ticket", "create", "--title", " ", "--queue-id", "2"});
  REQUIRE_THAT(no_title.err, Catch::Contains("title is required"));
}

TEST_CASE("article add with an attachment, list and attachment-get") {
  Cli cli;
  REQUIRE(cli.Run({"ticket", "create", "--title", "Logs", "--queue-id", "2"}).exit_code == 0);
  std::string file = cli.dir.File("trace.log");
  std::ofstream(file) << "line 1\nline 2\n";
  auto added = cli.Json({"article", "add", "1", "--body", "trace attached", "--attach", file});
  REQUIRE(added.at("article_type").as_string() == "note-internal");
  auto attachment = added.at("attachments").as_array().at(0).as_object();
  REQUIRE(attachment.at("filename").as_string() == "trace.log");
  REQUIRE(attachment.at("content_type").as_string() == "text/plain");
  std::string out = cli.dir.File("copy.log");
  auto got = cli.Run({"article", "attachment-get", "1", std::to_string(added.at("id").as_int64()),
                      std::to_string(attachment.at("id").as_int64()), "-o", out});
  REQUIRE(got.exit_code == 0);
  std::ifstream in(out);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(content == "line 1\nline 2\n");
  auto list = cli.Json({"article", "list", "1"});
  REQUIRE(list.at("pagination").at("total").as_int64() == 1);
}

}  // namespace
}  // namespace goatflow
