#include "auth/password.h"
#include "auth/password_policy.h"
#include "support/test_support.h"

namespace goatflow::auth {
namespace {

TEST_CASE("Argon2id hashes verify only the right password") {
  auto hash = HashPassword("Correct1Horse", PasswordHashing::kMinimumForTesting);
  REQUIRE_OK(hash);
  REQUIRE(hash->rfind("$argon2id$", 0) == 0);
  REQUIRE(VerifyPassword(*hash, "Correct1Horse"));
  REQUIRE_FALSE(VerifyPassword(*hash, "correct1horse"));
  REQUIRE_FALSE(VerifyPassword(*hash, ""));
  REQUIRE(*HashPassword("Correct1Horse", PasswordHashing::kMinimumForTesting) != *hash);  // salted
}

TEST_CASE("Empty, legacy or malformed stored values never verify") {
  REQUIRE_FALSE(VerifyPassword("", ""));
  REQUIRE_FALSE(VerifyPassword("admin", "admin"));
  REQUIRE_FALSE(VerifyPassword("$argon2id$garbage", "x"));
}

TEST_CASE("A hash made with other limits needs a rehash") {
  auto cheap = HashPassword("Correct1Horse", PasswordHashing::kMinimumForTesting).value();
  REQUIRE_FALSE(NeedsRehash(cheap, PasswordHashing::kMinimumForTesting));
  REQUIRE(NeedsRehash(cheap, PasswordHashing::kInteractive));
  REQUIRE(NeedsRehash("", PasswordHashing::kInteractive));
}

TEST_CASE("The default password policy names the rule that failed") {
  PasswordPolicy policy;
  REQUIRE_OK(CheckPasswordPolicy("Abcdefg1", policy));
  auto reason = [&](std::string_view pw) {
    auto s = CheckPasswordPolicy(pw, policy);
    REQUIRE_FALSE(s.ok());
    REQUIRE(s.error().code == ErrorCode::kInvalidArgument);
    REQUIRE(s.error().wire_code == "core:validation_failed");
    return s.error().details.at("reason");
  };
  REQUIRE(reason("Ab1") == "min_size");
  REQUIRE(reason(std::string(129, 'a') + "A1") == "max_size");
  REQUIRE(reason("abcdefg1") == "need_upper");
  REQUIRE(reason("ABCDEFG1") == "need_lower");
  REQUIRE(reason("Abcdefgh") == "need_digit");
  policy.require_special = true;
  REQUIRE(reason("Abcdefg1") == "need_special");
  REQUIRE_OK(CheckPasswordPolicy("Abcdefg1!", policy));
}

}  // namespace
}  // namespace goatflow::auth
