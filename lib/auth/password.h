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

// Constant-time verification against a stored hash: Argon2id (what this
// library writes) or a legacy form of security.md §7.1 imported from OTRS or
// GoatFlow — bcrypt ($2a$/$2b$/$2y$), salted SHA-256 (sha256$<salt>$<hex>) or
// unsalted SHA-256 (64 hex). Legacy hashes always need a rehash. False for a
// malformed or empty stored value.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// True when `stored_hash` was made with limits other than `cost`.
bool NeedsRehash(std::string_view stored_hash, PasswordHashing cost);

// Burns the time of one verification without a stored hash, so that a login
// for an unknown account costs as much as one for a known account.
void VerifyAgainstDummy(std::string_view password, PasswordHashing cost);

}  // namespace goatflow::auth
