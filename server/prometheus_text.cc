#include "server/prometheus_text.h"

#include <cmath>
#include <fmt/format.h>

namespace goatflow::server {

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string FormatSampleValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", value);
}

void ExpositionWriter::Family(std::string_view name, std::string_view type,
                              std::string_view help) {
  family_ = std::string(name);
  // HELP text escapes backslash and newline (not quotes).
  std::string escaped;
  for (char c : help) {
    if (c == '\\') {
      escaped += "\\\\";
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped.push_back(c);
    }
  }
  fmt::format_to(std::back_inserter(out_), "# HELP {} {}\n# TYPE {} {}\n", name, escaped, name,
                 type);
}

void ExpositionWriter::SampleStart(std::string_view suffix, const MetricLabels& labels) {
  out_ += family_;
  out_ += suffix;
  if (!labels.empty()) {
    out_.push_back('{');
    bool first = true;
    for (const auto& [name, value] : labels) {
      if (!first) out_.push_back(',');
      first = false;
      out_ += name;
      out_ += "=\"";
      out_ += EscapeLabelValue(value);
      out_.push_back('"');
    }
    out_.push_back('}');
  }
  out_.push_back(' ');
}

void ExpositionWriter::Sample(std::string_view suffix, const MetricLabels& labels,
                              std::uint64_t value) {
  SampleStart(suffix, labels);
  fmt::format_to(std::back_inserter(out_), "{}\n", value);
}

void ExpositionWriter::Sample(std::string_view suffix, const MetricLabels& labels,
                              std::int64_t value) {
  SampleStart(suffix, labels);
  fmt::format_to(std::back_inserter(out_), "{}\n", value);
}

void ExpositionWriter::Sample(std::string_view suffix, const MetricLabels& labels,
                              double value) {
  SampleStart(suffix, labels);
  out_ += FormatSampleValue(value);
  out_.push_back('\n');
}

}  // namespace goatflow::server
