// The query parameters of GET /api/v1/tickets (api-v1.md §4.1) as a
// ListTicketsRequest: shared by the HTTP list routes and saved searches, so a
// stored search means what the same query string means.

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <initializer_list>

#include "core/strings.h"
#include "goatflow/tickets.h"

namespace goatflow {
namespace {

using Names = std::initializer_list<std::string_view>;

constexpr std::string_view kParams[] = {
    "page",        "limit",         "per_page",       "offset",           "status",
    "state",       "priority",      "priority_id",    "state_id",         "queue_id",
    "queue",       "type_id",       "owner_id",       "assigned_to",      "user_id",
    "responsible_id", "assigned_user_id", "customer_id", "customer_user_id", "search",
    "q",           "archived",      "archive_flag",   "created_after",    "created_before",
    "updated_after", "sort",        "order",          "include",
};

std::optional<std::string> First(const ParamLookup& param, Names names) {
  for (std::string_view name : names)
    if (auto value = param(name)) return value;
  return std::nullopt;
}

Error BadFilter(std::string_view name) {
  return Error(ErrorCode::kInvalidArgument, fmt::format("Invalid {} filter", name),
               {{"field", std::string(name)}, {"reason", "invalid"}})
      .WithWireCode("core:validation_failed");
}

// Appends the integers of the first present parameter among `names`.
Status IdList(const ParamLookup& param, Names names, std::vector<std::int64_t>& out) {
  auto text = First(param, names);
  if (!text) return OkStatus();
  for (const std::string& item : SplitParamList(*text)) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), id);
    if (ec != std::errc() || end != item.data() + item.size()) return BadFilter(*names.begin());
    out.push_back(id);
  }
  return OkStatus();
}

}  // namespace

std::vector<std::string> SplitParamList(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view item : core::Split(text, ',')) {
    item = core::Trim(item);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

bool IsListTicketsParam(std::string_view name) {
  return std::find(std::begin(kParams), std::end(kParams), name) != std::end(kParams);
}

Result<ListTicketsRequest> ParseListTicketsParams(const ParamLookup& param) {
  ListTicketsRequest r;
  r.page = ParsePageRequest(
      PageQuery{param("page"), param("limit"), param("per_page"), param("offset")});
  if (auto status = First(param, {"status", "state"})) r.status = SplitParamList(*status);
  if (auto priority = param("priority")) r.priority = SplitParamList(*priority);
  if (auto ids = param("priority_id")) {
    for (std::string& id : SplitParamList(*ids)) r.priority.push_back(std::move(id));
  }
  const Status id_lists[] = {
      IdList(param, {"state_id"}, r.state_ids),
      IdList(param, {"queue_id", "queue"}, r.queue_ids),
      IdList(param, {"type_id"}, r.type_ids),
      IdList(param, {"owner_id", "assigned_to", "user_id"}, r.owner_ids),
      IdList(param, {"responsible_id", "assigned_user_id"}, r.responsible_ids),
  };
  for (const Status& status : id_lists)
    if (!status.ok()) return status.error();
  r.customer_id = param("customer_id");
  r.customer_user_id = param("customer_user_id");
  r.search = First(param, {"search", "q"});
  if (auto archived = param("archived")) {
    if (*archived == "true" || *archived == "1") r.archived = ArchivedFilter::kArchived;
    if (*archived == "all") r.archived = ArchivedFilter::kAll;
  } else if (auto flag = param("archive_flag")) {
    if (*flag == "1" || *flag == "true") r.archived = ArchivedFilter::kArchived;
  }
  r.created_after = param("created_after");
  r.created_before = param("created_before");
  r.updated_after = param("updated_after");
  if (auto sort = param("sort")) r.sort = *sort;
  if (auto order = param("order")) r.order = *order == "asc" ? "asc" : "desc";
  if (auto include = param("include")) {
    for (const std::string& item : SplitParamList(*include)) {
      if (item == "article_count") r.include_article_count = true;
      if (item == "last_article") r.include_last_article = true;
    }
  }
  return r;
}

}  // namespace goatflow
