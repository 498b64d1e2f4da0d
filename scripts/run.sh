#!/usr/bin/env bash
# The main job: set everything up, build, and serve the dashboard on 127.0.0.1 with the
# bundled example scored at once. PORT=N picks the port (default 8080; 0 = any free port).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# node_modules from an older lock file may lack the dashboard's devDependencies.
[ -d node_modules/echarts ] && [ -d node_modules/vite ] || npm ci --no-audit --no-fund
# The native CLI (pqlscope score / init / validate for the same data outside the browser).
cmake --preset native >/dev/null
cmake --build --preset native --target pqlscope
# The WebAssembly module the page runs in a Worker (dist/pqlscope-core.mjs + .wasm).
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target pqlscope_core_module
# The static dashboard (web/dist), then a tiny server with the strict CSP header.
npm run build:web
echo "Open the printed URL in a browser; stop with Ctrl-C."
exec node web/serve.mjs --port "${PORT:-8080}"
