// WASM ingest MB/s and re-score ms in Node, next to native ingest, on generated data.
//   node wasm/bench/score.mjs [events=1000000] [dir=/tmp/pqlscope-bench-gen-<events>] [reps=7]
// Generates the data with build/native/examples/generator/pqlscope-gen (20k accounts, about
// 100k users, 180 days, CSV) unless the folder exists; ingests events + accounts +
// communications through the package's Node entry in 16 MiB reads (best of 3), then times, on
// the kept aggregates, the median of `reps` scorings with examples/model.json whose importances
// change every time:
//   rescore     session.rescore(): metrics, segments, personas, alerts (no report)
//   chartData   the six typed-array columns, copied out
//   report      session.scoreText(): the same + the report text without users (--no-users)
//   report+users  the same with the per-user section (the CLI's default --out)
// then slider moves (one importance changed: the importance-only re-score) against the same
// moves scored whole, PQL threshold moves (the segments stage alone) and normalisation percentile
// moves (the importance-only path), with the WebAssembly memory after the ingest, the cache and the counts;
// and, before those, the first rescore() of each of the 3 ingested sessions (median of 3): it
// reads the logs, as every re-score did before the session's re-score cache; the later ones
// read the cache the second rescore() builds (docs/metrics.md, "re-score cache").
// Native ingest is build/native/bench/pqlscope-bench-ingest on the events file (best of 3).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../js/index.node.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const events = Number(process.argv[2] ?? 1e6);
const dir = process.argv[3] ?? `/tmp/pqlscope-bench-gen-${events}`;
const reps = Number(process.argv[4] ?? 7);
const gen = join(repo, 'build/native/examples/generator/pqlscope-gen');
const nativeBench = join(repo, 'build/native/bench/pqlscope-bench-ingest');

if (!existsSync(join(dir, 'events.csv'))) {
  console.error(`generating ${events} events into ${dir} ...`);
  execFileSync(gen, ['--events', String(events), '--out', dir, '--quiet'], { stdio: 'inherit' });
}
const files = [['events.csv', 'events'], ['accounts.csv', 'accounts'], ['communications.csv', 'communications']];
const eventsBytes = statSync(join(dir, 'events.csv')).size;
const totalBytes = files.reduce((n, [name]) => n + statSync(join(dir, name)).size, 0);
const engine = await createEngine();
const chunk = new Uint8Array(16 << 20);

function ingest() {
  const session = engine.ingest({ bufferBytes: chunk.length });
  for (const [name, kind] of files) {
    const fd = openSync(join(dir, name), 'r');
    session.addFile(name, kind);
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) session.feed(chunk.subarray(0, n));
    session.endFile();
    closeSync(fd);
  }
  session.finish();
  return session;
}

// Wall and CPU milliseconds of fn(): on a loaded machine (parallel builds) the CPU time is the
// steadier figure; the WebAssembly code runs on this one thread.
function timed(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const { user, system } = process.cpuUsage(cpu0);
  return { wall, cpu: (user + system) / 1000, value };
}

const baseModel = JSON.parse(readFileSync(join(repo, 'examples/model.json'), 'utf8'));
const names = Object.keys(baseModel.engagement.importance);
let variant = 0;
// A model whose importances changed since the last one. Some importances reach 0, which changes
// the events counted as active: the whole scoring again.
function nextModel() {
  const model = structuredClone(baseModel);
  const name = names[variant % names.length];
  model.engagement.importance[name] = (model.engagement.importance[name] + 1 + (variant % 9)) % 11;
  ++variant;
  return JSON.stringify(model);
}
// A slider move: one importance to another value in 1..10, so only engagement changes (the
// session's importance-only re-score, docs/metrics.md).
let slider = structuredClone(baseModel);
function sliderModel() {
  const name = names.find((n) => slider.engagement.importance[n] > 0);
  slider.engagement.importance[name] = 1 + (slider.engagement.importance[name] % 10);
  return JSON.stringify(slider);
}
let best = { wall: Infinity, cpu: Infinity };
let session = null;
const firstWalls = [], firstCpus = [];
for (let rep = 0; rep < 3; ++rep) {
  session?.delete();
  const run = timed(ingest);
  session = run.value;
  best = { wall: Math.min(best.wall, run.wall), cpu: Math.min(best.cpu, run.cpu) };
  const first = timed(() => session.rescore(nextModel()));
  firstWalls.push(first.wall);
  firstCpus.push(first.cpu);
}
const mbps = (bytes, ms) => (bytes / 1e6 / (ms / 1000)).toFixed(0);
const report = session.report;
console.log(`${dir}: ${(totalBytes / 1e6).toFixed(1)} MB (events.csv ${(eventsBytes / 1e6).toFixed(1)} MB), ` +
  `${report.events} events, ${session.accountIds().length} accounts`);
console.log(`wasm ingest (Node ${process.version}, 3 files): ${best.wall.toFixed(0)} ms wall = ${mbps(totalBytes, best.wall)} MB/s; ` +
  `${best.cpu.toFixed(0)} ms CPU = ${mbps(totalBytes, best.cpu)} MB/s`);
if (existsSync(nativeBench)) {
  // bash's `time` gives the child's CPU time (user + sys) next to the bench's own wall figure.
  // Runs that did not read the events the WASM ingest did are dropped (e.g. a binary being
  // rebuilt by a parallel build); medians of the rest.
  const walls = [], cpus = [];
  for (let rep = 0; rep < 3; ++rep) {
    const run = spawnSync('bash', ['-c', 'TIMEFORMAT="cpu=%U+%S"; time "$0" "$1"', nativeBench, join(dir, 'events.csv')],
      { encoding: 'utf8' });
    const out = run.stdout + run.stderr;
    const nativeEvents = Number(/events=(\d+)/.exec(out)?.[1]);
    const t = /cpu=([\d.]+)\+([\d.]+)/.exec(out);
    if (nativeEvents !== report.events || t === null) continue;
    walls.push(Number(/mb_per_s=([\d.]+)/.exec(out)[1]));
    cpus.push((Number(t[1]) + Number(t[2])) * 1000);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const wall = walls.length ? mid(walls) : NaN, cpu = cpus.length ? mid(cpus) : NaN;
  console.log(`native ingest (pqlscope-bench-ingest, events.csv only, ${walls.length} valid runs): ${wall.toFixed(0)} MB/s wall; ` +
    `${Number.isFinite(cpu) ? mbps(eventsBytes, cpu) : '?'} MB/s CPU`);
}

function median(fn, n = reps, models = nextModel) {
  const walls = [], cpus = [];
  for (let i = 0; i < n; ++i) {
    const model = models();
    const { wall, cpu } = timed(() => fn(model));
    walls.push(wall);
    cpus.push(cpu);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const f = (v) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
  return `${f(mid(walls))} ms (CPU ${f(mid(cpus))})`;
}
const mid3 = (xs) => xs.sort((a, b) => a - b)[1];
console.log(`wasm first rescore of a session (the logs), median of 3: ${mid3(firstWalls).toFixed(0)} ms ` +
  `(CPU ${mid3(firstCpus).toFixed(0)})`);
const afterIngest = engine.memory();
const built = timed(() => session.rescore(nextModel()));  // the second: builds the cache
const afterCache = engine.memory();
console.log(`wasm second rescore (builds the re-score cache): ${built.wall.toFixed(0)} ms (CPU ${built.cpu.toFixed(0)})`);
const users = session.rescore(nextModel()).users;
const rescore = median((m) => session.rescore(m));
// Slider moves and whole re-scores in alternating blocks (a session compares each model with
// its last one, so a block's first slider move, after a whole re-score, is whole too: not timed).
// examples/model.json leaves activity.active_events null (importance > 0 decides) and gives
// every event an importance (names).
// Each move is followed by the overview (the dashboard's next request), which adds the alerts.
const sliderWalls = [], sliderCpus = [], wholeWalls = [], wholeCpus = [];
const sliderOverviews = [], wholeOverviews = [];
for (let block = 0; block < 2; ++block) {
  session.rescore(sliderModel());
  session.overview();
  for (let i = 0; i < reps; ++i) {
    const model = sliderModel();
    const { wall, cpu } = timed(() => session.rescore(model));
    sliderWalls.push(wall);
    sliderCpus.push(cpu);
    sliderOverviews.push(timed(() => session.overview()).cpu);
  }
  // The same slider moves scored whole: the active events listed by turns (the events with an
  // importance, which is what no list means), so the model changes beyond its importances while
  // every result stays the slider's.
  for (let i = 0; i < reps; ++i) {
    const model = JSON.parse(sliderModel());
    if (i % 2 === 0) model.activity.active_events = names.filter((n) => model.engagement.importance[n] > 0);
    const { wall, cpu } = timed(() => session.rescore(JSON.stringify(model)));
    wholeWalls.push(wall);
    wholeCpus.push(cpu);
    wholeOverviews.push(timed(() => session.overview()).cpu);
  }
}
const mid = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// One editor control moved 2 x reps times from the slider's model (edit(model, i)), each move
// followed by the overview, as after a slider move: medians of wall, CPU and the overview's CPU.
function timeEdits(edit) {
  const walls = [], cpus = [], overviews = [];
  const edited = JSON.parse(sliderModel());
  for (let i = 0; i < 2 * reps; ++i) {
    edit(edited, i);
    const model = JSON.stringify(edited);
    const { wall, cpu } = timed(() => session.rescore(model));
    walls.push(wall);
    cpus.push(cpu);
    overviews.push(timed(() => session.overview()).cpu);
  }
  return `${mid(walls).toFixed(0)} ms (CPU ${mid(cpus).toFixed(0)}); the overview after it CPU ${mid(overviews).toFixed(0)} ms; ` +
    `${2 * reps} moves, medians`;
}
// The editor's PQL thresholds: nothing the metrics read changes, so the session keeps the last
// metrics and runs the segments stage alone. The normalisation's percentile: the importance-only
// path normalises the windows' raw scores again.
const pqlLine = timeEdits((m, i) => { m.deal_size.pql_activation.small = i % 2 === 0 ? 70 : 80; });
const percentileLine = timeEdits((m, i) => { m.engagement.normalization.percentile = i % 2 === 0 ? 75 : 90; });
// The checklist editor: a step's minimum moves, so the session computes activation alone again
// from the cache, then the segments (the activation-only path).
const checklistLine = timeEdits((m, i) => { m.activation.steps[0].min_count = i % 2 === 0 ? 3 : 2; });
const mb = (bytes) => (bytes / 1e6).toFixed(0);
console.log(`wasm memory (heap, which only grows = the peak; allocated): after the ingest and a first score ` +
  `${mb(afterIngest.heapBytes)} / ${mb(afterIngest.allocatedBytes)} MB, with the re-score cache ` +
  `${mb(afterCache.heapBytes)} / ${mb(afterCache.allocatedBytes)} MB, with the windows' counts too ` +
  `${mb(engine.memory().heapBytes)} / ${mb(engine.memory().allocatedBytes)} MB`);
console.log(`wasm slider re-score (importances only) ${mid(sliderWalls).toFixed(0)} ms (CPU ${mid(sliderCpus).toFixed(0)}) ` +
  `against a whole re-score ${mid(wholeWalls).toFixed(0)} ms (CPU ${mid(wholeCpus).toFixed(0)}); the overview after it ` +
  `(the alerts) CPU ${mid(sliderOverviews).toFixed(0)} against ${mid(wholeOverviews).toFixed(0)} ms; two blocks of ${reps} each, medians`);
console.log(`wasm PQL threshold re-score (the segments stage alone) ${pqlLine}`);
console.log(`wasm percentile re-score (the importance-only path) ${percentileLine}`);
console.log(`wasm checklist re-score (the activation-only path) ${checklistLine}`);
const chart = median(() => session.chartData());
const withReport = median((m) => session.scoreText(m, { includeUsers: false }));
const withUsers = median((m) => session.scoreText(m), Math.min(reps, 3));
console.log(`wasm re-score, ${session.accountIds().length} accounts / ${users} users, median of ${reps}: ` +
  `rescore ${rescore}, chartData ${chart}, score + report text (no users) ${withReport}, ` +
  `with users ${withUsers} (median of ${Math.min(reps, 3)})`);
session.delete();
const wasm = join(repo, 'dist/pqlscope-core.wasm');
console.log(`pqlscope-core.wasm: ${statSync(wasm).size} bytes`);
