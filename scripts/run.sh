#!/usr/bin/env bash
# The main job: set everything up, build, and run pqlscope on the bundled example data.
# (Until the dashboard lands this is the native CLI; then it builds and serves web/.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset native >/dev/null
cmake --build --preset native --target pqlscope
./build/native/pqlscope score examples/data/events.csv \
  --accounts examples/data/accounts.csv --comms examples/data/communications.csv \
  --model examples/model.json \
  --out build/native/example-report.json --csv build/native/example-accounts.csv
echo "report: build/native/example-report.json, CRM export: build/native/example-accounts.csv"
