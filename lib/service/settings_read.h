#pragma once

// Reading stored settings (system_config, domain.md §8.4) inside a use case's
// transaction. A setting that is not stored has its built-in default; the
// registry of all settings and their writes belong to the configuration
// service, these readers only interpret the stored JSON.

#include <string>
#include <string_view>
#include <vector>

#include "goatflow/error.h"
#include "store/db.h"

namespace goatflow::service {

inline constexpr std::string_view kDefaultQueueSetting = "Ticket::DefaultQueue";
inline constexpr std::string_view kSelectableQueuesSetting = "CustomerPanel::SelectableQueues";
inline constexpr std::string_view kTimeZoneSetting = "TimeZone";
inline constexpr std::string_view kStateAfterPendingSetting = "Ticket::StateAfterPending";

// A string setting (stored as a JSON string); `fallback` when unset or not a string.
Result<std::string> ReadStringSetting(store::Db& db, std::string_view name,
                                      std::string_view fallback);
// An integer setting (a JSON integer; a numeric JSON string is read too).
Result<std::int64_t> ReadIntSetting(store::Db& db, std::string_view name, std::int64_t fallback);
// A list-of-strings setting (stored as a JSON array of strings).
Result<std::vector<std::string>> ReadStringListSetting(store::Db& db, std::string_view name,
                                                       const std::vector<std::string>& fallback);

// Ticket::DefaultQueue (default "Raw") and CustomerPanel::SelectableQueues
// (default Raw, Misc, Postmaster).
Result<std::string> DefaultQueueName(store::Db& db);
Result<std::vector<std::string>> SelectableQueueNames(store::Db& db);

// TimeZone (IANA name, default "UTC"): day boundaries (api-v1.md §0).
Result<std::string> TimeZoneName(store::Db& db);
// Ticket::StateAfterPending: a JSON object from pending-auto state names to the
// state the auto-close job sets, default {"pending auto close+": "closed
// successful", "pending auto close-": "closed unsuccessful"} (domain.md §10.9).
// The state name for `pending_state`, or "" when the setting names none.
Result<std::string> StateAfterPending(store::Db& db, std::string_view pending_state);

}  // namespace goatflow::service
