// Ticket benchmark through the public API on a synchronous=FULL database file,
// beside a raw-SQLite reference that performs the same inserts with
// hand-written prepared statements. Prints ops/s and p50/p95/p99 latencies at
// an empty database and at a large one (generated here with bulk SQL).

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bulk_tickets.h"
#include "goatflow/helpdesk.h"
#include "goatflow/log.h"
#include "goatflow/tickets.h"

namespace {

using Clock = std::chrono::steady_clock;
using goatflow::RequestContext;
using goatflow::bench::Die;
using goatflow::bench::Exec;
using goatflow::bench::Prepare;
using goatflow::bench::Step;

struct Stats {
  std::string name;
  double ops_per_sec = 0;
  double p50_us = 0, p95_us = 0, p99_us = 0;
};

Stats Summarise(std::string name, std::vector<double> micros, double wall_seconds) {
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) {
    return micros.empty() ? 0.0 : micros[static_cast<std::size_t>(q * (micros.size() - 1))];
  };
  return {std::move(name), micros.size() / wall_seconds, at(0.50), at(0.95), at(0.99)};
}

void Print(const Stats& s) {
  fmt::print("| {:<44} | {:>10.0f} | {:>9.0f} | {:>9.0f} | {:>9.0f} |\n", s.name, s.ops_per_sec,
             s.p50_us, s.p95_us, s.p99_us);
  std::fflush(stdout);
}

template <typename T>
T Must(goatflow::Result<T> r, const char* what) {
  if (!r.ok()) Die(fmt::format("{}: {}", what, r.error().message));
  return std::move(r).value();
}

// Runs `op(thread, i)` `per_thread` times on each of `threads` threads.
Stats Measure(const std::string& name, int threads, int per_thread,
              const std::function<void(int, int)>& op) {
  std::vector<std::vector<double>> lat(threads);
  auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      lat[t].reserve(per_thread);
      for (int i = 0; i < per_thread; ++i) {
        auto s = Clock::now();
        op(t, i);
        lat[t].push_back(std::chrono::duration<double, std::micro>(Clock::now() - s).count());
      }
    });
  }
  for (auto& th : pool) th.join();
  double wall = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  return Summarise(name, std::move(all), wall);
}

std::unique_ptr<goatflow::Helpdesk> Open(const std::string& path) {
  goatflow::OpenOptions options;
  options.path = path;
  options.durability = goatflow::Durability::kFull;
  options.password_hashing = goatflow::PasswordHashing::kMinimumForTesting;
  return Must(goatflow::Helpdesk::Open(options), "open");
}

goatflow::CreateTicketRequest CreateRequest(int i) {
  goatflow::CreateTicketRequest r;
  r.title = fmt::format("Benchmark ticket {}", i);
  r.queue_id = 2;
  r.body = "The printer on the third floor reports paper jam although the tray is empty.";
  return r;
}

// The raw reference: ticket, article, article_data_mime and history inserts,
// one transaction per ticket, on the same schema and durability.
Stats RawCreates(const std::string& path, int count) {
  { auto hd = Open(path); }  // schema and default data
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Die("raw open");
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  sqlite3_stmt* ticket = Prepare(db, R"sql(
    INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, type_id, user_id, responsible_user_id,
                        ticket_priority_id, ticket_state_id, create_time, create_by, change_time,
                        change_by)
    VALUES (?1, ?2, 2, 1, 1, 1, 1, 3, 1, ?3, 1, ?3, 1))sql");
  sqlite3_stmt* article = Prepare(db, R"sql(
    INSERT INTO article (ticket_id, article_sender_type_id, communication_channel_id,
                         is_visible_for_customer, create_time, create_by, change_time, change_by)
    VALUES (?1, 1, 1, 1, ?2, 1, ?2, 1))sql");
  sqlite3_stmt* mime = Prepare(db, R"sql(
    INSERT INTO article_data_mime (article_id, a_subject, a_content_type, a_body, create_time,
                                   create_by, change_time, change_by)
    VALUES (?1, ?2, 'text/plain; charset=utf-8', ?3, ?4, 1, ?4, 1))sql");
  sqlite3_stmt* history = Prepare(db, R"sql(
    INSERT INTO ticket_history (name, history_type_id, ticket_id, article_id, type_id, queue_id,
                                owner_id, priority_id, state_id, create_time, create_by,
                                change_time, change_by)
    VALUES (?1, ?2, ?3, ?4, 1, 2, 1, 3, 1, ?5, 1, ?5, 1))sql");
  const std::string now = "2026-03-01 09:00:00";
  auto text = [](sqlite3_stmt* s, int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  };
  Stats s = Measure("raw SQLite create (1 thread)", 1, count, [&](int, int i) {
    Exec(db, "BEGIN IMMEDIATE");
    auto request = CreateRequest(i);
    text(ticket, 1, fmt::format("20260301{:07d}", i));
    text(ticket, 2, request.title);
    text(ticket, 3, now);
    Step(db, ticket);
    sqlite3_int64 ticket_id = sqlite3_last_insert_rowid(db);
    sqlite3_bind_int64(article, 1, ticket_id);
    text(article, 2, now);
    Step(db, article);
    sqlite3_int64 article_id = sqlite3_last_insert_rowid(db);
    sqlite3_bind_int64(mime, 1, article_id);
    text(mime, 2, request.title);
    text(mime, 3, *request.body);
    text(mime, 4, now);
    Step(db, mime);
    for (int h = 0; h < 2; ++h) {
      text(history, 1, h == 0 ? "Ticket created" : "Added note");
      sqlite3_bind_int64(history, 2, h == 0 ? 1 : 15);
      sqlite3_bind_int64(history, 3, ticket_id);
      if (h == 0)
        sqlite3_bind_null(history, 4);
      else
        sqlite3_bind_int64(history, 4, article_id);
      text(history, 5, now);
      Step(db, history);
    }
    Exec(db, "COMMIT");
  });
  for (auto* stmt : {ticket, article, mime, history}) sqlite3_finalize(stmt);
  sqlite3_close(db);
  return s;
}

// One agent with ro on the users group (all default queues) for visibility-filtered lists.
RequestContext AddReadingAgent(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) Die("agent open");
  sqlite3_busy_timeout(db, 5000);
  Exec(db,
       "INSERT INTO users (login, pw, first_name, last_name, valid_id, create_by, change_by) "
       "VALUES ('bench_agent', '', 'Bench', 'Agent', 1, 1, 1)");
  sqlite3_int64 id = sqlite3_last_insert_rowid(db);
  Exec(db, fmt::format("INSERT INTO group_user (user_id, group_id, permission_key, create_by, "
                       "change_by) VALUES ({}, 1, 'ro', 1, 1)",
                       id));
  sqlite3_close(db);
  RequestContext ctx;
  ctx.principal = {goatflow::PrincipalKind::kAgent, id, "bench_agent"};
  return ctx;
}

void Suite(const std::string& label, const std::string& path, int ops, double raw_rate) {
  auto hd = Open(path);
  auto& tickets = hd->Tickets();
  RequestContext op = RequestContext::LocalOperator();
  std::atomic<int> seq{0};
  Stats one = Measure(label + ": create + article (1 thread)", 1, ops,
                      [&](int, int) { Must(tickets.Create(op, CreateRequest(seq++)), "create"); });
  Print(one);
  Stats four = Measure(label + ": create + article (4 threads)", 4, ops / 4,
                       [&](int, int) { Must(tickets.Create(op, CreateRequest(seq++)), "create"); });
  Print(four);
  if (raw_rate > 0)
    fmt::print("| {:<44} | {:>10.2f} | {:>9} | {:>9} | {:>9} |\n",
               label + ": create rate / raw SQLite", one.ops_per_sec / raw_rate, "", "", "");
  auto page = Must(tickets.List(op, {}), "list");
  std::int64_t max_id = page.tickets.empty() ? 1 : page.tickets.front().id;
  std::mt19937 rng(7);
  Print(Measure(label + ": get by id", 1, ops * 4, [&](int, int) {
    Must(tickets.Get(op, 1 + static_cast<std::int64_t>(rng() % max_id)), "get");
  }));
  goatflow::ListTicketsRequest open;
  open.status = {"open"};
  open.priority = {"high", "very high"};
  Print(Measure(label + ": list open+high, page of 20 (admin)", 1, ops, [&](int, int) {
    auto r = Must(tickets.List(op, open), "list");
    if (r.tickets.size() != 20 && r.pagination.total >= 20) Die("short page");
  }));
  RequestContext agent = AddReadingAgent(path);
  goatflow::ListTicketsRequest queue;
  queue.status = {"open"};
  queue.queue_ids = {2};
  Print(Measure(label + ": list open in queue, page of 20 (agent)", 1, ops,
                [&](int, int) { Must(tickets.List(agent, queue), "list agent"); }));
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = ".";
  int generated = 100000;
  int ops = 400;
  bool raw_only = false;  // --raw-only: print just the raw durable commit rate (bench/run_api.sh)
  for (int i = 1; i < argc; ++i) {
    bool has_value = i + 1 < argc;
    if (!std::strcmp(argv[i], "--raw-only")) {
      raw_only = true;
    } else if (has_value && !std::strcmp(argv[i], "--dir")) {
      dir = argv[++i];
    } else if (has_value && !std::strcmp(argv[i], "--tickets")) {
      generated = std::atoi(argv[++i]);
    } else if (has_value && !std::strcmp(argv[i], "--ops")) {
      ops = std::atoi(argv[++i]);
    }
  }
  goatflow::SetLogLevel(goatflow::LogLevel::kWarning);
  if (raw_only) {
    fmt::print("{:.0f}\n", RawCreates(dir + "/raw.db", ops).ops_per_sec);
    return 0;
  }
  fmt::print("goatflow {} ticket benchmark: synchronous=FULL, WAL, {} ops per measurement\n\n",
             goatflow::Version(), ops);
  fmt::print("| {:<44} | {:>10} | {:>9} | {:>9} | {:>9} |\n", "measurement", "ops/s", "p50 µs",
             "p95 µs", "p99 µs");
  fmt::print("|{:-<46}|{:->12}|{:->11}|{:->11}|{:->11}|\n", "", "", "", "", "");
  Stats raw = RawCreates(dir + "/raw.db", ops);
  Print(raw);
  Suite("empty", dir + "/empty.db", ops, raw.ops_per_sec);
  std::string big = dir + "/large.db";
  { auto hd = Open(big); }
  auto start = Clock::now();
  goatflow::bench::GenerateTickets(big, generated);
  fmt::print("\n(generated {} tickets in {:.1f} s)\n\n", generated,
             std::chrono::duration<double>(Clock::now() - start).count());
  Suite(fmt::format("{}k", generated / 1000), big, ops, raw.ops_per_sec);
  return 0;
}
