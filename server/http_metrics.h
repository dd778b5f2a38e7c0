#pragma once

// HTTP request metrics of spec/health.md §5.2: requests by method, route
// template and status, a latency histogram by method and route template, and
// the requests in flight. Updates are lock-free (relaxed atomics in one slot
// per method and route, allocated on first use), so counting costs the request
// path a few uncontended atomic additions.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "server/prometheus_text.h"
#include "server/router.h"

namespace goatflow::server {

class HttpMetrics {
 public:
  // Upper bounds (seconds) of the latency buckets; +Inf is implied.
  static constexpr std::array<double, 11> kBucketBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                           0.5,   1,    2.5,   5,    10};
  static constexpr std::ptrdiff_t kUnmatched = -1;  // a request that matched no route

  HttpMetrics();
  ~HttpMetrics();
  HttpMetrics(const HttpMetrics&) = delete;
  HttpMetrics& operator=(const HttpMetrics&) = delete;

  // Sizes the table for the router's routes. Call once the routes are
  // registered and before requests are recorded (not thread-safe).
  void Prepare(std::size_t route_count);

  // One completed request: `route` indexes Router::routes() (or kUnmatched).
  // Thread-safe and lock-free.
  void Record(std::string_view method, std::ptrdiff_t route, int status, double seconds);
  void RequestStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void RequestFinished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }

  // goatflow_http_requests_total, goatflow_http_request_duration_seconds (time
  // until the response is ready to be written) and
  // goatflow_http_requests_in_flight, labelled with the router's templates.
  void Write(const Router& router, ExpositionWriter& out) const;

 private:
  struct Series;
  static constexpr std::size_t kMethods = 8;  // GET HEAD POST PUT PATCH DELETE OPTIONS OTHER
  Series* SeriesFor(std::size_t method, std::ptrdiff_t route);

  std::size_t route_slots_ = 1;  // routes + "unmatched"
  std::unique_ptr<std::atomic<Series*>[]> slots_;
  std::atomic<std::int64_t> in_flight_{0};
};

}  // namespace goatflow::server
