#pragma once

// A writer for the Prometheus text exposition format 0.0.4: one # HELP and one
// # TYPE line per family, then its samples, label values and help text
// escaped. Callers keep the grammar of names (the writer does not check it)
// and write each series once.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace goatflow::server {

inline constexpr std::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

using MetricLabel = std::pair<std::string_view, std::string_view>;  // name, value
using MetricLabels = std::vector<MetricLabel>;

class ExpositionWriter {
 public:
  // Starts family `name` of `type` ("counter", "gauge", "histogram").
  void Family(std::string_view name, std::string_view type, std::string_view help);
  // A sample of the current family: its name plus `suffix` ("", "_bucket",
  // "_sum", "_count").
  void Sample(std::string_view suffix, const MetricLabels& labels, std::uint64_t value);
  void Sample(std::string_view suffix, const MetricLabels& labels, std::int64_t value);
  void Sample(std::string_view suffix, const MetricLabels& labels, double value);

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void SampleStart(std::string_view suffix, const MetricLabels& labels);
  std::string out_;
  std::string family_;
};

// A label value with \, " and newline escaped.
std::string EscapeLabelValue(std::string_view value);

// A float as the format writes it: shortest round-trip text, "+Inf", "-Inf", "NaN".
std::string FormatSampleValue(double value);

}  // namespace goatflow::server
