#include "core/time_zone.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

namespace goatflow::core {
namespace {

constexpr std::string_view kZoneInfoDir = "/usr/share/zoneinfo/";

// Zone names are paths below the zoneinfo directory: letters, digits, '_', '-',
// '+' and '/' separated parts, never "..".
bool IsZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
  if (name.find("..") != std::string_view::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '+' || c == '/';
  });
}

std::int64_t BigEndian(const std::string& data, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(data[at + i]);
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

struct Counts {
  std::int64_t isut, isstd, leap, time, type, chars;
};

Counts ReadCounts(const std::string& data, std::size_t header) {
  auto c = [&](int i) { return BigEndian(data, header + 20 + 4 * i, 4); };
  return {c(0), c(1), c(2), c(3), c(4), c(5)};
}

std::size_t BlockSize(const Counts& n, int time_bytes) {
  return n.time * time_bytes + n.time + n.type * 6 + n.chars + n.leap * (time_bytes + 4) + n.isstd +
         n.isut;
}

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
std::string CivilDate(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

TimeZone TimeZone::Utc() { return TimeZone(); }

std::optional<TimeZone> TimeZone::Load(std::string_view name) {
  if (name.empty() || name == "UTC" || name == "Etc/UTC") return Utc();
  if (!IsZoneName(name)) return std::nullopt;
  std::ifstream in(std::string(kZoneInfoDir) + std::string(name), std::ios::binary);
  if (!in) return std::nullopt;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() < 44 || data.compare(0, 4, "TZif") != 0) return std::nullopt;
  std::size_t header = 0;
  int time_bytes = 4;
  Counts n = ReadCounts(data, header);
  if (data[4] >= '2') {  // skip the 32-bit block: the 64-bit one follows its own header
    header = 44 + BlockSize(n, 4);
    if (data.size() < header + 44 || data.compare(header, 4, "TZif") != 0) return std::nullopt;
    n = ReadCounts(data, header);
    time_bytes = 8;
  }
  std::size_t at = header + 44;
  if (n.type < 1 || data.size() < at + BlockSize(n, time_bytes)) return std::nullopt;
  const std::size_t indices = at + n.time * time_bytes;
  const std::size_t types = indices + n.time;
  auto type_offset = [&](std::int64_t type) -> std::optional<std::int32_t> {
    if (type < 0 || type >= n.type) return std::nullopt;
    return static_cast<std::int32_t>(BigEndian(data, types + 6 * type, 4));
  };
  TimeZone zone;
  zone.initial_offset_ = *type_offset(0);
  for (std::int64_t i = 0; i < n.time; ++i) {
    auto offset = type_offset(static_cast<unsigned char>(data[indices + i]));
    if (!offset) return std::nullopt;
    zone.transitions_.push_back(BigEndian(data, at + i * time_bytes, time_bytes));
    zone.offsets_.push_back(*offset);
  }
  return zone;
}

std::int64_t TimeZone::OffsetAt(std::int64_t t) const {
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t);
  if (it == transitions_.begin()) return initial_offset_;
  return offsets_[static_cast<std::size_t>(it - transitions_.begin()) - 1];
}

std::int64_t TimeZone::StartOfDay(std::int64_t t) const {
  const std::int64_t local_midnight = FloorDiv(t + OffsetAt(t), 86400) * 86400;
  // The offset at midnight may differ from the one at t (a DST change that day).
  std::int64_t guess = local_midnight - OffsetAt(t);
  return local_midnight - OffsetAt(guess);
}

std::string TimeZone::LocalDate(std::int64_t t) const {
  return CivilDate(FloorDiv(t + OffsetAt(t), 86400));
}

}  // namespace goatflow::core
