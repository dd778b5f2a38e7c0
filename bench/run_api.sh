#!/usr/bin/env bash
# REST endpoint benchmark (docs/PERFORMANCE.md, "REST endpoints"): goatflow-server
# on a database of TICKETS generated tickets, driven by wrk at 16 and 64
# keep-alive connections on 127.0.0.1 against
#   GET  /api/v1/tickets/:id                  (random ids)
#   GET  /api/v1/tickets?status=open&limit=20
#   POST /api/v1/tickets                      (durable: synchronous=FULL)
# beside the bare cpp-httplib reference (bench/http_reference, same settings)
# and the raw-SQLite durable commit rate (bench/ticket_bench.cc --raw-only).
# Prints, over REPEAT rounds (each: the reference and the three endpoints back to
# back), the median requests/s and the median of each round's ratio against its target,
# and the server's resident memory idle and after the load. Exits non-zero
# when any request answers other than 2xx.
# Usage: bench/run_api.sh BUILD_DIR
#   (env: DURATION=5s REPEAT=3 THREADS=64 TICKETS=100000 RAW_OPS=200)
set -euo pipefail
build_dir=${1:-build-bench}
duration=${DURATION:-5s}
repeat=${REPEAT:-3}
threads=${THREADS:-64}
tickets=${TICKETS:-100000}
raw_ops=${RAW_OPS:-200}
here=$(cd "$(dirname "$0")" && pwd)
ref_port=18091
server_port=18092
server=http://127.0.0.1:$server_port

# shellcheck source=bench/lib.sh
source "$here/lib.sh"
bench_require_tools wrk curl

work=$(mktemp -d "${TMPDIR:-/tmp}/goatflow-api.XXXXXX")
pids=()
trap bench_cleanup EXIT
wrk_timeout=$(($(bench_seconds "$duration") + 60))

fail() {
  echo "run_api: $*" >&2
  if [[ -s "$work/server.log" ]]; then
    echo "run_api: last lines of the server log:" >&2
    tail -n 5 "$work/server.log" >&2
  fi
  exit 1
}

for binary in goatflow goatflow-server http_reference bench/goatflow_seed_tickets \
              bench/goatflow_ticket_bench; do
  [[ -x "$build_dir/$binary" ]] || fail "$build_dir/$binary is missing (configure with -DGOATFLOW_BUILD_BENCH=ON, or run make bench)"
done

# ---- The raw-SQLite durable commit rate (before any server runs) -----------
mkdir -p "$work/raw"
raw_rate=$(timeout 300 "$build_dir/bench/goatflow_ticket_bench" --raw-only --ops "$raw_ops" \
             --dir "$work/raw") || fail "ticket_bench --raw-only failed"

# ---- Database: goatflow init + bulk-generated tickets ----------------------
"$build_dir/goatflow" init --db "$work/api.db" >/dev/null 2>&1 || fail "goatflow init failed"
seed_start=$SECONDS
seed_out=$(timeout 300 "$build_dir/bench/goatflow_seed_tickets" --db "$work/api.db" \
             --tickets "$tickets" 2>/dev/null) || fail "seeding $tickets tickets failed"
seed_seconds=$((SECONDS - seed_start))
max_id=${seed_out#max_id=}
[[ "$max_id" =~ ^[0-9]+$ && "$max_id" -gt 0 ]] || fail "seeding printed no ticket id: $seed_out"

# ---- Servers: reference and goatflow, rate limits off ----------------------
"$build_dir/http_reference" "$ref_port" "$threads" & pids+=($!)
GOATFLOW_LISTEN=127.0.0.1:$server_port GOATFLOW_THREADS=$threads \
  GOATFLOW_RATELIMIT_GENERAL_PER_MINUTE=0 GOATFLOW_RATELIMIT_LOGIN_PER_MINUTE=0 \
  GOATFLOW_RATELIMIT_TOKEN_DEFAULT_PER_HOUR=0 GOATFLOW_RATELIMIT_CUSTOMER_TICKET_CREATE_PER_HOUR=0 \
  "$build_dir/goatflow-server" --db "$work/api.db" 2>"$work/server.log" &
server_pid=$!
pids+=("$server_pid")
bench_wait_for "http://127.0.0.1:$ref_port/healthz" || fail "http_reference did not start"
bench_wait_for "$server/healthz" || fail "goatflow-server did not start"

# A fresh JWT for admin/admin (the default password: the server listens on loopback only).
login() {
  local body
  body=$(curl -sS -X POST -H 'Content-Type: application/json' \
           -d '{"username":"admin","password":"admin"}' "$server/api/v1/auth/login") ||
    fail "POST /api/v1/auth/login: no answer"
  token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$body")
  [[ -n "$token" ]] || fail "POST /api/v1/auth/login did not return a token: ${body:0:300}"
}

# One request before the load, so a missing endpoint fails at once and clearly.
preflight() {  # METHOD PATH [JSON_BODY]
  local status args=(-sS -o "$work/preflight.json" -w '%{http_code}' -X "$1"
                     -H "Authorization: Bearer $token")
  [[ $# -lt 3 ]] || args+=(-H 'Content-Type: application/json' -d "$3")
  status=$(curl "${args[@]}" "$server$2") || fail "$1 $2: no answer"
  [[ "$status" == 2?? ]] ||
    fail "$1 $2 answered $status: $(head -c 300 "$work/preflight.json") (is the endpoint merged?)"
}

# Requests/s of one wrk run; non-2xx counts go to $work/non2xx.
measure() {  # LABEL MODE URL CONNECTIONS
  local out count first
  out=$(API_MODE=$2 API_TOKEN=$token API_MAX_ID=$max_id timeout "$wrk_timeout" \
          wrk -t2 -c"$4" -d"$duration" -s "$here/api_wrk.lua" "$3") ||
    fail "wrk against $3 failed"
  read -r count first < <(awk '/^non2xx/ {print $2, $3}' <<<"$out")
  [[ "${count:-x}" =~ ^[0-9]+$ ]] || fail "wrk printed no status count for $3"
  if ((count > 0)); then
    echo "$1, $4 connections: $count non-2xx responses (first status $first)" >>"$work/non2xx"
  fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r != "n/a" && r >= t) ? "met" : "NOT met"}'; }

login
preflight GET "/api/v1/tickets/$max_id"
preflight GET "/api/v1/tickets?status=open&limit=20"
preflight POST /api/v1/tickets '{"title":"Preflight ticket","queue_id":1,"body":"Preflight."}'
rss_idle=$(bench_rss_kib "$server_pid")

# Each round measures the reference and the three endpoints back to back, so every ratio
# compares runs a few seconds apart on this shared machine (minutes apart, a change in the
# other load moved the ratios by a third); figures are medians over the rounds.
declare -A runs
for round in $(seq 1 "$repeat"); do
  for conns in 16 64; do
    login
    ref=$(measure "http_reference GET /healthz" plain "http://127.0.0.1:$ref_port/healthz" "$conns")
    get=$(measure "GET /api/v1/tickets/:id" get "$server" "$conns")
    list=$(measure "GET /api/v1/tickets?status=open&limit=20" list "$server" "$conns")
    post=$(measure "POST /api/v1/tickets" create "$server" "$conns")
    runs[ref,$conns]+="$ref "
    runs[get,$conns]+="$get "
    runs[list,$conns]+="$list "
    runs[post,$conns]+="$post "
    runs[get/ref,$conns]+="$(ratio "$get" "$ref") "
    runs[list/ref,$conns]+="$(ratio "$list" "$ref") "
    runs[post/raw,$conns]+="$(ratio "$post" "$raw_rate") "
  done
done
declare -A rps
for key in "${!runs[@]}"; do
  rps[$key]=$(tr ' ' '\n' <<<"${runs[$key]}" | sed '/^$/d' | bench_median)
done
rss_after=$(bench_rss_kib "$server_pid")
rss_peak=$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status")

echo "REST endpoints: requests/s, median of $repeat rounds x $duration (wrk -t2, 127.0.0.1, $(nproc) cores)"
echo "database: $tickets generated tickets (seeded in ${seed_seconds} s), synchronous=FULL, WAL;" \
     "server: $threads threads; rate limits disabled (GOATFLOW_RATELIMIT_*=0)"
printf '%-46s %12s %12s\n' "target" "16 conns" "64 conns"
printf '%-46s %12s %12s\n' "http_reference GET /healthz" "${rps[ref,16]}" "${rps[ref,64]}"
printf '%-46s %12s %12s\n' "GET /api/v1/tickets/:id" "${rps[get,16]}" "${rps[get,64]}"
printf '%-46s %12s %12s\n' "GET /api/v1/tickets?status=open&limit=20" "${rps[list,16]}" \
       "${rps[list,64]}"
printf '%-46s %12s %12s\n' "POST /api/v1/tickets (durable)" "${rps[post,16]}" "${rps[post,64]}"
printf '%-46s %12s\n' "raw SQLite durable commits/s (1 thread)" "$raw_rate"
echo
printf '%-46s %16s %16s %8s\n' "ratio (median of the rounds' ratios)" "16 conns" "64 conns" "target"
for row in "GET by id / reference|get/ref|0.4" "list / reference|list/ref|0.25" \
           "durable POST / raw SQLite commits|post/raw|0.5"; do
  IFS='|' read -r name key target <<<"$row"
  results=()
  for conns in 16 64; do
    r=${rps[$key,$conns]}
    results+=("$r ($(verdict "$r" "$target"))")
  done
  printf '%-46s %16s %16s %8s\n' "$name" "${results[0]}" "${results[1]}" "≥ $target"
done
echo
echo "server VmRSS: idle ${rss_idle} KiB, after the load ${rss_after} KiB (peak VmHWM ${rss_peak} KiB)"

if [[ -s "$work/non2xx" ]]; then
  echo "run_api: requests answered other than 2xx:" >&2
  cat "$work/non2xx" >&2
  fail "non-2xx responses (they must be 0)"
fi
echo "non-2xx responses: 0"
