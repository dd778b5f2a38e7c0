#pragma once

// Typed query parameters shared by list endpoints (api-v1.md §1.1, §6, §13.1):
// shapes only; what a filter means is decided by the library call.

#include <optional>
#include <string>
#include <string_view>

#include "goatflow/error.h"
#include "goatflow/listing.h"

namespace goatflow::server {

// `valid`: "1" valid only, "2" invalid only, "all"; absent or empty: `fallback`.
// Errors: invalid_argument "Invalid valid filter" (core:validation_failed,
// details {field: "valid", reason: "invalid"}).
Result<ValidFilter> ParseValidFilter(const std::optional<std::string>& raw, ValidFilter fallback);

// Booleans in a query: true/false, 1/0 (case-insensitive); absent or empty:
// false. Errors: invalid_argument "Invalid <name> value" (core:validation_failed).
Result<bool> ParseBoolParam(const std::optional<std::string>& raw, std::string_view name);

}  // namespace goatflow::server
