#!/usr/bin/env bash
# The main job: set everything up, build, and run pqlscope on the bundled example data.
# (Until the dashboard lands this is the native CLI; then it builds and serves web/.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset native >/dev/null
cmake --build --preset native --target pqlscope
./build/native/pqlscope ingest examples/data/events.csv \
  --accounts examples/data/accounts.csv --comms examples/data/communications.csv \
  --out build/native/example-aggregates.json
echo "aggregates written to build/native/example-aggregates.json"
