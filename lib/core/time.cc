#include "core/time.h"

#include <fmt/format.h>

#include <chrono>

namespace goatflow::core {
namespace {

using namespace std::chrono;

struct Civil {
  int year, month, day, hour, minute, second;
};

Civil ToCivil(TimePoint t) {
  auto secs = floor<seconds>(t);
  auto day_point = floor<days>(secs);
  year_month_day ymd{day_point};
  hh_mm_ss hms{secs - day_point};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
          static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count())};
}

// Reads exactly `width` digits at `pos`; advances pos.
bool ReadDigits(std::string_view s, std::size_t& pos, int width, int& out) {
  if (pos + width > s.size()) return false;
  int value = 0;
  for (int i = 0; i < width; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += width;
  out = value;
  return true;
}

bool Expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

// Parses "YYYY-MM-DD[T ]HH:MM[:SS]" at the start of s; pos ends after it.
// TimePoint counts nanoseconds in 64 bits: 1677-09-21 to 2262-04-11. Years
// outside [kMinYear, kMaxYear] would overflow (kMaxUnixSeconds in time.h).
constexpr int kMinYear = 1678;
constexpr int kMaxYear = 2261;

std::optional<TimePoint> ParseDateTime(std::string_view s, std::size_t& pos, bool seconds_required) {
  int y, mo, d, h, mi, sec = 0;
  if (!ReadDigits(s, pos, 4, y) || !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, mo) ||
      !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, d))
    return std::nullopt;
  if (y < kMinYear || y > kMaxYear) return std::nullopt;
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return std::nullopt;
  ++pos;
  if (!ReadDigits(s, pos, 2, h) || !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, mi))
    return std::nullopt;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!ReadDigits(s, pos, 2, sec)) return std::nullopt;
  } else if (seconds_required) {
    return std::nullopt;
  }
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  if (sec == 60) sec = 59;  // leap second: clamp rather than reject
  return TimePoint{sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec}};
}

}  // namespace

std::int64_t ToUnixSeconds(TimePoint t) {
  return duration_cast<seconds>(t.time_since_epoch()).count();
}

TimePoint FromUnixSeconds(std::int64_t s) { return TimePoint{seconds{s}}; }

namespace {

// "YYYY-MM-DD?HH:MM:SS" into `out` (19 characters), `separator` between date
// and time. Years are 1678-2261 (a TimePoint's range), always four digits.
void WriteCivil(char* out, TimePoint t, char separator) {
  Civil c = ToCivil(t);
  auto two = [](char* at, int value) {
    at[0] = static_cast<char>('0' + value / 10);
    at[1] = static_cast<char>('0' + value % 10);
  };
  two(out, c.year / 100);
  two(out + 2, c.year % 100);
  out[4] = '-';
  two(out + 5, c.month);
  out[7] = '-';
  two(out + 8, c.day);
  out[10] = separator;
  two(out + 11, c.hour);
  out[13] = ':';
  two(out + 14, c.minute);
  out[16] = ':';
  two(out + 17, c.second);
}

}  // namespace

void AppendRfc3339(std::string& out, TimePoint t) {
  char text[20];
  WriteCivil(text, t, 'T');
  text[19] = 'Z';
  out.append(text, sizeof text);
}

std::string FormatRfc3339(TimePoint t) {
  std::string out;
  AppendRfc3339(out, t);
  return out;
}

std::string FormatDbTime(TimePoint t) {
  char text[19];
  WriteCivil(text, t, ' ');
  return std::string(text, sizeof text);
}

std::string FormatDate(TimePoint t) {
  Civil c = ToCivil(t);
  return fmt::format("{:04}{:02}{:02}", c.year, c.month, c.day);
}

std::optional<TimePoint> ParseRfc3339(std::string_view s) {
  std::size_t pos = 0;
  auto t = ParseDateTime(s, pos, /*seconds_required=*/true);
  if (!t) return std::nullopt;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int sign = s[pos] == '+' ? 1 : -1;
    ++pos;
    int oh, om;
    if (!ReadDigits(s, pos, 2, oh) || !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, om) ||
        oh > 23 || om > 59)
      return std::nullopt;
    *t -= sign * (hours{oh} + minutes{om});
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  return t;
}

std::optional<TimePoint> ParseDbTime(std::string_view s) {
  std::size_t pos = 0;
  auto t = ParseDateTime(s, pos, /*seconds_required=*/false);
  if (!t || pos != s.size()) return std::nullopt;
  return t;
}

std::string DbTimeToRfc3339(std::string_view db_time) {
  auto t = ParseDbTime(db_time);
  return t ? FormatRfc3339(*t) : std::string(db_time);
}

}  // namespace goatflow::core
