#pragma once

// Process-wide log sink. goatflow logs operational events (start-up, warnings,
// backend failures with their internal detail); it never logs passwords,
// tokens, hashes or keys. The default sink writes one line per event to stderr.

#include <functional>
#include <string_view>

namespace goatflow {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

std::string_view LogLevelName(LogLevel level);

using LogSink = std::function<void(LogLevel level, std::string_view message)>;

// Replaces the sink for the whole process; an empty function restores the
// default. Thread-safe; events logged concurrently may reach either sink.
void SetLogSink(LogSink sink);

// Events below `level` are dropped (default: kInfo).
void SetLogLevel(LogLevel level);

// True when events at `level` are currently kept.
bool ShouldLog(LogLevel level);

// Logs one event through the sink; front-ends (the HTTP server's access log,
// start-up messages) use it so that every line goes to the same place.
void WriteLog(LogLevel level, std::string_view message);

}  // namespace goatflow
