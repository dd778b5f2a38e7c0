#pragma once

// A strict parser of the Prometheus text exposition format 0.0.4, for tests of
// GET /metrics. Beyond the grammar (metric and label names, escaped label
// values, float values) it enforces what health.md §5.2 requires of goatflow:
// every family has exactly one # HELP and one # TYPE line before its samples,
// a family's samples are contiguous, no series appears twice, counters end in
// _total and are non-negative, and every histogram series has cumulative,
// monotone buckets including le="+Inf" equal to its _count, plus a _sum.
// goatflow writes no blank lines, so they are refused too.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/error.h"

namespace goatflow::testing {

using PromLabels = std::map<std::string, std::string>;

struct PromSample {
  std::string name;  // with any _bucket/_sum/_count suffix
  PromLabels labels;
  double value = 0;
};

struct PromFamily {
  std::string name;
  std::string type;  // counter, gauge, histogram, summary, untyped
  std::string help;  // unescaped
  std::vector<PromSample> samples;
};

struct PromExposition {
  std::vector<PromFamily> families;

  const PromFamily* Family(std::string_view name) const;
  // The value of the series `name` with exactly `labels`; nullopt when absent.
  std::optional<double> Value(std::string_view name, const PromLabels& labels = {}) const;
  // The value, or 0 when the series is absent (a counter not yet incremented).
  double ValueOr0(std::string_view name, const PromLabels& labels = {}) const;
};

// Errors: invalid_argument "line N: <what is wrong>".
Result<PromExposition> ParsePrometheusText(std::string_view text);

}  // namespace goatflow::testing
