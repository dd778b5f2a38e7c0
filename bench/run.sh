#!/usr/bin/env bash
# Runs every benchmark script of bench/ (run_*.sh) against a build directory;
# a failing script is reported and the others still run.
# Usage: bench/run.sh BUILD_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
failed=()
for script in "$here"/run_*.sh; do
  echo "== $(basename "$script")"
  bash "$script" "${1:-build-bench}" || failed+=("$(basename "$script")")
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "bench: failed: ${failed[*]}" >&2
  exit 1
fi
