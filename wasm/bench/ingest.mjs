// WASM ingest throughput in Node, next to the native CLI on the same file.
//   node wasm/bench/ingest.mjs [events=1000000] [file=/tmp/pqlscope-bench-<events>.csv] [module.wasm]
// Generates a time-sorted CSV (20k accounts, 100k users, 40 event names, 180 days) unless the
// file exists, ingests it through the package's Node entry in 16 MiB reads (best of $RUNS,
// default 3), then runs build/native/pqlscope ingest on it when that exists. module.wasm: another
// build's pqlscope-core.wasm with the same glue (dist/pqlscope-core.mjs), to compare two builds
// by turns.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../js/index.node.js';

const events = Number(process.argv[2] ?? 1e6);
const path = process.argv[3] ?? `/tmp/pqlscope-bench-${events}.csv`;
const otherWasm = process.argv[4];
const runs = Number(process.env.RUNS ?? 3);

function generate() {
  const fd = openSync(path, 'w');
  let seed = 12345;
  const next = (m) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % m);
  const start = Date.UTC(2026, 0, 1);
  let buffer = 'timestamp,account_id,user_id,event\n';
  for (let i = 0; i < events; ++i) {
    const t = new Date(start + Math.floor((i / events) * 180 * 86400000)).toISOString().slice(0, 19);
    const user = next(100000);
    buffer += `${t}Z,acc_${String(user % 20000).padStart(5, '0')},u_${String(user).padStart(6, '0')},event_${next(40)}\n`;
    if (buffer.length > 1 << 20) { writeSync(fd, buffer); buffer = ''; }
  }
  writeSync(fd, buffer);
  closeSync(fd);
}

if (!existsSync(path)) generate();
const size = statSync(path).size;
const engine = await createEngine(otherWasm ? { wasmUrl: otherWasm } : {});
const chunk = new Uint8Array(16 << 20);
let best = Infinity;
for (let rep = 0; rep < runs; ++rep) {
  const fd = openSync(path, 'r');
  const t0 = performance.now();
  const session = engine.ingest({ bufferBytes: chunk.length });
  session.addFile(path);
  for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) session.feed(chunk.subarray(0, n));
  session.finish();
  best = Math.min(best, performance.now() - t0);
  session.delete();
  closeSync(fd);
}
const mbps = (ms) => (size / 1e6 / (ms / 1000)).toFixed(0);
console.log(`${path}: ${(size / 1e6).toFixed(1)} MB, ${events} events`);
console.log(`wasm (Node ${process.version}): ${best.toFixed(0)} ms, ${mbps(best)} MB/s`);
const cli = fileURLToPath(new URL('../../build/native/pqlscope', import.meta.url));
if (existsSync(cli) && !otherWasm) {
  let nativeBest = Infinity;
  for (let rep = 0; rep < 3; ++rep) {
    const t0 = performance.now();
    execFileSync(cli, ['ingest', path], { stdio: 'ignore' });
    nativeBest = Math.min(nativeBest, performance.now() - t0);
  }
  console.log(`native CLI: ${nativeBest.toFixed(0)} ms, ${mbps(nativeBest)} MB/s (process start and summary included)`);
}
