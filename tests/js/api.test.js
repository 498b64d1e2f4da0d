// The wrapper API: errors, progress, model validation, options, and that delete() frees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, IngestError } from 'pqlscope';

const engine = await createEngine();
const encode = (text) => new TextEncoder().encode(text);
// Node 20 has no `using` declarations: free through the test's after() hook instead.
const owned = (t, object) => (t.after(() => object[Symbol.dispose]()), object);

test('strict mode: the first rejected row becomes an IngestError with file:line:column', (t) => {
  const session = owned(t, engine.ingest({ strict: true }));
  session.addFile('events.csv', 'events');
  assert.throws(
    () => {
      session.feed(encode('timestamp,account_id,event\n2024-01-01,a,e\n2024-13-01,a,e\n'));
      session.finish();
    },
    (error) => {
      assert.ok(error instanceof IngestError && error instanceof Error);
      assert.equal(error.message, "events.csv:3:6: invalid_timestamp: invalid date: '2024-13-01' (field 'timestamp')");
      assert.deepEqual(
        { code: error.issue.code, file: error.issue.file, line: error.issue.line, column: error.issue.column, field: error.issue.field },
        { code: 'invalid_timestamp', file: 'events.csv', line: 3, column: 6, field: 'timestamp' },
      );
      return true;
    },
  );
});

test('lenient mode: rejected rows are counted by code and located in the report', (t) => {
  const session = owned(t, engine.ingest({ maxIssues: 2 }));
  session.addFile('events.csv');
  session.feed(encode('timestamp,account_id,event\nnope,a,e\n2024-01-01,a,e,x\nnope,a,e\n2024-01-01,a,e\n'));
  const report = session.finish();
  assert.equal(report.events, 1);
  assert.equal(report.rejected, 3);
  assert.deepEqual(report.rejected_by_code, { wrong_column_count: 1, unknown_timestamp_format: 2 });
  assert.equal(report.issues.length, 2);
  assert.equal(report.issues_not_kept, 1);
  assert.deepEqual(Object.keys(report.issues[0]), ['code', 'file', 'line', 'column', 'byte_offset', 'field', 'message']);
  assert.deepEqual([report.issues[0].line, report.issues[0].column, report.issues[0].byte_offset], [2, 1, 27]);
  // The extra column of line 3 starts at column 16.
  assert.deepEqual([report.issues[1].line, report.issues[1].column, report.issues[1].byte_offset], [3, 16, 51]);
  assert.equal(session.report, report);
});

test('progress counts bytes, rows, events, rejected and duplicates as they arrive', (t) => {
  const session = owned(t, engine.ingest());
  assert.deepEqual(session.progress(), { bytes: 0, rows: 0, events: 0, rejected: 0, duplicates: 0 });
  session.addFile('e.csv', 'events', 'csv');
  const text = 'timestamp,account_id,event\n2024-01-01T00:00:00Z,a,e\n2024-01-01T00:00:00Z,a,e\nbad,a,e\n';
  session.feed(encode(text));
  session.endFile();
  const p = session.progress();
  assert.equal(p.bytes, text.length);
  assert.equal(p.rows, 3);
  assert.equal(p.events + p.duplicates + p.rejected, 3);
  assert.equal(p.rejected, 1);
});

test('bad options and misuse are TypeErrors / Errors with the reason, never opaque', (t) => {
  assert.throws(() => engine.ingest({ maxIssues: -1 }), { name: 'TypeError', message: /max_issues/ });
  assert.throws(() => engine.ingest({ bufferBytes: 0 }), TypeError);
  const session = owned(t, engine.ingest());
  assert.throws(() => session.addFile('x', 'clicks'), { name: 'TypeError', message: /kind/ });
  assert.throws(() => session.addFile('x', 'events', { mapping: { tmestamp: 'When' } }), {
    name: 'TypeError', message: 'mapping.tmestamp: not a role of events files',
  });
  assert.throws(() => session.addFile('x', 'events', 'xml'), { name: 'TypeError', message: /format/ });
  assert.throws(() => session.addFile('x', 'events', { epochUnit: 'minutes' }), { name: 'TypeError', message: /epoch_unit/ });
  assert.throws(() => session.addFile('x', 'events', { dateOrder: 'ymd' }), { name: 'TypeError', message: /date_order/ });
  assert.throws(() => session.aggregatesJson(), { name: 'Error', message: /after finish\(\)/ });
  assert.throws(() => session.feed('text'), TypeError);
  session.finish();
  assert.throws(() => session.addFile('late.csv'), { message: /after finish\(\)/ });
  assert.throws(() => session.finish(), { message: /twice/ });
});

test('validateModel: every key is optional; errors carry JSON Pointer paths', () => {
  assert.deepEqual(engine.validateModel('{}'), { ok: true, errors: [], warnings: [] });
  assert.equal(engine.validateModel({ pqlscope_model: 1, _comment: 'ignored' }).ok, true);
  const bad = engine.validateModel({ activation: { steps: 3 }, colour: 'red' });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.errors.map((e) => e.path).sort(), ['/activation/steps', '/colour']);
  const lenient = engine.validateModel({ colour: 'red' }, { unknownKeys: 'warning' });
  assert.equal(lenient.ok, true);
  assert.equal(lenient.warnings[0].path, '/colour');
  const syntax = engine.validateModel('{\n  "as_of": }');
  assert.equal(syntax.ok, false);
  assert.equal(syntax.errors[0].line, 2);
  assert.ok(syntax.errors[0].column > 0);
});

test('delete() frees the session: WebAssembly allocations return to their level', () => {
  const text = encode('timestamp,account_id,user_id,event\n' + '2024-01-01T00:00:00Z,a,u,e\n'.repeat(20000));
  const run = () => {
    const session = engine.ingest({ bufferBytes: 1 << 20 });
    session.addFile('e.csv');
    session.feed(text);
    session.finish();
    session.aggregatesJson();
    return session;
  };
  run().delete();  // warms up the core's one-time tables
  const before = engine.memory().allocatedBytes;
  const session = run();
  assert.ok(engine.memory().allocatedBytes > before + (1 << 20), 'a live session holds its buffer and aggregates');
  session.delete();
  assert.equal(engine.memory().allocatedBytes, before);
  assert.equal(session.deleted, true);
  session.delete();  // idempotent
  assert.throws(() => session.progress(), /after delete\(\)/);
  for (let i = 0; i < 20; ++i) run()[Symbol.dispose]();
  assert.equal(engine.memory().allocatedBytes, before);
});

test('a failed ingest() frees what it allocated', () => {
  const before = engine.memory().allocatedBytes;
  // More than a wasm32 vector may hold: length_error in C++, a RangeError here.
  assert.throws(() => engine.ingest({ bufferBytes: 2 ** 32 - 1 }), { name: 'RangeError', message: /too large/ });
  assert.throws(() => engine.ingest({ bufferBytes: 2 ** 33 }), RangeError);
  assert.equal(engine.memory().allocatedBytes, before);
});

// European Excel: ';', Windows-1252 (0xE9 = é), day/month values that cannot tell the order.
test('dateOrder and epochUnit reach the core; the report names the encoding and delimiter', (t) => {
  const bytes = new Uint8Array([...encode('timestamp;account_id;event\r\n01/03/2024 14:30;Soci'), 0xe9, ...encode('t;login\r\n')]);
  const session = owned(t, engine.ingest());
  session.addFile('excel.csv', 'events', { dateOrder: 'dmy' });
  session.feed(bytes);
  const report = session.finish();
  assert.equal(report.events, 1);
  assert.equal(report.rejected, 0);
  assert.equal(report.files[0].encoding, 'windows-1252');
  assert.equal(report.files[0].delimiter, ';');
  const asked = owned(t, engine.ingest());
  asked.addFile('excel.csv', 'events');
  asked.feed(bytes);
  assert.deepEqual(asked.finish().rejected_by_code, { ambiguous_date: 1 });
  // 1709251200000000 microseconds is 2024-03-01T00:00:00Z (16 digits: microseconds anyway).
  const micro = owned(t, engine.ingest());
  micro.addFile('e.csv', 'events', { epochUnit: 'us' });
  micro.feed(encode('timestamp,account_id,event\n1709251200000000,a,e\n'));
  assert.equal(micro.finish().events, 1);
});
