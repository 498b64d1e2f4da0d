// Runs the SQL on stdin in DuckDB (the npm package @duckdb/node-api) over one CSV file loaded
// as a table, and writes the result as CSV with a header:
//   pqlscope sql --dialect duckdb --table events | node tests/warehouse/duckdb_run.mjs events.csv [out.csv]
// Every column is loaded as text except `timestamp`, cast to TIMESTAMPTZ (the generator writes
// ISO-8601 UTC). The result goes to stdout when no output file is named; a .gz name is gzipped.
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
await connection.run(
  `CREATE TABLE ${table} AS SELECT * REPLACE (CAST("timestamp" AS TIMESTAMPTZ) AS "timestamp") ` +
    `FROM read_csv(${quote(csv)}, header = true, all_varchar = true)`,
);
const compression = out.endsWith('.gz') ? ", COMPRESSION 'gzip'" : '';
await connection.run(`COPY (${query}\n) TO ${quote(out)} (FORMAT CSV, HEADER${compression})`);
connection.closeSync();
