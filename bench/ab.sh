#!/usr/bin/env bash
# Two pqlscope binaries on the same file, side by side in one run, with DuckDB's whole process
# between rounds: `pqlscope score FILE --out report.json` (the user's whole job) RUNS times each,
# medians of wall and CPU seconds and peak RSS, and whether the two reports are the same bytes.
#   bash bench/ab.sh BEFORE_BINARY AFTER_BINARY FILE [RUNS]     (FILE: .csv, or Segment .ndjson)
# The two binaries take turns running first after DuckDB: on the shared VM the process that
# follows DuckDB's (which frees ~400 MB at 1M events) pays more for its first touches of memory,
# 0.47 against 0.38 s for the very same binary (docs/performance-round-5.md), so a fixed order
# favours the binary that never runs there.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2 file=$3 runs=${4:-8}
case "$file" in *.csv) duck_format=csv ;; *) duck_format=segment ;; esac
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
one() {  # one run of binary $2 as "$1": wall, user + system seconds, peak RSS in MB
  /usr/bin/time -f "$1 %e %U %S %M" -a -o "$out/times" "$2" score "$file" --out "$out/$1.json" >/dev/null 2>&1
}
for i in $(seq "$runs"); do
  if [ $((i % 2)) = 1 ]; then one before "$before"; one after "$after"; else one after "$after"; one before "$before"; fi
  /usr/bin/time -f "duckdb %e %U %S %M" -a -o "$out/times" node bench/compare/duckdb_aggregate.mjs "$file" "$duck_format" 2 >/dev/null 2>&1
done
awk '
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " ($3 + $4); rss[$1] = rss[$1] " " $5 / 1024 }
  function median(list,    n, v, i, j, t) {
    n = split(list, v, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  END {
    for (k = 1; k <= 3; k++) {
      name = k == 1 ? "before" : k == 2 ? "after" : "duckdb"
      m[name] = median(wall[name])
      printf "%-7s wall %.3f s  cpu %.2f s  rss %.0f MB\n", name, m[name], median(cpu[name]), median(rss[name])
    }
    printf "DuckDB process / pqlscope: before %.2fx, after %.2fx\n", m["duckdb"] / m["before"], m["duckdb"] / m["after"]
  }' "$out/times"
if cmp -s "$out/before.json" "$out/after.json"; then echo "reports: the same bytes"; else echo "reports: DIFFER"; fi
