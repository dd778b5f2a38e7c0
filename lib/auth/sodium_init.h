#pragma once

namespace goatflow::auth {

// Initialises libsodium once per process (aborts if it cannot).
void EnsureSodium();

}  // namespace goatflow::auth
