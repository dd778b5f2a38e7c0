#include "goatflow/rate_limit.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

using testing::FakeClock;

TEST_CASE("A bucket allows its limit and then refuses with a retry time") {
  auto clock = std::make_shared<FakeClock>(std::chrono::sys_days{std::chrono::year{2025} / 3 / 1});
  RateLimiter limiter(clock);
  RateLimit rule{3, std::chrono::seconds(60)};
  for (std::int64_t left : {2, 1, 0}) {
    auto decision = limiter.Take("ip:1", rule);
    REQUIRE(decision.allowed);
    REQUIRE(decision.limit == 3);
    REQUIRE(decision.remaining == left);
  }
  auto refused = limiter.Take("ip:1", rule);
  REQUIRE_FALSE(refused.allowed);
  REQUIRE(refused.remaining == 0);
  REQUIRE(refused.retry_after_sec == 20);  // one token per 20 s
  REQUIRE(refused.reset_unix == 1740787200 + 60);
  REQUIRE(limiter.Take("ip:2", rule).allowed);  // other keys are independent

  clock->Advance(std::chrono::seconds(20));
  REQUIRE(limiter.Take("ip:1", rule).allowed);
  REQUIRE_FALSE(limiter.Take("ip:1", rule).allowed);
  clock->Advance(std::chrono::seconds(600));
  REQUIRE(limiter.Take("ip:1", rule).remaining == 2);  // refilled, never above the limit
}

TEST_CASE("A limit of 0 disables the bucket") {
  RateLimiter limiter;
  for (int i = 0; i < 1000; ++i) REQUIRE(limiter.Take("k", RateLimit{0}).allowed);
  REQUIRE(limiter.Take("k", RateLimit{0}).limit == 0);
}

TEST_CASE("The refusal is rate_limited with retry_after_sec") {
  RateDecision decision;
  decision.allowed = false;
  decision.retry_after_sec = 7;
  Error error = RateLimiter::TooManyRequests(decision);
  REQUIRE(error.code == ErrorCode::kRateLimited);
  REQUIRE(error.message == "Too many requests");
  REQUIRE(error.wire_code == "core:rate_limited");
  REQUIRE(error.details.at("retry_after_sec") == "7");
}

}  // namespace
}  // namespace goatflow
