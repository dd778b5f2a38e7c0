#pragma once

#include "goatflow/error.h"

namespace goatflow::cli {

// sysexits(3) codes, the CLI's contract with scripts (docs/errors.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 64;

int ExitCodeFor(ErrorCode code);

}  // namespace goatflow::cli
