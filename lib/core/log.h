#pragma once

#include <fmt/format.h>

#include <string_view>

#include "goatflow/log.h"

namespace goatflow::core {

bool LogEnabled(LogLevel level);
void Log(LogLevel level, std::string_view message);

template <typename... Args>
void Logf(LogLevel level, fmt::format_string<Args...> format, Args&&... args) {
  if (LogEnabled(level)) Log(level, fmt::format(format, std::forward<Args>(args)...));
}

}  // namespace goatflow::core
