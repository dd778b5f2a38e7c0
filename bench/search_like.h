#pragma once

// The search benchmark's reference: the same searches the way code without a
// full-text index does them, `LIKE '%text%'` over the ticket title and every
// article's subject and body, with the same visibility, filters, page size
// and total, on the same database file.

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

namespace goatflow::bench {

struct LikeQuery {
  std::vector<std::string> texts;  // every one must occur (as the index ANDs words)
  std::string queue;               // "" or a queue name
  bool open_only = false;          // status:open (state types new and open)
};

class LikeSearch {
 public:
  // Opens `path` read-only; `agent_id` is the agent whose queues are visible.
  LikeSearch(const std::string& path, std::int64_t agent_id);
  ~LikeSearch();
  LikeSearch(const LikeSearch&) = delete;
  LikeSearch& operator=(const LikeSearch&) = delete;

  // Runs the count and the first page of 20, newest first; returns the count.
  std::int64_t Run(const LikeQuery& query);

 private:
  sqlite3* db_ = nullptr;
  std::string visible_queues_;  // JSON array of queue ids
};

}  // namespace goatflow::bench
