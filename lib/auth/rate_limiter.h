#pragma once

// In-process rate limiting (security.md §10): pure and thread-safe, driven by
// the time passed in (the service feeds it from the Clock seam).
//
// RateLimiter is GCRA, i.e. a token bucket of `limit` requests refilled
// continuously over `window`, stored as one "theoretical arrival time" per key.
// A key whose bucket is full again holds no information and is dropped by the
// periodic sweep, so memory follows the number of recently active keys; a hard
// cap per shard evicts the least-limited keys if a flood of distinct keys
// arrives faster than they expire.

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "goatflow/seams.h"

namespace goatflow::auth {

struct RateDecision {
  bool allowed = true;
  int limit = 0;                     // requests per window
  int remaining = 0;                 // further requests allowed right now
  std::int64_t reset_unix = 0;       // unix seconds when the bucket is full again
  std::int64_t retry_after_sec = 0;  // when denied: seconds until one request is allowed
};

class RateLimiter {
 public:
  // `max_keys` bounds the number of tracked keys (across all shards).
  explicit RateLimiter(std::size_t max_keys = 200000);
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Counts one request for `key` against `limit` per `window` (limit > 0) and
  // says whether it is allowed. A denied request is not counted.
  RateDecision Check(std::string_view key, int limit, std::chrono::seconds window, TimePoint now);

  // Keys currently tracked (after expiry of full buckets at the last sweep).
  std::size_t TrackedKeys() const;

  // Drops every key whose bucket is full at `now`.
  void Sweep(TimePoint now);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> tat_us;
    std::uint32_t checks_since_sweep = 0;
  };
  static constexpr std::size_t kShards = 16;
  void SweepShard(Shard& shard, std::int64_t now_us);

  std::size_t max_per_shard_;
  std::array<Shard, kShards> shards_;
};

// The per-account (and per IP + account) login failure backoff of
// api-v1.md §0 / security.md §10: from the 5th failure within 300 s the key
// must wait 2 s after its last failure, doubling with each further failure up
// to 60 s; a success clears it. Never a hard lock-out.
class LoginBackoff {
 public:
  static constexpr int kFreeFailures = 4;
  static constexpr std::int64_t kWindowSeconds = 300;
  static constexpr std::int64_t kMaxDelaySeconds = 60;

  explicit LoginBackoff(std::size_t max_keys = 100000) : max_keys_(max_keys) {}

  // Seconds `key` must still wait before the next attempt (0: may try now).
  std::int64_t RetryAfter(std::string_view key, TimePoint now) const;
  void RecordFailure(std::string_view key, TimePoint now);
  void Clear(std::string_view key);
  std::size_t TrackedKeys() const;

  // Delay after `failures` failures in the window.
  static std::int64_t DelayFor(int failures);

 private:
  struct Entry {
    int failures = 0;
    std::int64_t first = 0;
    std::int64_t last = 0;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::size_t max_keys_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
};

}  // namespace goatflow::auth
