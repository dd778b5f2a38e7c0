#include "auth/rate_limiter.h"

#include <algorithm>
#include <vector>

namespace goatflow::auth {
namespace {

constexpr std::int64_t kMicros = 1000000;

std::int64_t Micros(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

std::int64_t Seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::int64_t CeilDiv(std::int64_t a, std::int64_t b) { return a <= 0 ? 0 : (a + b - 1) / b; }

// Sweeps a shard after this many checks even when it is below its cap.
constexpr std::uint32_t kSweepEvery = 8192;

}  // namespace

RateLimiter::RateLimiter(std::size_t max_keys)
    : max_per_shard_(std::max<std::size_t>(max_keys / kShards, 1)) {}

RateDecision RateLimiter::Check(std::string_view key, int limit, std::chrono::seconds window,
                                TimePoint now) {
  RateDecision d;
  d.limit = limit;
  const std::int64_t now_us = Micros(now);
  const std::int64_t window_us = std::max<std::int64_t>(window.count(), 1) * kMicros;
  const std::int64_t interval = std::max<std::int64_t>(window_us / std::max(limit, 1), 1);

  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard<std::mutex> lock(shard.mu);
  if (++shard.checks_since_sweep >= kSweepEvery || shard.tat_us.size() >= max_per_shard_)
    SweepShard(shard, now_us);
  auto it = shard.tat_us.find(key);
  const std::int64_t tat = it == shard.tat_us.end() ? now_us : std::max(it->second, now_us);
  const std::int64_t next = tat + interval;
  if (next > now_us + window_us) {
    d.allowed = false;
    d.remaining = 0;
    d.retry_after_sec = std::max<std::int64_t>(CeilDiv(next - now_us - window_us, kMicros), 1);
    d.reset_unix = CeilDiv(tat, kMicros);
    return d;
  }
  if (it == shard.tat_us.end()) {
    shard.tat_us.emplace(std::string(key), next);
  } else {
    it->second = next;
  }
  d.allowed = true;
  d.remaining = static_cast<int>((now_us + window_us - next) / interval);
  d.reset_unix = CeilDiv(next, kMicros);
  return d;
}

void RateLimiter::SweepShard(Shard& shard, std::int64_t now_us) {
  shard.checks_since_sweep = 0;
  std::erase_if(shard.tat_us, [now_us](const auto& entry) { return entry.second <= now_us; });
  if (shard.tat_us.size() < max_per_shard_) return;
  // Still full of active keys: keep the most limited half (latest arrival
  // times); the evicted keys restart with a full bucket.
  std::vector<std::int64_t> tats;
  tats.reserve(shard.tat_us.size());
  for (const auto& entry : shard.tat_us) tats.push_back(entry.second);
  auto middle = tats.begin() + static_cast<std::ptrdiff_t>(tats.size() / 2);
  std::nth_element(tats.begin(), middle, tats.end());
  const std::int64_t cutoff = *middle;
  std::erase_if(shard.tat_us, [cutoff](const auto& entry) { return entry.second < cutoff; });
  // Ties at the median go too, down to half the cap; keys above it are kept.
  const std::size_t target = max_per_shard_ / 2;
  for (auto it = shard.tat_us.begin(); it != shard.tat_us.end() && shard.tat_us.size() > target;) {
    it = it->second == cutoff ? shard.tat_us.erase(it) : std::next(it);
  }
}

void RateLimiter::Sweep(TimePoint now) {
  for (auto& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    SweepShard(shard, Micros(now));
  }
}

std::size_t RateLimiter::TrackedKeys() const {
  std::size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    n += shard.tat_us.size();
  }
  return n;
}

std::int64_t LoginBackoff::DelayFor(int failures) {
  if (failures <= kFreeFailures) return 0;
  int doublings = failures - kFreeFailures - 1;
  if (doublings >= 6) return kMaxDelaySeconds;
  return std::min<std::int64_t>(std::int64_t{2} << doublings, kMaxDelaySeconds);
}

std::int64_t LoginBackoff::RetryAfter(std::string_view key, TimePoint now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  const Entry& e = it->second;
  const std::int64_t t = Seconds(now);
  if (t - e.first >= kWindowSeconds && t - e.last >= kMaxDelaySeconds) return 0;
  return std::max<std::int64_t>(e.last + DelayFor(e.failures) - t, 0);
}

void LoginBackoff::RecordFailure(std::string_view key, TimePoint now) {
  const std::int64_t t = Seconds(now);
  std::lock_guard<std::mutex> lock(mu_);
  if (entries_.size() >= max_keys_) {
    std::erase_if(entries_, [t](const auto& entry) {
      return t - entry.second.last >= kWindowSeconds + kMaxDelaySeconds;
    });
    if (entries_.size() >= max_keys_) entries_.erase(entries_.begin());
  }
  auto it = entries_.find(key);
  if (it == entries_.end()) it = entries_.emplace(std::string(key), Entry{0, t, t}).first;
  Entry& e = it->second;
  if (t - e.first >= kWindowSeconds) e = Entry{0, t, t};
  ++e.failures;
  e.last = t;
}

void LoginBackoff::Clear(std::string_view key) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = entries_.find(key); it != entries_.end()) entries_.erase(it);
}

std::size_t LoginBackoff::TrackedKeys() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

}  // namespace goatflow::auth
