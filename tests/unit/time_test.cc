#include "core/time.h"
#include "support/test_support.h"

namespace goatflow::core {
namespace {

TEST_CASE("Times format as RFC 3339 and storage text in UTC") {
  TimePoint t = FromUnixSeconds(1740820500);  // 2025-03-01 09:15:00 UTC
  REQUIRE(FormatRfc3339(t) == "2025-03-01T09:15:00Z");
  REQUIRE(FormatDbTime(t) == "2025-03-01 09:15:00");
  REQUIRE(FormatDate(t) == "20250301");
  REQUIRE(ToUnixSeconds(t) == 1740820500);
  REQUIRE(FormatRfc3339(FromUnixSeconds(0)) == "1970-01-01T00:00:00Z");
  REQUIRE(FormatRfc3339(FromUnixSeconds(-1)) == "1969-12-31T23:59:59Z");
  REQUIRE(FormatDbTime(FromUnixSeconds(951782399)) == "2000-02-28 23:59:59");
  std::string appended = "at ";
  AppendRfc3339(appended, t);
  REQUIRE(appended == "at 2025-03-01T09:15:00Z");
}

TEST_CASE("RFC 3339 parsing accepts offsets and fractions and rejects junk") {
  REQUIRE(ParseRfc3339("2025-03-01T09:15:00Z") == FromUnixSeconds(1740820500));
  REQUIRE(ParseRfc3339("2025-03-01T10:15:00+01:00") == FromUnixSeconds(1740820500));
  REQUIRE(ParseRfc3339("2025-03-01T09:15:00.123Z") == FromUnixSeconds(1740820500));
  REQUIRE(ParseRfc3339("2025-03-01 09:15:00Z") == FromUnixSeconds(1740820500));
  REQUIRE_FALSE(ParseRfc3339("2025-03-01T09:15:00"));     // no zone
  REQUIRE_FALSE(ParseRfc3339("2025-02-30T09:15:00Z"));    // no such day
  REQUIRE_FALSE(ParseRfc3339("2025-03-01T24:00:00Z"));
  REQUIRE_FALSE(ParseRfc3339("tomorrow"));
  REQUIRE_FALSE(ParseRfc3339("2025-03-01T09:15:00Zjunk"));
  REQUIRE_FALSE(ParseRfc3339(""));
}

TEST_CASE("Times beyond what a TimePoint holds (1677 to 2262) are rejected, not wrapped") {
  REQUIRE_FALSE(ParseRfc3339("9999-12-31T23:59:59Z"));
  REQUIRE_FALSE(ParseRfc3339("2262-05-01T00:00:00Z"));
  REQUIRE_FALSE(ParseRfc3339("0001-01-01T00:00:00Z"));
  REQUIRE_FALSE(ParseDbTime("9999-12-31 23:59:59"));
  REQUIRE(FormatRfc3339(*ParseRfc3339("2261-12-31T23:59:59Z")) == "2261-12-31T23:59:59Z");
  REQUIRE(FormatDbTime(*ParseDbTime("1678-01-01 00:00:00")) == "1678-01-01 00:00:00");
}

TEST_CASE("Storage times round-trip") {
  REQUIRE(ParseDbTime("2025-03-01 09:15:00") == FromUnixSeconds(1740820500));
  REQUIRE(ParseDbTime("2025-03-01 09:15") == FromUnixSeconds(1740820500));
  REQUIRE(DbTimeToRfc3339("2025-03-01 09:15:00") == "2025-03-01T09:15:00Z");
  REQUIRE_FALSE(ParseDbTime("2025-03-01"));
  REQUIRE(FormatDbTime(*ParseDbTime("2024-02-29 23:59:59")) == "2024-02-29 23:59:59");
}

}  // namespace
}  // namespace goatflow::core
