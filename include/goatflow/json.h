#pragma once

// JSON renderings of the API's value types, exactly as the REST API, MCP, the
// C ABI and `goatflow ... --json` show them (one implementation, lib/json).
// Every function returns compact UTF-8 JSON text.

#include <string>
#include <vector>

#include "goatflow/auth.h"
#include "goatflow/error.h"
#include "goatflow/helpdesk.h"

namespace goatflow::json {

std::string ToJson(const StoreStatus& status);

// Identity (security.md §3, §8): the `data` objects of the login, refresh and
// token endpoints. A CreatedToken includes the secret and the one-time warning.
std::string ToJson(const AuthUser& user);
std::string ToJson(const TokenPair& tokens);
std::string ToJson(const LoginResult& login);
std::string ToJson(const ApiTokenInfo& token);
std::string ToJson(const std::vector<ApiTokenInfo>& tokens);
std::string ToJson(const CreatedToken& created);
std::string ToJson(const std::vector<ScopeInfo>& scopes);
std::string ToJson(const std::vector<SessionInfo>& sessions);
std::string ToJson(const Preferences& preferences);

// {"code": "<wire code>", "message": "...", "details": {...}} — the error
// object used by the CLI and the C ABI (the HTTP envelope is built elsewhere).
std::string ToJson(const Error& error);

}  // namespace goatflow::json
