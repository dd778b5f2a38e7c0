// Saved searches (api-v1.md §8, domain.md §8.1) in search_profile: one row per
// parameter, keyed by the authenticated caller's login (logins are unique
// across agents and customers), never a fallback login. A search without
// parameters keeps one row with an empty key so that it still exists.

#include <fmt/format.h>

#include "core/macros.h"
#include "core/strings.h"
#include "goatflow/search.h"
#include "search/query.h"
#include "service/caller.h"
#include "service/ticket_filter.h"
#include "service/unit_of_work.h"

namespace goatflow {
namespace {

using service::Caller;

constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxTypeLength = 64;
constexpr std::size_t kMaxValueLength = 1000;

Error Invalid(std::string message, std::string_view field, std::string_view reason) {
  return Error(ErrorCode::kInvalidArgument, std::move(message),
               {{"field", std::string(field)}, {"reason", std::string(reason)}})
      .WithWireCode("core:validation_failed");
}

Error NotFound() {
  return Error(ErrorCode::kNotFound, "Saved search not found").WithWireCode("core:not_found");
}

// Printable UTF-8 of 1..max code points.
Status CheckText(std::string_view text, std::size_t max, std::string_view field,
                 std::string_view what) {
  if (core::Trim(text).empty()) return Invalid(fmt::format("{} is required", what), field, "required");
  if (!core::IsValidUtf8(text) || core::HasControlChars(text))
    return Invalid(fmt::format("{} contains invalid characters", what), field, "invalid");
  if (core::Utf8Length(text) > max)
    return Invalid(fmt::format("{} must be at most {} characters", what, max), field, "too_long");
  return OkStatus();
}

Result<ListTicketsRequest> ToListRequest(const std::map<std::string, std::string>& parameters) {
  return ParseListTicketsParams([&parameters](std::string_view name) -> std::optional<std::string> {
    auto it = parameters.find(std::string(name));
    if (it == parameters.end()) return std::nullopt;
    return it->second;
  });
}

// A search is stored only when GET /tickets would accept its parameters for
// this caller (names, id lists, status and priority vocabulary, query syntax).
Status CheckSearch(store::Db& db, const Caller& caller, const SavedSearch& search) {
  GOATFLOW_RETURN_IF_ERROR(CheckText(search.name, kMaxNameLength, "name", "Name"));
  GOATFLOW_RETURN_IF_ERROR(CheckText(search.type, kMaxTypeLength, "type", "Type"));
  for (const auto& [key, value] : search.parameters) {
    if (!IsListTicketsParam(key))
      return Invalid(fmt::format("Unknown search parameter: {}", key), "parameters", "unknown");
    if (!core::IsValidUtf8(value) || core::HasControlChars(value) ||
        core::Utf8Length(value) > kMaxValueLength)
      return Invalid(fmt::format("Invalid value for search parameter: {}", key), "parameters",
                     "invalid");
  }
  GOATFLOW_ASSIGN_OR_RETURN(ListTicketsRequest request, ToListRequest(search.parameters));
  auto query = service::BuildTicketQuery(db, caller, request);
  if (!query.ok()) return query.error();
  return OkStatus();
}

Result<std::optional<SavedSearch>> Load(store::Db& db, const Caller& caller,
                                        const std::string& name) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("SELECT profile_type, profile_key, profile_value FROM search_profile"
                            " WHERE login = ? AND profile_name = ? ORDER BY profile_key"));
  stmt.BindAll(caller.login, name);
  std::optional<SavedSearch> out;
  while (true) {
    GOATFLOW_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    if (!out) out = SavedSearch{name, stmt.Text(0), {}};
    if (!stmt.Text(1).empty()) out->parameters[stmt.Text(1)] = stmt.Text(2);
  }
  return out;
}

Result<SavedSearch> LoadExisting(store::Db& db, const Caller& caller, const std::string& name) {
  GOATFLOW_ASSIGN_OR_RETURN(auto found, Load(db, caller, name));
  if (!found) return NotFound();
  return std::move(*found);
}

Status Remove(store::Db& db, const Caller& caller, const std::string& name) {
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("DELETE FROM search_profile WHERE login = ? AND profile_name = ?"));
  stmt.BindAll(caller.login, name);
  return stmt.Run();
}

Status Store(store::Db& db, const Caller& caller, const SavedSearch& search) {
  GOATFLOW_ASSIGN_OR_RETURN(auto found, Load(db, caller, search.name));
  if (found)
    return Error(ErrorCode::kAlreadyExists, "Saved search already exists",
                 {{"field", "name"}, {"reason", "taken"}})
        .WithWireCode("core:conflict");
  GOATFLOW_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("INSERT INTO search_profile"
                            " (login, profile_name, profile_type, profile_key, profile_value)"
                            " VALUES (?, ?, ?, ?, ?)"));
  if (search.parameters.empty()) {
    stmt.BindAll(caller.login, search.name, search.type, "", nullptr);
    return stmt.Run();
  }
  for (const auto& [key, value] : search.parameters) {
    stmt.BindAll(caller.login, search.name, search.type, key, value);
    GOATFLOW_RETURN_IF_ERROR(stmt.Run());
  }
  return OkStatus();
}

// The caller and the scope every saved-search call needs.
Result<Caller> LoadOwner(store::Db& db, const RequestContext& ctx) {
  GOATFLOW_ASSIGN_OR_RETURN(Caller caller, service::LoadCaller(db, ctx));
  GOATFLOW_RETURN_IF_ERROR(service::RequireScope(ctx, service::kScopeTicketsRead));
  return caller;
}

}  // namespace

Result<Page<SavedSearch>> SearchService::ListSavedSearches(const RequestContext& ctx,
                                                           const PageRequest& page) {
  return service::Read(impl_, [&](store::Db& db) -> Result<Page<SavedSearch>> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, LoadOwner(db, ctx));
    const PageRequest window = page.Normalized();
    GOATFLOW_ASSIGN_OR_RETURN(
        auto count, db.Prepare("SELECT count(DISTINCT profile_name) FROM search_profile"
                               " WHERE login = ?"));
    count.BindAll(caller.login);
    GOATFLOW_ASSIGN_OR_RETURN(bool counted, count.Step());
    Page<SavedSearch> out;
    out.pagination = MakePagination(window, counted ? count.Int(0) : 0);
    GOATFLOW_ASSIGN_OR_RETURN(
        auto rows,
        db.Prepare("SELECT profile_name, profile_type, profile_key, profile_value"
                   " FROM search_profile WHERE login = ? AND profile_name IN"
                   " (SELECT DISTINCT profile_name FROM search_profile WHERE login = ?"
                   "  ORDER BY profile_name LIMIT ? OFFSET ?)"
                   " ORDER BY profile_name, profile_key"));
    rows.BindAll(caller.login, caller.login, window.limit, window.Offset());
    while (true) {
      GOATFLOW_ASSIGN_OR_RETURN(bool row, rows.Step());
      if (!row) break;
      if (out.items.empty() || out.items.back().name != rows.Text(0))
        out.items.push_back(SavedSearch{rows.Text(0), rows.Text(1), {}});
      if (!rows.Text(2).empty()) out.items.back().parameters[rows.Text(2)] = rows.Text(3);
    }
    return out;
  });
}

Result<SavedSearch> SearchService::GetSavedSearch(const RequestContext& ctx,
                                                  const std::string& name) {
  return service::Read(impl_, [&](store::Db& db) -> Result<SavedSearch> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, LoadOwner(db, ctx));
    return LoadExisting(db, caller, name);
  });
}

Result<SavedSearch> SearchService::CreateSavedSearch(const RequestContext& ctx,
                                                     const SavedSearch& search) {
  return service::Write(impl_, [&](store::Db& db) -> Result<SavedSearch> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, LoadOwner(db, ctx));
    GOATFLOW_RETURN_IF_ERROR(CheckSearch(db, caller, search));
    GOATFLOW_RETURN_IF_ERROR(Store(db, caller, search));
    return search;
  });
}

Result<SavedSearch> SearchService::UpdateSavedSearch(const RequestContext& ctx,
                                                     const std::string& name,
                                                     const UpdateSavedSearchRequest& request) {
  return service::Write(impl_, [&](store::Db& db) -> Result<SavedSearch> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, LoadOwner(db, ctx));
    GOATFLOW_ASSIGN_OR_RETURN(SavedSearch search, LoadExisting(db, caller, name));
    if (request.name) search.name = *request.name;
    if (request.type) search.type = *request.type;
    if (request.parameters) search.parameters = *request.parameters;
    GOATFLOW_RETURN_IF_ERROR(CheckSearch(db, caller, search));
    GOATFLOW_RETURN_IF_ERROR(Remove(db, caller, name));
    GOATFLOW_RETURN_IF_ERROR(Store(db, caller, search));
    return search;
  });
}

Result<SavedSearch> SearchService::DeleteSavedSearch(const RequestContext& ctx,
                                                     const std::string& name) {
  return service::Write(impl_, [&](store::Db& db) -> Result<SavedSearch> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, LoadOwner(db, ctx));
    GOATFLOW_ASSIGN_OR_RETURN(SavedSearch search, LoadExisting(db, caller, name));
    GOATFLOW_RETURN_IF_ERROR(Remove(db, caller, name));
    return search;
  });
}

Result<TicketPage> SearchService::ExecuteSavedSearch(
    const RequestContext& ctx, const std::string& name,
    const std::map<std::string, std::string>& overrides) {
  return service::Read(impl_, [&](store::Db& db) -> Result<TicketPage> {
    GOATFLOW_ASSIGN_OR_RETURN(Caller caller, LoadOwner(db, ctx));
    GOATFLOW_ASSIGN_OR_RETURN(SavedSearch search, LoadExisting(db, caller, name));
    for (const auto& [key, value] : overrides) search.parameters[key] = value;
    GOATFLOW_ASSIGN_OR_RETURN(ListTicketsRequest request, ToListRequest(search.parameters));
    return service::ListTickets(db, ctx, caller, request);
  });
}

}  // namespace goatflow
