#pragma once

// IANA time zones from the system's zoneinfo files (TZif), for the day
// boundaries of setting TimeZone (api-v1.md §0: created_today, closed_today,
// per-day charts). Offsets come from the file's transitions; instants after
// the last listed transition keep its offset (Debian's files list them to 2037).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace goatflow::core {

class TimeZone {
 public:
  // "UTC" (also "Etc/UTC", "") needs no file. nullopt for a name that is not a
  // zone of the system's zoneinfo directory.
  static std::optional<TimeZone> Load(std::string_view name);
  static TimeZone Utc();

  // Seconds east of UTC at Unix time `t`.
  std::int64_t OffsetAt(std::int64_t t) const;
  // Unix time of the local midnight that starts the local day holding `t`.
  std::int64_t StartOfDay(std::int64_t t) const;
  // The local date of `t`, "YYYY-MM-DD".
  std::string LocalDate(std::int64_t t) const;

 private:
  std::vector<std::int64_t> transitions_;  // Unix times, ascending
  std::vector<std::int32_t> offsets_;      // offset from transitions_[i] on
  std::int32_t initial_offset_ = 0;        // before the first transition
};

}  // namespace goatflow::core
