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

# One target on a scratch copy of its corpus; libFuzzer's output goes to build/asan/fuzz-<name>.log.
fuzz_one() {
  local name=$1 corpus=$1 budget work=build/asan/corpus-$1
  [ "$name" = json_scan ] && corpus=json  # the scan is fuzzed on the JSON corpus
  rm -rf "$work" && mkdir -p "$work" && cp fuzz/corpus/$corpus/* "$work"/
  if [ -n "${FUZZ_CI:-}" ]; then
    case $name in timestamp) budget="-runs=2000000" ;; *) budget="-runs=25000" ;; esac
    budget="$budget -seed=1"
  else
    budget="-max_total_time=$seconds"
  fi
  build/asan/fuzz/${name}_fuzz "$work" $budget -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix=build/asan/crashes/$name- -print_final_stats=1 \
    >build/asan/fuzz-$name.log 2>&1 || true
}

# Each libFuzzer process uses one core: the targets run FUZZ_JOBS at a time (default: one per
# core), the slowest first. Findings are judged by the artifacts, after all have run.
names=()
for name in json_scan json csv model timestamp; do
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  names+=("$name")
done
max_jobs=${FUZZ_JOBS:-$(nproc)}
for name in "${names[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$max_jobs" ]; do wait -n || true; done
  fuzz_one "$name" &
done
wait
found=0
for name in "${names[@]}"; do
  echo "fuzz: $name"
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|Done)|ERROR|crash" \
    build/asan/fuzz-$name.log || true
  if ls build/asan/crashes/$name-* >/dev/null 2>&1; then
    echo "fuzz: $name found a problem: $(ls build/asan/crashes/$name-*)"; found=1
  elif ! grep -q "^Done " build/asan/fuzz-$name.log 2>/dev/null; then
    echo "fuzz: $name did not run to its end:"; tail -20 build/asan/fuzz-$name.log 2>/dev/null; found=1
  fi
done
[ "$found" -eq 0 ] || exit 1
echo "fuzz: no findings"
