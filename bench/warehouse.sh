#!/usr/bin/env bash
# The warehouse path measured (docs/aggregates.md, "Measured"): N generated events -> DuckDB runs
# `pqlscope sql` -> the gzipped day-count file (size, time) -> `pqlscope score --aggregates`,
# against `pqlscope score` of the raw CSV (time, peak memory, same export).
#   bash bench/warehouse.sh [EVENTS=10000000] [ACCOUNTS=20000] [DAYS=180]
set -euo pipefail
events=${1:-10000000} accounts=${2:-20000} days=${3:-180}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/native
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timed() {  # label, command...: wall seconds and peak RSS
  local label=$1; shift
  /usr/bin/time -f "$label: %e s, peak RSS %M KB" "$@"
}
"$build/examples/generator/pqlscope-gen" --seed 1 --events "$events" --accounts "$accounts" --days "$days" --out "$work/data" --quiet
echo "events.csv: $(stat -c %s "$work/data/events.csv") bytes, $(($(wc -l <"$work/data/events.csv") - 1)) events"
"$build/pqlscope" sql --dialect duckdb --table events >"$work/query.sql"
(cd "$root" && timed "DuckDB: load the CSV + run the SQL + write the gzipped day counts" \
  node tests/warehouse/duckdb_run.mjs "$work/data/events.csv" "$work/day_counts.csv.gz" <"$work/query.sql")
echo "day_counts.csv.gz: $(stat -c %s "$work/day_counts.csv.gz") bytes; $(gzip -dc "$work/day_counts.csv.gz" | wc -c) bytes, $(gzip -dc "$work/day_counts.csv.gz" | wc -l) lines uncompressed"
gzip -dc "$work/day_counts.csv.gz" | awk -F, 'NR > 1 { n[$1]++ } END { for (l in n) printf "  %s rows: %d\n", l, n[l] }' | sort
timed "pqlscope score events.csv" "$build/pqlscope" score "$work/data/events.csv" --csv "$work/raw.csv" --top 0 >/dev/null
timed "pqlscope score --aggregates day_counts.csv.gz" "$build/pqlscope" score --aggregates "$work/day_counts.csv.gz" \
  --csv "$work/warehouse.csv" --top 0 >/dev/null
cmp "$work/raw.csv" "$work/warehouse.csv" && echo "per-account CSV export: identical ($(($(wc -l <"$work/raw.csv") - 1)) accounts)"
