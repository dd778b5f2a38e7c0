#!/usr/bin/env bash
# Starts the HTTP server of a build directory on the given database.
# Usage: scripts/serve.sh BUILD_DIR DB
set -euo pipefail
build_dir=$1
db=$2
if [[ -x "$build_dir/goatflow-server" ]]; then
  exec "$build_dir/goatflow-server" --db "$db" "${@:3}"
fi
echo "serve: database '$db' is ready, but this checkout has no HTTP server yet" >&2
echo "serve: use the goatflow CLI meanwhile: $build_dir/goatflow --db $db db status" >&2
exit 69
