#!/usr/bin/env bash
# Proof on real engines: the SQL `pqlscope sql` prints, run by DuckDB (npm @duckdb/node-api) or
# PostgreSQL (Debian's postgresql, a throw-away cluster on a socket in a temp dir), over the
# generator's events, must give a day-count file that `pqlscope score --aggregates` scores to
# the very same per-account CSV export as `pqlscope score events.csv` (compared byte for byte),
# with and without the accounts file.
#   tests/warehouse/engines_check.sh duckdb|postgres PQLSCOPE PQLSCOPE_GEN EVENTS [ACCOUNTS]
set -euo pipefail
engine=$1 pqlscope=$2 gen=$3 events=${4:-200000} accounts=${5:-2000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
pg_bin="" pg_data=""
as_db_user() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    as_db_user "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

"$gen" --seed 7 --accounts "$accounts" --events "$events" --days 120 --out "$work/data" --quiet
"$pqlscope" sql --dialect "$engine" --table events >"$work/query.sql"

case $engine in
  duckdb)
    (cd "$root" && node "$here/duckdb_run.mjs" "$work/data/events.csv" "$work/day_counts.csv.gz" <"$work/query.sql")
    # A source shape with JSON and message ids: the PostHog events table, every 20th event sent
    # twice (same uuid: counted once by both sides).
    "$gen" --seed 8 --accounts $((accounts / 10)) --events $((events / 10)) --days 60 --format ndjson --shape posthog \
      --out "$work/posthog" --quiet
    awk 'NR % 20 == 0' "$work/posthog/events.ndjson" >"$work/posthog/again.ndjson"
    cat "$work/posthog/again.ndjson" >>"$work/posthog/events.ndjson"
    "$pqlscope" sql --dialect duckdb --source posthog --table events |
      (cd "$root" && node "$here/duckdb_run.mjs" "$work/posthog/events.ndjson" "$work/posthog/day_counts.csv")
    "$pqlscope" score "$work/posthog/events.ndjson" --csv "$work/posthog/raw.csv" --top 0 >"$work/posthog/raw.txt"
    grep -q " [1-9][0-9]* duplicates dropped" "$work/posthog/raw.txt"  # the copies were there to drop
    "$pqlscope" score --aggregates "$work/posthog/day_counts.csv" --csv "$work/posthog/warehouse.csv" --top 0 >/dev/null
    cmp "$work/posthog/raw.csv" "$work/posthog/warehouse.csv"
    echo "duckdb, posthog shape: $(wc -l <"$work/posthog/again.ndjson") events sent twice, scored identically"
    ;;
  postgres)
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
    pg_data="$work/pg"
    # PostgreSQL refuses to run as root: the cluster belongs to the postgres user then.
    chmod 755 "$work"
    if [ "$(id -u)" -eq 0 ]; then install -d -o postgres "$pg_data"; else mkdir "$pg_data"; fi
    as_db_user "$pg_bin/initdb" -D "$pg_data" -U pqlscope --auth=trust --encoding=UTF8 --locale=C >/dev/null
    # No TCP port: only a socket in the temp dir, so nothing else on the machine is touched.
    as_db_user "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/log" -w \
      -o "-c listen_addresses='' -k $pg_data -c fsync=off" start >/dev/null
    psql=("$pg_bin/psql" -h "$pg_data" -U pqlscope -d postgres -v ON_ERROR_STOP=1 -q)
    "${psql[@]}" -c 'CREATE TABLE events ("timestamp" timestamptz, account_id text, user_id text, event text)'
    "${psql[@]}" -c "\\copy events FROM '$work/data/events.csv' WITH (FORMAT csv, HEADER)"
    query=$(sed -e 's/;[[:space:]]*$//' "$work/query.sql")
    "${psql[@]}" -c "COPY ($query
) TO STDOUT WITH (FORMAT csv, HEADER)" | gzip >"$work/day_counts.csv.gz"
    ;;
  *) echo "engine must be duckdb or postgres" >&2; exit 64 ;;
esac

"$pqlscope" score "$work/data/events.csv" --csv "$work/raw.csv" --top 0 >/dev/null
"$pqlscope" score --aggregates "$work/day_counts.csv.gz" --csv "$work/warehouse.csv" --top 0 >/dev/null
cmp "$work/raw.csv" "$work/warehouse.csv"
"$pqlscope" score "$work/data/events.csv" --accounts "$work/data/accounts.csv" --csv "$work/raw_a.csv" --top 0 >/dev/null
"$pqlscope" score --aggregates "$work/day_counts.csv.gz" --accounts "$work/data/accounts.csv" \
  --csv "$work/warehouse_a.csv" --top 0 >/dev/null
cmp "$work/raw_a.csv" "$work/warehouse_a.csv"
rows=$(($(wc -l <"$work/raw.csv") - 1))
echo "$engine: $events events -> $(gzip -dc "$work/day_counts.csv.gz" | wc -l) day-count lines; $rows accounts scored identically"
