// Lookup shapes of api-v1 §2.6: Priority, State, Type.

#include "core/time.h"
#include "goatflow/json.h"
#include "json/internal.h"

namespace goatflow::json {
namespace internal {

boost::json::value Timestamp(TimePoint t) { return boost::json::value(core::FormatRfc3339(t)); }

}  // namespace internal
namespace {

boost::json::object StateValue(const State& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"type", s.type},
          {"type_id", s.type_id},
          {"valid_id", s.valid_id}};
}

boost::json::object PriorityValue(const Priority& p) {
  return {{"id", p.id}, {"name", p.name}, {"color", p.color}, {"valid_id", p.valid_id}};
}

boost::json::object TypeValue(const TicketType& t) {
  return {{"id", t.id}, {"name", t.name}, {"valid_id", t.valid_id}};
}

}  // namespace

std::string ToJson(const State& state) { return boost::json::serialize(StateValue(state)); }
std::string ToJson(const std::vector<State>& states) {
  return internal::ArrayJson(states, StateValue);
}
std::string ToJson(const Priority& priority) {
  return boost::json::serialize(PriorityValue(priority));
}
std::string ToJson(const std::vector<Priority>& priorities) {
  return internal::ArrayJson(priorities, PriorityValue);
}
std::string ToJson(const TicketType& type) { return boost::json::serialize(TypeValue(type)); }
std::string ToJson(const std::vector<TicketType>& types) {
  return internal::ArrayJson(types, TypeValue);
}

}  // namespace goatflow::json
