#include "auth/secrets.h"

#include <sodium.h>

#include "auth/sodium_init.h"
#include "core/strings.h"

namespace goatflow::auth {
namespace {

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string RandomBytes(Random& random, std::size_t n) {
  std::string out(n, '\0');
  random.Fill(reinterpret_cast<std::uint8_t*>(out.data()), n);
  return out;
}

std::string RandomHexId(Random& random, std::size_t bytes) {
  return core::HexEncode(RandomBytes(random, bytes));
}

NewApiToken GenerateApiToken(Random& random) {
  std::string hex = RandomHexId(random);
  NewApiToken out;
  out.prefix = hex.substr(0, 8);
  out.token = "gf_" + out.prefix + "_" + hex.substr(8);
  return out;
}

bool LooksLikeApiToken(std::string_view text) { return text.rfind("gf_", 0) == 0; }

std::optional<std::string> ApiTokenPrefix(std::string_view token) {
  if (token.size() != 68 || token.substr(0, 3) != "gf_" || token[11] != '_') return std::nullopt;
  std::string_view prefix = token.substr(3, 8);
  if (!IsLowerHex(prefix) || !IsLowerHex(token.substr(12))) return std::nullopt;
  return std::string(prefix);
}

std::string KeyedHash(std::string_view key, std::string_view data) {
  EnsureSodium();
  unsigned char reduced[crypto_generichash_KEYBYTES_MAX];
  const unsigned char* key_ptr = reinterpret_cast<const unsigned char*>(key.data());
  std::size_t key_len = key.size();
  if (key_len > crypto_generichash_KEYBYTES_MAX || key_len < crypto_generichash_KEYBYTES_MIN) {
    crypto_generichash(reduced, sizeof reduced, key_ptr, key_len, nullptr, 0);
    key_ptr = reduced;
    key_len = sizeof reduced;
  }
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), key_ptr, key_len);
  return core::HexEncode(out, sizeof out);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace goatflow::auth
