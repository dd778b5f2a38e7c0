// API token format, keyed hashing and ids (security.md §5, §8.1).
#include "auth/secrets.h"

#include <set>

#include "core/clock.h"
#include "support/test_support.h"

namespace goatflow::auth {
namespace {

// Deterministic bytes, to check exactly how they become a token.
class CountingRandom final : public Random {
 public:
  void Fill(std::uint8_t* data, std::size_t size) override {
    for (std::size_t i = 0; i < size; ++i) data[i] = next_++;
  }

 private:
  std::uint8_t next_ = 0;
};

TEST_CASE("An API token is gf_ + 8 hex + _ + 56 hex from 32 random bytes") {
  CountingRandom random;
  auto t = GenerateApiToken(random);
  REQUIRE(t.token.size() == 68);
  REQUIRE(t.prefix == "00010203");
  REQUIRE(t.token == "gf_00010203_0405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  REQUIRE(ApiTokenPrefix(t.token) == t.prefix);
  REQUIRE(LooksLikeApiToken(t.token));
  REQUIRE_FALSE(LooksLikeApiToken("eyJhbGciOi"));
}

TEST_CASE("Malformed API tokens have no prefix") {
  CountingRandom random;
  auto t = GenerateApiToken(random);
  REQUIRE_FALSE(ApiTokenPrefix(t.token.substr(0, 67)));
  REQUIRE_FALSE(ApiTokenPrefix(t.token + "0"));
  REQUIRE_FALSE(ApiTokenPrefix("gf_0001020X_" + t.token.substr(12)));
  std::string upper = t.token;
  upper[20] = 'A';
  REQUIRE_FALSE(ApiTokenPrefix(upper));
  REQUIRE_FALSE(ApiTokenPrefix("gf_"));
}

TEST_CASE("Keyed hashes depend on key and data and are 64 hex characters") {
  std::string key(64, 'k');
  auto h = KeyedHash(key, "gf_token");
  REQUIRE(h.size() == 64);
  REQUIRE(h == KeyedHash(key, "gf_token"));
  REQUIRE(h != KeyedHash(std::string(64, 'j'), "gf_token"));
  REQUIRE(h != KeyedHash(key, "gf_tokem"));
  // Keys longer than BLAKE2b's maximum are reduced, not truncated.
  REQUIRE(KeyedHash(std::string(65, 'k'), "x") != KeyedHash(std::string(64, 'k'), "x"));
  REQUIRE(ConstantTimeEquals(h, KeyedHash(key, "gf_token")));
  REQUIRE_FALSE(ConstantTimeEquals(h, h.substr(1)));
}

TEST_CASE("Random hex ids are 256 bits and distinct") {
  auto random = core::SystemRandom();
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.insert(RandomHexId(*random));
  REQUIRE(ids.size() == 100);
  REQUIRE(ids.begin()->size() == 64);
}

}  // namespace
}  // namespace goatflow::auth
