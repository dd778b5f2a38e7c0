#pragma once

// goatflow_rank: the FTS5 ranking function of ticket and article search, BM25
// as FTS5's own bm25() computes it (k1 = 1.2, b = 0.75, per-column weights),
// except for how it gets each phrase's inverse document frequency:
//
//   goatflow_rank(fts_table, use_idf, weight_1, ..., weight_n)
//
// bm25() runs every phrase of the query over the whole table once per
// statement to count its documents, including phrases that only restrict
// (the `scope` tokens of ticket_search, `NOT` terms): for a phrase that is
// as costly as the search itself. goatflow_rank counts a phrase only when a
// row first has a weighted hit of it, and not at all when `use_idf` is 0
// (a query of one term: the IDF then scales every score alike and changes no
// order). Scores are negative, better ones lower, as bm25()'s.

#include <sqlite3.h>

#include "goatflow/error.h"

namespace goatflow::store {

// Registers goatflow_rank on `db` (every connection: Db::Open).
Status RegisterRankFunction(sqlite3* db);

}  // namespace goatflow::store
