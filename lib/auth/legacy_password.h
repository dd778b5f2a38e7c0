#pragma once

// Verification of the legacy password hashes of security.md §7.1, so that
// accounts imported from OTRS or GoatFlow can log in once and be re-hashed to
// Argon2id. This library never writes these forms.

#include <string_view>

namespace goatflow::auth {

// bcrypt ($2a$, $2b$, $2y$; first 72 bytes of the password, as bcrypt does),
// "sha256$<salt>$<hex of SHA-256(password || salt)>", or 64 hex characters of
// SHA-256(password) (OTRS). Comparisons are constant-time; anything else is false.
bool VerifyLegacyPassword(std::string_view stored_hash, std::string_view password);

}  // namespace goatflow::auth
