#pragma once

// The search query language (docs/search.md) parsed into a safe FTS5 MATCH
// expression plus structured filters. User text never reaches FTS5 syntax
// unquoted: every word becomes a double-quoted FTS5 string, so operators,
// column names and punctuation typed by a user are only ever data.
//
//   vpn "remote access" print* -printer queue:Raw status:open priority:high
//   owner:jdoe customer:acme created:>2025-01-01 created:<2025-02-01

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "goatflow/error.h"

namespace goatflow::search {

// Longest query accepted, in code points (api-v1.md §8: `q` is 1-200).
inline constexpr std::size_t kMaxQueryLength = 200;

struct ParsedQuery {
  // FTS5 expression over every column; empty when the query has field filters
  // only. Wrap it in a column filter to restrict it (customers).
  std::string match;
  // The words looked for (without exclusions), lower-cased: highlighting and
  // suggestions.
  std::vector<std::string> words;
  std::vector<std::string> queues;      // queue:NAME (names, OR-combined)
  std::vector<std::string> statuses;    // state:/status: (api-v1.md §1.5 vocabulary)
  std::vector<std::string> priorities;  // priority:
  std::vector<std::string> owners;      // owner: agent logins
  std::optional<std::string> created_after;   // created:>YYYY-MM-DD (storage time text)
  std::optional<std::string> created_before;  // created:<YYYY-MM-DD

  bool HasFilters() const {
    return !queues.empty() || !statuses.empty() || !priorities.empty() || !owners.empty() ||
           created_after || created_before;
  }
};

// Errors: invalid_argument (core:validation_failed, field "q"): empty query
// ("Search query required"), invalid UTF-8, longer than kMaxQueryLength
// ("Search query too long"), only exclusions ("Search needs a word to look
// for"), a bad created: date.
Result<ParsedQuery> ParseQuery(std::string_view text);

// `match` restricted to `columns` ("{tn title} : (...)"); "" stays "".
std::string RestrictColumns(const std::string& match, std::string_view columns);

}  // namespace goatflow::search
