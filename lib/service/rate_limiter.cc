#include <cmath>

#include "core/clock.h"
#include "core/time.h"
#include "goatflow/rate_limit.h"

namespace goatflow {
namespace {

// Buckets are dropped once full again (they hold no information then); the
// sweep runs when the table grows past this size.
constexpr std::size_t kPruneThreshold = 10000;

double Seconds(TimePoint from, TimePoint to) {
  return std::chrono::duration<double>(to - from).count();
}

}  // namespace

RateLimiter::RateLimiter(std::shared_ptr<Clock> clock)
    : clock_(clock ? std::move(clock) : core::SystemClock()) {}

RateDecision RateLimiter::Take(std::string_view key, const RateLimit& rule) {
  RateDecision decision;
  if (rule.limit <= 0 || rule.window.count() <= 0) return decision;
  decision.limit = rule.limit;
  TimePoint now = clock_->Now();
  double capacity = static_cast<double>(rule.limit);
  double per_second = capacity / static_cast<double>(rule.window.count());

  std::lock_guard lock(mutex_);
  auto it = buckets_.find(std::string(key));
  if (it == buckets_.end()) {
    if (buckets_.size() >= kPruneThreshold) Prune(now);
    it = buckets_.emplace(std::string(key), Bucket{capacity, now, capacity, per_second}).first;
  }
  Bucket& bucket = it->second;
  // A changed rule (setting edited) takes effect at once, keeping the level.
  bucket.capacity = capacity;
  bucket.per_second = per_second;
  double elapsed = Seconds(bucket.updated, now);
  if (elapsed > 0) bucket.tokens = std::min(capacity, bucket.tokens + elapsed * per_second);
  bucket.updated = now;

  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
  } else {
    decision.allowed = false;
    decision.retry_after_sec = std::max<std::int64_t>(
        1, static_cast<std::int64_t>(std::ceil((1.0 - bucket.tokens) / per_second)));
  }
  decision.remaining = static_cast<std::int64_t>(std::floor(bucket.tokens));
  decision.reset_unix =
      core::ToUnixSeconds(now) +
      static_cast<std::int64_t>(std::ceil((capacity - bucket.tokens) / per_second));
  return decision;
}

Error RateLimiter::TooManyRequests(const RateDecision& decision) {
  return Error(ErrorCode::kRateLimited, "Too many requests",
               {{"retry_after_sec", std::to_string(decision.retry_after_sec)}})
      .WithWireCode("core:rate_limited");
}

void RateLimiter::Prune(TimePoint now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const Bucket& b = it->second;
    if (b.tokens + Seconds(b.updated, now) * b.per_second >= b.capacity) {
      it = buckets_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace goatflow
