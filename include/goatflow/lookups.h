#pragma once

// Ticket lookup data: states (with their state types), priorities, ticket
// types and lock types (domain.md §4.2-4.4). Rows are found by id or name,
// never by a fixed numeric id; the filter resolvers implement the status and
// priority vocabulary of api-v1 §1.5.
//
// Every call needs an authenticated principal (agent or customer); errors:
// unauthenticated, not_found (unknown id or name), internal. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/context.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"
#include "goatflow/listing.h"

namespace goatflow {

struct StateType {
  std::int64_t id = 0;
  std::string name;  // new, open, closed, pending reminder, pending auto, removed, merged
};

struct State {
  std::int64_t id = 0;
  std::string name;  // "pending reminder"
  std::int64_t type_id = 0;
  std::string type;  // state type name
  int valid_id = 1;
};

struct Priority {
  std::int64_t id = 0;
  std::string name;  // "4 high"
  std::string color;
  int valid_id = 1;
};

struct CreatePriorityRequest {
  std::string name;   // 1-200 characters after trimming, unique (case-insensitive)
  std::string color;  // "#rrggbb"; empty: "#cdcdcd"
  int valid_id = 1;   // 1 or 2
};

// Absent fields keep their value.
struct UpdatePriorityRequest {
  std::optional<std::string> name;
  std::optional<std::string> color;
  std::optional<int> valid_id;
};

struct TicketType {
  std::int64_t id = 0;
  std::string name;
  int valid_id = 1;
};

struct LockType {
  std::int64_t id = 0;
  std::string name;  // unlock, lock, tmp_lock
  int valid_id = 1;
};

class LookupService {
 public:
  // States by id; `state_type` (a state type name, case-insensitive) narrows
  // the list when not empty (an unknown type: invalid_argument).
  Result<std::vector<State>> ListStates(const RequestContext& ctx,
                                        ValidFilter valid = ValidFilter::kValid,
                                        std::string_view state_type = {});
  Result<State> GetState(const RequestContext& ctx, std::int64_t id);
  // Exact name, case-insensitive.
  Result<State> GetStateByName(const RequestContext& ctx, std::string_view name);
  Result<std::vector<StateType>> ListStateTypes(const RequestContext& ctx);

  Result<std::vector<Priority>> ListPriorities(const RequestContext& ctx,
                                               ValidFilter valid = ValidFilter::kValid);
  Result<Priority> GetPriority(const RequestContext& ctx, std::int64_t id);
  // Administrators only (API tokens need admin:*), audited as
  // priority.create/update/delete in the same transaction. Errors besides the
  // common ones: permission_denied (recorded as access.denied),
  // invalid_argument (core:validation_failed, details {field, reason}:
  // name required/too_long, color invalid, valid_id invalid), already_exists
  // "Priority name already exists" (core:conflict), not_found.
  Result<Priority> CreatePriority(const RequestContext& ctx, const CreatePriorityRequest& request);
  Result<Priority> UpdatePriority(const RequestContext& ctx, std::int64_t id,
                                  const UpdatePriorityRequest& request);
  // Invalidates (valid_id 2); rows are never deleted, tickets keep theirs.
  Result<Priority> DeletePriority(const RequestContext& ctx, std::int64_t id);

  Result<std::vector<TicketType>> ListTypes(const RequestContext& ctx,
                                            ValidFilter valid = ValidFilter::kValid);
  Result<TicketType> GetType(const RequestContext& ctx, std::int64_t id);
  Result<TicketType> GetTypeByName(const RequestContext& ctx, std::string_view name);

  Result<std::vector<LockType>> ListLockTypes(const RequestContext& ctx);
  Result<LockType> GetLockTypeByName(const RequestContext& ctx, std::string_view name);

  // One priority named by an id, its full name, its name without the leading
  // number or an alias (very-low, medium, critical, urgent...). Errors:
  // invalid_argument "Invalid priority filter" (wire core:validation_failed).
  Result<Priority> ResolvePriority(const RequestContext& ctx, std::string_view term);
  // Comma-separated filters (OR), as sorted state / priority ids. Errors:
  // invalid_argument "Invalid status filter" / "Invalid priority filter".
  Result<std::vector<std::int64_t>> ResolveStatusFilter(const RequestContext& ctx,
                                                        std::string_view filter);
  Result<std::vector<std::int64_t>> ResolvePriorityFilter(const RequestContext& ctx,
                                                          std::string_view filter);

 private:
  friend class Helpdesk;
  explicit LookupService(Helpdesk::Impl& impl) : impl_(impl) {}
  Helpdesk::Impl& impl_;
};

}  // namespace goatflow
