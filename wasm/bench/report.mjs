// The report text in WebAssembly (Node), next to the ingest and the scoring it follows: what
// `session.reportText()` costs per form, and what reading it back with JSON.parse costs.
//   node wasm/bench/report.mjs EVENTS_FILE [reps=3]
// Ingests the events file through the package's Node entry (16 MiB reads), scores it with the
// starter model (as `pqlscope score` without --model), then prints medians of `reps` runs of
// reportText() compact / pretty, with / without users; wall and CPU milliseconds (on a loaded
// machine the CPU time is the steadier figure; the WebAssembly code runs on this one thread).
import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { createEngine } from '../js/index.node.js';

const file = process.argv[2];
const reps = Number(process.argv[3] ?? 3);
if (!file) {
  console.error('usage: node wasm/bench/report.mjs EVENTS_FILE [reps]');
  process.exit(2);
}

function timed(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const { user, system } = process.cpuUsage(cpu0);
  return { wall, cpu: (user + system) / 1000, value };
}
function median(fn) {
  const runs = Array.from({ length: reps }, () => timed(fn));
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: mid(runs.map((r) => r.wall)), cpu: mid(runs.map((r) => r.cpu)), value: runs[0].value };
}
const line = (what, t, extra = '') =>
  console.log(`${what.padEnd(32)} ${t.wall.toFixed(0).padStart(7)} ms wall ${t.cpu.toFixed(0).padStart(7)} ms CPU ${extra}`);

const engine = await createEngine();
const chunk = new Uint8Array(16 << 20);
const ingest = timed(() => {
  const session = engine.ingest({ bufferBytes: chunk.length });
  const fd = openSync(file, 'r');
  session.addFile(basename(file), 'events');
  for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) session.feed(chunk.subarray(0, n));
  session.endFile();
  closeSync(fd);
  session.finish();
  return session;
});
const session = ingest.value;
line('ingest', ingest);
line('score (no report text)', timed(() => session.rescore(null)));
for (const pretty of [false, true]) {
  for (const includeUsers of [true, false]) {
    const t = median(() => session.reportText({ includeUsers, pretty }));
    line(`reportText ${pretty ? 'pretty' : 'compact'}${includeUsers ? ', users' : ', no users'}`, t,
      `${(t.value.length / 1e6).toFixed(1)} MB`);
  }
}
// The same text as bytes (reportBytes: one copy out of the WebAssembly memory, no JS string),
// and what a Worker did before with the string (TextEncoder to transfer it).
for (const includeUsers of [true, false]) {
  const t = median(() => session.reportBytes({ includeUsers }));
  line(`reportBytes compact${includeUsers ? ', users' : ', no users'}`, t, `${(t.value.length / 1e6).toFixed(1)} MB`);
  line(`reportText + TextEncoder${includeUsers ? ', users' : ', no users'}`, median(() => new TextEncoder().encode(session.reportText({ includeUsers }))));
}
line('scoreBytes (score + report, users)', median(() => session.scoreBytes(null)));
const text = session.reportText({ includeUsers: true });
line('JSON.parse (compact, users)', median(() => JSON.parse(text)));
const pretty = session.reportText({ includeUsers: true, pretty: true });
line('JSON.parse (pretty, users)', median(() => JSON.parse(pretty)));
session.delete();
