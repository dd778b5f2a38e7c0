#include "http/prometheus_parser.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

namespace goatflow::testing {
namespace {

bool IsMetricNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool ValidMetricName(std::string_view name) {
  if (name.empty() || !IsMetricNameStart(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return IsMetricNameStart(c) || IsDigit(c); });
}

bool ValidLabelName(std::string_view name) {
  if (name.empty() || name[0] == ':' || !IsMetricNameStart(name[0])) return false;
  if (name.substr(0, 2) == "__") return false;  // reserved
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (IsMetricNameStart(c) && c != ':') || IsDigit(c);
  });
}

// Go's ParseFloat subset the format uses: decimal with optional exponent,
// +Inf, -Inf, NaN.
std::optional<double> ParseValue(std::string_view text) {
  if (text == "+Inf" || text == "Inf") return INFINITY;
  if (text == "-Inf") return -INFINITY;
  if (text == "NaN") return NAN;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && IsDigit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < text.size() && IsDigit(text[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  return std::strtod(std::string(text).c_str(), nullptr);
}

class Parser {
 public:
  Result<PromExposition> Run(std::string_view text) {
    if (text.empty()) return Fail(0, "empty exposition");
    if (text.back() != '\n') return Fail(0, "the last line does not end with a newline");
    std::size_t start = 0;
    int line_no = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      std::string_view line = text.substr(start, end - start);
      ++line_no;
      start = end + 1;
      std::string error = Line(line);
      if (!error.empty()) return Fail(line_no, error);
    }
    for (const PromFamily& family : out_.families) {
      std::string error = CheckFamily(family);
      if (!error.empty()) return Fail(line_no, error);
    }
    return std::move(out_);
  }

 private:
  static Error Fail(int line, const std::string& what) {
    return Error(ErrorCode::kInvalidArgument, "line " + std::to_string(line) + ": " + what);
  }

  PromFamily* Find(std::string_view name) {
    for (auto& f : out_.families)
      if (f.name == name) return &f;
    return nullptr;
  }

  std::string Line(std::string_view line) {
    if (line.empty()) return "blank line";
    if (line.find('\r') != std::string_view::npos) return "carriage return in line";
    if (line[0] == '#') return Comment(line);
    return Sample(line);
  }

  std::string Comment(std::string_view line) {
    bool help = line.substr(0, 7) == "# HELP ";
    bool type = line.substr(0, 7) == "# TYPE ";
    if (!help && !type) return "";  // other comments are allowed and ignored
    std::string_view rest = line.substr(7);
    std::size_t space = rest.find(' ');
    if (space == std::string_view::npos) return "HELP/TYPE line without text";
    std::string_view name = rest.substr(0, space);
    std::string_view text = rest.substr(space + 1);
    if (!ValidMetricName(name)) return "invalid metric name '" + std::string(name) + "'";
    PromFamily* family = Find(name);
    if (family == nullptr) {
      out_.families.push_back({std::string(name), "", "", {}});
      family = &out_.families.back();
      declared_help_[family->name] = false;
    } else if (&out_.families.back() != family || !family->samples.empty()) {
      return "HELP/TYPE of " + std::string(name) + " after its samples or another family";
    }
    if (help) {
      if (declared_help_[family->name]) return "second HELP line for " + family->name;
      declared_help_[family->name] = true;
      std::string unescaped;
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\') {
          unescaped.push_back(text[i]);
          continue;
        }
        if (++i == text.size()) return "HELP ends in a lone backslash";
        if (text[i] == '\\') unescaped.push_back('\\');
        else if (text[i] == 'n') unescaped.push_back('\n');
        else return "invalid escape in HELP";
      }
      family->help = unescaped;
    } else {
      if (!family->type.empty()) return "second TYPE line for " + family->name;
      static const std::set<std::string_view> kTypes = {"counter", "gauge", "histogram",
                                                        "summary", "untyped"};
      if (!kTypes.count(text)) return "unknown type '" + std::string(text) + "'";
      family->type = std::string(text);
    }
    return "";
  }

  std::string Sample(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    std::string name(line.substr(0, i));
    if (!ValidMetricName(name)) return "invalid metric name '" + name + "'";
    PromSample sample{name, {}, 0};
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (true) {
        if (i >= line.size()) return "unterminated label set";
        if (line[i] == '}') {
          if (!sample.labels.empty() && line[i - 1] == ',') return "trailing comma in label set";
          ++i;
          break;
        }
        std::size_t eq = line.find('=', i);
        if (eq == std::string_view::npos) return "label without '='";
        std::string label(line.substr(i, eq - i));
        if (!ValidLabelName(label)) return "invalid label name '" + label + "'";
        i = eq + 1;
        if (i >= line.size() || line[i] != '"') return "label value not quoted";
        ++i;
        std::string value;
        bool closed = false;
        while (i < line.size()) {
          char c = line[i++];
          if (c == '"') {
            closed = true;
            break;
          }
          if (c != '\\') {
            value.push_back(c);
            continue;
          }
          if (i >= line.size()) return "label value ends in a lone backslash";
          char e = line[i++];
          if (e == '\\') value.push_back('\\');
          else if (e == '"') value.push_back('"');
          else if (e == 'n') value.push_back('\n');
          else return "invalid escape '\\" + std::string(1, e) + "' in label value";
        }
        if (!closed) return "unterminated label value";
        if (!sample.labels.emplace(label, value).second) return "duplicate label " + label;
        if (i < line.size() && line[i] == ',') {
          ++i;
        } else if (i >= line.size() || line[i] != '}') {
          return "expected ',' or '}' after a label";
        }
      }
    }
    if (i >= line.size() || line[i] != ' ') return "expected one space before the value";
    std::string_view rest = line.substr(i + 1);
    std::size_t space = rest.find(' ');
    std::string_view value_text = rest.substr(0, space);
    auto value = ParseValue(value_text);
    if (!value) return "invalid value '" + std::string(value_text) + "'";
    sample.value = *value;
    if (space != std::string_view::npos) {
      std::string_view ts = rest.substr(space + 1);
      std::size_t k = ts.size() > 0 && ts[0] == '-' ? 1 : 0;
      if (ts.size() == k || !std::all_of(ts.begin() + static_cast<long>(k), ts.end(), IsDigit))
        return "invalid timestamp '" + std::string(ts) + "'";
    }
    return Attach(std::move(sample));
  }

  std::string Attach(PromSample sample) {
    if (out_.families.empty()) return "sample " + sample.name + " before any HELP/TYPE";
    PromFamily& family = out_.families.back();
    if (family.type.empty()) return "sample of " + family.name + " before its TYPE line";
    if (!declared_help_[family.name]) return "sample of " + family.name + " before its HELP line";
    std::string suffix;
    if (sample.name != family.name) {
      bool ok = false;
      if (family.type == "histogram" || family.type == "summary") {
        for (std::string_view s : {"_bucket", "_sum", "_count"}) {
          if (family.type == "summary" && s == "_bucket") continue;
          if (sample.name == family.name + std::string(s)) {
            ok = true;
            suffix = std::string(s);
          }
        }
      }
      if (!ok)
        return "sample " + sample.name + " does not belong to family " + family.name +
               " (families must be contiguous and declared)";
    } else if (family.type == "histogram") {
      return "histogram sample without _bucket/_sum/_count suffix";
    }
    if (family.type == "histogram") {
      bool has_le = sample.labels.count("le") > 0;
      if (suffix == "_bucket" && !has_le) return "bucket without le label";
      if (suffix != "_bucket" && has_le) return "le label outside a bucket";
      if (has_le) {
        auto le = ParseValue(sample.labels["le"]);
        if (!le || std::isnan(*le)) return "invalid le value";
      }
    }
    std::string key = sample.name;
    for (const auto& [k, v] : sample.labels) key += "\x1f" + k + "\x1e" + v;
    if (!series_.insert(key).second) return "duplicate series " + sample.name;
    family.samples.push_back(std::move(sample));
    return "";
  }

  std::string CheckFamily(const PromFamily& family) {
    if (family.type.empty()) return "family " + family.name + " has no TYPE line";
    if (!declared_help_[family.name]) return "family " + family.name + " has no HELP line";
    if (family.type == "counter") {
      if (family.name.size() < 6 || family.name.substr(family.name.size() - 6) != "_total")
        return "counter " + family.name + " does not end in _total";
      for (const auto& s : family.samples)
        if (std::isnan(s.value) || s.value < 0) return "counter " + family.name + " is negative";
    }
    if (family.type == "histogram") return CheckHistogram(family);
    return "";
  }

  static std::string CheckHistogram(const PromFamily& family) {
    struct Series {
      std::vector<std::pair<double, double>> buckets;  // le, count
      std::optional<double> sum, count;
    };
    std::map<PromLabels, Series> groups;
    for (const auto& s : family.samples) {
      PromLabels key = s.labels;
      key.erase("le");
      Series& g = groups[key];
      if (s.name == family.name + "_bucket") {
        g.buckets.emplace_back(*ParseValue(s.labels.at("le")), s.value);
      } else if (s.name == family.name + "_sum") {
        g.sum = s.value;
      } else {
        g.count = s.value;
      }
    }
    for (auto& [labels, g] : groups) {
      if (g.buckets.empty()) return "histogram " + family.name + " series without buckets";
      if (!g.sum) return "histogram " + family.name + " series without _sum";
      if (!g.count) return "histogram " + family.name + " series without _count";
      std::sort(g.buckets.begin(), g.buckets.end());
      if (!std::isinf(g.buckets.back().first))
        return "histogram " + family.name + " series without le=\"+Inf\"";
      for (std::size_t i = 1; i < g.buckets.size(); ++i)
        if (g.buckets[i].second < g.buckets[i - 1].second)
          return "histogram " + family.name + " buckets are not cumulative";
      if (g.buckets.back().second != *g.count)
        return "histogram " + family.name + " le=\"+Inf\" differs from _count";
      for (const auto& [le, n] : g.buckets)
        if (n < 0 || std::isnan(n)) return "histogram " + family.name + " negative bucket";
    }
    return "";
  }

  PromExposition out_;
  std::map<std::string, bool> declared_help_;
  std::set<std::string> series_;
};

}  // namespace

const PromFamily* PromExposition::Family(std::string_view name) const {
  for (const auto& f : families)
    if (f.name == name) return &f;
  return nullptr;
}

std::optional<double> PromExposition::Value(std::string_view name,
                                            const PromLabels& labels) const {
  for (const auto& f : families)
    for (const auto& s : f.samples)
      if (s.name == name && s.labels == labels) return s.value;
  return std::nullopt;
}

double PromExposition::ValueOr0(std::string_view name, const PromLabels& labels) const {
  return Value(name, labels).value_or(0);
}

Result<PromExposition> ParsePrometheusText(std::string_view text) {
  return Parser().Run(text);
}

}  // namespace goatflow::testing
