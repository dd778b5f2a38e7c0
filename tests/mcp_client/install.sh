#!/usr/bin/env bash
# CTest fixture of the MCP SDK client test: installs the pinned packages of
# tests/mcp_client (package-lock.json) into DEST with `npm ci`, unless DEST
# already holds exactly that lock file's installation.
# Usage: tests/mcp_client/install.sh SOURCE_DIR DEST_DIR
set -euo pipefail
src=$1
dest=$2
mkdir -p "$dest"
if [[ -d "$dest/node_modules/@modelcontextprotocol/sdk" ]] &&
   cmp -s "$src/package-lock.json" "$dest/package-lock.json" &&
   cmp -s "$src/package.json" "$dest/package.json"; then
  exit 0
fi
command -v npm >/dev/null || bash "$src/../../scripts/install-deps.sh"
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
timeout 600 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
