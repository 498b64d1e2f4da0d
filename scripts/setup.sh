#!/usr/bin/env bash
# Installs everything pqlscope needs on a fresh Debian bookworm machine. Idempotent: it only
# calls apt-get / npm when something is missing. Only Debian packages and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

# postgresql: the warehouse tests run the generated SQL in a throw-away cluster (tests/warehouse/).
APT_PACKAGES=(build-essential cmake libgtest-dev nlohmann-json3-dev zlib1g-dev libzstd-dev libbrotli-dev pkg-config emscripten chromium clang libclang-rt-14-dev postgresql nodejs npm)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node and npm may come from outside Debian (the machine image ships them): accept those.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# (Again when a newer lock added a package: DuckDB for the warehouse tests, the SQL parser.)
if [ -f package-lock.json ] && { [ ! -d node_modules ] || [ ! -d node_modules/@duckdb/node-api ] || [ ! -d node_modules/node-sql-parser ]; }; then
  npm ci --no-audit --no-fund
fi
echo "setup: ok"
