#!/usr/bin/env bash
# Runs every benchmark program built in BUILD_DIR/bench (default build-bench),
# each bounded in time. Usage: bench/run.sh [BUILD_DIR]
set -euo pipefail
build_dir="${1:-build-bench}"
status=0
shopt -s nullglob
programs=("$build_dir"/bench/*_bench)
if [ ${#programs[@]} -eq 0 ]; then
  echo "no benchmarks in $build_dir/bench; configure with -DGOATFLOW_BUILD_BENCH=ON" >&2
  exit 1
fi
for program in "${programs[@]}"; do
  echo "== $(basename "$program")"
  timeout 300 "$program" || status=$?
done
exit "$status"
