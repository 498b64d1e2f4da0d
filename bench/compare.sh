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
# CPU columns are user + system seconds of the process (DuckDB's: its whole process, loading
# and reading included, on DUCKDB_THREADS threads): on a loaded machine, compare these.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000000 10000000"}
RUNS=${RUNS:-3}
FORMATS=${FORMATS:-"csv ndjson"}
WASM=${WASM:-1}
DUCKDB_THREADS=${DUCKDB_THREADS:-2}
DATA=bench/data/compare

# ccache only when installed (the project does not install it): a launcher that is missing
# would break every later build in that build directory.
if [ -z "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ] && command -v ccache >/dev/null; then
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
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
# PQLSCOPE_CLI: another pqlscope binary to measure (e.g. a copy of an earlier build), same files.
CLI=${PQLSCOPE_CLI:-build/native/pqlscope}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# Runs a command under /usr/bin/time -v; appends "seconds rss_mb cpu_seconds" to the file named
# $1 (CPU = user + system time of the process: the figure to read on a loaded machine).
timed() {
  local into=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" >"$log.out" 2>"$log" || { cat "$log" "$log.out" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
              /Maximum resident set size/ { rss = $2 / 1024 }
              /User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
              END { printf "%.3f %.0f %.3f\n", s, rss, cpu }' "$log" >>"$into"
  cat "$log.out" >>"$into.stdout"
  rm -f "$log" "$log.out"
}
col() { awk -v c="$2" '{print $c}' "$1" | median; }

printf '%-9s %-7s %6s | %9s %8s %8s | %9s %8s %8s | %9s %8s | %8s %8s %8s | %s\n' \
  events format MB "native s" "cpu s" "RSS MB" "wasm s" "cpu s" "RSS MB" "duckdb s" "RSS MB" \
  "x native" "x wasm" "mem x" "duckdb process cpu s"
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
    native_s=$(col "$t/native" 1); native_mb=$(col "$t/native" 2); native_cpu=$(col "$t/native" 3)
    duck_s=$(median <"$t/duck_query"); duck_mb=$(col "$t/duck" 2)
    wasm_s=-; wasm_mb=-; wasm_cpu=-; wasm_x=-
    if [ "$WASM" = 1 ]; then
      wasm_s=$(col "$t/wasm" 1); wasm_mb=$(col "$t/wasm" 2); wasm_cpu=$(col "$t/wasm" 3); wasm_x=$(ratio "$duck_s" "$wasm_s")
      cmp -s "$DATA/out/native.json" "$DATA/out/wasm.json" || echo "compare.sh: the WebAssembly report differs from the native one ($file)" >&2
    fi
    printf '%-9s %-7s %6s | %9s %8s %8s | %9s %8s %8s | %9s %8s | %8s %8s %8s | %s\n' \
      "$n" "$format" $(( $(stat -c %s "$file") / 1000000 )) "$native_s" "$native_cpu" "$native_mb" \
      "$wasm_s" "$wasm_cpu" "$wasm_mb" \
      "$duck_s" "$duck_mb" "$(ratio "$duck_s" "$native_s")" "$wasm_x" "$(ratio "$duck_mb" "$native_mb")" "$(col "$t/duck" 3)"
    rm -rf "$t"
  done
done
rm -f "$DATA/out/native.json" "$DATA/out/wasm.json"
