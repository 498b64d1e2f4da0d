// Engine.inspect() and the Worker's 'inspect' request: what the dashboard's mapping step shows
// for a file before it is read. Fixtures are written by hand in each tool's documented export
// shape; expected values are read off the rows written here.
// - PostHog events API: a page {"results": [{id, distinct_id, properties, event, timestamp,
//   elements_chain}], "next": url}; `properties.$groups` maps a group type to its key.
// - European Excel "CSV (semicolon delimited)": ';' between fields, Windows-1252 text.
// - GA4 BigQuery export flattened to CSV: event_timestamp in microseconds since the epoch.
// - Mixpanel raw export: JSON lines {"event", "properties": {"time" (epoch seconds), "distinct_id", "$insert_id"}}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { createEngine } from 'pqlscope';
import { fakeWorker as workerOn } from './support/fake-worker.js';
import { connectWorker } from '../../wasm/js/worker-client.js';
import { makeZip } from './support/zip.js';

const engine = await createEngine();
const encode = (text) => new TextEncoder().encode(text);
const roleField = (inspection, role) => inspection.roles.find((r) => r.role === role)?.field;

const posthogPage = JSON.stringify({
  next: 'https://app.posthog.com/api/projects/1/events/?after=2024-03-05T15%3A00%3A00Z',
  results: [
    { id: '018e1b2c-0001', distinct_id: 'u1', event: 'insight viewed', timestamp: '2024-03-05T14:07:09.123000+00:00',
      properties: { $groups: { company: 'acme' }, $browser: 'Firefox' }, elements_chain: '' },
    { id: '018e1b2c-0002', distinct_id: 'u2', event: 'dashboard created', timestamp: '2024-03-05T15:00:00.000000+00:00',
      properties: { $groups: { company: 'globex' } }, elements_chain: '' },
  ],
});

test('a PostHog API page: the records inside "results", roles from their fields', () => {
  const x = engine.inspect(encode(posthogPage), { complete: true });
  assert.equal(x.problem, '');
  assert.equal(x.format, 'json');
  assert.equal(x.wrapped, true);
  assert.equal(x.kind, 'events');
  assert.equal(x.sampled_records, 2);
  assert.equal(roleField(x, 'event'), 'event');
  assert.equal(roleField(x, 'user'), 'distinct_id');
  assert.equal(roleField(x, 'timestamp'), 'timestamp');
  assert.equal(roleField(x, 'account'), 'properties.$groups.company');
  assert.equal(x.preview.length, 2);
  assert.equal(x.preview[1][x.columns.indexOf('event')], 'dashboard created');
  assert.equal(x.preview[0][x.columns.indexOf('properties.$groups.company')], 'acme');
  assert.equal(x.timestamps_parsed, 2);
});

test('a European Excel accounts file: ";" and Windows-1252 noticed, kind accounts guessed', () => {
  // 0xE9 is "é" in Windows-1252.
  const bytes = Buffer.from('account_id;name;domain;employees;plan\r\nacme;Caf\xe9 Schmidt GmbH;cafe.de;50;trial\r\n', 'latin1');
  const x = engine.inspect(bytes, { complete: true });
  assert.equal(x.kind, 'accounts');
  assert.equal(x.kind_guessed, 'accounts');
  assert.equal(x.delimiter, ';');
  assert.equal(x.encoding, 'windows-1252');
  assert.deepEqual(x.columns, ['account_id', 'name', 'domain', 'employees', 'plan']);
  assert.deepEqual(x.preview, [['acme', 'Café Schmidt GmbH', 'cafe.de', '50', 'trial']]);
  assert.equal(roleField(x, 'account'), 'account_id');
  assert.equal(roleField(x, 'name'), 'name');
  // The same bytes inspected as events: the kind asked for wins, the guess stays.
  const asEvents = engine.inspect(bytes, { complete: true, kind: 'events' });
  assert.equal(asEvents.kind, 'events');
  assert.equal(asEvents.kind_guessed, 'accounts');
  assert.match(asEvents.missing, /timestamp/);
});

test('spreadsheet dates: ambiguous until dateOrder is given; a mapping is "chosen_by_you"', () => {
  const head = encode('when,who,what\n03/01/2024 14:30,u1,login\n04/02/2024 09:00,u2,login\n');
  const mapping = { timestamp: 'when', user: 'who', event: 'what' };
  const open = engine.inspect(head, { complete: true, mapping });
  assert.equal(open.slash_dates, true);
  assert.equal(open.date_order_ambiguous, true);
  assert.equal(open.timestamps_parsed, 0);
  assert.deepEqual(open.roles.filter((r) => r.field).map((r) => [r.role, r.field, r.reason]),
    [['timestamp', 'when', 'chosen_by_you'], ['user', 'who', 'chosen_by_you'], ['event', 'what', 'chosen_by_you']]);
  const decided = engine.inspect(head, { complete: true, mapping, dateOrder: 'dmy' });
  assert.equal(decided.date_order_ambiguous, false);
  assert.equal(decided.date_order, 'dmy');
  assert.equal(decided.timestamps_parsed, 2);
});

test('bad options fail naming the key; a head that is not bytes is a TypeError', () => {
  assert.throws(() => engine.inspect(encode('a,b\n1,2\n'), { kind: 'people' }), (e) => e instanceof TypeError && /kind/.test(e.message));
  assert.throws(() => engine.inspect(encode('a,b\n1,2\n'), { dateOrder: 'ymd' }), (e) => e instanceof TypeError && /date_order/.test(e.message));
  assert.throws(() => engine.inspect('a,b\n'), TypeError);
});

test('nothing readable: compressed bytes, an empty file, a header without rows', () => {
  assert.match(engine.inspect(gzipSync('x'), { complete: true }).problem, /gzip/i);
  assert.equal(engine.inspect(encode(''), { complete: true }).problem, 'the file is empty');
  assert.equal(engine.inspect(encode('timestamp,user_id,event\n'), { complete: true }).problem, 'the file has a header but no rows');
});

test('the Worker inspects the unpacked head: a gzipped GA4 CSV, a ZIP of Mixpanel JSON lines', async (t) => {
  const client = connectWorker(workerOn(engine));
  t.after(() => client.terminate());
  // 1709647629123456 us is 2024-03-05T14:07:09.123456Z.
  const ga4 = 'event_date,event_timestamp,event_name,user_pseudo_id,user_id\n' +
    '20240305,1709647629123456,session_start,1234.5678,\n20240305,1709647630000000,page_view,1234.5678,\n';
  const gz = await client.inspect(new Blob([gzipSync(ga4)]), { name: 'ga4.csv.gz' });
  assert.equal(gz.input, 'ga4.csv.gz');
  assert.equal(gz.inspection.source, 'ga4');
  assert.equal(gz.inspection.epoch_unit, 'us');
  assert.equal(roleField(gz.inspection, 'timestamp'), 'event_timestamp');
  assert.equal(roleField(gz.inspection, 'user'), 'user_pseudo_id');  // user_id is empty in every row
  assert.equal(gz.inspection.preview.length, 2);

  const mixpanel = '{"event":"Signed Up","properties":{"time":1709647629,"distinct_id":"u1","$insert_id":"i1"}}\n' +
    '{"event":"Report Run","properties":{"time":1709651229,"distinct_id":"u1","$insert_id":"i2"}}\n';
  const zip = await client.inspect(new Blob([makeZip([{ name: 'export.json', data: mixpanel }])]), { name: 'mixpanel.zip' });
  assert.equal(zip.input, 'mixpanel.zip!export.json');
  assert.equal(zip.inspection.format, 'ndjson');
  assert.equal(zip.inspection.epoch_unit, 's');
  assert.equal(roleField(zip.inspection, 'timestamp'), 'properties.time');
  assert.equal(roleField(zip.inspection, 'user'), 'properties.distinct_id');
  assert.equal(roleField(zip.inspection, 'message_id'), 'properties.$insert_id');

  // A head cut short leaves its last, incomplete row out.
  const cut = await client.inspect(new Blob([ga4]), { name: 'ga4.csv', headBytes: ga4.indexOf('\n20240305,17096476300') + 10 });
  assert.equal(cut.inspection.preview.length, 1);
});

test('the Worker\'s ingest gives a file stored as is its File.size, a gzipped one none', async (t) => {
  // A stand-in engine that records what the handler asks of its session.
  const added = [];
  const fakeEngine = {
    ingest: () => ({
      addFile: (name, kind, options) => added.push({ name, kind, size: options.size }),
      feed: () => {}, endFile: () => {}, progress: () => ({ events: 0, rejected: 0 }),
      finish: () => ({ files: [] }), delete: () => {},
    }),
  };
  const client = connectWorker(workerOn(fakeEngine));
  t.after(() => client.terminate());
  const plain = 'timestamp,user_id,event\n2024-03-05T14:07:09Z,u1,login\n';  // 24 + 30 bytes
  await client.ingest([
    { file: new Blob([plain]), name: 'plain.csv', kind: 'events' },
    { file: new Blob([gzipSync(plain)]), name: 'plain.csv.gz', kind: 'events' },
  ]);
  assert.deepEqual(added, [{ name: 'plain.csv', kind: 'events', size: 54 }, { name: 'plain.csv.gz', kind: 'events', size: undefined }]);
});
