#include "core/clock.h"

#include <sodium.h>

#include <cstdlib>

namespace goatflow::core {
namespace {

class RealClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

class SodiumRandom final : public Random {
 public:
  SodiumRandom() {
    // sodium_init is idempotent and thread-safe; a failure means no secure
    // randomness is available, which must never degrade silently.
    if (sodium_init() < 0) std::abort();
  }
  void Fill(std::uint8_t* data, std::size_t size) override { randombytes_buf(data, size); }
};

}  // namespace

std::shared_ptr<Clock> SystemClock() {
  static const auto clock = std::make_shared<RealClock>();
  return clock;
}

std::shared_ptr<Random> SystemRandom() {
  static const auto random = std::make_shared<SodiumRandom>();
  return random;
}

}  // namespace goatflow::core
