// Rate limiter and login backoff with a hand-set clock (security.md §10).
#include "auth/rate_limiter.h"

#include <thread>

#include "support/test_support.h"

namespace goatflow::auth {
namespace {

using std::chrono::seconds;
const TimePoint kT0 = TimePoint(seconds(1767225600));

TEST_CASE("Ten per minute: ten pass, the eleventh waits exactly six seconds") {
  RateLimiter limiter;
  for (int i = 0; i < 10; ++i) {
    auto d = limiter.Check("ip:1", 10, seconds(60), kT0);
    REQUIRE(d.allowed);
    REQUIRE(d.limit == 10);
    REQUIRE(d.remaining == 9 - i);
    REQUIRE(d.reset_unix == 1767225600 + 6 * (i + 1));
  }
  auto denied = limiter.Check("ip:1", 10, seconds(60), kT0);
  REQUIRE_FALSE(denied.allowed);
  REQUIRE(denied.remaining == 0);
  REQUIRE(denied.retry_after_sec == 6);
  REQUIRE(denied.reset_unix == 1767225660);
  REQUIRE_FALSE(limiter.Check("ip:1", 10, seconds(60), kT0 + seconds(5)).allowed);
  auto again = limiter.Check("ip:1", 10, seconds(60), kT0 + seconds(6));
  REQUIRE(again.allowed);
  REQUIRE(again.remaining == 0);
  // A denied request is not counted: after a full window the bucket is full.
  REQUIRE(limiter.Check("ip:1", 10, seconds(60), kT0 + seconds(66)).remaining == 9);
}

TEST_CASE("Three per hour refills one request every twenty minutes") {
  RateLimiter limiter;
  for (int i = 0; i < 3; ++i) REQUIRE(limiter.Check("acct", 3, seconds(3600), kT0).allowed);
  auto denied = limiter.Check("acct", 3, seconds(3600), kT0 + seconds(60));
  REQUIRE_FALSE(denied.allowed);
  REQUIRE(denied.retry_after_sec == 1140);
  REQUIRE_FALSE(limiter.Check("acct", 3, seconds(3600), kT0 + seconds(1199)).allowed);
  REQUIRE(limiter.Check("acct", 3, seconds(3600), kT0 + seconds(1200)).allowed);
}

TEST_CASE("Keys are independent") {
  RateLimiter limiter;
  for (int k = 0; k < 1000; ++k) {
    std::string key = "user:" + std::to_string(k);
    REQUIRE(limiter.Check(key, 2, seconds(60), kT0).allowed);
    REQUIRE(limiter.Check(key, 2, seconds(60), kT0).allowed);
    REQUIRE_FALSE(limiter.Check(key, 2, seconds(60), kT0).allowed);
  }
  REQUIRE(limiter.TrackedKeys() == 1000);
}

TEST_CASE("Idle keys expire once their bucket is full again") {
  RateLimiter limiter;
  for (int k = 0; k < 500; ++k) (void)limiter.Check(std::string("k").append(std::to_string(k)), 100, seconds(60), kT0);
  // One request of a 100/minute bucket refills in 0.6 s.
  limiter.Sweep(kT0 + std::chrono::milliseconds(500));
  REQUIRE(limiter.TrackedKeys() == 500);
  limiter.Sweep(kT0 + std::chrono::milliseconds(600));
  REQUIRE(limiter.TrackedKeys() == 0);
}

TEST_CASE("Memory stays bounded under a flood of distinct keys") {
  RateLimiter limiter(320);
  for (int k = 0; k < 20000; ++k) (void)limiter.Check(std::string("k").append(std::to_string(k)), 5, seconds(60), kT0);
  REQUIRE(limiter.TrackedKeys() <= 320);
  // The most recent keys are still limited.
  for (int i = 0; i < 4; ++i) (void)limiter.Check("k19999", 5, seconds(60), kT0);
  REQUIRE_FALSE(limiter.Check("k19999", 5, seconds(60), kT0).allowed);
}

TEST_CASE("Concurrent checks on one key admit exactly the limit") {
  RateLimiter limiter;
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (limiter.Check("shared", 2000, seconds(3600), kT0).allowed) ++allowed;
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(allowed == 2000);
}

TEST_CASE("Login backoff: free failures, then 2 s doubling to 60 s, cleared by success") {
  REQUIRE(LoginBackoff::DelayFor(4) == 0);
  REQUIRE(LoginBackoff::DelayFor(5) == 2);
  REQUIRE(LoginBackoff::DelayFor(6) == 4);
  REQUIRE(LoginBackoff::DelayFor(9) == 32);
  REQUIRE(LoginBackoff::DelayFor(10) == 60);
  REQUIRE(LoginBackoff::DelayFor(100) == 60);
  LoginBackoff backoff;
  for (int i = 0; i < 4; ++i) backoff.RecordFailure("alice", kT0);
  REQUIRE(backoff.RetryAfter("alice", kT0) == 0);
  backoff.RecordFailure("alice", kT0 + seconds(10));
  REQUIRE(backoff.RetryAfter("alice", kT0 + seconds(10)) == 2);
  REQUIRE(backoff.RetryAfter("alice", kT0 + seconds(11)) == 1);
  REQUIRE(backoff.RetryAfter("alice", kT0 + seconds(12)) == 0);
  backoff.RecordFailure("alice", kT0 + seconds(12));
  REQUIRE(backoff.RetryAfter("alice", kT0 + seconds(12)) == 4);
  REQUIRE(backoff.RetryAfter("bob", kT0 + seconds(12)) == 0);
  backoff.Clear("alice");
  REQUIRE(backoff.RetryAfter("alice", kT0 + seconds(12)) == 0);
}

TEST_CASE("Login backoff forgets failures older than the 300 s window") {
  LoginBackoff backoff;
  for (int i = 0; i < 4; ++i) backoff.RecordFailure("alice", kT0);
  backoff.RecordFailure("alice", kT0 + seconds(300));
  REQUIRE(backoff.RetryAfter("alice", kT0 + seconds(300)) == 0);  // a new window began
}

}  // namespace
}  // namespace goatflow::auth
