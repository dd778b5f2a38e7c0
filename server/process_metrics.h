#pragma once

// Figures of the running process under the Prometheus standard names
// (process_resident_memory_bytes, process_open_fds), read from /proc.

#include <cstdint>
#include <optional>

namespace goatflow::server {

struct ProcessFigures {
  std::optional<std::int64_t> resident_memory_bytes;  // nullopt: /proc unavailable
  std::optional<std::int64_t> open_fds;
};

ProcessFigures ReadProcessFigures();

}  // namespace goatflow::server
