#include "goatflow/pagination.h"

#include <limits>

#include "core/strings.h"

namespace goatflow {
namespace {

// Pages past this would overflow Offset(); no table is that large anyway.
constexpr std::int64_t kMaxPage = std::numeric_limits<std::int64_t>::max() / PageRequest::kMaxLimit;

// The value of a present, integral parameter >= `min`; nullopt otherwise.
std::optional<std::int64_t> IntAtLeast(const std::optional<std::string>& raw, std::int64_t min) {
  if (!raw) return std::nullopt;
  std::int64_t value = 0;
  if (!core::ParseInt64(core::Trim(*raw), value) || value < min) return std::nullopt;
  return value;
}

bool Present(const std::optional<std::string>& raw) { return raw && !core::Trim(*raw).empty(); }

}  // namespace

PageRequest ParsePageRequest(const PageQuery& query) {
  PageRequest request;
  // Presence decides between limit and per_page; an invalid value then means the default.
  const auto& raw_limit = Present(query.limit) ? query.limit : query.per_page;
  if (auto limit = IntAtLeast(raw_limit, 1)) {
    request.limit = *limit > PageRequest::kMaxLimit ? PageRequest::kMaxLimit : *limit;
  }
  if (Present(query.page)) {
    if (auto page = IntAtLeast(query.page, 1)) request.page = *page;
  } else if (auto offset = IntAtLeast(query.offset, 0)) {
    request.page = *offset / request.limit + 1;
  }
  if (request.page > kMaxPage) request.page = kMaxPage;
  return request;
}

PageRequest PageRequest::Normalized() const {
  PageRequest out = *this;
  if (out.limit < 1) out.limit = kDefaultLimit;
  if (out.limit > kMaxLimit) out.limit = kMaxLimit;
  if (out.page < 1) out.page = 1;
  if (out.page > kMaxPage) out.page = kMaxPage;
  return out;
}

Pagination MakePagination(const PageRequest& request, std::int64_t total) {
  Pagination p;
  p.page = request.page;
  p.per_page = request.limit;
  p.total = total < 0 ? 0 : total;
  p.total_pages = p.total == 0 ? 0 : (p.total + p.per_page - 1) / p.per_page;
  p.has_next = p.page < p.total_pages;
  p.has_prev = p.page > 1;
  return p;
}

}  // namespace goatflow
