// The Worker RPC (worker-handler.js + worker-client.js) over a real MessageChannel: files go as
// Blobs/Files, are read in slices, progress arrives in order, errors come back as Errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, connectWorker, IngestError, ModelError } from 'pqlscope';
import { createWorkerHandler } from '../../wasm/js/worker-handler.js';
import { fakeWorker as workerOn } from './support/fake-worker.js';
import { cases } from './support/fixtures.js';
import { fileBytes } from './support/native.js';
import { ingestCase } from './support/feeding.js';

const engine = await createEngine();

test('worker: ingest Files in slices with progress; report and aggregates match the direct API', async (t) => {
  const client = connectWorker(workerOn(engine));
  t.after(() => client.terminate());
  const testCase = cases().find((c) => c.name === 'events, accounts and communications');
  const direct = ingestCase(engine, testCase, fileBytes);
  const files = testCase.files.map((f) => ({ file: new File([fileBytes(f)], f.name), kind: f.kind }));
  const progress = [];
  const result = await client.ingest(files, { sliceBytes: 16, returnAggregates: true, onProgress: (p) => progress.push(p) });
  assert.deepEqual(result.report, direct.report);
  assert.equal(result.aggregatesJson, direct.aggregatesJson);
  const totalBytes = files.reduce((n, f) => n + f.file.size, 0);
  assert.ok(progress.length >= totalBytes / 16);
  assert.deepEqual(Object.keys(progress[0]), ['file', 'fileIndex', 'bytes', 'totalBytes', 'events', 'rejected']);
  assert.equal(progress.at(-1).bytes, totalBytes);
  assert.equal(progress.at(-1).totalBytes, totalBytes);
  assert.ok(progress.every((p, i) => i === 0 || p.bytes > progress[i - 1].bytes));
  assert.equal(await client.aggregatesJson(), direct.aggregatesJson);
  await client.release();
  await assert.rejects(client.aggregatesJson(), /no finished ingest/);
});

test('worker: strict-mode errors arrive as IngestError; unknown requests as TypeError', async (t) => {
  const client = connectWorker(workerOn(engine));
  t.after(() => client.terminate());
  const blob = new Blob(['timestamp,account_id,event\n2024-01-01,a,e\n2024-13-01,a,e\n']);
  await assert.rejects(client.ingest([{ file: blob, name: 'events.csv', kind: 'events' }], { options: { strict: true } }), (error) => {
    assert.ok(error instanceof IngestError);
    assert.match(error.message, /^events\.csv:3:6: invalid_timestamp: /);
    assert.equal(error.issue.line, 3);
    return true;
  });
  const replies = [];
  await createWorkerHandler(Promise.resolve(engine), (message) => replies.push(message))({ id: 7, type: 'frobnicate', payload: {} });
  assert.deepEqual(replies, [{ id: 7, type: 'error', payload: { name: 'TypeError', message: 'pqlscope worker: unknown request type "frobnicate"' } }]);
  const validation = await client.validateModel({ activation: { steps: 3 } });
  assert.equal(validation.ok, false);
  assert.equal(validation.errors[0].path, '/activation/steps');
});

test('worker: a failed ingest frees its session', async (t) => {
  const client = connectWorker(workerOn(engine));
  t.after(() => client.terminate());
  const ok = new Blob(['timestamp,account_id,event\n2024-01-01,a,e\n']);
  await client.ingest([{ file: ok, name: 'warm.csv' }]);
  await client.release();
  const before = engine.memory().allocatedBytes;
  const bad = new Blob(['timestamp,account_id,event\nnope,a,e\n']);
  await assert.rejects(client.ingest([{ file: bad, name: 'bad.csv' }], { options: { strict: true } }), IngestError);
  assert.equal(engine.memory().allocatedBytes, before);
});

test('worker: score / rescore the kept ingest (no files resent); report bytes, chart columns and exports transferred', async (t) => {
  const client = connectWorker(workerOn(engine));
  t.after(() => client.terminate());
  await assert.rejects(client.score(null), /no finished ingest/);
  const testCase = cases().find((c) => c.name === 'events, accounts and communications');
  const files = testCase.files.map((f) => ({ file: new File([fileBytes(f)], f.name), kind: f.kind }));
  await client.ingest(files);

  const direct = engine.ingest();
  t.after(() => direct.delete());
  for (const f of testCase.files) direct.addFile(f.name, f.kind).feed(fileBytes(f)).endFile();
  direct.finish();
  const model = { engagement: { importance: { login: 4 } } };
  const expected = direct.scoreText(model, { asOf: '2024-03-02' });

  const scored = await client.score(model, { asOf: '2024-03-02' });
  assert.equal(scored.reportText, expected);
  assert.deepEqual(scored.report, JSON.parse(expected));
  const chart = scored.chart;
  assert.ok(chart.activation instanceof Float64Array && chart.persona instanceof Uint8Array);
  assert.deepEqual(chart, { ...direct.chartData(), names: direct.accountNames() });
  assert.deepEqual(await client.exports(), { accountsCsv: direct.accountsCsv(), alertsCsv: direct.alertsCsv() });

  const other = { engagement: { importance: { login: 0 } } };
  const rescored = await client.rescore(JSON.stringify(other), { asOf: '2024-03-02' });
  assert.deepEqual(rescored.summary, direct.rescore(other, { asOf: '2024-03-02' }));
  assert.deepEqual(rescored.chart, { ...direct.chartData(), names: direct.accountNames() });
  const withoutChart = await client.score(other, { asOf: '2024-03-02', chart: false, report: false });
  assert.equal(withoutChart.chart, undefined);
  assert.deepEqual(withoutChart.summary, rescored.summary);
  assert.deepEqual(await client.starterModel(), direct.starterModel());

  await assert.rejects(client.score({ activation: { steps: 3 } }), (error) => {
    assert.ok(error instanceof ModelError);
    assert.equal(error.validation.errors[0].path, '/activation/steps');
    return true;
  });
  await client.release();
  await assert.rejects(client.rescore(null), /no finished ingest/);
});

test('worker: the score reply puts the report and every chart column on the transfer list', async () => {
  const replies = [];
  const handle = createWorkerHandler(Promise.resolve(engine), (message, transfer) => replies.push({ message, transfer }));
  const blob = new Blob(['timestamp,account_id,user_id,event\n2024-01-01,a,u,x\n2024-01-02,b,v,y\n']);
  await handle({ id: 1, type: 'ingest', payload: { files: [{ file: blob, name: 'e.csv' }] } });
  await handle({ id: 2, type: 'score', payload: { model: null } });
  const { message, transfer } = replies.at(-1);
  assert.equal(message.type, 'result');
  const { report, chart } = message.payload;
  assert.ok(report instanceof ArrayBuffer);
  assert.deepEqual(transfer, [report, chart.activation.buffer, chart.engagement.buffer, chart.dealValue.buffer,
    chart.expectedRevenue.buffer, chart.persona.buffer, chart.personaCell.buffer, chart.pql.buffer, chart.stage.buffer,
    chart.segmentGroup.buffer, chart.priority.buffer]);
  assert.deepEqual(chart.ids, ['a', 'b']);
  await handle({ id: 3, type: 'release', payload: {} });
});

test('worker: releasePrevious frees the kept ingest before reading; without it a failure keeps it', async (t) => {
  const client = connectWorker(workerOn(engine));
  t.after(() => client.terminate());
  const good = new Blob(['timestamp,account_id,event\n2024-01-01,a,e\n2024-01-02,b,e\n']);
  const bad = new Blob(['timestamp,account_id,event\nnope,a,e\n']);
  await client.ingest([{ file: good, name: 'good.csv' }]);
  await client.rescore(null);
  await assert.rejects(client.ingest([{ file: bad, name: 'bad.csv' }], { options: { strict: true } }), IngestError);
  assert.equal((await client.rows({ limit: 5 })).total, 2, 'a failed ingest without releasePrevious keeps the previous data');
  await client.release();
  const empty = engine.memory().allocatedBytes;
  await client.ingest([{ file: good, name: 'good.csv' }]);
  await assert.rejects(client.ingest([{ file: bad, name: 'bad.csv' }], { options: { strict: true }, releasePrevious: true }), IngestError);
  assert.equal(engine.memory().allocatedBytes, empty, 'nothing is kept after a failed ingest that released the previous one');
  await assert.rejects(client.rows({}), /no finished ingest/);
});
