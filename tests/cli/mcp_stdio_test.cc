// goatflow mcp as a black box: newline-delimited JSON-RPC on stdin/stdout
// against an embedded database, protocol only on stdout.
#include <boost/json.hpp>

#include <sstream>

#include "support/test_support.h"

namespace goatflow {
namespace {

using testing::CommandResult;
using testing::RunCommand;
using testing::TempDir;

CommandResult Goatflow(std::vector<std::string> args, const std::string& input = {}) {
  args.insert(args.begin(), GOATFLOW_CLI_PATH);
  return RunCommand(args, {}, input);
}

std::vector<boost::json::value> Lines(const std::string& out) {
  std::vector<boost::json::value> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(boost::json::parse(line));
  return lines;
}

TEST_CASE("goatflow mcp speaks JSON-RPC on stdin/stdout as the --as agent") {
  TempDir dir;
  std::string db = dir.File("m.db");
  REQUIRE(Goatflow({"init", "--db", db}).exit_code == 0);
  std::string input =
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18"}})"
      "\n"
      R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
      "\n"
      R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})"
      "\n"
      R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"create_ticket",)"
      R"("arguments":{"title":"From stdio","queue_id":1,"body":"Hello"}}})"
      "\n"
      R"({"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"list_tickets"}})"
      "\n";
  auto run = Goatflow({"mcp", "--db", db, "--as", "admin"}, input);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto replies = Lines(run.out);
  REQUIRE(replies.size() == 4);
  REQUIRE(replies[0].at("result").at("protocolVersion").as_string() == "2025-06-18");
  REQUIRE(replies[1].at("result").at("tools").as_array().size() == 10);
  REQUIRE_FALSE(replies[2].at("result").as_object().contains("isError"));
  auto tickets = replies[3].at("result").at("structuredContent").at("items").as_array();
  REQUIRE(tickets.size() == 1);
  REQUIRE(tickets[0].at("title").as_string() == "From stdio");
}

TEST_CASE("goatflow mcp refuses a missing --as, unknown logins and customers") {
  TempDir dir;
  std::string db = dir.File("m.db");
  REQUIRE(Goatflow({"init", "--db", db}).exit_code == 0);
  auto no_as = Goatflow({"mcp", "--db", db});
  REQUIRE(no_as.exit_code == 64);
  REQUIRE(no_as.out.empty());
  REQUIRE_THAT(no_as.err, Catch::Contains("--as"));
  auto unknown = Goatflow({"mcp", "--db", db, "--as", "nobody"});
  REQUIRE(unknown.exit_code != 0);
  REQUIRE(unknown.out.empty());
  auto added = Goatflow({"customer", "add", "cust", "--db", db, "--first-name", "C", "--last-name",
                         "User", "--email", "cust@example.com"});
  INFO(added.err);
  REQUIRE(added.exit_code == 0);
  auto customer = Goatflow({"mcp", "--db", db, "--as", "cust"},
                           R"({"jsonrpc":"2.0","id":1,"method":"ping"})" "\n");
  REQUIRE(customer.exit_code != 0);
  REQUIRE(customer.out.empty());
  REQUIRE_THAT(customer.err, Catch::Contains("MCP is available to agents only"));
}

}  // namespace
}  // namespace goatflow
