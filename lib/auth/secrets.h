#pragma once

// Secret material other than passwords: API tokens (security.md §8.1),
// session ids (§5), refresh-token ids, and the keyed hash under which all of
// them are stored. Pure functions over the Random seam; no I/O.

#include <optional>
#include <string>
#include <string_view>

#include "goatflow/seams.h"

namespace goatflow::auth {

// `n` random bytes from `random`.
std::string RandomBytes(Random& random, std::size_t n);

// `bytes` random bytes as lower-case hex (default 32 bytes = 64 characters, for
// session ids; JWT ids use 16 bytes).
std::string RandomHexId(Random& random, std::size_t bytes = 32);

struct NewApiToken {
  std::string token;   // gf_<8 hex>_<56 hex>: shown to the owner once
  std::string prefix;  // the 8 public hex characters
};

// A fresh API token from 32 random bytes (256 bits, of which the first 32 bits
// form the public lookup prefix).
NewApiToken GenerateApiToken(Random& random);

// True when `text` starts like an API token ("gf_"), i.e. it is not a JWT.
bool LooksLikeApiToken(std::string_view text);

// The prefix of a well-formed token (exactly gf_ + 8 hex + _ + 56 hex), else nullopt.
std::optional<std::string> ApiTokenPrefix(std::string_view token);

// Hex BLAKE2b-256 of `data` keyed with `key` (16..64 bytes; longer keys are
// first reduced with unkeyed BLAKE2b). Used for token, session and jti hashes.
std::string KeyedHash(std::string_view key, std::string_view data);

// Constant-time equality (for equal lengths; different lengths are unequal).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace goatflow::auth
