// GET /health/detailed (spec/health.md §3): database, storage and search
// components with timings; degraded by a damaged search index, 503 when the
// database is unhealthy; no paths in the body.

#include <sqlite3.h>

#include "goatflow/helpdesk.h"
#include "http/http_fixture.h"

namespace goatflow {
namespace {

using testing::BodyField;
using testing::TestServer;

void Sql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

TEST_CASE("The detailed health reports each component with status and timing") {
  TestServer server;
  testing::PermissionWorld w(server.helpdesk());
  auto client = server.Client();
  auto res = client.Get("/health/detailed");
  REQUIRE(res->status == 200);
  INFO(res->body);
  REQUIRE(res->get_header_value("Cache-Control") == "no-store");
  REQUIRE(BodyField(res, "/status") == "healthy");
  REQUIRE(BodyField(res, "/service") == "goatflow");
  REQUIRE(BodyField(res, "/version") == std::string(Version()));
  REQUIRE(std::stoll(BodyField(res, "/uptime_seconds")) >= 0);
  REQUIRE(BodyField(res, "/timestamp").back() == 'Z');
  for (const char* component : {"database", "storage", "search", "counters"}) {
    INFO(component);
    REQUIRE(BodyField(res, std::string("/components/") + component + "/status") == "healthy");
    REQUIRE(std::stod(BodyField(res, std::string("/components/") + component + "/latency_ms")) >=
            0);
  }
  REQUIRE(std::stoll(BodyField(res, "/components/storage/free_bytes")) > 0);
  REQUIRE(std::stoll(BodyField(res, "/components/storage/total_bytes")) >=
          std::stoll(BodyField(res, "/components/storage/free_bytes")));
  REQUIRE(BodyField(res, "/components/search/tickets") == "3");
  REQUIRE(BodyField(res, "/components/search/missing") == "0");
  REQUIRE(std::stoll(BodyField(res, "/components/counters/rows_checked")) > 0);
  REQUIRE(BodyField(res, "/components/counters/mismatches") == "0");
  REQUIRE(res->body.find(server.db_path()) == std::string::npos);
  REQUIRE(res->body.find("/tmp") == std::string::npos);

  auto head = client.Head("/health/detailed");
  REQUIRE(head->status == 200);
  REQUIRE(head->body.empty());
}

TEST_CASE("A damaged search index degrades the detailed health, which stays 200") {
  TestServer server;
  testing::PermissionWorld w(server.helpdesk());
  Sql(server.db_path(), "DELETE FROM ticket_search WHERE rowid = " + std::to_string(w.rw_ticket));
  Sql(server.db_path(), "UPDATE ticket_search SET title = 'tampered' WHERE rowid = " +
                            std::to_string(w.ro_ticket));
  auto client = server.Client();
  auto res = client.Get("/health/detailed");
  INFO(res->body);
  REQUIRE(res->status == 200);
  REQUIRE(BodyField(res, "/status") == "degraded");
  REQUIRE(BodyField(res, "/components/database/status") == "healthy");
  REQUIRE(BodyField(res, "/components/search/status") == "degraded");
  REQUIRE(BodyField(res, "/components/search/missing") == "1");
  REQUIRE(BodyField(res, "/components/search/stale") == "1");
  REQUIRE(BodyField(res, "/components/search/message") ==
          "search index inconsistent; run goatflow search reindex");
  // The probes only look at the database.
  REQUIRE(client.Get("/health")->status == 200);
}

TEST_CASE("Dashboard counters that drift from a recount degrade the detailed health") {
  TestServer server;
  testing::PermissionWorld w(server.helpdesk());
  Sql(server.db_path(), "UPDATE ticket_count SET n = n + 5");
  auto res = server.Client().Get("/health/detailed");
  INFO(res->body);
  REQUIRE(res->status == 200);
  REQUIRE(BodyField(res, "/status") == "degraded");
  REQUIRE(BodyField(res, "/components/counters/status") == "degraded");
  REQUIRE(BodyField(res, "/components/counters/mismatches") != "0");
  REQUIRE(BodyField(res, "/components/counters/message") ==
          "dashboard counters differ from a recount; run goatflow stats check");
}

TEST_CASE("An unhealthy database makes the detailed health 503") {
  TestServer server;
  Sql(server.db_path(), "INSERT INTO goatflow_schema_version (version, name) VALUES (9999, 'future')");
  auto client = server.Client();
  auto res = client.Get("/health/detailed");
  INFO(res->body);
  REQUIRE(res->status == 503);
  REQUIRE(BodyField(res, "/status") == "unhealthy");
  REQUIRE(BodyField(res, "/components/database/status") == "unhealthy");
  REQUIRE(BodyField(res, "/components/database/message") == "schema version mismatch");
}

}  // namespace
}  // namespace goatflow
