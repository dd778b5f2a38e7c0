#pragma once

// Paging and validity filters shared by every list call (api-v1 §1.4).

#include <cstdint>
#include <vector>

namespace goatflow {

// Which rows of master data a list shows, by valid_id.
enum class ValidFilter {
  kValid,    // valid_id = 1
  kInvalid,  // valid_id != 1
  kAll,
};

// Requested page. Out-of-range values are normalised, never rejected:
// page < 1 -> 1; limit < 1 -> 20; limit > 100 -> 100.
struct PageRequest {
  std::int64_t page = 1;
  std::int64_t limit = 20;
};

struct PageInfo {
  std::int64_t page = 1;
  std::int64_t per_page = 20;
  std::int64_t total = 0;        // matching rows before paging
  std::int64_t total_pages = 0;  // ceil(total / per_page); 0 when total is 0
  bool has_next = false;
  bool has_prev = false;
};

template <typename T>
struct Page {
  std::vector<T> items;
  PageInfo pagination;
};

PageRequest NormalizePage(PageRequest request);
// Pagination of a normalised request over `total` matching rows.
PageInfo MakePageInfo(const PageRequest& normalized, std::int64_t total);

}  // namespace goatflow
