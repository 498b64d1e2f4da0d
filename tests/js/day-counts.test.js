// The package scores a day-count file (docs/aggregates.md, version 2) like the raw events it was
// made from: recognised by its header even when added as another kind (the dashboard guesses
// kinds from file names), re-scoring included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from 'pqlscope';

const engine = await createEngine();

const events =
  'timestamp,account_id,user_id,event\n' +
  '2024-03-01T09:00:00Z,acme,alice,project_created\n' +
  '2024-03-02T09:00:00Z,acme,bob,report_created\n' +
  '2024-03-03T09:00:00Z,globex,carol,login\n';
// The same events written by hand: 2024-03-01T09:00Z = 1709283600000 ms, day 19783.
const dayCounts =
  'level,entity_id,account_id,event,day,count,first_event_ms,last_event_ms,in_several_accounts\n' +
  'event_total,project_created,,,,1,1709283600000,1709283600000,\n' +
  'event_total,report_created,,,,1,1709370000000,1709370000000,\n' +
  'event_total,login,,,,1,1709456400000,1709456400000,\n' +
  'account_total,acme,,,,2,1709283600000,1709370000000,\n' +
  'account_total,globex,,,,1,1709456400000,1709456400000,\n' +
  'user_total,alice,acme,,,1,1709283600000,1709283600000,0\n' +
  'user_total,bob,acme,,,1,1709370000000,1709370000000,0\n' +
  'user_total,carol,globex,,,1,1709456400000,1709456400000,0\n' +
  'account,acme,,project_created,19783,1,,,\n' +
  'account,acme,,report_created,19784,1,,,\n' +
  'account,globex,,login,19785,1,,,\n' +
  'user,alice,,project_created,19783,1,,,\n' +
  'user,bob,,report_created,19784,1,,,\n' +
  'user,carol,,login,19785,1,,,\n';

function scored(name, kind, text, asOf) {
  const session = engine.ingest();
  try {
    session.addFile(name, kind);
    session.feed(new TextEncoder().encode(text));
    session.finish();
    session.score(null, { asOf: '2024-03-05' });
    const first = session.accountsCsv();
    session.rescore(null, { asOf });  // the dashboard's re-score: no file read again
    return { first, again: session.accountsCsv() };
  } finally {
    session.delete();
  }
}

test('a day-count file scores and re-scores like its raw events', () => {
  const raw = scored('events.csv', 'events', events, '2024-03-01');
  const counts = scored('company_counts.csv', 'accounts', dayCounts, '2024-03-01');
  assert.equal(counts.first, raw.first);
  assert.equal(counts.again, raw.again);
  assert.notEqual(raw.first, raw.again);  // the re-score did change something
});
