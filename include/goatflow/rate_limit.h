#pragma once

// In-process rate limiting with token buckets (security.md §10): a bucket per
// key holds up to `limit` tokens and refills continuously at limit / window.
// One RateLimiter serves one process (the HTTP server keeps one); several
// server instances would need a shared store instead.
//
// Thread rule: safe for concurrent use.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "goatflow/error.h"
#include "goatflow/seams.h"

namespace goatflow {

struct RateLimit {
  std::int64_t limit = 0;  // requests per window; 0 disables the bucket
  std::chrono::seconds window{60};
};

struct RateDecision {
  bool allowed = true;
  std::int64_t limit = 0;
  std::int64_t remaining = 0;        // whole requests left after this one
  std::int64_t reset_unix = 0;       // Unix seconds when the bucket is full again
  std::int64_t retry_after_sec = 0;  // when refused: seconds until one request is allowed
};

class RateLimiter {
 public:
  // `clock` null: the system clock.
  explicit RateLimiter(std::shared_ptr<Clock> clock = nullptr);

  // Takes one request from the bucket of `key` (e.g. "general:ip:10.0.0.7").
  // A disabled rule (limit 0) always allows and reports limit 0.
  RateDecision Take(std::string_view key, const RateLimit& rule);

  // The refusal for a decision that is not allowed: rate_limited "Too many
  // requests" (core:rate_limited) with detail retry_after_sec.
  static Error TooManyRequests(const RateDecision& decision);

 private:
  struct Bucket {
    double tokens = 0;
    TimePoint updated;
    double capacity = 0;
    double per_second = 0;
  };
  void Prune(TimePoint now);

  std::shared_ptr<Clock> clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // guarded by mutex_
};

}  // namespace goatflow
