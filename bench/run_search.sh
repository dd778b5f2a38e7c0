#!/usr/bin/env bash
# Search benchmark (docs/PERFORMANCE.md, "Search"): latency of SearchService on
# 100,000 generated tickets with 300,000 articles against LIKE '%word%', and the
# index's share of the database. The corpus is generated once per seed and size
# into BUILD_DIR/bench/search-cache and reused; bounded to 30 minutes.
#   bench/run_search.sh BUILD_DIR [search_bench options, e.g. --rounds 3 --seconds 5]
set -euo pipefail
build_dir="${1:?usage: bench/run_search.sh BUILD_DIR [options]}"
shift
cache="$build_dir/bench/search-cache"
mkdir -p "$cache"
timeout 1800 "$build_dir/bench/search_bench" --cache-dir "$cache" "$@"
