#pragma once

// HS256 JSON Web Tokens (security.md §3.1), pure functions: no I/O, no clock.
// Access and refresh tokens share the signing key; the `typ` claim keeps a
// refresh token from ever passing as an access token. Only HS256 is accepted.

#include <cstdint>
#include <string>
#include <string_view>

#include "goatflow/error.h"

namespace goatflow::auth {

inline constexpr std::string_view kJwtIssuer = "goatflow";
inline constexpr std::string_view kJwtAudience = "goatflow-api";
inline constexpr std::int64_t kJwtMaxSkewSeconds = 60;
// Shortest signing key accepted (bytes).
inline constexpr std::size_t kMinKeyBytes = 32;

struct JwtClaims {
  std::string typ;   // "access" or "refresh"
  std::string kind;  // "agent" or "customer"
  std::int64_t user_id = 0;
  std::string login;
  std::string email;
  std::string role;  // "Admin", "Agent", "Customer"
  bool is_admin = false;
  std::string sub;
  std::string jti;       // random, unique per token
  std::int64_t sid = 0;  // sessions.id the token is bound to (0: none)
  std::int64_t iat = 0;
  std::int64_t nbf = 0;
  std::int64_t exp = 0;
};

// Signs `claims` (iss and aud are added) with `key`.
std::string SignJwt(const JwtClaims& claims, std::string_view key);

// Verifies shape, header (alg HS256 only), signature, iss, aud, typ, nbf and
// exp (both with kJwtMaxSkewSeconds of leeway) at unix time `now`; with
// check_time false nbf and exp are ignored (to name the family on logout).
// Errors: unauthenticated with wire code core:token_expired for an expired
// token, core:invalid_token for everything else. Messages never quote the token.
Result<JwtClaims> VerifyJwt(std::string_view token, std::string_view key, std::int64_t now,
                            std::string_view expected_typ, bool check_time = true);

// VerifyJwt with a memory of one token per thread: a client on a keep-alive
// connection presents the same token on every request, and a token equal to
// the last one verified under the same key and type (compared in constant
// time) is not verified and parsed again. Its nbf and exp are checked against
// `now` on every call.
Result<JwtClaims> VerifyJwtRemembered(std::string_view token, std::string_view key,
                                      std::int64_t now, std::string_view expected_typ);

// The nbf and exp checks of VerifyJwt (kJwtMaxSkewSeconds of leeway).
Status CheckJwtTimes(const JwtClaims& claims, std::int64_t now);

}  // namespace goatflow::auth
