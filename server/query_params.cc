#include "server/query_params.h"

#include <string>

namespace goatflow::server {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Error InvalidParam(std::string_view name, std::string message) {
  return Error(ErrorCode::kInvalidArgument, std::move(message),
               {{"field", std::string(name)}, {"reason", "invalid"}})
      .WithWireCode("core:validation_failed");
}

}  // namespace

Result<ValidFilter> ParseValidFilter(const std::optional<std::string>& raw, ValidFilter fallback) {
  if (!raw || raw->empty()) return fallback;
  const std::string value = Lower(*raw);
  if (value == "1") return ValidFilter::kValid;
  if (value == "2") return ValidFilter::kInvalid;
  if (value == "all") return ValidFilter::kAll;
  return InvalidParam("valid", "Invalid valid filter");
}

Result<bool> ParseBoolParam(const std::optional<std::string>& raw, std::string_view name) {
  if (!raw || raw->empty()) return false;
  const std::string value = Lower(*raw);
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  return InvalidParam(name, "Invalid " + std::string(name) + " value");
}

}  // namespace goatflow::server
