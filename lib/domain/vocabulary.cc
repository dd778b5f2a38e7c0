#include "domain/vocabulary.h"

#include <algorithm>
#include <set>

#include "core/strings.h"

namespace goatflow::domain {
namespace {

// Lower case, trimmed, with '-' and '_' read as spaces ("very-low" = "very low").
std::string Normalize(std::string_view term) {
  std::string out = core::ToLowerAscii(core::Trim(term));
  std::replace(out.begin(), out.end(), '-', ' ');
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

// "4 high" -> "high"; a name without a leading number is returned unchanged.
std::string WithoutLeadingNumber(std::string_view name) {
  std::size_t i = 0;
  while (i < name.size() && name[i] >= '0' && name[i] <= '9') ++i;
  if (i == 0 || i == name.size() || name[i] != ' ') return std::string(name);
  return std::string(core::Trim(name.substr(i)));
}

// Words of api-v1 §1.5 that stand for a default priority's short name.
std::string_view PriorityAlias(std::string_view normalized) {
  if (normalized == "medium") return "normal";
  if (normalized == "critical" || normalized == "urgent") return "very high";
  return normalized;
}

// Categories of the status vocabulary, as sets of state type names.
std::optional<std::vector<std::string_view>> CategoryTypes(std::string_view term) {
  using V = std::vector<std::string_view>;
  if (term == "new") return V{"new"};
  if (term == "open") return V{"new", "open"};
  if (term == "pending") return V{"pending reminder", "pending auto"};
  if (term == "closed" || term == "resolved") return V{"closed"};
  if (term == "active") return V{"new", "open", "pending reminder", "pending auto"};
  if (term == "merged") return V{"merged"};
  if (term == "removed") return V{"removed"};
  return std::nullopt;
}

Error FilterError(std::string message, std::string field) {
  return Error(ErrorCode::kInvalidArgument, std::move(message),
               {{"field", std::move(field)}, {"reason", "invalid"}})
      .WithWireCode("core:validation_failed");
}

template <typename Match>
Result<std::vector<std::int64_t>> ResolveList(std::string_view filter, Match&& match,
                                              const char* message, const char* field) {
  std::set<std::int64_t> ids;
  bool any = false;
  for (std::string_view part : core::Split(filter, ',')) {
    if (core::Trim(part).empty()) continue;
    auto matched = match(part);
    if (!matched) return FilterError(message, field);
    ids.insert(matched->begin(), matched->end());
    any = true;
  }
  if (!any) return FilterError(message, field);
  return std::vector<std::int64_t>(ids.begin(), ids.end());
}

}  // namespace

std::string StatusCategory(std::string_view state_type) {
  if (state_type == "pending reminder" || state_type == "pending auto") return "pending";
  return std::string(state_type);
}

std::optional<std::vector<std::int64_t>> MatchStatusTerm(const std::vector<StateRow>& states,
                                                         std::string_view term) {
  std::string wanted = core::ToLowerAscii(core::Trim(term));
  if (wanted.empty()) return std::nullopt;
  std::vector<std::int64_t> ids;
  if (auto types = CategoryTypes(wanted)) {
    for (const StateRow& s : states)
      if (std::find(types->begin(), types->end(), s.type) != types->end()) ids.push_back(s.id);
    return ids;  // a category with no states yet matches nothing but is still valid
  }
  std::int64_t id = 0;
  if (core::ParseInt64(wanted, id)) {
    for (const StateRow& s : states)
      if (s.id == id) return std::vector<std::int64_t>{id};
    return std::nullopt;
  }
  for (const StateRow& s : states)
    if (core::EqualsIgnoreCaseAscii(s.name, wanted)) ids.push_back(s.id);
  if (ids.empty()) return std::nullopt;
  return ids;
}

Result<std::vector<std::int64_t>> ResolveStatusFilter(const std::vector<StateRow>& states,
                                                      std::string_view filter) {
  return ResolveList(
      filter, [&](std::string_view term) { return MatchStatusTerm(states, term); },
      "Invalid status filter", "status");
}

std::optional<std::int64_t> MatchPriorityTerm(const std::vector<PriorityRow>& priorities,
                                              std::string_view term) {
  std::string_view trimmed = core::Trim(term);
  if (trimmed.empty()) return std::nullopt;
  std::int64_t id = 0;
  if (core::ParseInt64(trimmed, id)) {
    for (const PriorityRow& p : priorities)
      if (p.id == id) return id;
    return std::nullopt;
  }
  std::string wanted = Normalize(trimmed);
  for (const PriorityRow& p : priorities)
    if (Normalize(p.name) == wanted) return p.id;
  std::string_view alias = PriorityAlias(wanted);
  for (const PriorityRow& p : priorities)
    if (Normalize(WithoutLeadingNumber(p.name)) == alias) return p.id;
  return std::nullopt;
}

Result<std::vector<std::int64_t>> ResolvePriorityFilter(const std::vector<PriorityRow>& priorities,
                                                        std::string_view filter) {
  return ResolveList(
      filter,
      [&](std::string_view term) -> std::optional<std::vector<std::int64_t>> {
        auto id = MatchPriorityTerm(priorities, term);
        if (!id) return std::nullopt;
        return std::vector<std::int64_t>{*id};
      },
      "Invalid priority filter", "priority");
}

}  // namespace goatflow::domain
