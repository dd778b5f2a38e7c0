// search_bench: search latency through the public API (SearchService) on a
// generated corpus of 100,000 tickets and 300,000 articles, beside the same
// searches done with LIKE '%text%' (bench/search_like.h) in the same run, and
// the index's share of the database file. docs/PERFORMANCE.md, "Search".
//
// Usage: search_bench [--cache-dir DIR] [--seed N] [--tickets N] [--articles N]
//                     [--rounds N] [--runs N] [--seconds S] [--like-runs N] [--like-seconds S]
//                     [--only TEXT]   (only the queries whose name contains TEXT; --like-runs 0: no LIKE)
// The corpus is generated once per seed and size into DIR and reused.

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bulk_tickets.h"
#include "goatflow/helpdesk.h"
#include "goatflow/log.h"
#include "goatflow/search.h"
#include "search_corpus.h"
#include "search_like.h"

namespace {

namespace bench = goatflow::bench;
using Clock = std::chrono::steady_clock;
using goatflow::RequestContext;

// Bumped whenever the generator's output changes, so stale caches are not reused.
constexpr int kCorpusVersion = 1;

struct Options {
  std::string cache_dir = ".";
  bench::CorpusSize size;
  int rounds = 3;
  int runs = 200;
  double seconds = 5;
  int like_runs = 5;
  double like_seconds = 10;
  std::string only;  // run only the queries whose name contains this (profiling)
};

struct Percentiles {
  double p50 = 0, p95 = 0, p99 = 0;  // wall-clock milliseconds
  double cpu50 = 0, cpu95 = 0;       // the calling thread's CPU milliseconds
  std::int64_t matches = 0;
};

// CPU time of this thread: the library runs a call's queries on the caller's
// thread, so on a machine shared with other jobs this shows the work itself.
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Runs `op` (after one unrecorded warm-up call, which gives the match count)
// until `runs` calls or `seconds` have passed, whichever comes first.
Percentiles Measure(int runs, double seconds, const std::function<std::int64_t()>& op) {
  Percentiles out;
  out.matches = op();
  std::vector<double> ms, cpu;
  auto start = Clock::now();
  while (static_cast<int>(ms.size()) < runs &&
         std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    auto s = Clock::now();
    double c = ThreadCpuMs();
    op();
    cpu.push_back(ThreadCpuMs() - c);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s).count());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  auto at = [](const std::vector<double>& v, double q) {
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5)];
  };
  out.p50 = at(ms, 0.50), out.p95 = at(ms, 0.95), out.p99 = at(ms, 0.99);
  out.cpu50 = at(cpu, 0.50), out.cpu95 = at(cpu, 0.95);
  return out;
}

// The median of each percentile over the rounds.
Percentiles Median(std::vector<Percentiles> rounds) {
  auto median = [&](double Percentiles::*field) {
    std::vector<double> v;
    for (const Percentiles& r : rounds) v.push_back(r.*field);
    std::sort(v.begin(), v.end());
    return v[(v.size() - 1) / 2];
  };
  return {median(&Percentiles::p50), median(&Percentiles::p95), median(&Percentiles::p99),
          median(&Percentiles::cpu50), median(&Percentiles::cpu95), rounds.front().matches};
}

template <typename T>
T Must(goatflow::Result<T> r, const char* what) {
  if (!r.ok()) bench::Die(fmt::format("{}: {}", what, r.error().message));
  return std::move(r).value();
}

struct Kind {
  std::string name;
  double target_p95_ms;
  std::function<std::int64_t(goatflow::SearchService&, const RequestContext&)> run;
  std::optional<bench::LikeQuery> like;
};

std::function<std::int64_t(goatflow::SearchService&, const RequestContext&)> Tickets(
    std::string query) {
  return [query](goatflow::SearchService& search, const RequestContext& ctx) {
    goatflow::SearchTicketsRequest request;
    request.query = query;
    request.fulltext = true;
    return Must(search.SearchTickets(ctx, request), "search").pagination.total;
  };
}

std::vector<Kind> Kinds() {
  using bench::LikeQuery;
  const std::string common = bench::kCommonWord, rare = bench::kRareWord;
  const std::string phrase = bench::kPhrase, prefix = bench::kPrefix;
  std::vector<Kind> kinds = {
      {"common word: " + common, 20, Tickets(common), LikeQuery{{common}, "", false}},
      {"rare word: " + rare, 20, Tickets(rare), LikeQuery{{rare}, "", false}},
      {"phrase: \"" + phrase + "\"", 20, Tickets("\"" + phrase + "\""), LikeQuery{{phrase}, "", false}},
      {"prefix: " + prefix + "*", 20, Tickets(prefix + "*"), LikeQuery{{prefix}, "", false}},
      {common + " queue:Support status:open", 20, Tickets(common + " queue:Support status:open"),
       LikeQuery{{common}, "Support", true}},
  };
  // Suggestions as typed, one keystroke per call.
  kinds.push_back({"suggestions: pr, pri, prin, print", 5,
                   [n = 0](goatflow::SearchService& search, const RequestContext& ctx) mutable {
                     const char* typed[] = {"pr", "pri", "prin", "print"};
                     return static_cast<std::int64_t>(
                         Must(search.Suggest(ctx, typed[n++ % 4]), "suggest").size());
                   },
                   std::nullopt});
  kinds.push_back({"search box (Search): " + common, 20,
                   [common](goatflow::SearchService& search, const RequestContext& ctx) {
                     goatflow::GlobalSearchRequest request;
                     request.query = common;
                     return *Must(search.Search(ctx, request), "search box").ticket_count;
                   },
                   std::nullopt});
  return kinds;
}

RequestContext Agent(std::int64_t id, const char* login) {
  RequestContext ctx;
  ctx.principal = {goatflow::PrincipalKind::kAgent, id, login};
  return ctx;
}

std::string CorpusPath(const Options& o) {
  return fmt::format("{}/search-corpus-v{}-s{}-t{}-a{}.db", o.cache_dir, kCorpusVersion,
                     o.size.seed, o.size.tickets, o.size.articles);
}

// Generates the corpus into a temporary file renamed on success, so an
// interrupted run never leaves a partial cache behind.
void EnsureCorpus(const std::string& path, const bench::CorpusSize& size) {
  namespace fs = std::filesystem;
  if (fs::exists(path)) {
    fmt::print("corpus: cached {}\n", path);
    return;
  }
  std::string tmp = path + ".tmp";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(tmp + suffix);
  auto start = Clock::now();
  {
    goatflow::OpenOptions options;
    options.path = tmp;
    Must(goatflow::Helpdesk::Open(options), "create");
  }
  bench::LoadSearchCorpus(tmp, size);
  fs::rename(tmp, path);
  fmt::print("corpus: generated {} tickets, {} articles (seed {}) in {:.1f} s\n", size.tickets,
             size.articles, size.seed, std::chrono::duration<double>(Clock::now() - start).count());
}

// Applies pending migrations to a cached corpus (0005 rebuilds ticket_search:
// about 50 s of CPU on the full corpus) and folds the write-ahead log back into
// the file: a 600 MB WAL left by a migration would make every page read look
// the page up in the WAL index first, which a production database checkpoints
// away on its next writes.
void MigrateAndCheckpoint(const std::string& path) {
  auto start = Clock::now();
  {
    goatflow::OpenOptions options;
    options.path = path;
    auto helpdesk = Must(goatflow::Helpdesk::Open(options), "migrate");
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    bench::Die("checkpoint open");
  if (sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr) != SQLITE_OK)
    bench::Die("checkpoint");
  sqlite3_close(db);
  fmt::print("corpus: migrated and checkpointed in {:.1f} s\n",
             std::chrono::duration<double>(Clock::now() - start).count());
}

void PrintIndexShare(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    bench::Die("size open");
  auto scalar = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) return std::int64_t{-1};
    std::int64_t v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    return v;
  };
  double total = static_cast<double>(scalar("SELECT page_count * page_size FROM "
                                            "pragma_page_count, pragma_page_size"));
  std::int64_t tickets = scalar("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'ticket\\_search%' ESCAPE '\\'");
  std::int64_t articles = scalar("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'article\\_search%' ESCAPE '\\'");
  sqlite3_close(db);
  if (tickets < 0 || articles < 0) {
    fmt::print("index size: dbstat is not compiled into this SQLite\n");
    return;
  }
  auto mib = [](double bytes) { return bytes / (1024.0 * 1024.0); };
  fmt::print("\ndatabase {:.0f} MiB; ticket_search {:.0f} MiB ({:.1f} %), article_search {:.0f} "
             "MiB ({:.1f} %), index total {:.1f} %\n",
             mib(total), mib(tickets), 100.0 * tickets / total, mib(articles),
             100.0 * articles / total, 100.0 * (tickets + articles) / total);
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    const char* v = argv[i + 1];
    if (flag == "--cache-dir") o.cache_dir = v;
    else if (flag == "--seed") o.size.seed = std::stoull(v);
    else if (flag == "--tickets") o.size.tickets = std::stoi(v);
    else if (flag == "--articles") o.size.articles = std::stoi(v);
    else if (flag == "--rounds") o.rounds = std::max(1, std::stoi(v));
    else if (flag == "--runs") o.runs = std::max(1, std::stoi(v));
    else if (flag == "--seconds") o.seconds = std::stod(v);
    else if (flag == "--like-runs") o.like_runs = std::max(0, std::stoi(v));
    else if (flag == "--only") o.only = v;
    else if (flag == "--like-seconds") o.like_seconds = std::stod(v);
    else bench::Die("unknown option " + flag);
  }
  o.size.articles = std::max(o.size.articles, o.size.tickets);
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = Parse(argc, argv);
  goatflow::SetLogLevel(goatflow::LogLevel::kWarning);
  const std::string path = CorpusPath(o);
  EnsureCorpus(path, o.size);
  MigrateAndCheckpoint(path);

  goatflow::OpenOptions options;
  options.path = path;
  auto helpdesk = Must(goatflow::Helpdesk::Open(options), "open");
  goatflow::SearchService& search = helpdesk->Search();
  const std::vector<std::pair<std::string, RequestContext>> callers = {
      {"all queues", Agent(bench::kAllQueuesAgentId, bench::kAllQueuesAgent)},
      {"2 of 8 queues", Agent(bench::kPartialAgentId, bench::kPartialAgent)}};
  std::vector<Kind> kinds = Kinds();
  std::erase_if(kinds, [&](const Kind& k) { return k.name.find(o.only) == std::string::npos; });
  if (o.like_runs == 0)
    for (Kind& k : kinds) k.like.reset();
  bench::LikeSearch like(path, bench::kAllQueuesAgentId);

  // rounds[caller][kind] and like_rounds[kind]: one Percentiles per round.
  std::vector<std::vector<std::vector<Percentiles>>> rounds(
      callers.size(), std::vector<std::vector<Percentiles>>(kinds.size()));
  std::vector<std::vector<Percentiles>> like_rounds(kinds.size());
  for (int round = 0; round < o.rounds; ++round) {
    for (std::size_t c = 0; c < callers.size(); ++c)
      for (std::size_t k = 0; k < kinds.size(); ++k)
        rounds[c][k].push_back(Measure(o.runs, o.seconds, [&] {
          return kinds[k].run(search, callers[c].second);
        }));
    for (std::size_t k = 0; k < kinds.size(); ++k)
      if (kinds[k].like)
        like_rounds[k].push_back(
            Measure(o.like_runs, o.like_seconds, [&] { return like.Run(*kinds[k].like); }));
    fmt::print(stderr, "round {} of {} done\n", round + 1, o.rounds);
  }

  fmt::print("\nmedian of {} rounds; each round: up to {} calls or {} s per query\n\n", o.rounds,
             o.runs, o.seconds);
  fmt::print("| query | caller | matches | p50 ms | p95 ms | p99 ms | CPU p50 ms | CPU p95 ms "
             "| p95 target |\n");
  fmt::print("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
  for (std::size_t c = 0; c < callers.size(); ++c)
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      Percentiles m = Median(rounds[c][k]);
      fmt::print("| {} | {} | {} | {:.2f} | {:.2f} | {:.2f} | {:.2f} | {:.2f} | < {} ms {} |\n",
                 kinds[k].name, callers[c].first, m.matches, m.p50, m.p95, m.p99, m.cpu50,
                 m.cpu95, kinds[k].target_p95_ms, m.p95 < kinds[k].target_p95_ms ? "met" : "MISSED");
    }
  fmt::print("\nLIKE reference (all queues; up to {} calls or {} s per round)\n\n", o.like_runs,
             o.like_seconds);
  fmt::print("| query | matches (LIKE) | LIKE p50 ms | LIKE CPU p50 ms | index p50 ms | index CPU "
             "p50 ms | LIKE / index (wall) | (CPU) |\n");
  fmt::print("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    if (!kinds[k].like) continue;
    Percentiles l = Median(like_rounds[k]), s = Median(rounds[0][k]);
    fmt::print("| {} | {} | {:.1f} | {:.1f} | {:.2f} | {:.2f} | {:.0f}× | {:.0f}× |\n",
               kinds[k].name, l.matches, l.p50, l.cpu50, s.p50, s.cpu50, l.p50 / s.p50,
               l.cpu50 / s.cpu50);
  }
  helpdesk.reset();
  PrintIndexShare(path);
  return 0;
}
