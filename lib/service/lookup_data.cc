#include "service/lookup_data.h"

#include "core/macros.h"
#include "core/strings.h"
#include "domain/vocabulary.h"
#include "store/catalog.h"

namespace goatflow::service {

Result<std::vector<State>> LoadStates(store::Db& db) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt, db.Prepare(R"sql(
    SELECT s.id, s.name, s.type_id, t.name, s.valid_id
      FROM ticket_state s JOIN ticket_state_type t ON t.id = s.type_id ORDER BY s.id)sql"));
  std::vector<State> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(
        {stmt.Int(0), stmt.Text(1), stmt.Int(2), stmt.Text(3), static_cast<int>(stmt.Int(4))});
  }
  return out;
}

Result<std::vector<StateType>> LoadStateTypes(store::Db& db) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                            db.Prepare("SELECT id, name FROM ticket_state_type ORDER BY id"));
  std::vector<StateType> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({stmt.Int(0), stmt.Text(1)});
  }
  return out;
}

Result<std::vector<Priority>> LoadPriorities(store::Db& db) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("SELECT id, name, color, valid_id FROM ticket_priority ORDER BY id"));
  std::vector<Priority> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({stmt.Int(0), stmt.Text(1), stmt.Text(2), static_cast<int>(stmt.Int(3))});
  }
  return out;
}

Result<std::vector<TicketType>> LoadTicketTypes(store::Db& db) {
  GOATFLOW_ASSIGN_OR_RETURN(auto stmt,
                            db.Prepare("SELECT id, name, valid_id FROM ticket_type ORDER BY id"));
  std::vector<TicketType> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({stmt.Int(0), stmt.Text(1), static_cast<int>(stmt.Int(2))});
  }
  return out;
}

Result<std::vector<LockType>> LoadLockTypes(store::Db& db) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("SELECT id, name, valid_id FROM ticket_lock_type ORDER BY id"));
  std::vector<LockType> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back({stmt.Int(0), stmt.Text(1), static_cast<int>(stmt.Int(2))});
  }
  return out;
}

Result<std::optional<State>> FindStateByName(store::Db& db, std::string_view name) {
  GOATFLOW_ASSIGN_OR_RETURN(auto states, LoadStates(db));
  for (State& s : states)
    if (core::EqualsIgnoreCaseAscii(s.name, core::Trim(name))) return std::optional<State>(s);
  return std::optional<State>();
}

Result<std::vector<std::int64_t>> ResolveStatusFilter(store::Db& db, std::string_view filter) {
  GOATFLOW_ASSIGN_OR_RETURN(const store::Catalog* names, store::CurrentCatalog(db));
  return domain::ResolveStatusFilter(names->state_rows, filter);
}

Result<std::vector<std::int64_t>> ResolvePriorityFilter(store::Db& db, std::string_view filter) {
  GOATFLOW_ASSIGN_OR_RETURN(const store::Catalog* names, store::CurrentCatalog(db));
  return domain::ResolvePriorityFilter(names->priority_rows, filter);
}

Result<Priority> ResolvePriority(store::Db& db, std::string_view term) {
  GOATFLOW_ASSIGN_OR_RETURN(auto priorities, LoadPriorities(db));
  std::vector<domain::PriorityRow> rows;
  for (const Priority& p : priorities) rows.push_back({p.id, p.name});
  auto id = domain::MatchPriorityTerm(rows, term);
  if (id) {
    for (Priority& p : priorities)
      if (p.id == *id) return p;
  }
  return Error(ErrorCode::kInvalidArgument, "Invalid priority filter",
               {{"field", "priority"}, {"reason", "invalid"}})
      .WithWireCode("core:validation_failed");
}

}  // namespace goatflow::service
