#!/usr/bin/env bash
# Ingest benchmark: generates 1M and 10M events (CSV and NDJSON) with the example generator
# into bench/data/ (git-ignored, made once), then ingests each file RUNS times in fresh
# processes and prints the median MB/s, events/s and peak RSS.
#   bash bench/run.sh            # 1M and 10M, 3 runs each
#   SIZES="1000000" RUNS=5 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000000 10000000"}
RUNS=${RUNS:-3}
cmake --preset native >/dev/null
cmake --build --preset native --target pqlscope-bench-ingest pqlscope-gen >/dev/null
BIN=build/native/bench/pqlscope-bench-ingest
GEN=build/native/examples/generator/pqlscope-gen

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
field() { tr ' ' '\n' | grep "^$1=" | cut -d= -f2; }

printf '%-10s %-7s %10s %12s %12s %14s %12s\n' events format "MB" "MB/s" "events/s" "peak RSS MB" "seconds"
for n in $SIZES; do
  dir=bench/data/$n
  if [ ! -f "$dir/events.csv" ] || [ ! -f "$dir/events.ndjson" ]; then
    mkdir -p "$dir"
    accounts=$(( n / 500 )); [ $accounts -gt 20000 ] && accounts=20000; [ $accounts -lt 100 ] && accounts=100
    "$GEN" --seed 42 --events "$n" --accounts "$accounts" --format both --out "$dir" >/dev/null
  fi
  for format in csv ndjson; do
    file=$dir/events.$format
    out=()
    for _ in $(seq "$RUNS"); do out+=("$("$BIN" "$file")"); done
    mbs=$(printf '%s\n' "${out[@]}" | field mb_per_s | median)
    eps=$(printf '%s\n' "${out[@]}" | field events_per_s | median)
    rss=$(printf '%s\n' "${out[@]}" | field peak_rss_mb | median)
    sec=$(printf '%s\n' "${out[@]}" | field seconds | median)
    mb=$(( $(stat -c %s "$file") / 1000000 ))
    printf '%-10s %-7s %10s %12s %12s %14s %12s\n' "$n" "$format" "$mb" "$mbs" "$eps" "$rss" "$sec"
  done
done

# Re-scoring benchmark (issue 3, "Performance"): compute_metrics on in-memory aggregates of
# 20k accounts / 100k users / ~10M events over 180 days; median of RESCORE_RUNS runs, then the
# same after changing the model's importances. Target: <= 50 ms natively.
cmake --build --preset native --target pqlscope-bench-rescore >/dev/null
echo
build/native/bench/pqlscope-bench-rescore --runs "${RESCORE_RUNS:-7}"
