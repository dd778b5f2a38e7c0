#include <boost/json.hpp>

#include "goatflow/json.h"

namespace goatflow::json {

std::string ToJson(const StoreStatus& status) {
  boost::json::object counts;
  for (const auto& [table, count] : status.row_counts) counts[table] = count;
  boost::json::object out{
      {"path", status.path},
      {"schema_version", status.schema_version},
      {"latest_schema_version", status.latest_schema_version},
      {"up_to_date", status.schema_version == status.latest_schema_version},
      {"migrations_applied", status.migrations_applied_on_open},
      {"journal_mode", status.journal_mode},
      {"row_counts", std::move(counts)},
  };
  return boost::json::serialize(out);
}

std::string ToJson(const Error& error) {
  boost::json::object details;
  for (const auto& [key, value] : error.details) details[key] = value;
  boost::json::object out{
      {"code", error.wire_code.empty() ? std::string(ErrorCodeName(error.code)) : error.wire_code},
      {"message", error.message},
  };
  if (!details.empty()) out["details"] = std::move(details);
  return boost::json::serialize(out);
}

}  // namespace goatflow::json
