// JWT signing and verification, including the attacks of security.md §3.1.
#include "auth/jwt.h"

#include <sodium.h>

#include "support/test_support.h"

namespace goatflow::auth {
namespace {

const std::string kKey(32, 'k');
constexpr std::int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

JwtClaims Access() {
  JwtClaims c;
  c.typ = "access";
  c.kind = "agent";
  c.user_id = 7;
  c.login = "alice";
  c.role = "Agent";
  c.sub = "alice";
  c.jti = "0123abcd";
  c.sid = 3;
  c.iat = kNow;
  c.nbf = kNow;
  c.exp = kNow + 900;
  return c;
}

std::string B64(std::string_view text) {
  std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                    text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);
  return out;
}

std::vector<std::string> Parts(const std::string& token) {
  auto a = token.find('.');
  auto b = token.find('.', a + 1);
  return {token.substr(0, a), token.substr(a + 1, b - a - 1), token.substr(b + 1)};
}

void RequireInvalid(const Result<JwtClaims>& r) {
  REQUIRE_ERR(r, ErrorCode::kUnauthenticated, "Invalid or malformed token");
  REQUIRE(r.error().wire_code == "core:invalid_token");
}

TEST_CASE("A signed JWT verifies and round-trips its claims") {
  auto token = SignJwt(Access(), kKey);
  auto claims = VerifyJwt(token, kKey, kNow + 10, "access");
  REQUIRE_OK(claims);
  REQUIRE(claims->user_id == 7);
  REQUIRE(claims->login == "alice");
  REQUIRE(claims->kind == "agent");
  REQUIRE(claims->sid == 3);
  REQUIRE_FALSE(claims->is_admin);
  REQUIRE(claims->exp == kNow + 900);
}

TEST_CASE("A JWT with an altered payload or a wrong key is rejected") {
  auto token = SignJwt(Access(), kKey);
  auto p = Parts(token);
  JwtClaims admin = Access();
  admin.is_admin = true;
  auto forged = Parts(SignJwt(admin, std::string(32, 'x')));
  RequireInvalid(VerifyJwt(p[0] + "." + forged[1] + "." + p[2], kKey, kNow, "access"));
  RequireInvalid(VerifyJwt(token, std::string(32, 'x'), kNow, "access"));
  std::string flipped = token;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  RequireInvalid(VerifyJwt(flipped, kKey, kNow, "access"));
  RequireInvalid(VerifyJwt("not-a-jwt", kKey, kNow, "access"));
  RequireInvalid(VerifyJwt(token + ".extra", kKey, kNow, "access"));
}

TEST_CASE("alg none and algorithms other than HS256 are rejected") {
  auto p = Parts(SignJwt(Access(), kKey));
  RequireInvalid(
      VerifyJwt(B64(R"({"alg":"none","typ":"JWT"})") + "." + p[1] + ".", kKey, kNow, "access"));
  // Even correctly MACed bytes are refused when the header names another algorithm.
  std::string head = B64(R"({"alg":"HS512","typ":"JWT"})");
  std::string data = head + "." + p[1];
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(kKey.data()),
                              kKey.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()),
                                data.size());
  crypto_auth_hmacsha256_final(&st, mac);
  std::string sig = B64(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
  RequireInvalid(VerifyJwt(data + "." + sig, kKey, kNow, "access"));
}

TEST_CASE("Expiry and not-before allow 60 seconds of skew and no more") {
  auto token = SignJwt(Access(), kKey);
  REQUIRE_OK(VerifyJwt(token, kKey, kNow + 900 + 59, "access"));
  auto expired = VerifyJwt(token, kKey, kNow + 900 + 60, "access");
  REQUIRE_ERR(expired, ErrorCode::kUnauthenticated, "Token has expired");
  REQUIRE(expired.error().wire_code == "core:token_expired");
  REQUIRE_OK(VerifyJwt(token, kKey, kNow - 60, "access"));
  RequireInvalid(VerifyJwt(token, kKey, kNow - 61, "access"));  // not yet valid
}

TEST_CASE("A refresh token is never accepted as an access token, nor the reverse") {
  JwtClaims refresh = Access();
  refresh.typ = "refresh";
  auto token = SignJwt(refresh, kKey);
  RequireInvalid(VerifyJwt(token, kKey, kNow, "access"));
  REQUIRE_OK(VerifyJwt(token, kKey, kNow, "refresh"));
  RequireInvalid(VerifyJwt(SignJwt(Access(), kKey), kKey, kNow, "refresh"));
}

TEST_CASE("Only canonical unpadded base64url is accepted in every part") {
  auto token = SignJwt(Access(), kKey);
  auto p = Parts(token);
  REQUIRE_OK(VerifyJwt(p[0] + "." + p[1] + "." + p[2], kKey, kNow, "access"));
  RequireInvalid(VerifyJwt(p[0] + "." + p[1] + "." + p[2] + "=", kKey, kNow, "access"));
  RequireInvalid(VerifyJwt(p[0] + "." + p[1] + "+." + p[2], kKey, kNow, "access"));
  // 43 characters carry 258 bits for a 256-bit MAC: the last 2 must be zero.
  std::string sig = p[2];
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  auto last = alphabet.find(sig.back());
  sig.back() = alphabet[last ^ 1];
  RequireInvalid(VerifyJwt(p[0] + "." + p[1] + "." + sig, kKey, kNow, "access"));
  RequireInvalid(VerifyJwt(p[0] + "." + p[1] + "." + p[2].substr(0, 42), kKey, kNow, "access"));
}

TEST_CASE("Time checks can be skipped only explicitly") {
  auto token = SignJwt(Access(), kKey);
  REQUIRE_OK(VerifyJwt(token, kKey, 0, "access", false));
  RequireInvalid(VerifyJwt(token, std::string(32, 'x'), 0, "access", false));
}

TEST_CASE("A remembered token is still checked for key, type, tampering and expiry") {
  const std::string token = SignJwt(Access(), kKey);
  auto first = VerifyJwtRemembered(token, kKey, kNow, "access");
  REQUIRE_OK(first);
  REQUIRE(first->user_id == 7);
  auto again = VerifyJwtRemembered(token, kKey, kNow + 10, "access");
  REQUIRE_OK(again);
  REQUIRE(again->jti == first->jti);
  // Remembered under kKey only: another key refuses the same bytes.
  REQUIRE_ERR(VerifyJwtRemembered(token, std::string(32, 'x'), kNow, "access"),
              ErrorCode::kUnauthenticated, "");
  REQUIRE_OK(VerifyJwtRemembered(token, kKey, kNow, "access"));
  REQUIRE_ERR(VerifyJwtRemembered(token, kKey, kNow, "refresh"), ErrorCode::kUnauthenticated, "");
  REQUIRE_OK(VerifyJwtRemembered(token, kKey, kNow, "access"));
  std::string tampered = token;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  REQUIRE_ERR(VerifyJwtRemembered(tampered, kKey, kNow, "access"), ErrorCode::kUnauthenticated,
              "");
  REQUIRE_OK(VerifyJwtRemembered(token, kKey, kNow, "access"));
  // The times are checked on every use, remembered or not.
  auto expired = VerifyJwtRemembered(token, kKey, kNow + 900 + kJwtMaxSkewSeconds, "access");
  REQUIRE_ERR(expired, ErrorCode::kUnauthenticated, "Token has expired");
  REQUIRE(expired.error().wire_code == "core:token_expired");
  REQUIRE_ERR(VerifyJwtRemembered(token, kKey, kNow - kJwtMaxSkewSeconds - 1, "access"),
              ErrorCode::kUnauthenticated, "");
}

}  // namespace
}  // namespace goatflow::auth
