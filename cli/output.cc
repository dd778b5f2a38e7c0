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

}  // namespace goatflow::cli
