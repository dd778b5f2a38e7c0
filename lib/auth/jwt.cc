#include "auth/jwt.h"

#include <sodium.h>

#include <array>

#include <boost/json.hpp>

#include "auth/sodium_init.h"

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

bool FromBase64Url(std::string_view text, std::string& out) {
  out.resize(text.size() * 3 / 4 + 3);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size())
    return false;
  out.resize(len);
  return true;
}

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

Mac Hmac(std::string_view key, std::string_view a, std::string_view b) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(a.data()), a.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>("."), 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(b.data()), b.size());
  Mac mac;
  crypto_auth_hmacsha256_final(&state, mac.data());
  return mac;
}

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
  boost::json::object payload{{"iss", kJwtIssuer}, {"aud", kJwtAudience}, {"typ", claims.typ},
                              {"kind", claims.kind}, {"user_id", claims.user_id},
                              {"sub", claims.sub},   {"jti", claims.jti},   {"iat", claims.iat},
                              {"nbf", claims.nbf},   {"exp", claims.exp}};
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

  // The signature is checked before anything else is trusted; the header is
  // still parsed so that "alg":"none" and other algorithms are refused even
  // when an attacker holds a valid MAC for the same bytes.
  std::string sig;
  if (!FromBase64Url(sig64, sig) || sig.size() != crypto_auth_hmacsha256_BYTES) return Invalid();
  Mac mac = Hmac(key, head64, body64);
  if (sodium_memcmp(mac.data(), sig.data(), mac.size()) != 0) return Invalid();

  std::string head, body;
  if (!FromBase64Url(head64, head) || !FromBase64Url(body64, body)) return Invalid();
  boost::system::error_code ec;
  auto header = boost::json::parse(head, ec);
  if (ec || !header.is_object()) return Invalid();
  const auto* alg = Field(header.as_object(), "alg");
  if (!alg || !alg->is_string() || alg->as_string() != "HS256") return Invalid();
  auto parsed = boost::json::parse(body, ec);
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
  if (claims.nbf > now + kJwtMaxSkewSeconds) return Invalid();
  if (claims.exp + kJwtMaxSkewSeconds <= now)
    return Error(ErrorCode::kUnauthenticated, "Token has expired")
        .WithWireCode("core:token_expired");
  return claims;
}

}  // namespace goatflow::auth
