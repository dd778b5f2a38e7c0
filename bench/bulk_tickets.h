#pragma once

// Raw-SQLite helpers of the benchmarks and the bulk ticket generator that
// builds their large databases far faster than the API could.

#include <sqlite3.h>

#include <string>

namespace goatflow::bench {

// Prints "bench: <what>" to stderr and exits 1.
[[noreturn]] void Die(const std::string& what);
void Exec(sqlite3* db, const std::string& sql);
sqlite3_stmt* Prepare(sqlite3* db, const char* sql);
// Steps a statement that returns no rows, then resets it.
void Step(sqlite3* db, sqlite3_stmt* stmt);

// Appends `count` tickets (with one article and two history rows each) to the
// goatflow database at `path` in large transactions, then runs ANALYZE: 40% new,
// 20% open, 10% pending, 30% closed, spread over the four default queues, five
// priorities and 90 days. The schema must exist (Helpdesk::Open or `goatflow init`).
void GenerateTickets(const std::string& path, int count);

}  // namespace goatflow::bench
