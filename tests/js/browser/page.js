// Runs in Chromium under a strict CSP: the engine on the main thread and in the module Worker
// on the same bytes; posts everything back to browser.test.js.
import { createEngine, createWorkerClient, IngestError } from '/wasm/js/index.browser.js';
import { sortedCsv } from './data.js';

const out = {};
try {
  const bytes = new TextEncoder().encode(sortedCsv(100000));
  const engine = await createEngine();
  const session = engine.ingest();
  session.addFile('events.csv', 'events');
  for (let at = 0; at < bytes.length; at += 65536) session.feed(bytes.subarray(at, at + 65536));
  out.main = { report: session.finish(), aggregatesJson: session.aggregatesJson() };
  session.delete();

  const worker = createWorkerClient();
  const progress = [];
  const file = new File([bytes], 'events.csv');
  out.worker = await worker.ingest([{ file, kind: 'events' }], {
    sliceBytes: 1 << 20, returnAggregates: true, onProgress: (p) => progress.push(p.bytes),
  });
  out.progress = progress;
  try {
    await worker.ingest([{ file: new Blob(['timestamp,account_id,event\n2024-13-01,a,e\n']), name: 'bad.csv' }], { options: { strict: true } });
  } catch (error) {
    out.strictError = { isIngestError: error instanceof IngestError, message: error.message, line: error.issue?.line };
  }
  worker.terminate();
} catch (error) {
  out.error = String(error?.stack ?? error);
}
await fetch('/report', { method: 'POST', body: JSON.stringify(out) });
