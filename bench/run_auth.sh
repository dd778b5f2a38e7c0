#!/usr/bin/env bash
# Identity benchmark (docs/PERFORMANCE.md): JWT and API token verification,
# rate-limit checks and the Argon2id login cost, bounded to 5 minutes.
#   bench/run_auth.sh BUILD_DIR
set -euo pipefail
build_dir="${1:?usage: bench/run_auth.sh BUILD_DIR}"
timeout 300 "$build_dir/bench/auth_bench"
