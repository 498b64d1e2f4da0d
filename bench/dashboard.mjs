// The dashboard's drop-to-spectrum time (issue 12: "the dashboard draws 10M events in < 2 s"):
// a generated events file chosen on the Data view of the built page (web/dist) in Debian's
// Chromium, "Score these files" clicked, timed until the spectrum holds its points. Each run is
// a fresh page; the settings of --workers run interleaved; medians of --runs. CPU seconds are
// those of every Chromium process (the page, its Workers and their WebAssembly run in them),
// read from /proc: on a loaded machine they are the figure to compare, not the wall time.
//
//   npm run build:web && node bench/dashboard.mjs [--events 10000000] [--accounts 20000]
//       [--runs 3] [--workers "1 2"] [--dir DIR]
//
// Files come from the example generator (build/native/examples/generator/pqlscope-gen, or
// $PQLSCOPE_GEN) into DIR (default build/web-measure/<events>-<accounts>) unless already there.
// `--workers N` opens the page as ?workers=N (web/src/views/data.js passes it to the client).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { repo, startServer, launch, openPage, waitReady } from '../tests/web/support.js';
import { ProcessSampler } from '../tests/web/memory.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const events = Number(opt('--events', 10000000));
const accounts = Number(opt('--accounts', 20000));
const runs = Number(opt('--runs', 3));
const settings = opt('--workers', '1 2').split(/\s+/).filter(Boolean).map(Number);
const dir = opt('--dir', `${repo}build/web-measure/${events}-${accounts}`);
const gen = process.env.PQLSCOPE_GEN ?? `${repo}build/native/examples/generator/pqlscope-gen`;
if (!existsSync(`${dir}/events.csv`)) execFileSync(gen, ['--events', String(events), '--accounts', String(accounts), '--out', dir, '--quiet'], { stdio: 'inherit' });
const file = `${dir}/events.csv`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const browser = await launch();
const results = new Map(settings.map((w) => [w, []]));
try {
  for (let run = 0; run < runs; ++run) {
    for (const workers of settings) {
      const { page, context } = await openPage(browser, `${server.url}?workers=${workers}#data`);
      await waitReady(page);
      // CPU seconds of every Chromium process at the drop and at the spectrum (a helper Worker
      // is a thread of the page's renderer; a process that appeared in between counts from 0).
      const sampler = new ProcessSampler({ pssEvery: 0 });
      await page.setInputFiles('#file-input', [file]);
      const before = new Map(sampler.sample().procs.map((p) => [p.pid, p.cpuSec]));
      const t0 = Date.now();
      await page.click('#score-files');
      await page.waitForFunction(() => Number(document.querySelector('#spectrum')?.dataset.points) > 1000, null, { timeout: 900000, polling: 20 });
      const wallMs = Date.now() - t0;
      const cpu = sampler.sample().procs.reduce((n, p) => n + p.cpuSec - (before.get(p.pid) ?? 0), 0);
      const upload = await page.evaluate(() => window.pqlscopeApp.lastUpload ?? null);
      const parallel = await page.evaluate(() => window.pqlscopeApp.lastParallel ?? null);
      const drawMs = await page.evaluate(() => Number(document.querySelector('#spectrum')?.dataset.drawMs ?? NaN));
      const drawnAtMs = await page.evaluate(() => Number(document.querySelector('#spectrum')?.dataset.drawnAt ?? NaN) - (window.pqlscopeApp.lastUpload?.startedAt ?? NaN));
      results.get(workers).push({ wallMs, cpuSec: cpu, readMs: upload?.readMs, starterModelMs: upload?.starterModelMs, scoreMs: upload?.scoreMs, toSpectrumMs: upload?.toSpectrumMs, drawMs, drawnAtMs, parallel });
      console.log(`run ${run + 1}, ${workers} worker(s): drop -> spectrum ${wallMs} ms wall, ${cpu.toFixed(2)} s CPU; read ${Math.round(upload?.readMs ?? NaN)} ms, starter model ${Math.round(upload?.starterModelMs ?? NaN)} ms, scored ${Math.round(upload?.scoreMs ?? NaN)} ms, scored at ${Math.round(upload?.toSpectrumMs ?? NaN)} ms, spectrum drawn in ${drawMs} ms, done at ${Math.round(drawnAtMs)} ms; ${JSON.stringify(parallel)}; load ${loadavg()[0].toFixed(1)}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.stop();
}
console.log(`\n${events} events (${(statSync(file).size / 1e6).toFixed(0)} MB CSV), medians of ${runs}:`);
for (const [workers, list] of results) {
  console.log(`  ${workers} worker(s): ${median(list.map((r) => r.wallMs))} ms wall, ${median(list.map((r) => r.cpuSec)).toFixed(2)} s CPU, read ${Math.round(median(list.map((r) => r.readMs)))} ms`);
}
console.log(JSON.stringify(Object.fromEntries(results)));
