#pragma once

// Lookup rows and filter resolvers on a leased connection, for use inside
// another use case's transaction (tickets resolve states and priorities by
// name or vocabulary this way; they never hard-code ids).

#include <optional>
#include <string_view>
#include <vector>

#include "goatflow/lookups.h"
#include "store/db.h"

namespace goatflow::service {

// All rows, ordered by id (valid and invalid).
Result<std::vector<State>> LoadStates(store::Db& db);
Result<std::vector<StateType>> LoadStateTypes(store::Db& db);
Result<std::vector<Priority>> LoadPriorities(store::Db& db);
Result<std::vector<TicketType>> LoadTicketTypes(store::Db& db);
Result<std::vector<LockType>> LoadLockTypes(store::Db& db);

// Exact name (case-insensitive); nullopt when absent.
Result<std::optional<State>> FindStateByName(store::Db& db, std::string_view name);

// api-v1 §1.5 vocabulary over the stored rows (see domain/vocabulary.h).
Result<std::vector<std::int64_t>> ResolveStatusFilter(store::Db& db, std::string_view filter);
Result<std::vector<std::int64_t>> ResolvePriorityFilter(store::Db& db, std::string_view filter);
Result<Priority> ResolvePriority(store::Db& db, std::string_view term);

}  // namespace goatflow::service
