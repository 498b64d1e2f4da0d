// The Worker RPC (worker-handler.js + worker-client.js) over a real MessageChannel: files go as
// Blobs/Files, are read in slices, progress arrives in order, errors come back as Errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { createEngine, connectWorker, IngestError } from 'pqlscope';
import { createWorkerHandler } from '../../wasm/js/worker-handler.js';
import { cases } from './support/fixtures.js';
import { fileBytes } from './support/native.js';
import { ingestCase } from './support/feeding.js';

const engine = await createEngine();

// A Worker stand-in: port1 is the client's "worker", port2 runs the handler.
function fakeWorker() {
  const { port1, port2 } = new MessageChannel();
  const handle = createWorkerHandler(Promise.resolve(engine), (message, transfer) => port2.postMessage(message, transfer));
  port2.on('message', (message) => handle(message));
  port1.terminate = () => { port1.close(); port2.close(); };
  port1.start();
  return port1;
}

test('worker: ingest Files in slices with progress; report and aggregates match the direct API', async (t) => {
  const client = connectWorker(fakeWorker());
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
  const client = connectWorker(fakeWorker());
  t.after(() => client.terminate());
  const blob = new Blob(['timestamp,account_id,event\n2024-01-01,a,e\n2024-13-01,a,e\n']);
  await assert.rejects(client.ingest([{ file: blob, name: 'events.csv', kind: 'events' }], { options: { strict: true } }), (error) => {
    assert.ok(error instanceof IngestError);
    assert.match(error.message, /^events\.csv:3:6: invalid_timestamp: /);
    assert.equal(error.issue.line, 3);
    return true;
  });
  const replies = [];
  await createWorkerHandler(Promise.resolve(engine), (message) => replies.push(message))({ id: 7, type: 'score', payload: {} });
  assert.deepEqual(replies, [{ id: 7, type: 'error', payload: { name: 'TypeError', message: 'pqlscope worker: unknown request type "score"' } }]);
  const validation = await client.validateModel({ activation: { steps: 3 } });
  assert.equal(validation.ok, false);
  assert.equal(validation.errors[0].path, '/activation/steps');
});

test('worker: a failed ingest frees its session', async (t) => {
  const client = connectWorker(fakeWorker());
  t.after(() => client.terminate());
  const ok = new Blob(['timestamp,account_id,event\n2024-01-01,a,e\n']);
  await client.ingest([{ file: ok, name: 'warm.csv' }]);
  await client.release();
  const before = engine.memory().allocatedBytes;
  const bad = new Blob(['timestamp,account_id,event\nnope,a,e\n']);
  await assert.rejects(client.ingest([{ file: bad, name: 'bad.csv' }], { options: { strict: true } }), IngestError);
  assert.equal(engine.memory().allocatedBytes, before);
});
