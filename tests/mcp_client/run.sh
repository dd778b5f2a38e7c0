#!/usr/bin/env bash
# The MCP SDK client test: a fresh database, goatflow-server on 127.0.0.1 (a
# free port) with an API token, then tests/mcp_client/client.mjs over
# Streamable HTTP and over stdio (`goatflow mcp --as admin`).
# Usage: tests/mcp_client/run.sh BUILD_DIR CLIENT_DIR (CLIENT_DIR holds node_modules)
set -euo pipefail
build=$(cd "$1" && pwd)
client_dir=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/goatflow-mcp-client.XXXXXX")
server_pid=
cleanup() {
  [[ -z "$server_pid" ]] || kill "$server_pid" 2>/dev/null || true
  [[ -z "$server_pid" ]] || wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$build/goatflow" init --db "$work/mcp.db" >/dev/null
token=$("$build/goatflow" token create --db "$work/mcp.db" --name mcp-client 2>/dev/null | head -n 1)
[[ "$token" == gf_* ]] || { echo "run.sh: no API token created" >&2; exit 1; }

GOATFLOW_LISTEN=127.0.0.1:0 "$build/goatflow-server" --db "$work/mcp.db" 2>"$work/server.log" &
server_pid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's/.* on http:\/\/127\.0\.0\.1:\([0-9]*\) with.*/\1/p' "$work/server.log")
  [[ -z "$port" ]] || break
  sleep 0.1
done
[[ -n "$port" ]] || { echo "run.sh: goatflow-server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

# The client resolves @modelcontextprotocol/sdk from CLIENT_DIR/node_modules.
cp "$here/client.mjs" "$client_dir/client.mjs"
timeout 60 node "$client_dir/client.mjs" http "http://127.0.0.1:$port/api/mcp" "$token"
timeout 60 node "$client_dir/client.mjs" stdio "$build/goatflow" mcp --db "$work/mcp.db" --as admin
