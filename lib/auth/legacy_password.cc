#include "auth/legacy_password.h"

#include <crypt.h>
#include <sodium.h>

#include <cctype>
#include <cstring>
#include <memory>
#include <string>

#include "auth/secrets.h"
#include "auth/sodium_init.h"
#include "core/strings.h"

namespace goatflow::auth {
namespace {

bool IsHex(std::string_view s) {
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Sha256Hex(std::string_view a, std::string_view b) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(a.data()), a.size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(b.data()), b.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  return core::HexEncode(digest, sizeof digest);
}

bool VerifyBcrypt(std::string_view stored, std::string_view password) {
  if (password.find('\0') != std::string_view::npos) return false;
  auto data = std::make_unique<crypt_data>();
  std::memset(data.get(), 0, sizeof(crypt_data));
  const std::string setting(stored);
  const std::string phrase(password.substr(0, 72));
  const char* out = crypt_r(phrase.c_str(), setting.c_str(), data.get());
  // On failure crypt_r returns a short string starting with '*', never the setting.
  const bool ok = out && out[0] == '$' && ConstantTimeEquals(out, stored);
  sodium_memzero(data.get(), sizeof(crypt_data));
  return ok;
}

}  // namespace

bool VerifyLegacyPassword(std::string_view stored, std::string_view password) {
  EnsureSodium();
  if (stored.rfind("$2a$", 0) == 0 || stored.rfind("$2b$", 0) == 0 || stored.rfind("$2y$", 0) == 0)
    return VerifyBcrypt(stored, password);
  if (stored.rfind("sha256$", 0) == 0) {
    std::string_view rest = stored.substr(7);
    auto dollar = rest.rfind('$');
    if (dollar == std::string_view::npos) return false;
    std::string_view salt = rest.substr(0, dollar);
    std::string expected = core::ToLowerAscii(rest.substr(dollar + 1));
    if (expected.size() != 64 || !IsHex(expected)) return false;
    return ConstantTimeEquals(Sha256Hex(password, salt), expected);
  }
  if (stored.size() == 64 && IsHex(stored))
    return ConstantTimeEquals(Sha256Hex(password, ""), core::ToLowerAscii(stored));
  return false;
}

}  // namespace goatflow::auth
