#include "server/process_metrics.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace goatflow::server {

ProcessFigures ReadProcessFigures() {
  ProcessFigures out;
  // statm: total and resident size, in pages.
  std::ifstream statm("/proc/self/statm");
  std::int64_t total_pages = 0, resident_pages = 0;
  if (statm >> total_pages >> resident_pages)
    out.resident_memory_bytes = resident_pages * static_cast<std::int64_t>(sysconf(_SC_PAGESIZE));
  std::error_code ec;
  std::int64_t fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec))
    ++fds;
  // The listing holds one descriptor of its own while it runs.
  if (!ec && fds > 0) out.open_fds = fds - 1;
  return out;
}

}  // namespace goatflow::server
