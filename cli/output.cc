#include "output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace goatflow::cli {

void PrintLine(std::string_view text) { fmt::print("{}\n", text); }

void PrintError(const Error& error) {
  std::string code = error.wire_code.empty() ? std::string(ErrorCodeName(error.code)) : error.wire_code;
  std::string line = fmt::format("goatflow: {}: {}", code, error.message);
  for (const auto& [key, value] : error.details) line += fmt::format(" [{}={}]", key, value);
  fmt::print(stderr, "{}\n", line);
}

void PrintWarning(std::string_view text) { fmt::print(stderr, "goatflow: warning: {}\n", text); }

void PrintKeyValues(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  for (const auto& [key, value] : rows) fmt::print("{:<{}}  {}\n", key, width, value);
}

void PrintTable(const std::vector<std::string>& headers,
                const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty()) {
    PrintLine("(none)");
    return;
  }
  std::vector<std::size_t> widths(headers.size(), 0);
  auto measure = [&widths](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], cells[i].size());
  };
  measure(headers);
  for (const auto& row : rows) measure(row);
  auto print = [&widths](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      if (i + 1 == cells.size()) {
        line += cells[i];
      } else {
        line += fmt::format("{:<{}}  ", cells[i], widths[i]);
      }
    }
    PrintLine(line);
  };
  print(headers);
  for (const auto& row : rows) print(row);
}

}  // namespace goatflow::cli
