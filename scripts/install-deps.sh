#!/usr/bin/env bash
# Installs the Debian packages goatflow needs to build, test and serve.
# Idempotent and non-interactive: only missing packages are installed, with a
# single `apt-get update` beforehand, and nothing is printed when all are present.
# Usage: scripts/install-deps.sh [extra-package ...]
set -euo pipefail

packages=(
  g++ make cmake ninja-build pkg-config
  libboost-json1.81-dev libsqlite3-dev sqlite3 libcli11-dev libcpp-httplib-dev
  libsodium-dev libcrypt-dev libfmt-dev catch2 libssl-dev zlib1g-dev libbrotli-dev
  python3 openssl
)
# Node.js and npm run the MCP SDK client test (tests/mcp_client). A Node.js
# that is already on PATH (e.g. NodeSource's, which bundles npm) is kept.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
packages+=("$@")

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
