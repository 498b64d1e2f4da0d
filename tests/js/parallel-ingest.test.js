// Worker-parallel ingest (wasm/js/parallel-client.js, parallel-ingest.js; docs/ingest.md,
// "Parallel ingest in the browser"): a file read by several Workers, each a chunk, merged by the
// core's merge, gives exactly what one Worker gives (the reference: the one-pass ingest), for
// several worker counts; where a chunked read could differ (a split inside a quoted field, a
// message id in two chunks, a gzip file) it falls back to one Worker and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { MessageChannel } from 'node:worker_threads';
import { createEngine, connectWorker } from 'pqlscope';
import { createWorkerHandler } from '../../wasm/js/worker-handler.js';
import { chunkStarts } from '../../wasm/js/parallel-ingest.js';
import { rng } from './support/feeding.js';

const engine = await createEngine();

// A Worker stand-in over a MessageChannel, as in worker.test.js; helpers are more of them.
function fakeWorker() {
  const { port1, port2 } = new MessageChannel();
  const handle = createWorkerHandler(Promise.resolve(engine), (message, transfer) => port2.postMessage(message, transfer));
  port2.on('message', (message) => handle(message));
  port1.terminate = () => { port1.close(); port2.close(); };
  port1.start();
  return port1;
}

const day = (i) => `2024-0${1 + (i % 6)}-${String(1 + (i % 27)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00Z`;

// CSV whose `note` column holds quoted line breaks on every third row, with a few bad rows (their
// positions in the report must be the file's, not a chunk's).
function quotedCsv(rows) {
  const lines = ['timestamp,account_id,user_id,event,note'];
  for (let i = 0; i < rows; ++i) {
    const note = i % 3 === 0 ? `"first line ${i}\nsecond, line"` : `plain ${i}`;
    const time = i % 401 === 7 ? 'not a time' : day(i);
    lines.push(`${time},acct-${i % 37},user-${i % 211},event-${i % 9},${note}`);
  }
  return lines.join('\n') + '\n';
}

// Segment-shaped JSON lines of varied length (records straddle every even split point).
function jsonLines(rows, { repeatId = false } = {}) {
  const next = rng(12);
  const lines = [];
  for (let i = 0; i < rows; ++i) {
    // Ids are scoped by event name (docs/ingest.md, "Duplicates"): the copy keeps record 5's name.
    const copy = repeatId && i === rows - 3;
    const messageId = copy ? 'm-5' : `m-${i}`;
    const pad = 'x'.repeat(Math.floor(next() * 200));
    lines.push(JSON.stringify({ type: 'track', event: `event-${copy ? 5 : i % 11}`, userId: `user-${i % 173}`, timestamp: day(i), messageId, context: { groupId: `acct-${i % 29}` }, properties: { pad } }));
  }
  return lines.join('\n') + '\n';
}

async function oneWorker(file, name) {
  const client = connectWorker(fakeWorker());
  try {
    return await client.ingest([{ file, name, kind: 'events' }], { returnAggregates: true });
  } finally {
    client.terminate();
  }
}

async function onWorkers(file, name, workers) {
  const client = connectWorker(fakeWorker(), { spawn: fakeWorker });
  try {
    return await client.ingest([{ file, name, kind: 'events' }], { returnAggregates: true, workers, minChunkBytes: 1, sliceBytes: 4096 });
  } finally {
    client.terminate();
  }
}

test('parallel ingest: CSV with quoted line breaks gives one Worker\'s results for 2-7 Workers', async () => {
  const file = new Blob([quotedCsv(3000)]);
  const reference = await oneWorker(file, 'events.csv');
  assert.ok(reference.report.rejected > 0, 'the file has bad rows');
  const outcomes = [];
  for (let workers = 2; workers <= 7; ++workers) {
    const result = await onWorkers(file, 'events.csv', workers);
    assert.deepEqual(result.report, reference.report, `${workers} workers`);
    assert.equal(result.aggregatesJson, reference.aggregatesJson, `${workers} workers`);
    outcomes.push(result.parallel);
  }
  // Both paths were taken: chunks merged, and a split inside a quoted field read in one pass.
  assert.ok(outcomes.some((p) => p.chunks > 1 && p.fallback === ''), JSON.stringify(outcomes));
  // A chunk that starts inside a quoted field reaches its end inside quotes: it stops at a
  // file-level problem (or the chunk before it ends inside the quote), and one pass reads the file.
  assert.ok(outcomes.some((p) => p.chunks === 1 && /quoted field|stopped at a file-level problem/.test(p.fallback)), JSON.stringify(outcomes));
});

test('parallel ingest: JSON lines split mid-record give one Worker\'s results for 2-6 Workers', async () => {
  const text = jsonLines(2500);
  const file = new Blob([text]);
  const reference = await oneWorker(file, 'events.jsonl');
  for (let workers = 2; workers <= 6; ++workers) {
    // The even split points fall inside records: the chunks start at the next line end.
    const starts = await chunkStarts(file, 0, workers, 1);
    assert.equal(starts.length, workers);
    assert.ok(starts.slice(1).every((s) => text[s - 1] === '\n'));
    assert.ok(starts.slice(1).some((s, k) => s !== Math.floor(file.size / workers) * (k + 1)));
    const result = await onWorkers(file, 'events.jsonl', workers);
    assert.deepEqual(result.parallel, { chunks: workers, fallback: '' });
    assert.deepEqual(result.report, reference.report, `${workers} workers`);
    assert.equal(result.aggregatesJson, reference.aggregatesJson, `${workers} workers`);
  }
});

test('parallel ingest: a message id in two chunks, a gzip file and strict mode are read on one Worker', async () => {
  const repeated = new Blob([jsonLines(2500, { repeatId: true })]);
  const reference = await oneWorker(repeated, 'events.jsonl');
  assert.equal(reference.report.duplicates, 1);
  const result = await onWorkers(repeated, 'events.jsonl', 3);
  assert.match(result.parallel.fallback, /message id/);
  assert.deepEqual(result.report, reference.report);
  assert.equal(result.aggregatesJson, reference.aggregatesJson);

  const gz = new Blob([gzipSync(Buffer.from(quotedCsv(500)))]);
  const gzResult = await onWorkers(gz, 'events.csv.gz', 3);
  assert.match(gzResult.parallel.fallback, /compressed/);
  assert.deepEqual(gzResult.report, (await oneWorker(gz, 'events.csv.gz')).report);

  const client = connectWorker(fakeWorker(), { spawn: fakeWorker });
  try {
    const strict = await client.ingest([{ file: new Blob([jsonLines(300)]), name: 'e.jsonl' }], { workers: 3, minChunkBytes: 1, options: { strict: true } });
    assert.deepEqual(strict.parallel, { chunks: 1, fallback: 'strict mode stops at the first problem' });
  } finally {
    client.terminate();
  }
});

test('parallel ingest: an accounts file after the split events file is read as one Worker reads it', async () => {
  const files = [
    { file: new Blob([jsonLines(2500)]), name: 'events.jsonl', kind: 'events' },
    { file: new Blob(['account_id,name,plan\nacct-3,Acme,enterprise\nacct-99,Nobody,trial\n']), name: 'accounts.csv', kind: 'accounts' },
  ];
  const one = connectWorker(fakeWorker());
  const many = connectWorker(fakeWorker(), { spawn: fakeWorker });
  try {
    const reference = await one.ingest(files, { returnAggregates: true });
    const result = await many.ingest(files, { returnAggregates: true, workers: 4, minChunkBytes: 1 });
    assert.deepEqual(result.parallel, { chunks: 4, fallback: '' });
    assert.deepEqual(result.report, reference.report);
    assert.equal(result.aggregatesJson, reference.aggregatesJson);
    const twoEventFiles = await many.ingest([files[0], { ...files[0], name: 'more.jsonl' }], { workers: 4, minChunkBytes: 1 });
    assert.deepEqual(twoEventFiles.parallel, { chunks: 1, fallback: 'several events files' });
  } finally {
    one.terminate();
    many.terminate();
  }
});
