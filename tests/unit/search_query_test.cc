// The search query language: parsing into filters and a safe FTS5 expression
// that SQLite accepts for any input.

#include <sqlite3.h>

#include <string>
#include <vector>

#include "search/query.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

// Rows of a small FTS5 table (same tokenizer and columns as ticket_search) matching `expr`;
// -1 when SQLite rejects the expression.
int CountMatches(const std::string& expr) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  const char* setup = R"sql(
    CREATE VIRTUAL TABLE s USING fts5(tn, title, customer, public_text, internal_text,
                                      tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO s VALUES ('2026030110000001', 'Résumé upload fails', 'jdoe acme',
                          'remote access via vpn broken', 'vendor escalation');
    INSERT INTO s VALUES ('2026030110000002', 'Printer jam', 'mmax globex',
                          'printer on fire', 'ignore');)sql";
  REQUIRE(sqlite3_exec(db, setup, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT count(*) FROM s WHERE s MATCH ?", -1, &stmt, nullptr) ==
          SQLITE_OK);
  sqlite3_bind_text(stmt, 1, expr.c_str(), -1, SQLITE_TRANSIENT);
  int result = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

int Search(const std::string& query) {
  auto parsed = search::ParseQuery(query);
  REQUIRE_OK(parsed);
  return CountMatches(parsed->match);
}

TEST_CASE("Words, phrases, prefixes and exclusions match as documented") {
  REQUIRE(Search("printer") == 1);
  REQUIRE(Search("PRINTER fire") == 1);
  REQUIRE(Search("printer vpn") == 0);  // words are AND-combined
  REQUIRE(Search("resume") == 1);       // diacritics folded
  REQUIRE(Search("\"remote access\"") == 1);
  REQUIRE(Search("\"access remote\"") == 0);
  REQUIRE(Search("prin*") == 1);
  REQUIRE(Search("2026030110000*") == 2);  // ticket-number prefix
  REQUIRE(Search("fails -vpn") == 0);
  REQUIRE(Search("fails -printer") == 1);
  REQUIRE(Search("customer:acme") == 1);
  REQUIRE(Search("customer:acme printer") == 0);
}

TEST_CASE("Field filters are parsed out of the text") {
  auto parsed = search::ParseQuery(
      "vpn queue:Raw queue:\"Second Level\" status:open State:closed priority:high owner:jdoe "
      "created:>2025-01-01 created:<2025-02-01");
  REQUIRE_OK(parsed);
  REQUIRE(parsed->queues == std::vector<std::string>{"Raw", "Second Level"});
  REQUIRE(parsed->statuses == std::vector<std::string>{"open", "closed"});
  REQUIRE(parsed->priorities == std::vector<std::string>{"high"});
  REQUIRE(parsed->owners == std::vector<std::string>{"jdoe"});
  REQUIRE(parsed->created_after == "2025-01-01 00:00:00");
  REQUIRE(parsed->created_before == "2025-02-01 00:00:00");
  REQUIRE(parsed->words == std::vector<std::string>{"vpn"});
  REQUIRE(parsed->match == "\"vpn\"");

  auto only_filters = search::ParseQuery("status:open");
  REQUIRE_OK(only_filters);
  REQUIRE(only_filters->match.empty());
  // Unknown fields are text, not syntax.
  REQUIRE(Search("title:printer") == 0);
  REQUIRE_OK(search::ParseQuery("public_text:vendor"));
  REQUIRE(Search("public_text:vendor") == 0);
}

TEST_CASE("Customers' column restriction hides internal text") {
  auto parsed = search::ParseQuery("vendor");
  REQUIRE_OK(parsed);
  REQUIRE(CountMatches(parsed->match) == 1);
  std::string restricted = search::RestrictColumns(parsed->match, "tn title customer public_text");
  REQUIRE(CountMatches(restricted) == 0);
  auto customer = search::ParseQuery("customer:jdoe vpn");
  REQUIRE_OK(customer);
  REQUIRE(CountMatches(search::RestrictColumns(customer->match, "tn title customer public_text")) ==
          1);
}

TEST_CASE("Hostile input gives results or a clear error, never an FTS5 syntax error") {
  const std::vector<std::string> inputs = {
      "\"unbalanced quote",  "NEAR(a b)",    "*",        "a OR b",       "NOT printer",
      "^printer",            ":",            "printer:", "{title}: x",   "a AND",
      "(printer",            "printer)",     "\"\"",     "-",            "--printer",
      "a\"b\"c",             "'; DROP TABLE s; --", "\\\"", "…",        "printer*  *  **",
      "tn:1 OR 1=1",         "x\"*",         "é*",       "\"printer\"*", "-\"on fire\" jam"};
  for (const std::string& input : inputs) {
    INFO(input);
    auto parsed = search::ParseQuery(input);
    if (!parsed.ok()) {
      REQUIRE(parsed.error().code == ErrorCode::kInvalidArgument);
      continue;
    }
    if (parsed->match.empty()) continue;
    REQUIRE(CountMatches(parsed->match) >= 0);
    REQUIRE(CountMatches(search::RestrictColumns(parsed->match, "title public_text")) >= 0);
  }
  auto operators = search::ParseQuery("NOT printer OR NEAR");
  REQUIRE_OK(operators);  // operators typed by users are words
  REQUIRE(operators->match == R"("NOT" AND "printer" AND "OR" AND "NEAR")");
  REQUIRE(Search("-\"on fire\" jam") == 0);
}

TEST_CASE("Empty, oversized, invalid UTF-8 and exclusion-only queries are refused") {
  REQUIRE_ERR(search::ParseQuery(""), ErrorCode::kInvalidArgument, "Search query required");
  REQUIRE_ERR(search::ParseQuery("  \t\x01 "), ErrorCode::kInvalidArgument, "required");
  REQUIRE_ERR(search::ParseQuery(std::string(10000, 'a')), ErrorCode::kInvalidArgument, "too long");
  REQUIRE_ERR(search::ParseQuery("caf\xC3"), ErrorCode::kInvalidArgument, "UTF-8");
  REQUIRE_ERR(search::ParseQuery("-printer"), ErrorCode::kInvalidArgument, "word to look for");
  REQUIRE_ERR(search::ParseQuery("created:2025"), ErrorCode::kInvalidArgument, "created");
  REQUIRE_ERR(search::ParseQuery("created:>yesterday"), ErrorCode::kInvalidArgument, "date");
  auto control = search::ParseQuery("print\x07" "er");
  REQUIRE_OK(control);
  REQUIRE(control->words == std::vector<std::string>{"print", "er"});
}

}  // namespace
}  // namespace goatflow
