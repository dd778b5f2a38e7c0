#include "auth/sodium_init.h"

#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace goatflow::auth {

void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();
  });
}

}  // namespace goatflow::auth
