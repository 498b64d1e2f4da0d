#!/usr/bin/env bash
# Runs every libFuzzer target on its committed corpus (fuzz/corpus/<name>), in a scratch copy
# so the corpus is never rewritten. New crashers go to build/asan/crashes/.
#   bash scripts/fuzz.sh                       # each target 45 s (SECONDS_PER_TARGET)
#   bash scripts/fuzz.sh csv 3600              # one target, one hour
#   FUZZ_CI=1 bash scripts/fuzz.sh             # CI: a fixed seed and a fixed number of runs per
#                                              # target, so a green run here is green in CI too
set -euo pipefail
cd "$(dirname "$0")/.."
only=${1:-}
seconds=${2:-${SECONDS_PER_TARGET:-45}}
cmake --preset asan >/dev/null
cmake --build --preset asan --target csv_fuzz json_fuzz json_scan_fuzz timestamp_fuzz model_fuzz >/dev/null
mkdir -p build/asan/crashes
for name in csv json json_scan timestamp model; do
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  work=build/asan/corpus-$name
  corpus=$name; [ "$name" = json_scan ] && corpus=json  # the scan is fuzzed on the JSON corpus
  rm -rf "$work" && mkdir -p "$work" && cp fuzz/corpus/$corpus/* "$work"/
  echo "fuzz: $name"
  if [ -n "${FUZZ_CI:-}" ]; then
    case $name in timestamp) budget="-runs=2000000" ;; *) budget="-runs=25000" ;; esac
    budget="$budget -seed=1"
  else
    budget="-max_total_time=$seconds"
  fi
  build/asan/fuzz/${name}_fuzz "$work" $budget -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix=build/asan/crashes/$name- -print_final_stats=1 2>&1 |
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|Done)|ERROR|crash" || true
  if ls build/asan/crashes/$name-* >/dev/null 2>&1; then
    echo "fuzz: $name found a problem: $(ls build/asan/crashes/$name-*)"; exit 1
  fi
done
echo "fuzz: no findings"
