#include "exit_code.h"

namespace goatflow::cli {

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 65;     // EX_DATAERR
    case ErrorCode::kNotFound: return 66;            // EX_NOINPUT
    case ErrorCode::kAlreadyExists: return 73;       // EX_CANTCREAT
    case ErrorCode::kConflict: return 65;            // EX_DATAERR
    case ErrorCode::kFailedPrecondition: return 78;  // EX_CONFIG
    case ErrorCode::kUnauthenticated: return 77;     // EX_NOPERM
    case ErrorCode::kPermissionDenied: return 77;    // EX_NOPERM
    case ErrorCode::kRateLimited: return 75;         // EX_TEMPFAIL
    case ErrorCode::kUnavailable: return 69;         // EX_UNAVAILABLE
    case ErrorCode::kInternal: return 70;            // EX_SOFTWARE
  }
  return 70;
}

}  // namespace goatflow::cli
