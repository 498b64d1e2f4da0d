// Runs the SQL on stdin in DuckDB (the npm package @duckdb/node-api) over one CSV file loaded
// as a table, and writes the result as CSV with a header:
//   pqlscope sql --dialect duckdb --table events | node tests/warehouse/duckdb_run.mjs events.csv [out.csv]
// A CSV file's columns are loaded as text except `timestamp`, cast to TIMESTAMPTZ (the generator
// writes ISO-8601 UTC). A .ndjson file (the generator's PostHog shape) keeps its nested
// `properties` as a JSON value, as PostHog's events table holds it. The result goes to stdout
// when no output file is named; a .gz name is gzipped.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [csv, out = '/dev/stdout', table = 'events'] = process.argv.slice(2);
if (!csv) {
  console.error('usage: node duckdb_run.mjs EVENTS.csv [OUT.csv[.gz]] [TABLE] < query.sql');
  process.exit(64);
}
const query = readFileSync(0, 'utf8').trim().replace(/;\s*$/, '');
const quote = (text) => `'${text.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");
const json = csv.endsWith('.ndjson');
const replaced = json ? ', to_json(properties) AS properties' : '';
const reader = json
  ? `read_json_auto(${quote(csv)}, format = 'newline_delimited')`
  : `read_csv(${quote(csv)}, header = true, all_varchar = true)`;
await connection.run(
  `CREATE TABLE ${table} AS SELECT * REPLACE (CAST("timestamp" AS TIMESTAMPTZ) AS "timestamp"${replaced}) FROM ${reader}`,
);
const compression = out.endsWith('.gz') ? ", COMPRESSION 'gzip'" : '';
await connection.run(`COPY (${query}\n) TO ${quote(out)} (FORMAT CSV, HEADER${compression})`);
connection.closeSync();
