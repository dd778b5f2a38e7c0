#pragma once

// Paging of list results (api-v1.md §1.4), shared by every list use case and
// every front-end: a front-end turns its raw parameters into a PageRequest
// with ParsePageRequest, the use case pages with Offset()/limit and reports the
// total, and MakePagination computes the object the envelope shows.

#include <cstdint>
#include <optional>
#include <string>

namespace goatflow {

// Raw paging parameters as received (absent = std::nullopt), e.g. from the
// query string `?page=2&limit=50`.
struct PageQuery {
  std::optional<std::string> page{};
  std::optional<std::string> limit{};
  std::optional<std::string> per_page{};  // alias of limit; limit wins when both are given
  std::optional<std::string> offset{};    // alternative to page, used when page is absent
};

struct PageRequest {
  static constexpr std::int64_t kDefaultLimit = 20;
  static constexpr std::int64_t kMaxLimit = 100;

  std::int64_t page = 1;              // >= 1
  std::int64_t limit = kDefaultLimit;  // 1..kMaxLimit

  // Rows to skip: (page - 1) * limit.
  std::int64_t Offset() const { return (page - 1) * limit; }

  // This request with out-of-range values replaced as ParsePageRequest would:
  // page < 1 -> 1, limit < 1 -> the default, limit > 100 -> 100. List use
  // cases page with the normalised request, so any PageRequest is safe to pass.
  PageRequest Normalized() const;
};

// Lenient by design (GoatFlow behaviour): values that are not integers or are
// below 1 fall back to the defaults, limits above 100 are clamped to 100, and
// `offset` (an integer >= 0) gives page = offset / limit + 1. Never fails.
PageRequest ParsePageRequest(const PageQuery& query);

// The pagination object of a list response.
struct Pagination {
  std::int64_t page = 1;
  std::int64_t per_page = PageRequest::kDefaultLimit;
  std::int64_t total = 0;        // matching rows before paging
  std::int64_t total_pages = 0;  // ceil(total / per_page); 0 when total is 0
  bool has_next = false;         // page < total_pages
  bool has_prev = false;         // page > 1
};

Pagination MakePagination(const PageRequest& request, std::int64_t total);

}  // namespace goatflow
