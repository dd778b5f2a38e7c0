#!/usr/bin/env bash
# MCP benchmark (docs/PERFORMANCE.md, "MCP"): the ticket list asked through
# POST /api/mcp (tools/call list_tickets {"status":"open","limit":20}) against
# the same list from GET /api/v1/tickets?status=open&limit=20&sort=id, in the
# same run, on the same goatflow-server and the database bench/run_api.sh uses
# (goatflow init + TICKETS generated tickets), with the same API token. The two
# targets alternate run by run so machine noise hits both alike. Prints median
# requests/s of REPEAT runs per target at 16 and 64 keep-alive connections and
# the ratio MCP / REST (target >= 0.8). Exits non-zero on any bad response.
# Usage: bench/run_mcp.sh BUILD_DIR
#   (env: DURATION=5s REPEAT=3 THREADS=64 TICKETS=100000)
set -euo pipefail
build_dir=${1:-build-bench}
duration=${DURATION:-5s}
repeat=${REPEAT:-3}
threads=${THREADS:-64}
tickets=${TICKETS:-100000}
here=$(cd "$(dirname "$0")" && pwd)
server_port=18093
server=http://127.0.0.1:$server_port

# shellcheck source=bench/lib.sh
source "$here/lib.sh"
bench_require_tools wrk curl

work=$(mktemp -d "${TMPDIR:-/tmp}/goatflow-mcp.XXXXXX")
pids=()
trap bench_cleanup EXIT
wrk_timeout=$(($(bench_seconds "$duration") + 60))

fail() {
  echo "run_mcp: $*" >&2
  if [[ -s "$work/server.log" ]]; then
    echo "run_mcp: last lines of the server log:" >&2
    tail -n 5 "$work/server.log" >&2
  fi
  exit 1
}

for binary in goatflow goatflow-server bench/goatflow_seed_tickets; do
  [[ -x "$build_dir/$binary" ]] || fail "$build_dir/$binary is missing (configure with -DGOATFLOW_BUILD_BENCH=ON, or run make bench)"
done

"$build_dir/goatflow" init --db "$work/mcp.db" >/dev/null 2>&1 || fail "goatflow init failed"
timeout 300 "$build_dir/bench/goatflow_seed_tickets" --db "$work/mcp.db" --tickets "$tickets" \
  >/dev/null 2>&1 || fail "seeding $tickets tickets failed"
token=$("$build_dir/goatflow" token create --db "$work/mcp.db" --name bench --rate-limit 100000 \
          2>/dev/null | head -n 1)
[[ "$token" == gf_* ]] || fail "goatflow token create printed no token"

GOATFLOW_LISTEN=127.0.0.1:$server_port GOATFLOW_THREADS=$threads \
  GOATFLOW_RATELIMIT_GENERAL_PER_MINUTE=0 GOATFLOW_RATELIMIT_TOKEN_DEFAULT_PER_HOUR=0 \
  "$build_dir/goatflow-server" --db "$work/mcp.db" 2>"$work/server.log" &
pids+=($!)
bench_wait_for "$server/healthz" || fail "goatflow-server did not start"

# One request of each kind before the load, so a broken endpoint fails at once.
rest_body=$(curl -sS -H "Authorization: Bearer $token" \
              "$server/api/v1/tickets?status=open&limit=20&sort=id") || fail "REST list: no answer"
[[ "$rest_body" == *'"success":true'* ]] || fail "REST list failed: ${rest_body:0:300}"
mcp_body=$(curl -sS -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
             -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_tickets","arguments":{"status":"open","limit":20}}}' \
             "$server/api/mcp") || fail "MCP list_tickets: no answer"
[[ "$mcp_body" == *'"result"'* && "$mcp_body" != *'"isError":true'* ]] ||
  fail "MCP list_tickets failed: ${mcp_body:0:300}"

# One wrk run; prints requests/s, records bad responses in $work/bad.
run_once() {  # MODE CONNECTIONS
  local out count first
  out=$(MCP_MODE=$1 MCP_TOKEN=$token timeout "$wrk_timeout" \
          wrk -t2 -c"$2" -d"$duration" -s "$here/mcp_wrk.lua" "$server") ||
    fail "wrk ($1, $2 connections) failed"
  read -r count first < <(awk '/^bad/ {print $2, $3}' <<<"$out")
  [[ "${count:-x}" =~ ^[0-9]+$ ]] || fail "wrk printed no response check for $1"
  ((count == 0)) || echo "$1, $2 connections: $count bad responses (first status $first)" >>"$work/bad"
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

declare -A rps
for conns in 16 64; do
  rest_runs=()
  mcp_runs=()
  for _ in $(seq 1 "$repeat"); do
    rest_runs+=("$(run_once rest "$conns")")
    mcp_runs+=("$(run_once mcp "$conns")")
  done
  rps[rest,$conns]=$(printf '%s\n' "${rest_runs[@]}" | bench_median)
  rps[mcp,$conns]=$(printf '%s\n' "${mcp_runs[@]}" | bench_median)
  echo "runs at $conns connections: REST ${rest_runs[*]}; MCP ${mcp_runs[*]}"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
verdict() { awk -v r="$1" 'BEGIN {print (r != "n/a" && r >= 0.8) ? "met" : "NOT met"}'; }

echo "MCP vs REST ticket list: requests/s, median of $repeat x $duration per target, alternating" \
     "(wrk -t2, 127.0.0.1, $(nproc) cores)"
echo "database: $tickets generated tickets; server: $threads threads; rate limits disabled;" \
     "both with the same API token"
printf '%-58s %12s %12s\n' "target" "16 conns" "64 conns"
printf '%-58s %12s %12s\n' "GET /api/v1/tickets?status=open&limit=20&sort=id" "${rps[rest,16]}" \
       "${rps[rest,64]}"
printf '%-58s %12s %12s\n' "POST /api/mcp tools/call list_tickets (same filters)" "${rps[mcp,16]}" \
       "${rps[mcp,64]}"
r16=$(ratio "${rps[mcp,16]}" "${rps[rest,16]}")
r64=$(ratio "${rps[mcp,64]}" "${rps[rest,64]}")
printf '%-58s %12s %12s\n' "MCP / REST (target >= 0.8)" "$r16 ($(verdict "$r16"))" \
       "$r64 ($(verdict "$r64"))"

if [[ -s "$work/bad" ]]; then
  cat "$work/bad" >&2
  fail "bad responses (they must be 0)"
fi
echo "bad responses: 0"
