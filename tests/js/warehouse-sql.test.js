// The day-count SQL of the dialects no test runs for real (tests/warehouse/engines_check.sh
// runs DuckDB and PostgreSQL) must at least parse in a maintained parser of that dialect:
// node-sql-parser's bigquery, snowflake and hive (Spark SQL's HiveQL base) grammars. ClickHouse
// has no grammar there: its golden text is reviewed by hand (tests/warehouse/day_counts_sql_test.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodeSqlParser from 'node-sql-parser';

const golden = fileURLToPath(new URL('../warehouse/golden/', import.meta.url));
const grammar = { bigquery: 'bigquery', snowflake: 'snowflake', spark: 'hive' };
const parser = new nodeSqlParser.Parser();

const files = readdirSync(golden).filter((f) => grammar[f.split('-')[0]]);
test('there are goldens for every parsed dialect', () => {
  assert.deepEqual(new Set(files.map((f) => f.split('-')[0])), new Set(Object.keys(grammar)));
});
for (const file of files) {
  test(`${file} parses as ${grammar[file.split('-')[0]]}`, () => {
    const sql = readFileSync(golden + file, 'utf8');
    const ast = parser.astify(sql, { database: grammar[file.split('-')[0]] });
    const statement = Array.isArray(ast) ? ast[0] : ast;
    assert.equal(statement.type, 'select');
    // The outer query names the nine columns of the day-count table, in order
    // (docs/aggregates.md, version 2).
    assert.deepEqual(
      statement.columns.map((c) => c.as),
      ['level', 'entity_id', 'account_id', 'event', 'day', 'count', 'first_event_ms', 'last_event_ms', 'in_several_accounts'],
    );
  });
}
