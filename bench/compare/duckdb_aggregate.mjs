// DuckDB's side of the comparison: the day-level aggregation pqlscope's ingest produces, on the
// same file, through DuckDB's npm package (native libduckdb), with a given number of threads.
//   node bench/compare/duckdb_aggregate.mjs FILE csv|segment [threads]
// Per (account, event, day) and (user, event, day): count, first and last time; then per
// account and per user: distinct events, first seen, last seen, total. Prints one JSON line:
// query_ms (the aggregation alone, after DuckDB is loaded) and a checksum row.
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';

const [fileArg, format = 'csv', threads = '2'] = process.argv.slice(2);
if (!fileArg || !['csv', 'segment'].includes(format)) {
  console.error('usage: node duckdb_aggregate.mjs FILE csv|segment [threads]');
  process.exit(2);
}
const file = path.resolve(fileArg).replaceAll("'", "''");

// The events as (timestamp, account_id, user_id, event), read once from the file.
const events = format === 'csv'
  ? `read_csv('${file}', header = true, auto_detect = false, delim = ',', quote = '"',
       columns = {'timestamp': 'TIMESTAMP', 'account_id': 'VARCHAR', 'user_id': 'VARCHAR', 'event': 'VARCHAR'})`
  : `(SELECT CAST("timestamp" AS TIMESTAMP) AS "timestamp", context.groupId AS account_id,
            userId AS user_id, event
       FROM read_json('${file}', format = 'newline_delimited',
            columns = {'timestamp': 'VARCHAR', 'event': 'VARCHAR', 'userId': 'VARCHAR',
                       'context': 'STRUCT(groupId VARCHAR)'}))`;

const statements = [
  `CREATE TEMP TABLE groups AS
   SELECT account_id, user_id, event, date_trunc('day', "timestamp") AS day,
          count(*) AS n, min("timestamp") AS first_ts, max("timestamp") AS last_ts
   FROM ${events}
   GROUP BY GROUPING SETS ((account_id, event, day), (user_id, event, day))`,
  `CREATE TEMP TABLE accounts AS
   SELECT account_id, count(DISTINCT event) AS event_types, min(first_ts) AS first_seen,
          max(last_ts) AS last_seen, sum(n) AS total
   FROM groups WHERE account_id IS NOT NULL GROUP BY account_id`,
  `CREATE TEMP TABLE users AS
   SELECT user_id, count(DISTINCT event) AS event_types, min(first_ts) AS first_seen,
          max(last_ts) AS last_seen, sum(n) AS total
   FROM groups WHERE user_id IS NOT NULL GROUP BY user_id`,
  `SELECT (SELECT count(*) FROM groups WHERE account_id IS NOT NULL) AS account_day_groups,
          (SELECT count(*) FROM groups WHERE user_id IS NOT NULL) AS user_day_groups,
          (SELECT count(*) FROM accounts) AS accounts,
          (SELECT count(*) FROM users) AS users,
          (SELECT sum(total) FROM accounts) AS events`,
];

const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const connection = await instance.connect();
const start = performance.now();
let result;
for (const sql of statements) result = await connection.runAndReadAll(sql);
const queryMs = performance.now() - start;
console.log(JSON.stringify({ impl: 'duckdb', format, threads: Number(threads), query_ms: +queryMs.toFixed(1),
  check: result.getRowObjectsJson()[0] }));
