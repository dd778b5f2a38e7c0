#include "core/log.h"

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>

namespace goatflow {
namespace {

std::mutex sink_mutex;
std::shared_ptr<const LogSink> sink;  // guarded by sink_mutex; null = stderr
std::atomic<int> min_level{static_cast<int>(LogLevel::kInfo)};

}  // namespace

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "unknown";
}

void SetLogSink(LogSink new_sink) {
  std::lock_guard lock(sink_mutex);
  sink = new_sink ? std::make_shared<const LogSink>(std::move(new_sink)) : nullptr;
}

void SetLogLevel(LogLevel level) { min_level = static_cast<int>(level); }

bool ShouldLog(LogLevel level) { return core::LogEnabled(level); }

void WriteLog(LogLevel level, std::string_view message) { core::Log(level, message); }

namespace core {

bool LogEnabled(LogLevel level) { return static_cast<int>(level) >= min_level.load(); }

void Log(LogLevel level, std::string_view message) {
  if (!LogEnabled(level)) return;
  std::shared_ptr<const LogSink> current;
  {
    std::lock_guard lock(sink_mutex);
    current = sink;
  }
  if (current) {
    (*current)(level, message);
    return;
  }
  std::string line = fmt::format("goatflow {}: {}\n", LogLevelName(level), message);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace core
}  // namespace goatflow
