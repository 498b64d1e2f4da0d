// Where the Worker-parallel ingest's time goes (docs/performance.md, "Worker-parallel ingest"),
// in one Node process and one engine, phase by phase, against one pass over the same file:
//   node wasm/bench/parallel.mjs EVENTS_FILE [chunks=2]
// Each chunk is read as a helper Worker reads it (Engine.readChunk), then merged as the primary
// Worker merges them (IngestSession.ingestWorkerChunks). CPU milliseconds of this process.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { createEngine } from '../js/index.node.js';

const file = process.argv[2];
const chunks = Number(process.argv[3] ?? 2);
if (!file) {
  console.error('usage: node wasm/bench/parallel.mjs EVENTS_FILE [chunks]');
  process.exit(2);
}
const name = basename(file);
const blob = await openAsBlob(file);
const engine = await createEngine();
const cpu = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
const line = (what, ms) => console.log(`${what.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms CPU`);
const sliceBytes = 16 << 20;

let t = cpu();
const one = engine.ingest({ bufferBytes: sliceBytes });
one.addFile(name, 'events');
for (let at = 0; at < blob.size; at += sliceBytes) one.feed(new Uint8Array(await blob.slice(at, at + sliceBytes).arrayBuffer()));
one.endFile();
one.finish();
line('one pass', cpu() - t);
const expected = one.aggregatesJson();
one.delete();

const plan = await engine.planChunks(blob, name, { kind: 'events' }, { workers: chunks });
if (plan.fallback) throw new Error(plan.fallback);
const results = [];
for (const [k, begin] of plan.starts.entries()) {
  t = cpu();
  const end = plan.starts[k + 1] ?? blob.size;
  results.push(await engine.readChunk({ file: blob, name, entry: { kind: 'events' }, head: plan.head, index: k, begin, end, sliceBytes }));
  line(`chunk ${k + 1} (${((end - begin) / 1e6).toFixed(0)} MB -> ${(results[k].length / 1e6).toFixed(1)} MB of state)`, cpu() - t);
}
t = cpu();
const merged = engine.ingest({ bufferBytes: 1 });
const outcome = merged.ingestWorkerChunks(name, { kind: 'events' }, plan.head, results);
merged.finish();
line(`merge (${JSON.stringify(outcome)})`, cpu() - t);
console.log(merged.aggregatesJson() === expected ? 'aggregates identical to one pass' : 'AGGREGATES DIFFER');
merged.delete();
