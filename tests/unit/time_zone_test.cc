// core::TimeZone: offsets and local midnights from the system's zoneinfo.
#include <catch2/catch.hpp>

#include "core/time_zone.h"

namespace goatflow::core {
namespace {

// 2026-03-01 00:00:00 UTC.
constexpr std::int64_t kMarch1 = 1772323200;

TEST_CASE("UTC needs no file and starts days at 00:00 UTC") {
  auto utc = TimeZone::Load("UTC");
  REQUIRE(utc.has_value());
  CHECK(utc->OffsetAt(kMarch1) == 0);
  CHECK(utc->StartOfDay(kMarch1 + 3600 * 10) == kMarch1);
  CHECK(utc->LocalDate(kMarch1 - 1) == "2026-02-28");
}

TEST_CASE("Zone offsets and local midnights follow the zoneinfo file") {
  auto tokyo = TimeZone::Load("Asia/Tokyo");
  REQUIRE(tokyo.has_value());
  CHECK(tokyo->OffsetAt(kMarch1) == 9 * 3600);
  // 2026-03-01 20:00 UTC is 2026-03-02 05:00 in Tokyo; that day began at 03-01 15:00 UTC.
  CHECK(tokyo->StartOfDay(kMarch1 + 20 * 3600) == kMarch1 + 15 * 3600);
  CHECK(tokyo->LocalDate(kMarch1 + 20 * 3600) == "2026-03-02");

  auto new_york = TimeZone::Load("America/New_York");
  REQUIRE(new_york.has_value());
  CHECK(new_york->OffsetAt(kMarch1) == -5 * 3600);            // EST
  CHECK(new_york->OffsetAt(kMarch1 + 20 * 86400) == -4 * 3600);  // EDT from 2026-03-08
  // 2026-03-09 12:00 UTC: the local day began at 2026-03-09 04:00 UTC (EDT).
  CHECK(new_york->StartOfDay(kMarch1 + 8 * 86400 + 12 * 3600) == kMarch1 + 8 * 86400 + 4 * 3600);

  auto kolkata = TimeZone::Load("Asia/Kolkata");
  REQUIRE(kolkata.has_value());
  CHECK(kolkata->OffsetAt(kMarch1) == 5 * 3600 + 1800);
}

TEST_CASE("Unknown or unsafe zone names are refused") {
  CHECK_FALSE(TimeZone::Load("Mars/Olympus").has_value());
  CHECK_FALSE(TimeZone::Load("../../etc/passwd").has_value());
  CHECK_FALSE(TimeZone::Load("/etc/localtime").has_value());
  CHECK_FALSE(TimeZone::Load("Europe/Berlin; rm").has_value());
}

}  // namespace
}  // namespace goatflow::core
