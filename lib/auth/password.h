#pragma once

// Password hashing with Argon2id (libsodium crypto_pwhash_str). The stored
// string records its own parameters, so a hash made with other limits is
// detected by NeedsRehash and upgraded at the next successful login.

#include <string>
#include <string_view>

#include "goatflow/error.h"
#include "goatflow/options.h"

namespace goatflow::auth {

// Errors: internal (out of memory for the configured limits).
Result<std::string> HashPassword(std::string_view password, PasswordHashing cost);

// Constant-time verification against an Argon2id hash; false for any other
// or malformed stored value (an empty stored value never verifies).
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// True when `stored_hash` was made with limits other than `cost`.
bool NeedsRehash(std::string_view stored_hash, PasswordHashing cost);

// Burns the time of one verification without a stored hash, so that a login
// for an unknown account costs as much as one for a known account.
void VerifyAgainstDummy(std::string_view password, PasswordHashing cost);

}  // namespace goatflow::auth
