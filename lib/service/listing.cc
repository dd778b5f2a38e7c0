#include "goatflow/listing.h"

namespace goatflow {

PageRequest NormalizePage(PageRequest request) {
  if (request.page < 1) request.page = 1;
  if (request.limit < 1) request.limit = 20;
  if (request.limit > 100) request.limit = 100;
  return request;
}

PageInfo MakePageInfo(const PageRequest& normalized, std::int64_t total) {
  PageInfo info;
  info.page = normalized.page;
  info.per_page = normalized.limit;
  info.total = total;
  info.total_pages = total == 0 ? 0 : (total + normalized.limit - 1) / normalized.limit;
  info.has_next = info.page < info.total_pages;
  info.has_prev = info.page > 1;
  return info;
}

}  // namespace goatflow
