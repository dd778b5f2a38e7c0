#pragma once

// The status and priority filter vocabulary of api-v1 §1.5, as pure functions
// over the lookup rows (never over fixed numeric ids): a status term names a
// category of state types, a state name or a state id; a priority term names
// a priority id, its full name, its name without the leading number, or one of
// the spec's aliases (very-low, medium, critical, urgent, ...).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/error.h"

namespace goatflow::domain {

struct StateRow {
  std::int64_t id = 0;
  std::string name;
  std::string type;  // state type name: new, open, closed, pending reminder, ...
};

struct PriorityRow {
  std::int64_t id = 0;
  std::string name;  // "4 high"
};

// The ticket's `status` field for a state type: new, open, pending, closed,
// merged or removed (an unknown type maps to itself).
std::string StatusCategory(std::string_view state_type);

// State ids matched by one term (case-insensitive, trimmed); nullopt when the
// term matches nothing.
std::optional<std::vector<std::int64_t>> MatchStatusTerm(const std::vector<StateRow>& states,
                                                         std::string_view term);

// A comma-separated status filter: the OR of its terms, ids ascending without
// duplicates. Errors: invalid_argument "Invalid status filter" (empty or an
// unknown term; details field "status").
Result<std::vector<std::int64_t>> ResolveStatusFilter(const std::vector<StateRow>& states,
                                                      std::string_view filter);

// The priority one term names; nullopt when none.
std::optional<std::int64_t> MatchPriorityTerm(const std::vector<PriorityRow>& priorities,
                                              std::string_view term);

// A comma-separated priority filter. Errors: invalid_argument "Invalid
// priority filter" (details field "priority").
Result<std::vector<std::int64_t>> ResolvePriorityFilter(const std::vector<PriorityRow>& priorities,
                                                        std::string_view filter);

}  // namespace goatflow::domain
