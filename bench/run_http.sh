#!/usr/bin/env bash
# HTTP throughput: wrk against bench/http_reference (bare cpp-httplib, same
# settings) and against goatflow-server's /healthz, at 16 and 64 keep-alive
# connections on 127.0.0.1. Prints the median requests/s of REPEAT runs.
# Usage: bench/run_http.sh BUILD_DIR   (env: DURATION=5s REPEAT=3 THREADS=64)
set -euo pipefail
build_dir=${1:-build-bench}
duration=${DURATION:-5s}
repeat=${REPEAT:-3}
threads=${THREADS:-64}
here=$(cd "$(dirname "$0")" && pwd)

# shellcheck source=bench/lib.sh
source "$here/lib.sh"
bench_require_tools wrk curl

work=$(mktemp -d)
pids=()
trap bench_cleanup EXIT

median_rps() {  # URL CONNECTIONS
  local runs=()
  for _ in $(seq 1 "$repeat"); do
    runs+=("$(wrk -t2 -c"$2" -d"$duration" "$1" | awk '/Requests\/sec/ {print $2}')")
  done
  printf '%s\n' "${runs[@]}" | bench_median
}

"$build_dir/http_reference" 18081 "$threads" & pids+=($!)
"$build_dir/http_reference" 18083 "$threads" --httplib-defaults & pids+=($!)
"$build_dir/goatflow" init --db "$work/bench.db" >/dev/null 2>&1
GOATFLOW_LISTEN=127.0.0.1:18082 GOATFLOW_THREADS=$threads \
  "$build_dir/goatflow-server" --db "$work/bench.db" 2>"$work/server.log" & pids+=($!)
bench_wait_for http://127.0.0.1:18081/healthz
bench_wait_for http://127.0.0.1:18083/healthz
bench_wait_for http://127.0.0.1:18082/healthz

echo "HTTP requests/s (median of $repeat x $duration, wrk -t2, 127.0.0.1, $(nproc) cores)"
printf '%-44s %14s %14s\n' "target" "16 conns" "64 conns"
for target in "http_reference (cpp-httplib defaults)|http://127.0.0.1:18083/healthz" \
              "http_reference (goatflow settings)|http://127.0.0.1:18081/healthz" \
              "goatflow-server GET /healthz|http://127.0.0.1:18082/healthz" \
              "goatflow-server GET /api/v1/health|http://127.0.0.1:18082/api/v1/health"; do
  name=${target%%|*}
  url=${target#*|}
  printf '%-44s %14s %14s\n' "$name" "$(median_rps "$url" 16)" "$(median_rps "$url" 64)"
done
