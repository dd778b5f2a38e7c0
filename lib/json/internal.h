#pragma once

// Helpers shared by the renderings of lib/json.

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "goatflow/listing.h"
#include "goatflow/pagination.h"
#include "goatflow/seams.h"
#include "goatflow/sql_console.h"

namespace goatflow::json::internal {

inline boost::json::value OptString(const std::optional<std::string>& value) {
  if (!value) return nullptr;
  return boost::json::value(*value);
}

boost::json::value Timestamp(TimePoint t);
// {page, per_page, total, total_pages, has_next, has_prev} (api-v1 §1.3).
boost::json::object PaginationObject(const Pagination& p);
// The execute_sql result of spec/mcp.md §6.10 (json::ToJson(SqlQueryResult) serialized).
boost::json::object SqlResultObject(const SqlQueryResult& result);

template <typename T, typename Fn>
std::string PageJson(const Page<T>& page, Fn&& render) {
  boost::json::array data;
  for (const T& item : page.items) data.push_back(render(item));
  boost::json::object out{{"data", std::move(data)}, {"pagination", PaginationObject(page.pagination)}};
  return boost::json::serialize(out);
}

template <typename T, typename Fn>
std::string ArrayJson(const std::vector<T>& items, Fn&& render) {
  boost::json::array out;
  for (const T& item : items) out.push_back(render(item));
  return boost::json::serialize(out);
}

}  // namespace goatflow::json::internal
