// SqlConsole (MCP execute_sql, spec/mcp.md §6.10): who may run a statement,
// which statements run, what they may read, the limits and the audit trail.

#include "goatflow/sql_console.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <variant>

#include "goatflow/admin.h"
#include "goatflow/json.h"
#include "ticket_fixture.h"

namespace goatflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kAdminGroup = 2;  // default group "admin"

struct ConsoleFixture : TicketFixture {
  std::int64_t admin_id = AddAgent("root", kAdminGroup, {"rw"});
  std::int64_t agent_id = AddAgent("alice", 1, {"ro", "rw"});

  RequestContext AdminCtx() const {
    RequestContext ctx = Agent(admin_id);
    ctx.principal.login = "root";
    return ctx;
  }

  Result<SqlQueryResult> Run(const RequestContext& ctx, std::string sql,
                             std::vector<SqlValue> args = {}) {
    return hd().Sql().Query(ctx, SqlQueryRequest{std::move(sql), std::move(args)});
  }
  Result<SqlQueryResult> Run(std::string sql, std::vector<SqlValue> args = {}) {
    return Run(AdminCtx(), std::move(sql), std::move(args));
  }
  SqlQueryResult Ok(std::string sql, std::vector<SqlValue> args = {}) {
    auto result = Run(std::move(sql), std::move(args));
    REQUIRE_OK(result);
    return std::move(result).value();
  }

  // A second Helpdesk on the same file with other console options.
  std::unique_ptr<Helpdesk> OpenWith(const SqlConsoleOptions& console) {
    OpenOptions options = TestOptions(path());
    options.sql_console = console;
    return OpenTestHelpdesk(options);
  }

  std::int64_t AuditCount() {
    return QueryInt("SELECT count(*) FROM audit_log WHERE action = 'mcp.execute_sql'");
  }
  // One column of the newest console audit entry, as text.
  std::string LastAudit(const std::string& expression) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path().c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    std::string sql = "SELECT coalesce(" + expression +
                      ", '<null>') FROM audit_log WHERE action = 'mcp.execute_sql' "
                      "ORDER BY id DESC LIMIT 1";
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW)
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
  }
};

template <typename T>
T Cell(const SqlQueryResult& result, std::size_t row, std::size_t column) {
  REQUIRE(row < result.rows.size());
  REQUIRE(column < result.rows[row].size());
  const SqlCell& cell = result.rows[row][column];
  REQUIRE(std::holds_alternative<T>(cell));
  return std::get<T>(cell);
}

bool IsNull(const SqlQueryResult& result, std::size_t row, std::size_t column) {
  return std::holds_alternative<std::nullptr_t>(result.rows.at(row).at(column));
}

RequestContext WithToken(RequestContext ctx, std::vector<std::string> scopes) {
  ctx.auth_method = AuthMethod::kApiToken;
  ctx.api_token_id = 77;
  ctx.token_scopes = std::move(scopes);
  return ctx;
}

TEST_CASE("An admin runs a SELECT with bound arguments") {
  ConsoleFixture fx;
  std::int64_t queue = fx.AddQueue("Support", 1);
  Ticket printer = fx.NewTicket(queue, "Printer on fire");
  fx.NewTicket(queue, "Mouse missing");

  auto result =
      fx.Ok("SELECT id, title FROM ticket WHERE queue_id = ? AND title LIKE ? ORDER BY id",
            {queue, std::string("Printer%")});
  REQUIRE(result.columns == std::vector<std::string>{"id", "title"});
  REQUIRE(result.row_count == 1);
  REQUIRE_FALSE(result.truncated);
  REQUIRE(Cell<std::int64_t>(result, 0, 0) == printer.id);
  REQUIRE(Cell<std::string>(result, 0, 1) == "Printer on fire");

  auto typed = fx.Ok("SELECT ? AS i, ? AS r, ? AS t, ? AS n, x'00ff' AS b",
                     {std::int64_t{42}, 2.5, std::string("héllo"), nullptr});
  REQUIRE(Cell<std::int64_t>(typed, 0, 0) == 42);
  REQUIRE(Cell<double>(typed, 0, 1) == 2.5);
  REQUIRE(Cell<std::string>(typed, 0, 2) == "héllo");
  REQUIRE(IsNull(typed, 0, 3));
  REQUIRE(Cell<SqlBlob>(typed, 0, 4).bytes == std::string("\x00\xff", 2));
}

TEST_CASE("CTEs, comments and a trailing semicolon are one statement") {
  ConsoleFixture fx;
  auto result = fx.Ok(
      "/* note */ WITH t(x) AS (SELECT 1 UNION ALL SELECT 2) SELECT sum(x) AS s FROM t; -- done");
  REQUIRE(Cell<std::int64_t>(result, 0, 0) == 3);
  REQUIRE(fx.Ok("; SELECT 1").row_count == 1);
  REQUIRE(fx.Ok("SELECT json_extract('{\"a\":1}', '$.a') AS a, '{\"b\":2}' ->> '$.b' AS b, "
                "date('2026-03-01', '+1 day') AS d, row_number() OVER () AS n")
              .row_count == 1);
}

TEST_CASE("The argument count must match the placeholders") {
  ConsoleFixture fx;
  REQUIRE_ERR(fx.Run("SELECT ?, ?", {std::int64_t{1}}), ErrorCode::kInvalidArgument,
              "query has 2 placeholders but 1 arguments were given");
  REQUIRE_ERR(fx.Run("SELECT 1", {std::int64_t{1}}), ErrorCode::kInvalidArgument,
              "query has 0 placeholders but 1 arguments were given");
}

TEST_CASE("Only admins may use the console") {
  ConsoleFixture fx;
  std::int64_t reader = fx.AddAgent("reader", kAdminGroup, {"ro"});
  std::int64_t customer = fx.AddCustomer("cust", "ACME");
  for (const RequestContext& ctx : {TicketFixture::Agent(fx.agent_id), TicketFixture::Agent(reader),
                                    TicketFixture::Customer(customer)}) {
    REQUIRE_ERR(fx.Run(ctx, "SELECT 1"), ErrorCode::kPermissionDenied,
                "execute_sql requires admin group membership");
    REQUIRE(fx.LastAudit("outcome") == "denied");
  }
  REQUIRE_ERR(fx.Run(RequestContext{}, "SELECT 1"), ErrorCode::kUnauthenticated, "");
  REQUIRE_OK(fx.Run(TicketFixture::Admin(), "SELECT 1"));
}

TEST_CASE("An API token needs the admin:* scope") {
  ConsoleFixture fx;
  REQUIRE_ERR(fx.Run(WithToken(fx.AdminCtx(), {"tickets:read", "queues:read"}), "SELECT 1"),
              ErrorCode::kPermissionDenied, "Token missing required scope: admin:*");
  REQUIRE_ERR(fx.Run(WithToken(TicketFixture::Agent(fx.agent_id), {"admin:*"}), "SELECT 1"),
              ErrorCode::kPermissionDenied, "execute_sql requires admin group membership");
  for (auto scopes : std::vector<std::vector<std::string>>{{"admin:*"}, {"*"}, {}})
    REQUIRE_OK(fx.Run(WithToken(fx.AdminCtx(), scopes), "SELECT 1"));
  REQUIRE(fx.LastAudit("auth_method") == "api_token");
  REQUIRE(fx.LastAudit("api_token_id") == "77");
}

TEST_CASE("The switch turns the console off") {
  ConsoleFixture fx;
  SqlConsoleOptions off;
  off.enabled = false;
  auto hd = fx.OpenWith(off);
  REQUIRE_ERR(hd->Sql().Query(fx.AdminCtx(), {"SELECT 1", {}}), ErrorCode::kFailedPrecondition,
              "execute_sql is disabled");
  REQUIRE(fx.LastAudit("outcome") == "denied");
}

TEST_CASE("The stored setting mcp.execute_sql.enabled turns the console off without a restart") {
  ConsoleFixture fx;
  REQUIRE_OK(fx.hd().Admin().UpdateConfig(TicketFixture::Admin(),
                                          {ConfigChange{"mcp.execute_sql.enabled", "false"}}));
  REQUIRE_ERR(fx.Run("SELECT 1"), ErrorCode::kFailedPrecondition, "execute_sql is disabled");
  REQUIRE(fx.LastAudit("outcome") == "denied");
  REQUIRE_OK(fx.hd().Admin().UpdateConfig(TicketFixture::Admin(),
                                          {ConfigChange{"mcp.execute_sql.enabled", "true"}}));
  REQUIRE_OK(fx.Run("SELECT 1"));
}

TEST_CASE("Console limits must be positive") {
  ConsoleFixture fx;
  OpenOptions options = TestOptions(fx.path());
  options.sql_console.max_rows = 0;
  REQUIRE_ERR(Helpdesk::Open(options), ErrorCode::kInvalidArgument,
              "SQL console limits must be positive");
}

TEST_CASE("Exactly one statement runs") {
  ConsoleFixture fx;
  fx.NewTicket(fx.AddQueue("Support", 1));
  for (const char* sql : {"SELECT 1; DELETE FROM ticket", "SELECT 1; SELECT 2",
                          "SELECT 1 /* a */; -- b\n UPDATE ticket SET title = 'x'"}) {
    INFO(sql);
    REQUIRE_ERR(fx.Run(sql), ErrorCode::kInvalidArgument, "only one statement allowed");
  }
  REQUIRE(fx.QueryInt("SELECT count(*) FROM ticket WHERE title = 'Printer on fire'") == 1);
}

TEST_CASE("Writes, DDL and transactions are not read-only") {
  ConsoleFixture fx;
  fx.NewTicket(fx.AddQueue("Support", 1));
  for (const char* sql : {
           "INSERT INTO groups (name, valid_id, create_by, change_by) VALUES ('x', 1, 1, 1)",
           "UPDATE ticket SET title = 'x'",
           "DELETE FROM ticket",
           "CREATE TABLE t (x)",
           "CREATE TEMP TABLE t (x)",
           "CREATE INDEX i ON ticket (title)",
           "CREATE VIEW v AS SELECT 1",
           "DROP TABLE ticket",
           "DROP VIEW ticket_search_customer",
           "ALTER TABLE ticket ADD COLUMN x",
           "WITH t(x) AS (SELECT 'x') INSERT INTO groups (name, valid_id, create_by, change_by) "
           "SELECT x, 1, 1, 1 FROM t",
           "WITH t(x) AS (SELECT 1) DELETE FROM ticket WHERE id IN (SELECT x FROM t)",
           "REPLACE INTO valid (id, name, create_by, change_by) VALUES (1, 'x', 1, 1)",
           "BEGIN",
           "COMMIT",
           "SAVEPOINT s",
           "ANALYZE",
           "REINDEX",
           "VACUUM",
       }) {
    INFO(sql);
    auto result = fx.Run(sql);
    REQUIRE_FALSE(result.ok());
    // Refused before it ran; most as "not read-only", some by name.
    CHECK((result.error().code == ErrorCode::kInvalidArgument ||
           result.error().code == ErrorCode::kPermissionDenied));
    CHECK(result.error().message.find("SQL error") == std::string::npos);
  }
  REQUIRE_ERR(fx.Run("DELETE FROM ticket"), ErrorCode::kInvalidArgument,
              "statement is not read-only");
  REQUIRE_ERR(fx.Run("UPDATE sqlite_master SET sql = ''"), ErrorCode::kInvalidArgument,
              "SQL error: table sqlite_master may not be modified");
  REQUIRE_ERR(fx.Run("WITH t(x) AS (SELECT 'x') INSERT INTO groups (name, valid_id, create_by, "
                     "change_by) SELECT x, 1, 1, 1 FROM t"),
              ErrorCode::kInvalidArgument, "statement is not read-only");
  REQUIRE(fx.QueryInt("SELECT count(*) FROM ticket") == 1);
  REQUIRE(fx.QueryInt("SELECT count(*) FROM groups WHERE name = 'x'") == 0);
}

TEST_CASE("Writes through views, FTS commands and triggers are impossible") {
  ConsoleFixture fx;
  fx.NewTicket(fx.AddQueue("Support", 1));
  for (const char* sql : {
           "INSERT INTO ticket_search_customer (ticket_id, customer) VALUES (1, 'x')",
           "DELETE FROM ticket_search",
           "INSERT INTO ticket_search (ticket_search) VALUES ('delete-all')",
           "INSERT INTO ticket_search (ticket_search) VALUES ('rebuild')",
           "UPDATE customer_user SET first_name = 'x'",
           "INSERT INTO audit_log (action, actor_kind, outcome) VALUES ('x', 'system', 'success')",
       }) {
    INFO(sql);
    REQUIRE_ERR(fx.Run(sql), ErrorCode::kInvalidArgument, "statement is not read-only");
  }
  REQUIRE(fx.Ok("SELECT rowid FROM ticket_search WHERE ticket_search MATCH 'printer'").row_count ==
          1);
}

TEST_CASE("ATTACH, PRAGMA and pragma functions are refused") {
  ConsoleFixture fx;
  REQUIRE_ERR(fx.Run("ATTACH DATABASE '" + fx.path() + "' AS other"), ErrorCode::kPermissionDenied,
              "ATTACH and DETACH are not allowed");
  REQUIRE_ERR(fx.Run("DETACH DATABASE other"), ErrorCode::kPermissionDenied,
              "ATTACH and DETACH are not allowed");
  for (const char* sql : {"PRAGMA table_info(users)", "PRAGMA query_only = OFF",
                          "PRAGMA writable_schema = ON", "PRAGMA journal_mode"}) {
    INFO(sql);
    REQUIRE_ERR(fx.Run(sql), ErrorCode::kPermissionDenied, "PRAGMA is not allowed");
  }
  for (const char* sql :
       {"SELECT * FROM pragma_table_info('users')", "SELECT name FROM pragma_database_list",
        "SELECT * FROM pragma_compile_options"}) {
    INFO(sql);
    auto result = fx.Run(sql);
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.error().code == ErrorCode::kPermissionDenied);
    REQUIRE_THAT(result.error().message, Catch::Contains("not allowed"));
  }
}

TEST_CASE("Functions outside the allow-list are refused") {
  ConsoleFixture fx;
  REQUIRE_ERR(fx.Run("SELECT load_extension('libc.so.6')"), ErrorCode::kPermissionDenied,
              "function load_extension is not allowed");
  REQUIRE_ERR(fx.Run("SELECT sqlite_compileoption_get(0)"), ErrorCode::kPermissionDenied,
              "function sqlite_compileoption_get is not allowed");
  REQUIRE_ERR(fx.Run("SELECT last_insert_rowid()"), ErrorCode::kPermissionDenied,
              "function last_insert_rowid is not allowed");
  REQUIRE_ERR(fx.Run("SELECT readfile('/etc/passwd')"), ErrorCode::kInvalidArgument,
              "SQL error: no such function: readfile");
}

TEST_CASE("Password hashes read as NULL and credential tables are denied") {
  ConsoleFixture fx;
  fx.AddCustomer("cust", "ACME");
  fx.Sql(R"sql(
    UPDATE customer_user SET pw = '$argon2id$secret' WHERE login = 'cust';
    INSERT INTO system_secret (name, value) VALUES ('jwt', x'0102');
    INSERT INTO user_api_tokens (user_id, user_type, name, prefix, token_hash, created_by)
      VALUES (1, 'agent', 't', 'abcdef12', 'deadbeef', 1);
    INSERT INTO user_preferences (user_id, preferences_key, preferences_value)
      VALUES (1, 'UserTOTPSecret', 'JBSWY3DPEHPK3PXP');
  )sql");

  auto users = fx.Ok("SELECT * FROM users ORDER BY id");
  REQUIRE(users.row_count >= 3);
  std::size_t pw = 0;
  while (pw < users.columns.size() && users.columns[pw] != "pw") ++pw;
  REQUIRE(pw < users.columns.size());
  for (std::size_t row = 0; row < users.rows.size(); ++row) REQUIRE(IsNull(users, row, pw));
  auto login = fx.Ok("SELECT login, pw FROM users WHERE id = 1");
  REQUIRE(Cell<std::string>(login, 0, 0) == "admin");
  REQUIRE(IsNull(login, 0, 1));
  REQUIRE(IsNull(fx.Ok("SELECT pw FROM customer_user WHERE login = 'cust'"), 0, 0));
  REQUIRE(Cell<std::int64_t>(fx.Ok("SELECT count(*) FROM users WHERE pw LIKE '$%'"), 0, 0) == 0);
  REQUIRE(Cell<std::int64_t>(fx.Ok("SELECT count(*) FROM users u JOIN customer_user c "
                                   "ON c.pw = u.pw OR length(u.pw) > 0"),
                             0, 0) == 0);

  for (const char* table : {"system_secret", "user_api_tokens", "sessions", "auth_refresh_token",
                            "user_preferences", "customer_preferences"}) {
    INFO(table);
    const std::string message = fmt::format("access to table {} is not allowed", table);
    REQUIRE_ERR(fx.Run(fmt::format("SELECT * FROM {}", table)), ErrorCode::kPermissionDenied,
                message);
    REQUIRE_ERR(fx.Run(fmt::format("SELECT count(*) FROM {}", table)), ErrorCode::kPermissionDenied,
                message);
    REQUIRE_ERR(fx.Run(fmt::format("SELECT (SELECT 1 FROM {} LIMIT 1) AS x", table)),
                ErrorCode::kPermissionDenied, message);
    REQUIRE_ERR(
        fx.Run(fmt::format("WITH s AS (SELECT * FROM main.{}) SELECT count(*) FROM s", table)),
        ErrorCode::kPermissionDenied, message);
  }
  REQUIRE_ERR(fx.Run("SELECT token_hash FROM user_api_tokens"), ErrorCode::kPermissionDenied,
              "access to table user_api_tokens is not allowed");
}

TEST_CASE("An unlisted table is denied when a column is read") {
  ConsoleFixture fx;
  fx.Sql("CREATE TABLE extra_notes (note TEXT); INSERT INTO extra_notes VALUES ('hidden');");
  REQUIRE_ERR(fx.Run("SELECT note FROM extra_notes"), ErrorCode::kPermissionDenied,
              "access to table extra_notes is not allowed");
  REQUIRE_ERR(fx.Run("SELECT count(*) FROM extra_notes WHERE note = 'hidden'"),
              ErrorCode::kPermissionDenied, "access to table extra_notes is not allowed");
  // A reference that reads no column looks like a CTE to the authorizer.
  REQUIRE(Cell<std::int64_t>(fx.Ok("SELECT count(*) FROM extra_notes"), 0, 0) == 1);
  REQUIRE(Cell<std::int64_t>(fx.Ok("WITH c(x) AS (SELECT 1) SELECT count(*) FROM c"), 0, 0) == 1);
}

TEST_CASE("The full-text tables, their shadow tables and views are readable") {
  ConsoleFixture fx;
  Ticket ticket = fx.NewTicket(fx.AddQueue("Support", 1), "Printer on fire");
  auto hit = fx.Ok(
      "SELECT rowid, title, bm25(ticket_search) AS rank, "
      "snippet(ticket_search, 1, '[', ']', '…', 5) AS snip "
      "FROM ticket_search WHERE ticket_search MATCH ? ORDER BY rank",
      {std::string("printer")});
  REQUIRE(hit.row_count == 1);
  REQUIRE(Cell<std::int64_t>(hit, 0, 0) == ticket.id);
  REQUIRE(Cell<std::string>(hit, 0, 3) == "[Printer] on fire");
  REQUIRE(fx.Ok("SELECT rowid FROM ticket_search('fire')").row_count == 1);
  for (const char* sql :
       {"SELECT count(*) FROM ticket_search_data", "SELECT count(*) FROM ticket_search_idx",
        "SELECT count(*) FROM ticket_search_content", "SELECT count(*) FROM ticket_search_docsize",
        "SELECT * FROM ticket_search_config", "SELECT count(*) FROM article_search",
        "SELECT count(*) FROM article_search_content", "SELECT * FROM ticket_search_customer",
        "SELECT * FROM ticket_search_articles", "SELECT sum(n) FROM ticket_count",
        "SELECT value FROM json_each('[1,2]')", "SELECT key FROM json_tree('{\"a\":[1]}')"}) {
    INFO(sql);
    REQUIRE_OK(fx.Run(sql));
  }
  REQUIRE(Cell<std::int64_t>(fx.Ok("SELECT sum(n) FROM ticket_count"), 0, 0) == 1);
}

TEST_CASE("The schema catalog is readable") {
  ConsoleFixture fx;
  auto tables = fx.Ok("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                      {std::string("system_secret")});
  REQUIRE(tables.row_count == 1);
  REQUIRE(fx.Ok("SELECT sql FROM sqlite_schema WHERE name = 'users'").row_count == 1);
  REQUIRE(fx.Ok("SELECT count(*) FROM goatflow_schema_version").row_count == 1);
}

TEST_CASE("A runaway query stops with a timeout error") {
  ConsoleFixture fx;
  SqlConsoleOptions quick;
  quick.time_limit = 200ms;
  auto hd = fx.OpenWith(quick);
  auto result = hd->Sql().Query(
      fx.AdminCtx(),
      {"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
       {}});
  REQUIRE_ERR(result, ErrorCode::kInvalidArgument, "query stopped: time limit of 200 ms exceeded");
  REQUIRE(result.error().details.at("reason") == "timeout");
  REQUIRE(fx.LastAudit("outcome") == "failure");
  REQUIRE_THAT(fx.LastAudit("reason"), Catch::Contains("time limit"));
}

TEST_CASE("A huge result is truncated at the row cap") {
  ConsoleFixture fx;
  const std::string counting =
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT {}) SELECT x FROM c";
  auto big = fx.Ok(fmt::format(fmt::runtime(counting), 100000));
  REQUIRE(big.row_count == 1000);
  REQUIRE(big.rows.size() == 1000);
  REQUIRE(big.truncated);
  REQUIRE(Cell<std::int64_t>(big, 999, 0) == 1000);
  auto exact = fx.Ok(fmt::format(fmt::runtime(counting), 1000));
  REQUIRE(exact.row_count == 1000);
  REQUIRE_FALSE(exact.truncated);

  SqlConsoleOptions small;
  small.max_rows = 3;
  small.max_result_bytes = 10000;
  auto hd = fx.OpenWith(small);
  auto capped = hd->Sql().Query(fx.AdminCtx(), {fmt::format(fmt::runtime(counting), 10), {}});
  REQUIRE_OK(capped);
  REQUIRE(capped->row_count == 3);
  REQUIRE(capped->truncated);
  auto bytes = hd->Sql().Query(
      fx.AdminCtx(), {"SELECT zeroblob(4000) AS b FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL "
                      "SELECT 3)",
                      {}});
  REQUIRE_OK(bytes);
  REQUIRE(bytes->row_count == 2);
  REQUIRE(bytes->truncated);
  REQUIRE(fx.LastAudit("json_extract(details, '$.truncated')") == "true");
}

TEST_CASE("Huge values are refused, not allocated") {
  ConsoleFixture fx;
  for (const char* sql : {"SELECT zeroblob(2000000000)", "SELECT randomblob(1000000000)",
                          "SELECT length(zeroblob(2000000))",
                          "SELECT length(group_concat(randomblob(1000))) FROM (WITH RECURSIVE "
                          "c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5000) SELECT x "
                          "FROM c)"}) {
    INFO(sql);
    auto result = fx.Run(sql);
    REQUIRE_ERR(result, ErrorCode::kInvalidArgument,
                "a value is larger than the limit of 1048576 bytes");
    REQUIRE(result.error().details.at("reason") == "too_big");
  }
  REQUIRE(Cell<std::int64_t>(fx.Ok("SELECT length(randomblob(1000))"), 0, 0) == 1000);
  // printf gives up at the limit and returns no text instead of failing.
  REQUIRE(IsNull(fx.Ok("SELECT printf('%.*c', 100000000, 'x')"), 0, 0));
}

TEST_CASE("Statement text is checked and SQL errors are reported") {
  ConsoleFixture fx;
  REQUIRE_ERR(fx.Run("   "), ErrorCode::kInvalidArgument, "query is required");
  REQUIRE_ERR(fx.Run("-- only a comment"), ErrorCode::kInvalidArgument, "query is required");
  REQUIRE_ERR(fx.Run("SELECT 1 -- " + std::string(SqlConsole::kMaxSqlChars, 'x')),
              ErrorCode::kInvalidArgument, "query must be at most 10000 characters");
  REQUIRE_OK(fx.Run("SELECT 1 --" + std::string(SqlConsole::kMaxSqlChars - 11, 'x')));
  REQUIRE_ERR(fx.Run("SELECT '\xff'"), ErrorCode::kInvalidArgument, "query must be valid UTF-8");
  REQUIRE_ERR(fx.Run("SELEC 1"), ErrorCode::kInvalidArgument,
              "SQL error: near \"SELEC\": syntax error");
  REQUIRE_ERR(fx.Run("SELECT * FROM nope"), ErrorCode::kInvalidArgument,
              "SQL error: no such table: nope");
  REQUIRE_ERR(fx.Run("SELECT json('{')"), ErrorCode::kInvalidArgument, "SQL error: malformed JSON");
  REQUIRE_ERR(fx.Run("SELECT * FROM users FOR UPDATE"), ErrorCode::kInvalidArgument, "SQL error");
}

TEST_CASE("Repeated column names get suffixes and the JSON has the tool's shape") {
  ConsoleFixture fx;
  auto result = fx.Ok(
      "SELECT 1 AS a, 2 AS a, 3 AS a_2, 'x' AS t, NULL AS z, 1.5 AS r, "
      "x'666f6f' AS b, CAST(x'ff' AS TEXT) AS bad");
  REQUIRE(result.columns ==
          std::vector<std::string>{"a", "a_2", "a_2_2", "t", "z", "r", "b", "bad"});
  REQUIRE(Cell<SqlBlob>(result, 0, 7).bytes == "\xff");
  REQUIRE(
      json::ToJson(result) ==
      R"({"columns":["a","a_2","a_2_2","t","z","r","b","bad"],)"
      R"("rows":[{"a":1,"a_2":2,"a_2_2":3,"t":"x","z":null,"r":1.5E0,"b":"base64:Zm9v","bad":"base64:/w=="}],)"
      R"("rows_count":1,"truncated":false})");
  REQUIRE(json::ToJson(fx.Ok("SELECT 1 WHERE 0")) ==
          R"({"columns":["1"],"rows":[],"rows_count":0,"truncated":false})");
}

TEST_CASE("Every call writes exactly one audit entry") {
  ConsoleFixture fx;
  std::int64_t before = fx.AuditCount();
  REQUIRE_OK(fx.Run("SELECT login FROM users WHERE login = ?", {std::string("s3cr3t-value")}));
  REQUIRE(fx.AuditCount() == before + 1);
  REQUIRE(fx.LastAudit("actor_kind") == "agent");
  REQUIRE(fx.LastAudit("actor_id") == std::to_string(fx.admin_id));
  REQUIRE(fx.LastAudit("actor_login") == "root");
  REQUIRE(fx.LastAudit("outcome") == "success");
  REQUIRE(fx.LastAudit("reason") == "<null>");
  REQUIRE(fx.LastAudit("json_extract(details, '$.query')") ==
          "SELECT login FROM users WHERE login = ?");
  REQUIRE(fx.LastAudit("json_extract(details, '$.arg_count')") == "1");
  REQUIRE(fx.LastAudit("json_extract(details, '$.row_count')") == "0");
  REQUIRE(fx.LastAudit("json_extract(details, '$.truncated')") == "false");
  REQUIRE(fx.LastAudit("json_type(details, '$.duration_ms')") == "text");
  REQUIRE(fx.LastAudit("instr(details, 's3cr3t')") == "0");
  REQUIRE(fx.LastAudit("create_time") == "2026-03-01 09:00:00");

  REQUIRE_FALSE(fx.Run("SELECT * FROM system_secret WHERE name = ?", {std::string("s3cr3t")}).ok());
  REQUIRE(fx.AuditCount() == before + 2);
  REQUIRE(fx.LastAudit("outcome") == "denied");
  REQUIRE(fx.LastAudit("reason") == "access to table system_secret is not allowed");
  REQUIRE(fx.LastAudit("instr(details, 's3cr3t')") == "0");

  REQUIRE_FALSE(fx.Run("SELEC 1").ok());
  REQUIRE(fx.AuditCount() == before + 3);
  REQUIRE(fx.LastAudit("outcome") == "failure");
  REQUIRE_THAT(fx.LastAudit("reason"), Catch::Contains("syntax error"));

  // The entry keeps the first 500 characters of a long statement.
  std::string long_sql = "SELECT 'é' -- " + std::string(600, 'y');
  REQUIRE_OK(fx.Run(long_sql));
  REQUIRE(fx.AuditCount() == before + 4);
  REQUIRE(fx.LastAudit("length(json_extract(details, '$.query'))") == "500");
  REQUIRE(fx.LastAudit("json_extract(details, '$.query_chars')") == "614");
}

TEST_CASE("A private in-memory database has no second connection for the console") {
  auto hd = OpenTestHelpdesk(TestOptions(":memory:"));
  REQUIRE_ERR(hd->Sql().Query(RequestContext::LocalOperator(), {"SELECT 1", {}}),
              ErrorCode::kFailedPrecondition, "execute_sql needs a database file");
}

}  // namespace
}  // namespace goatflow::testing
