#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "goatflow/error.h"

namespace goatflow::cli {

void PrintLine(std::string_view text);           // stdout
void PrintError(const Error& error);             // "goatflow: <code>: <message>" on stderr
void PrintWarning(std::string_view text);        // "goatflow: warning: ..." on stderr

// Two-column "key  value" block, keys padded to the longest.
void PrintKeyValues(const std::vector<std::pair<std::string, std::string>>& rows);

// Column table: a header row, then one line per row, columns padded to the
// widest cell. Prints "(none)" when there are no rows.
void PrintTable(const std::vector<std::string>& headers,
                const std::vector<std::vector<std::string>>& rows);

}  // namespace goatflow::cli
