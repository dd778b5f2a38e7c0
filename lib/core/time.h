#pragma once

// Time formats. Storage uses 'YYYY-MM-DD HH:MM:SS' UTC text (OTRS style, sorts
// correctly and works with SQLite's date functions); the wire uses RFC 3339
// UTC with second precision ("2025-03-01T09:15:00Z").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "goatflow/seams.h"

namespace goatflow::core {

// The last second the parsers below accept (2261-12-31T23:59:59Z): a TimePoint
// counts nanoseconds in 64 bits and ends in April 2262.
inline constexpr std::int64_t kMaxUnixSeconds = 9214646399;

std::int64_t ToUnixSeconds(TimePoint t);
TimePoint FromUnixSeconds(std::int64_t seconds);

std::string FormatRfc3339(TimePoint t);  // "2025-03-01T09:15:00Z"
// Appends FormatRfc3339(t) to `out` (the JSON writer's allocation-free form).
void AppendRfc3339(std::string& out, TimePoint t);
std::string FormatDbTime(TimePoint t);   // "2025-03-01 09:15:00"
std::string FormatDate(TimePoint t);     // "20250301" (ticket numbers)

// Parses RFC 3339 with 'Z' or a numeric offset, optional fractional seconds
// (dropped), and 'T' or ' ' between date and time.
std::optional<TimePoint> ParseRfc3339(std::string_view text);
// Parses 'YYYY-MM-DD HH:MM:SS' (or 'YYYY-MM-DD[T ]HH:MM') as UTC.
std::optional<TimePoint> ParseDbTime(std::string_view text);

// Storage text to wire text; an unparsable value is returned unchanged.
std::string DbTimeToRfc3339(std::string_view db_time);

}  // namespace goatflow::core
