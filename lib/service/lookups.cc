#include "goatflow/lookups.h"

#include "core/macros.h"
#include "core/strings.h"
#include "service/caller.h"
#include "service/checks.h"
#include "service/lookup_data.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

bool Keep(ValidFilter filter, int valid_id) {
  switch (filter) {
    case ValidFilter::kValid:
      return valid_id == 1;
    case ValidFilter::kInvalid:
      return valid_id != 1;
    case ValidFilter::kAll:
      return true;
  }
  return true;
}

template <typename T>
std::vector<T> Filter(std::vector<T> rows, ValidFilter valid) {
  std::vector<T> out;
  for (T& row : rows)
    if (Keep(valid, row.valid_id)) out.push_back(std::move(row));
  return out;
}

template <typename T>
Result<T> ById(std::vector<T> rows, std::int64_t id, const char* what) {
  for (T& row : rows)
    if (row.id == id) return std::move(row);
  return service::NotFound(std::string(what) + " not found");
}

template <typename T>
Result<T> ByName(std::vector<T> rows, std::string_view name, const char* what) {
  for (T& row : rows)
    if (core::EqualsIgnoreCaseAscii(row.name, core::Trim(name))) return std::move(row);
  return service::NotFound(std::string(what) + " not found");
}

// Runs `load(db)` for an authenticated caller on a reader connection.
template <typename Fn>
auto Lookup(Helpdesk::Impl& impl, const RequestContext& ctx, Fn&& load) {
  return service::Read(impl, [&](store::Db& db) -> std::invoke_result_t<Fn, store::Db&> {
    GOATFLOW_RETURN_IF_ERROR(service::LoadCaller(db, ctx));
    return load(db);
  });
}

}  // namespace

Result<std::vector<State>> LookupService::ListStates(const RequestContext& ctx, ValidFilter valid,
                                                     std::string_view state_type) {
  return Lookup(impl_, ctx, [&](store::Db& db) -> Result<std::vector<State>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto states, service::LoadStates(db));
    if (!core::Trim(state_type).empty()) {
      GOATFLOW_ASSIGN_OR_RETURN(auto types, service::LoadStateTypes(db));
      auto type = ByName(types, state_type, "State type");
      if (!type.ok()) {
        return service::ValidationError("type", "invalid", "Unknown state type");
      }
      std::vector<State> narrowed;
      for (State& s : states)
        if (s.type_id == type->id) narrowed.push_back(std::move(s));
      states = std::move(narrowed);
    }
    return Filter(std::move(states), valid);
  });
}

Result<State> LookupService::GetState(const RequestContext& ctx, std::int64_t id) {
  return Lookup(impl_, ctx, [&](store::Db& db) -> Result<State> {
    GOATFLOW_ASSIGN_OR_RETURN(auto states, service::LoadStates(db));
    return ById(std::move(states), id, "State");
  });
}

Result<State> LookupService::GetStateByName(const RequestContext& ctx, std::string_view name) {
  return Lookup(impl_, ctx, [&](store::Db& db) -> Result<State> {
    GOATFLOW_ASSIGN_OR_RETURN(auto states, service::LoadStates(db));
    return ByName(std::move(states), name, "State");
  });
}

Result<std::vector<StateType>> LookupService::ListStateTypes(const RequestContext& ctx) {
  return Lookup(impl_, ctx, [](store::Db& db) { return service::LoadStateTypes(db); });
}

Result<std::vector<Priority>> LookupService::ListPriorities(const RequestContext& ctx,
                                                            ValidFilter valid) {
  return Lookup(impl_, ctx, [&](store::Db& db) -> Result<std::vector<Priority>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto rows, service::LoadPriorities(db));
    return Filter(std::move(rows), valid);
  });
}

Result<Priority> LookupService::GetPriority(const RequestContext& ctx, std::int64_t id) {
  return Lookup(impl_, ctx, [&](store::Db& db) -> Result<Priority> {
    GOATFLOW_ASSIGN_OR_RETURN(auto rows, service::LoadPriorities(db));
    return ById(std::move(rows), id, "Priority");
  });
}

Result<std::vector<TicketType>> LookupService::ListTypes(const RequestContext& ctx,
                                                         ValidFilter valid) {
  return Lookup(impl_, ctx, [&](store::Db& db) -> Result<std::vector<TicketType>> {
    GOATFLOW_ASSIGN_OR_RETURN(auto rows, service::LoadTicketTypes(db));
    return Filter(std::move(rows), valid);
  });
}

Result<TicketType> LookupService::GetType(const RequestContext& ctx, std::int64_t id) {
  return Lookup(impl_, ctx, [&](store::Db& db) -> Result<TicketType> {
    GOATFLOW_ASSIGN_OR_RETURN(auto rows, service::LoadTicketTypes(db));
    return ById(std::move(rows), id, "Ticket type");
  });
}

Result<TicketType> LookupService::GetTypeByName(const RequestContext& ctx, std::string_view name) {
  return Lookup(impl_, ctx, [&](store::Db& db) -> Result<TicketType> {
    GOATFLOW_ASSIGN_OR_RETURN(auto rows, service::LoadTicketTypes(db));
    return ByName(std::move(rows), name, "Ticket type");
  });
}

Result<std::vector<LockType>> LookupService::ListLockTypes(const RequestContext& ctx) {
  return Lookup(impl_, ctx, [](store::Db& db) { return service::LoadLockTypes(db); });
}

Result<LockType> LookupService::GetLockTypeByName(const RequestContext& ctx,
                                                  std::string_view name) {
  return Lookup(impl_, ctx, [&](store::Db& db) -> Result<LockType> {
    GOATFLOW_ASSIGN_OR_RETURN(auto rows, service::LoadLockTypes(db));
    return ByName(std::move(rows), name, "Lock type");
  });
}

Result<Priority> LookupService::ResolvePriority(const RequestContext& ctx, std::string_view term) {
  return Lookup(impl_, ctx, [&](store::Db& db) { return service::ResolvePriority(db, term); });
}

Result<std::vector<std::int64_t>> LookupService::ResolveStatusFilter(const RequestContext& ctx,
                                                                     std::string_view filter) {
  return Lookup(impl_, ctx,
                [&](store::Db& db) { return service::ResolveStatusFilter(db, filter); });
}

Result<std::vector<std::int64_t>> LookupService::ResolvePriorityFilter(const RequestContext& ctx,
                                                                       std::string_view filter) {
  return Lookup(impl_, ctx,
                [&](store::Db& db) { return service::ResolvePriorityFilter(db, filter); });
}

}  // namespace goatflow
