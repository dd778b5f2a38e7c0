#include "server/http_metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace goatflow::server {
namespace {

constexpr std::array<std::string_view, 8> kMethodNames = {"GET",   "HEAD",   "POST",    "PUT",
                                                          "PATCH", "DELETE", "OPTIONS", "OTHER"};

std::size_t MethodIndex(std::string_view method) {
  for (std::size_t i = 0; i + 1 < kMethodNames.size(); ++i)
    if (kMethodNames[i] == method) return i;
  return kMethodNames.size() - 1;
}

constexpr int kMinStatus = 100;
constexpr int kMaxStatus = 599;

}  // namespace

struct HttpMetrics::Series {
  // Non-cumulative: buckets[i] counts durations in (bound[i-1], bound[i]]; the
  // last one those above every bound. The exposition accumulates them.
  std::array<std::atomic<std::uint64_t>, kBucketBounds.size() + 1> buckets{};
  std::atomic<std::uint64_t> sum_nanos{0};
  std::array<std::atomic<std::uint64_t>, kMaxStatus - kMinStatus + 1> by_status{};
};

HttpMetrics::HttpMetrics() { Prepare(0); }

HttpMetrics::~HttpMetrics() {
  for (std::size_t i = 0; i < kMethods * route_slots_; ++i) delete slots_[i].load();
}

void HttpMetrics::Prepare(std::size_t route_count) {
  if (slots_) {
    for (std::size_t i = 0; i < kMethods * route_slots_; ++i) delete slots_[i].load();
  }
  route_slots_ = route_count + 1;
  slots_ = std::make_unique<std::atomic<Series*>[]>(kMethods * route_slots_);
  for (std::size_t i = 0; i < kMethods * route_slots_; ++i) slots_[i].store(nullptr);
}

HttpMetrics::Series* HttpMetrics::SeriesFor(std::size_t method, std::ptrdiff_t route) {
  std::size_t slot = route < 0 || static_cast<std::size_t>(route) + 1 >= route_slots_
                         ? 0
                         : static_cast<std::size_t>(route) + 1;
  std::atomic<Series*>& cell = slots_[method * route_slots_ + slot];
  Series* series = cell.load(std::memory_order_acquire);
  if (series != nullptr) return series;
  auto fresh = std::make_unique<Series>();
  if (cell.compare_exchange_strong(series, fresh.get(), std::memory_order_acq_rel))
    return fresh.release();
  return series;  // another thread installed it first
}

void HttpMetrics::Record(std::string_view method, std::ptrdiff_t route, int status,
                         double seconds) {
  Series& series = *SeriesFor(MethodIndex(method), route);
  std::size_t bucket = 0;
  while (bucket < kBucketBounds.size() && seconds > kBucketBounds[bucket]) ++bucket;
  series.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  series.sum_nanos.fetch_add(static_cast<std::uint64_t>(std::llround(std::max(seconds, 0.0) * 1e9)),
                             std::memory_order_relaxed);
  if (status >= kMinStatus && status <= kMaxStatus)
    series.by_status[static_cast<std::size_t>(status - kMinStatus)].fetch_add(
        1, std::memory_order_relaxed);
}

void HttpMetrics::Write(const Router& router, ExpositionWriter& out) const {
  const auto& routes = router.routes();
  auto route_label = [&](std::size_t slot) -> std::string_view {
    if (slot == 0 || slot - 1 >= routes.size()) return "unmatched";
    return routes[slot - 1].path;
  };
  auto each_series = [&](auto&& fn) {
    for (std::size_t m = 0; m < kMethods; ++m)
      for (std::size_t slot = 0; slot < route_slots_; ++slot)
        if (const Series* s = slots_[m * route_slots_ + slot].load(std::memory_order_acquire))
          fn(kMethodNames[m], route_label(slot), *s);
  };

  out.Family("goatflow_http_requests_total", "counter",
             "Completed HTTP requests by method, route template and status.");
  each_series([&](std::string_view method, std::string_view route, const Series& s) {
    for (std::size_t i = 0; i < s.by_status.size(); ++i) {
      std::uint64_t n = s.by_status[i].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::string status = std::to_string(kMinStatus + static_cast<int>(i));
      out.Sample("", {{"method", method}, {"route", route}, {"status", status}}, n);
    }
  });

  out.Family("goatflow_http_request_duration_seconds", "histogram",
             "HTTP request latency by method and route template, until the response is ready.");
  each_series([&](std::string_view method, std::string_view route, const Series& s) {
    // Read each bucket once; +Inf and _count are the same total, so the
    // histogram stays consistent while requests keep arriving.
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBucketBounds.size(); ++i) {
      cumulative += s.buckets[i].load(std::memory_order_relaxed);
      std::string le = FormatSampleValue(kBucketBounds[i]);
      out.Sample("_bucket", {{"method", method}, {"route", route}, {"le", le}}, cumulative);
    }
    cumulative += s.buckets.back().load(std::memory_order_relaxed);
    out.Sample("_bucket", {{"method", method}, {"route", route}, {"le", "+Inf"}}, cumulative);
    out.Sample("_sum", {{"method", method}, {"route", route}},
               static_cast<double>(s.sum_nanos.load(std::memory_order_relaxed)) / 1e9);
    out.Sample("_count", {{"method", method}, {"route", route}}, cumulative);
  });

  out.Family("goatflow_http_requests_in_flight", "gauge", "HTTP requests being served.");
  out.Sample("", {}, in_flight_.load(std::memory_order_relaxed));
}

}  // namespace goatflow::server
