#pragma once

// The full-text index consistency check, shared by SearchService::CheckIndex
// (admins) and the detailed health report (which decides access itself).

#include "goatflow/search.h"
#include "store/db.h"

namespace goatflow::service {

// Compares the indexes with the tables they index, inside the caller's
// transaction (read only). Errors: internal, unavailable.
Result<IndexReport> CheckSearchIndex(store::Db& db);

}  // namespace goatflow::service
