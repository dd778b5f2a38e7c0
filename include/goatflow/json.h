#pragma once

// JSON renderings of the API's value types, exactly as the REST API, MCP, the
// C ABI and `goatflow ... --json` show them (one implementation, lib/json).
// Every function returns compact UTF-8 JSON text.

#include <string>

#include "goatflow/error.h"
#include "goatflow/helpdesk.h"

namespace goatflow::json {

std::string ToJson(const StoreStatus& status);

// {"code": "<wire code>", "message": "...", "details": {...}} — the error
// object used by the CLI and the C ABI (the HTTP envelope is built elsewhere).
std::string ToJson(const Error& error);

}  // namespace goatflow::json
