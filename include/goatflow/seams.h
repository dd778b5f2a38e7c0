#pragma once

// Seams: small interfaces the embedding application (or a test) may replace
// through OpenOptions. The defaults are the real clock and the operating
// system's CSPRNG (libsodium).

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace goatflow {

using TimePoint = std::chrono::system_clock::time_point;

// Source of the current time. Implementations must be safe to call from many
// threads at once.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// Source of cryptographically secure random bytes. Fill never fails: an
// implementation that cannot produce secure bytes must abort the process
// rather than return weak ones. Safe to call from many threads at once.
class Random {
 public:
  virtual ~Random() = default;
  virtual void Fill(std::uint8_t* data, std::size_t size) = 0;
};

}  // namespace goatflow
