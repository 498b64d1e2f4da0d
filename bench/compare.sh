#!/usr/bin/env bash
# Side by side, in one run: the user's whole job `pqlscope score FILE --out report.json`
# (process start to report on disk) natively and as WebAssembly in Node, against DuckDB doing
# only the day-level aggregation of the same events with 2 threads. Same files for all three:
# bench/compare/gen_events.cjs makes the CSV, bench/compare/to_segment.cjs the same events as
# Segment JSON lines, once per size, into bench/data/compare/ (git-ignored).
#   bash bench/compare.sh                      # 1M and 10M events, medians of 3 runs
#   SIZES="1000000" RUNS=5 bash bench/compare.sh
#   FORMATS="csv" WASM=0 bash bench/compare.sh # CSV only, no WebAssembly column
# Prints per file: median seconds and peak RSS (/usr/bin/time -v) of each, and the ratios
# DuckDB seconds / pqlscope seconds (above 1 = pqlscope faster) and DuckDB RSS / pqlscope RSS.
# DuckDB's seconds are its query time alone (measured inside its process, after loading).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000000 10000000"}
RUNS=${RUNS:-3}
FORMATS=${FORMATS:-"csv ndjson"}
WASM=${WASM:-1}
DUCKDB_THREADS=${DUCKDB_THREADS:-2}
DATA=bench/data/compare

export CMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}
cmake --preset native >/dev/null
cmake --build --preset native --target pqlscope >/dev/null
if [ "$WASM" = 1 ]; then
  cmake --preset wasm >/dev/null
  cmake --build --preset wasm --target pqlscope_core_module >/dev/null
fi
node -e "import('@duckdb/node-api')" 2>/dev/null || {
  echo "compare.sh: DuckDB's npm package is missing; run npm install (it is a devDependency)" >&2
  exit 1
}
CLI=build/native/pqlscope

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# Runs a command under /usr/bin/time -v; appends "seconds rss_mb" to the file named $1.
timed() {
  local into=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" >"$log.out" 2>"$log" || { cat "$log" "$log.out" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
              /Maximum resident set size/ { rss = $2 / 1024 }
              END { printf "%.3f %.0f\n", s, rss }' "$log" >>"$into"
  cat "$log.out" >>"$into.stdout"
  rm -f "$log" "$log.out"
}
col() { awk -v c="$2" '{print $c}' "$1" | median; }

printf '%-9s %-7s %6s | %9s %8s | %9s %8s | %9s %8s | %8s %8s %8s\n' \
  events format MB "native s" "RSS MB" "wasm s" "RSS MB" "duckdb s" "RSS MB" \
  "x native" "x wasm" "mem x"
for n in $SIZES; do
  dir=$DATA/$n
  mkdir -p "$dir" "$DATA/out"
  [ -f "$dir/events.csv" ] || node bench/compare/gen_events.cjs "$n" "$dir/events.csv"
  if [[ " $FORMATS " == *" ndjson "* ]] && [ ! -f "$dir/events.ndjson" ]; then
    node bench/compare/to_segment.cjs "$dir/events.csv" "$dir/events.ndjson"
  fi
  for format in $FORMATS; do
    file=$dir/events.$format
    duck_format=csv; [ "$format" = ndjson ] && duck_format=segment
    t=$(mktemp -d)
    for _ in $(seq "$RUNS"); do
      timed "$t/native" "$CLI" score "$file" --out "$DATA/out/native.json"
      [ "$WASM" = 1 ] && timed "$t/wasm" node bench/compare/wasm_score.mjs "$file" "$DATA/out/wasm.json"
      timed "$t/duck" node bench/compare/duckdb_aggregate.mjs "$file" "$duck_format" "$DUCKDB_THREADS"
    done
    # DuckDB's query time from its own output, in seconds.
    sed -n 's/.*"query_ms":\([0-9.]*\).*/\1/p' "$t/duck.stdout" | awk '{printf "%.3f\n", $1 / 1000}' >"$t/duck_query"
    native_s=$(col "$t/native" 1); native_mb=$(col "$t/native" 2)
    duck_s=$(median <"$t/duck_query"); duck_mb=$(col "$t/duck" 2)
    wasm_s=-; wasm_mb=-; wasm_x=-
    if [ "$WASM" = 1 ]; then
      wasm_s=$(col "$t/wasm" 1); wasm_mb=$(col "$t/wasm" 2); wasm_x=$(ratio "$duck_s" "$wasm_s")
      cmp -s "$DATA/out/native.json" "$DATA/out/wasm.json" || echo "compare.sh: the WebAssembly report differs from the native one ($file)" >&2
    fi
    printf '%-9s %-7s %6s | %9s %8s | %9s %8s | %9s %8s | %8s %8s %8s\n' \
      "$n" "$format" $(( $(stat -c %s "$file") / 1000000 )) "$native_s" "$native_mb" "$wasm_s" "$wasm_mb" \
      "$duck_s" "$duck_mb" "$(ratio "$duck_s" "$native_s")" "$wasm_x" "$(ratio "$duck_mb" "$native_mb")"
    rm -rf "$t"
  done
done
rm -f "$DATA/out/native.json" "$DATA/out/wasm.json"
