// Legacy hashes of imported accounts (security.md §7.1) verify and need a rehash.
#include "auth/password.h"
#include "support/test_support.h"

namespace goatflow::auth {
namespace {

// Made with libxcrypt (cost 4) and sha256sum for the password "Legacy-Pw1".
constexpr const char* kBcrypt = "$2b$04$02qz8rY4cQNmGf7rBu/l5elR/sofmTQcNmKVmCw0Q.fF0xryDtvju";
constexpr const char* kOtrsSha256 =
    "4ad68925a92767f2c8e504df0c10b87d683a074a1dbe3685756028be94d2b2d0";
constexpr const char* kSaltedSha256 =
    "sha256$NaCl$f57e9d17ae3a8f93dd0c1cf6ff4373c4940226ce1823874c3fece94ff0362a51";

TEST_CASE("bcrypt, salted and OTRS SHA-256 hashes verify the right password only") {
  for (const char* stored : {kBcrypt, kOtrsSha256, kSaltedSha256}) {
    INFO(stored);
    REQUIRE(VerifyPassword(stored, "Legacy-Pw1"));
    REQUIRE_FALSE(VerifyPassword(stored, "legacy-pw1"));
    REQUIRE_FALSE(VerifyPassword(stored, ""));
    REQUIRE(NeedsRehash(stored, PasswordHashing::kMinimumForTesting));
  }
  // Upper-case hex from other tools is accepted.
  std::string upper = kOtrsSha256;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  REQUIRE(VerifyPassword(upper, "Legacy-Pw1"));
}

TEST_CASE("Malformed legacy hashes never verify") {
  REQUIRE_FALSE(VerifyPassword("$2b$04$short", "Legacy-Pw1"));
  REQUIRE_FALSE(VerifyPassword("sha256$NaCl$", "Legacy-Pw1"));
  REQUIRE_FALSE(VerifyPassword("sha256$nosalt", "Legacy-Pw1"));
  REQUIRE_FALSE(VerifyPassword(std::string(64, 'z'), "Legacy-Pw1"));
  REQUIRE_FALSE(VerifyPassword(std::string(kOtrsSha256).substr(1), "Legacy-Pw1"));
  REQUIRE_FALSE(VerifyPassword("Legacy-Pw1", "Legacy-Pw1"));  // no plaintext branch
}

}  // namespace
}  // namespace goatflow::auth
