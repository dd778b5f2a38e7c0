#pragma once

#include <memory>

#include "goatflow/seams.h"

namespace goatflow::core {

// The real wall clock (std::chrono::system_clock).
std::shared_ptr<Clock> SystemClock();

// The operating system's CSPRNG through libsodium's randombytes_buf.
std::shared_ptr<Random> SystemRandom();

}  // namespace goatflow::core
