#!/usr/bin/env bash
# Ticket service benchmark (docs/PERFORMANCE.md) on a scratch database directory.
#   bench/run_tickets.sh BUILD_DIR [--tickets N] [--ops N]
set -euo pipefail
build_dir="${1:?usage: bench/run_tickets.sh BUILD_DIR [options]}"
shift
work="$(mktemp -d "${TMPDIR:-/tmp}/goatflow-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$build_dir/bench/goatflow_ticket_bench" --dir "$work" "$@"
