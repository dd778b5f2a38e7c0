// The strict exposition parser of the metrics tests accepts well-formed text
// and refuses each kind of malformed input, so those tests can fail.

#include <catch2/catch.hpp>

#include "http/prometheus_parser.h"
#include "support/test_support.h"

namespace goatflow {
namespace {

using testing::ParsePrometheusText;

constexpr const char* kValid =
    "# HELP demo_requests_total Requests \\\\ served\\n.\n"
    "# TYPE demo_requests_total counter\n"
    "demo_requests_total{method=\"GET\",path=\"a\\\"b\\\\c\\nd\"} 3\n"
    "demo_requests_total{method=\"POST\",path=\"x\"} 0 1700000000000\n"
    "# a free comment\n"
    "# HELP demo_up Up.\n"
    "# TYPE demo_up gauge\n"
    "demo_up 1e0\n"
    "# HELP demo_seconds Latency.\n"
    "# TYPE demo_seconds histogram\n"
    "demo_seconds_bucket{le=\"0.1\"} 1\n"
    "demo_seconds_bucket{le=\"1\"} 2\n"
    "demo_seconds_bucket{le=\"+Inf\"} 3\n"
    "demo_seconds_sum 4.5\n"
    "demo_seconds_count 3\n";

TEST_CASE("The parser reads a well-formed exposition with escapes, comments and a histogram") {
  auto parsed = ParsePrometheusText(kValid);
  REQUIRE_OK(parsed);
  REQUIRE(parsed->families.size() == 3);
  REQUIRE(parsed->Family("demo_requests_total")->help == "Requests \\ served\n.");
  REQUIRE(parsed->Value("demo_requests_total", {{"method", "GET"}, {"path", "a\"b\\c\nd"}}) == 3);
  REQUIRE(parsed->Value("demo_up") == 1);
  REQUIRE(parsed->Value("demo_seconds_count") == 3);
  REQUIRE_FALSE(parsed->Value("demo_up", {{"x", "y"}}).has_value());
}

// kValid with the first occurrence of `from` replaced by `to`.
std::string Broken(const std::string& from, const std::string& to) {
  std::string text = kValid;
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// kValid with the counter family renamed so that it lacks the _total suffix.
std::string RenamedCounter() {
  std::string text = kValid;
  for (auto at = text.find("demo_requests_total"); at != std::string::npos;
       at = text.find("demo_requests_total", at))
    text.replace(at, 19, "demo_requests");
  return text;
}

TEST_CASE("The parser refuses malformed expositions") {
  const std::pair<std::string, std::string> cases[] = {
      {"missing HELP", Broken("# HELP demo_up Up.\n", "")},
      {"missing TYPE", Broken("# TYPE demo_up gauge\n", "")},
      {"second TYPE", Broken("# TYPE demo_up gauge\n", "# TYPE demo_up gauge\n# TYPE demo_up gauge\n")},
      {"unknown type", Broken("demo_up gauge", "demo_up meter")},
      {"bad metric name", Broken("demo_up 1e0", "1demo_up 1e0")},
      {"bad label name", Broken("method=\"POST\"", "me-thod=\"POST\"")},
      {"reserved label name", Broken("method=\"POST\"", "__method=\"POST\"")},
      {"unescaped quote", Broken("path=\"x\"", "path=\"x\"y\"")},
      {"bad escape", Broken("path=\"x\"", "path=\"x\\t\"")},
      {"unquoted value", Broken("path=\"x\"", "path=x")},
      {"trailing comma", Broken("path=\"x\"}", "path=\"x\",}")},
      {"duplicate label", Broken("path=\"x\"}", "path=\"x\",path=\"y\"}")},
      {"duplicate series", Broken("demo_up 1e0\n", "demo_up 1e0\ndemo_up 2\n")},
      {"bad value", Broken("demo_up 1e0", "demo_up 1.2.3")},
      {"bad timestamp", Broken("0 1700000000000", "0 soon")},
      {"two spaces", Broken("demo_up 1e0", "demo_up  1e0")},
      {"counter without _total", RenamedCounter()},
      {"negative counter", Broken("\"x\"} 0", "\"x\"} -1")},
      {"sample before TYPE",
       Broken("# TYPE demo_up gauge\ndemo_up 1e0\n", "demo_up 1e0\n# TYPE demo_up gauge\n")},
      {"interleaved families", Broken("demo_seconds_count 3\n", "demo_seconds_count 3\ndemo_up 2\n")},
      {"undeclared family", Broken("demo_up 1e0\n", "demo_up 1e0\nother 1\n")},
      {"non-cumulative buckets", Broken("le=\"1\"} 2", "le=\"1\"} 0")},
      {"no +Inf bucket", Broken("demo_seconds_bucket{le=\"+Inf\"} 3\n", "")},
      {"+Inf differs from _count", Broken("demo_seconds_count 3", "demo_seconds_count 4")},
      {"missing _sum", Broken("demo_seconds_sum 4.5\n", "")},
      {"bucket without le", Broken("{le=\"0.1\"}", "")},
      {"le outside a bucket", Broken("demo_seconds_sum 4.5", "demo_seconds_sum{le=\"1\"} 4.5")},
      {"blank line", Broken("# a free comment\n", "\n")},
      {"no final newline", std::string(kValid).substr(0, std::string(kValid).size() - 1)},
      {"carriage return", Broken("demo_up 1e0\n", "demo_up 1e0\r\n")},
      {"empty", ""},
  };
  for (const auto& [what, text] : cases) {
    INFO(what);
    REQUIRE_FALSE(ParsePrometheusText(text).ok());
  }
}

}  // namespace
}  // namespace goatflow
