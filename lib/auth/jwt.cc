#include "auth/jwt.h"

#include <sodium.h>

#include <array>
#include <optional>
#include <boost/json.hpp>

#include "auth/sodium_init.h"
#include "core/macros.h"

namespace goatflow::auth {
namespace {

constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";

std::string Base64Url(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

// HMAC-SHA256 with the key's inner and outer pads precomputed once per thread
// and key (the server verifies with one key at a time).
Mac Hmac(std::string_view key, std::string_view a, std::string_view b) {
  thread_local std::string cached_key;
  thread_local crypto_auth_hmacsha256_state keyed;
  if (cached_key.size() != key.size() ||
      sodium_memcmp(cached_key.data(), key.data(), key.size()) != 0) {
    crypto_auth_hmacsha256_init(&keyed, reinterpret_cast<const unsigned char*>(key.data()),
                                key.size());
    cached_key.assign(key);
  }
  crypto_auth_hmacsha256_state state = keyed;
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(a.data()), a.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(b.data()), b.size());
  Mac mac;
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  return mac;
}

// Decodes unpadded base64url into `out` (capacity `cap`); false if malformed
// or too long. Table-driven rather than libsodium's constant-time decoder: a
// token's parts are not secret (the MAC is compared in constant time), and this
// runs on every request.
bool DecodeInto(std::string_view text, unsigned char* out, std::size_t cap, std::size_t& len) {
  static const auto kTable = [] {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < 64; ++i)
      t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return t;
  }();
  if (text.size() % 4 == 1) return false;
  len = text.size() / 4 * 3 + (text.size() % 4 == 0 ? 0 : text.size() % 4 - 1);
  if (len > cap) return false;
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t o = 0;
  for (char c : text) {
    const std::int8_t v = kTable[static_cast<unsigned char>(c)];
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = static_cast<unsigned char>((acc >> bits) & 0xFF);
    }
  }
  // Unused trailing bits must be zero (canonical encoding), as libsodium requires.
  return (acc & ((1u << bits) - 1)) == 0 && o == len;
}

// Tokens this library issues are far smaller; anything larger is refused.
constexpr std::size_t kMaxPayloadBytes = 4096;

Error Invalid() {
  return Error(ErrorCode::kUnauthenticated, "Invalid or malformed token")
      .WithWireCode("core:invalid_token");
}

const boost::json::value* Field(const boost::json::object& obj, std::string_view name) {
  auto it = obj.find(name);
  return it == obj.end() ? nullptr : &it->value();
}

bool GetString(const boost::json::object& obj, std::string_view name, std::string& out) {
  const auto* v = Field(obj, name);
  if (!v) return true;  // optional
  if (!v->is_string()) return false;
  out = std::string(v->as_string());
  return true;
}

bool GetInt(const boost::json::object& obj, std::string_view name, std::int64_t& out,
            bool required) {
  const auto* v = Field(obj, name);
  if (!v) return !required;
  if (v->is_int64()) {
    out = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= INT64_MAX) {
    out = static_cast<std::int64_t>(v->as_uint64());
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::string SignJwt(const JwtClaims& claims, std::string_view key) {
  EnsureSodium();
  boost::json::object payload{{"iss", kJwtIssuer},         {"aud", kJwtAudience},
                              {"typ", claims.typ},         {"kind", claims.kind},
                              {"user_id", claims.user_id}, {"sub", claims.sub},
                              {"jti", claims.jti},         {"iat", claims.iat},
                              {"nbf", claims.nbf},         {"exp", claims.exp}};
  if (!claims.login.empty()) payload["login"] = claims.login;
  if (!claims.email.empty()) payload["email"] = claims.email;
  if (!claims.role.empty()) payload["role"] = claims.role;
  if (claims.is_admin) payload["is_admin"] = true;
  if (claims.sid != 0) payload["sid"] = claims.sid;
  std::string head = Base64Url(kHeader);
  std::string body = Base64Url(boost::json::serialize(payload));
  Mac mac = Hmac(key, head, body);
  return head + "." + body + "." +
         Base64Url(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

Result<JwtClaims> VerifyJwt(std::string_view token, std::string_view key, std::int64_t now,
                            std::string_view expected_typ, bool check_time) {
  EnsureSodium();
  auto dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return Invalid();
  auto dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
    return Invalid();
  std::string_view head64 = token.substr(0, dot1);
  std::string_view body64 = token.substr(dot1 + 1, dot2 - dot1 - 1);
  std::string_view sig64 = token.substr(dot2 + 1);

  // The signature is checked before anything else is trusted.
  unsigned char sig[crypto_auth_hmacsha256_BYTES];
  std::size_t sig_len = 0;
  if (!DecodeInto(sig64, sig, sizeof sig, sig_len) || sig_len != sizeof sig) return Invalid();
  Mac mac = Hmac(key, head64, body64);
  if (sodium_memcmp(mac.data(), sig, mac.size()) != 0) return Invalid();

  // Our own header is recognised without parsing; any other header must still
  // name HS256 (so "alg":"none" and other algorithms are refused).
  static const std::string kHeader64 = Base64Url(kHeader);
  boost::system::error_code ec;
  if (head64 != kHeader64) {
    unsigned char head[256];
    std::size_t head_len = 0;
    if (!DecodeInto(head64, head, sizeof head, head_len)) return Invalid();
    auto header =
        boost::json::parse(std::string_view(reinterpret_cast<const char*>(head), head_len), ec);
    if (ec || !header.is_object()) return Invalid();
    const auto* alg = Field(header.as_object(), "alg");
    if (!alg || !alg->is_string() || alg->as_string() != "HS256") return Invalid();
  }
  unsigned char body[kMaxPayloadBytes];
  std::size_t body_len = 0;
  if (!DecodeInto(body64, body, sizeof body, body_len)) return Invalid();
  unsigned char arena[4096];
  boost::json::monotonic_resource resource(arena, sizeof arena);
  auto parsed = boost::json::parse(std::string_view(reinterpret_cast<const char*>(body), body_len),
                                   ec, &resource);
  if (ec || !parsed.is_object()) return Invalid();
  const auto& obj = parsed.as_object();

  JwtClaims claims;
  std::string iss, aud;
  if (!GetString(obj, "iss", iss) || !GetString(obj, "aud", aud) ||
      !GetString(obj, "typ", claims.typ) || !GetString(obj, "kind", claims.kind) ||
      !GetString(obj, "login", claims.login) || !GetString(obj, "email", claims.email) ||
      !GetString(obj, "role", claims.role) || !GetString(obj, "sub", claims.sub) ||
      !GetString(obj, "jti", claims.jti) || !GetInt(obj, "user_id", claims.user_id, true) ||
      !GetInt(obj, "sid", claims.sid, false) || !GetInt(obj, "iat", claims.iat, false) ||
      !GetInt(obj, "nbf", claims.nbf, false) || !GetInt(obj, "exp", claims.exp, true))
    return Invalid();
  if (const auto* admin = Field(obj, "is_admin"); admin && admin->is_bool())
    claims.is_admin = admin->as_bool();
  if (iss != kJwtIssuer || aud != kJwtAudience || claims.typ != expected_typ ||
      (claims.kind != "agent" && claims.kind != "customer") || claims.jti.empty() ||
      claims.user_id <= 0)
    return Invalid();
  if (!check_time) return claims;
  GOATFLOW_RETURN_IF_ERROR(CheckJwtTimes(claims, now));
  return claims;
}

namespace {

// The last token this thread verified, with the key and type it passed under.
struct VerifiedJwt {
  std::string token;
  std::string key;
  std::string typ;
  JwtClaims claims;
};
thread_local std::optional<VerifiedJwt> t_last_verified;

// Equal bytes, compared in constant time for equal lengths.
bool SameBytes(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Result<JwtClaims> VerifyJwtRemembered(std::string_view token, std::string_view key,
                                      std::int64_t now, std::string_view expected_typ) {
  EnsureSodium();
  const std::optional<VerifiedJwt>& last = t_last_verified;
  if (last && SameBytes(last->token, token) && SameBytes(last->key, key) &&
      last->typ == expected_typ) {
    GOATFLOW_RETURN_IF_ERROR(CheckJwtTimes(last->claims, now));
    return last->claims;
  }
  auto claims = VerifyJwt(token, key, now, expected_typ, /*check_time=*/false);
  if (!claims.ok()) return claims;
  t_last_verified = VerifiedJwt{std::string(token), std::string(key), std::string(expected_typ),
                                *claims};
  GOATFLOW_RETURN_IF_ERROR(CheckJwtTimes(*claims, now));
  return claims;
}

Status CheckJwtTimes(const JwtClaims& claims, std::int64_t now) {
  if (claims.nbf > now + kJwtMaxSkewSeconds) return Invalid();
  if (claims.exp + kJwtMaxSkewSeconds <= now)
    return Error(ErrorCode::kUnauthenticated, "Token has expired")
        .WithWireCode("core:token_expired");
  return OkStatus();
}

}  // namespace goatflow::auth
