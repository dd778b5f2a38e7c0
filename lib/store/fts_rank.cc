#include "store/fts_rank.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "store/sqlite_error.h"

namespace goatflow::store {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// Per statement (FTS5 auxiliary data): the table's averages and the IDFs
// counted so far.
struct RankData {
  double rows = 0;
  double average_length = 0;
  std::vector<std::optional<double>> idf;  // by phrase
};

int CountHit(const Fts5ExtensionApi*, Fts5Context*, void* user_data) {
  ++*static_cast<std::int64_t*>(user_data);
  return SQLITE_OK;
}

RankData* LoadRankData(const Fts5ExtensionApi* api, Fts5Context* fts, int* rc) {
  if (auto* data = static_cast<RankData*>(api->xGetAuxdata(fts, 0))) return data;
  sqlite3_int64 rows = 0, tokens = 0;
  *rc = api->xRowCount(fts, &rows);
  if (*rc == SQLITE_OK) *rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (*rc != SQLITE_OK) return nullptr;
  auto* data = new RankData;
  data->rows = static_cast<double>(rows);
  data->average_length = rows > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 0;
  data->idf.resize(static_cast<std::size_t>(api->xPhraseCount(fts)));
  *rc = api->xSetAuxdata(fts, data, [](void* p) { delete static_cast<RankData*>(p); });
  return *rc == SQLITE_OK ? data : nullptr;
}

// bm25()'s IDF: ln((N - n + 0.5) / (n + 0.5)), at least 1e-6.
int PhraseIdf(const Fts5ExtensionApi* api, Fts5Context* fts, RankData& data, int phrase,
              double* idf) {
  std::optional<double>& cached = data.idf[static_cast<std::size_t>(phrase)];
  if (!cached) {
    std::int64_t hits = 0;
    if (int rc = api->xQueryPhrase(fts, phrase, &hits, CountHit); rc != SQLITE_OK) return rc;
    const double n = static_cast<double>(hits);
    cached = std::max(std::log((data.rows - n + 0.5) / (n + 0.5)), 1e-6);
  }
  *idf = *cached;
  return SQLITE_OK;
}

void Rank(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
          sqlite3_value** argv) {
  if (argc < 1) {
    sqlite3_result_error(ctx, "goatflow_rank: use_idf argument required", -1);
    return;
  }
  const bool use_idf = sqlite3_value_int(argv[0]) != 0;
  int rc = SQLITE_OK;
  RankData* data = LoadRankData(api, fts, &rc);
  if (!data) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  std::vector<double> frequency(data->idf.size(), 0.0);
  int instances = 0;
  rc = api->xInstCount(fts, &instances);
  for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    const double weight = column + 1 < argc ? sqlite3_value_double(argv[column + 1]) : 1.0;
    if (rc == SQLITE_OK) frequency[static_cast<std::size_t>(phrase)] += weight;
  }
  int length = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
  const double norm =
      data->average_length > 0
          ? kK1 * (1 - kB + kB * static_cast<double>(length) / data->average_length)
          : kK1;
  double score = 0;
  for (std::size_t p = 0; rc == SQLITE_OK && p < frequency.size(); ++p) {
    if (frequency[p] == 0) continue;
    double idf = 1.0;
    if (use_idf) rc = PhraseIdf(api, fts, *data, static_cast<int>(p), &idf);
    score += idf * (frequency[p] * (kK1 + 1.0)) / (frequency[p] + norm);
  }
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  sqlite3_result_double(ctx, -score);
}

// The connection's fts5_api (SQLite's documented "SELECT fts5(?1)" handshake).
fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

}  // namespace

Status RegisterRankFunction(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (!api) return SqliteError(db, SQLITE_ERROR, "looking up the FTS5 API");
  int rc = api->xCreateFunction(api, "goatflow_rank", nullptr, Rank, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, rc, "registering goatflow_rank");
  return OkStatus();
}

}  // namespace goatflow::store
