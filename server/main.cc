// goatflow-server: the HTTP API of a goatflow database (see docs/server.md).

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "server/server.h"

namespace {

// sysexits codes, as the goatflow CLI uses them.
int ExitCode(goatflow::ErrorCode code) {
  switch (code) {
    case goatflow::ErrorCode::kInvalidArgument: return 64;     // EX_USAGE
    case goatflow::ErrorCode::kNotFound: return 66;            // EX_NOINPUT
    case goatflow::ErrorCode::kFailedPrecondition: return 78;  // EX_CONFIG
    case goatflow::ErrorCode::kUnavailable: return 69;         // EX_UNAVAILABLE
    case goatflow::ErrorCode::kAlreadyExists:
    case goatflow::ErrorCode::kConflict:
    case goatflow::ErrorCode::kUnauthenticated:
    case goatflow::ErrorCode::kPermissionDenied:
    case goatflow::ErrorCode::kRateLimited:
    case goatflow::ErrorCode::kInternal: return 70;  // EX_SOFTWARE
  }
  return 70;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    goatflow::Status status = goatflow::server::ServerMain(args, "goatflow-server");
    if (status.ok()) return 0;
    std::fprintf(stderr, "goatflow-server: %s: %s\n",
                 std::string(goatflow::ErrorCodeName(status.error().code)).c_str(),
                 status.error().message.c_str());
    return ExitCode(status.error().code);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "goatflow-server: internal: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "goatflow-server: internal: unexpected failure\n");
  }
  return 70;
}
