#!/usr/bin/env bash
# Sets everything up, builds, and runs every test suite. This is the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset native >/dev/null
cmake --build --preset native
ctest --preset native
# Hardening: the native suite again under AddressSanitizer + UndefinedBehaviorSanitizer, and
# each libFuzzer target for a bounded time on its committed corpus (docs/hardening.md).
cmake --preset asan >/dev/null
cmake --build --preset asan --target pqlscope_tests pqlscope pqlscope-gen
ctest --preset asan
FUZZ_CI=1 bash scripts/fuzz.sh
# The same C++ tests compiled to WebAssembly and run under Node (toolchains/emscripten.cmake).
cmake --preset wasm >/dev/null
cmake --build --preset wasm
ctest --preset wasm
# The npm package: the Embind module (dist/pqlscope-core.mjs + .wasm), then the JS tests:
# parity with the native CLI, the wrapper API, the Worker RPC, package contents and consumers.
cmake --build --preset wasm --target pqlscope_core_module
npm run test:js
# The dashboard: built with Vite (web/dist), served on a free 127.0.0.1 port and driven in
# Chromium by playwright-core (tests/web/): load, upload, model edits, exports, privacy, XSS.
[ -d node_modules/echarts ] && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund
npm run build:web
npm run test:web
