#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 45) on its committed corpus
# (fuzz/corpus/<name>), in a scratch copy so CI never rewrites the corpus. New crashers are
# written to build/fuzz/crashes/. Locally, for long runs:
#   SECONDS_PER_TARGET=600 bash scripts/fuzz.sh          # or: bash scripts/fuzz.sh csv 3600
set -euo pipefail
cd "$(dirname "$0")/.."
only=${1:-}
seconds=${2:-${SECONDS_PER_TARGET:-45}}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target csv_fuzz json_fuzz timestamp_fuzz model_fuzz >/dev/null
mkdir -p build/fuzz/crashes
for name in csv json timestamp model; do
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  work=build/fuzz/corpus-$name
  rm -rf "$work" && mkdir -p "$work" && cp fuzz/corpus/$name/* "$work"/
  echo "fuzz: $name for ${seconds}s"
  build/fuzz/fuzz/${name}_fuzz "$work" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix=build/fuzz/crashes/$name- -print_final_stats=1 2>&1 |
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|Done)|ERROR|crash" || true
  if ls build/fuzz/crashes/$name-* >/dev/null 2>&1; then
    echo "fuzz: $name found a problem: $(ls build/fuzz/crashes/$name-*)"; exit 1
  fi
done
echo "fuzz: no findings"
