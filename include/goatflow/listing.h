#pragma once

// List shapes shared by the master-data services: a page of items and the
// validity filter. Paging itself is goatflow/pagination.h.

#include <vector>

#include "goatflow/pagination.h"

namespace goatflow {

// Which rows of master data a list shows, by valid_id.
enum class ValidFilter {
  kValid,    // valid_id = 1
  kInvalid,  // valid_id != 1
  kAll,
};

template <typename T>
struct Page {
  std::vector<T> items;
  Pagination pagination;
};

}  // namespace goatflow
