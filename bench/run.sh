#!/usr/bin/env bash
# Runs every benchmark script of bench/ (run_*.sh) against a build directory.
# Usage: bench/run.sh BUILD_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for script in "$here"/run_*.sh; do
  echo "== $(basename "$script")"
  bash "$script" "${1:-build-bench}"
done
