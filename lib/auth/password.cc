#include "auth/password.h"

#include <sodium.h>

#include <mutex>

#include "auth/legacy_password.h"
#include "auth/sodium_init.h"

namespace goatflow::auth {
namespace {

struct Limits {
  unsigned long long ops;
  size_t mem;
};

Limits LimitsFor(PasswordHashing cost) {
  switch (cost) {
    case PasswordHashing::kInteractive:
      return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
    case PasswordHashing::kModerate:
      return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
    case PasswordHashing::kMinimumForTesting:
      return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  }
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordHashing cost) {
  EnsureSodium();
  Limits limits = LimitsFor(cost);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), limits.ops, limits.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Error(ErrorCode::kInternal, "Password hashing failed");
  return std::string(out);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  EnsureSodium();
  if (stored_hash.rfind("$argon2id$", 0) != 0) return VerifyLegacyPassword(stored_hash, password);
  if (stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string hash(stored_hash);  // crypto_pwhash_str_verify needs a NUL-terminated string
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view stored_hash, PasswordHashing cost) {
  EnsureSodium();
  if (stored_hash.rfind("$argon2id$", 0) != 0 || stored_hash.size() >= crypto_pwhash_STRBYTES)
    return true;
  Limits limits = LimitsFor(cost);
  std::string hash(stored_hash);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), limits.ops, limits.mem) != 0;
}

void VerifyAgainstDummy(std::string_view password, PasswordHashing cost) {
  static std::once_flag once;
  static std::string dummy;
  std::call_once(once, [cost] {
    auto hash = HashPassword("goatflow-dummy-password", cost);
    dummy = hash.ok() ? hash.value() : std::string();
  });
  (void)VerifyPassword(dummy, password);
}

}  // namespace goatflow::auth
