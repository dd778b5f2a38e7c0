// seed_tickets: fills an initialised goatflow database with N generated
// tickets (bulk SQL, bench/bulk_tickets.h) for the REST endpoint benchmark
// (bench/run_api.sh). Prints "max_id=<highest ticket id>" on stdout.
//
// Usage: goatflow_seed_tickets --db FILE [--tickets N]   (default 100000)
// The database must exist (`goatflow init`); the library applies any pending
// migrations before the rows are added.

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bulk_tickets.h"
#include "goatflow/helpdesk.h"
#include "goatflow/log.h"

int main(int argc, char** argv) {
  std::string db_path;
  int tickets = 100000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db_path = argv[i + 1];
    if (!std::strcmp(argv[i], "--tickets")) tickets = std::atoi(argv[i + 1]);
  }
  if (db_path.empty() || tickets < 1) {
    fmt::print(stderr, "usage: goatflow_seed_tickets --db FILE [--tickets N]\n");
    return 64;
  }
  goatflow::SetLogLevel(goatflow::LogLevel::kWarning);
  {
    goatflow::OpenOptions options;
    options.path = db_path;
    auto helpdesk = goatflow::Helpdesk::Open(options);
    if (!helpdesk.ok()) goatflow::bench::Die("open: " + helpdesk.error().message);
  }
  auto start = std::chrono::steady_clock::now();
  goatflow::bench::GenerateTickets(db_path, tickets);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) goatflow::bench::Die("reopen");
  sqlite3_stmt* stmt = goatflow::bench::Prepare(db, "SELECT MAX(id) FROM ticket");
  if (sqlite3_step(stmt) != SQLITE_ROW) goatflow::bench::Die("max id");
  sqlite3_int64 max_id = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  fmt::print(stderr, "seed_tickets: {} tickets in {:.1f} s\n", tickets, seconds);
  fmt::print("max_id={}\n", max_id);
  return 0;
}
