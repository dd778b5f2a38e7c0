# shellcheck shell=bash
# Shell helpers shared by the bench/run_*.sh scripts (sourced, not run).
# Callers set `work` (a scratch directory) and append background pids to `pids`.

# Installs the named tools through scripts/install-deps.sh when missing.
bench_require_tools() {  # TOOL...
  local missing=() tool
  for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  [[ ${#missing[@]} -eq 0 ]] || bash "$(dirname "${BASH_SOURCE[0]}")/../scripts/install-deps.sh" "${missing[@]}"
}

# Stops every process in `pids` and removes `work`; install with `trap bench_cleanup EXIT`.
bench_cleanup() {
  local pid
  # shellcheck disable=SC2154  # pids belongs to the calling script
  for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ -z "${work:-}" ]] || rm -rf "$work"
}

# Waits up to 10 s for URL to answer 2xx.
bench_wait_for() {  # URL
  local _
  for _ in $(seq 1 100); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: $1 did not come up" >&2
  return 1
}

# The median of the numbers on stdin (the lower middle one for an even count).
bench_median() {
  sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]}'
}

# wrk's duration ("5s", "1m", "2") in whole seconds, for timeouts.
bench_seconds() {  # DURATION
  local d=$1
  case "$d" in
    *m) echo $(( ${d%m} * 60 )) ;;
    *s) echo "${d%s}" ;;
    *) echo "$d" ;;
  esac
}

# Resident memory of a process in KiB (VmRSS).
bench_rss_kib() {  # PID
  awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}
