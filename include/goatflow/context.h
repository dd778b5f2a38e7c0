#pragma once

// Who is calling. Every use case takes a RequestContext; the library decides
// from it (and from the database) what the caller may see and do. Front-ends
// build a context only through the library's authentication calls or the
// factories below, never by filling in roles themselves.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace goatflow {

enum class PrincipalKind {
  kAnonymous,  // no credential
  kOperator,   // the local system operator (CLI administration); acts as user 1
  kAgent,      // a row of `users`
  kCustomer,   // a row of `customer_user`
};

enum class AuthMethod { kNone, kLocal, kPassword, kSession, kJwt, kApiToken, kLdap };

// An identity is always the pair (kind, id): agent 5 and customer 5 are
// different people.
struct Principal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::int64_t id = 0;
  std::string login;
};

struct RequestContext {
  Principal principal;
  AuthMethod auth_method = AuthMethod::kNone;
  std::string request_id;  // X-Request-ID, for logs and the audit trail
  std::string client_ip;
  std::string user_agent;
  std::optional<std::int64_t> api_token_id;
  std::optional<std::int64_t> session_id;  // sessions.id the credential is bound to
  std::vector<std::string> token_scopes;  // empty: the owner's full permissions

  // The local operator of this installation (CLI without --as): full rights,
  // audited with auth_method "local".
  static RequestContext LocalOperator();
};

}  // namespace goatflow
