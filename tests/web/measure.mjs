// Figures for the dashboard (not a pass/fail test), for issue #6/#7: drop-to-spectrum time for
// generated events, memory of the browser while it scores them, main-thread long tasks during the
// upload and around a model edit, re-score latency after an edit, hover latency. Needs the
// generator (native build) and the built page (npm run build:web); Linux (memory is read in /proc):
//   node tests/web/measure.mjs [--events 1000000] [--accounts 20000] [--dir DIR] [--web DIST] [--pss-every N]
// Files are generated into DIR (default build/web-measure/<events>-<accounts>) unless already there.
// --web serves another built page (a copy of web/dist) instead of web/dist. Memory is sampled
// every 0.5 s; --pss-every N reads PSS only every N-th sample (0: never), as reading it costs the
// kernel tens of ms per sample for a renderer of several GB (the sampler's own cost is printed).
// Prints one labelled line per figure on stdout, then one JSON line with all of them; the page's
// console goes to stderr.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { repo, startServer, launch, openPage, waitReady, shot } from './support.js';
import { ProcessSampler } from './memory.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const events = Number(opt('--events', 1000000));  // with --dir: what the files were generated with (reported as is)
const accounts = Number(opt('--accounts', 20000));
const dir = opt('--dir', `${repo}build/web-measure/${events}-${accounts}`);
const webDir = opt('--web', undefined);
const pssEvery = Number(opt('--pss-every', 1));
const gen = process.env.PQLSCOPE_GEN ?? `${repo}build/native/examples/generator/pqlscope-gen`;
if (!existsSync(`${dir}/events.csv`)) execFileSync(gen, ['--events', String(events), '--accounts', String(accounts), '--out', dir, '--quiet'], { stdio: 'inherit' });
const files = ['events.csv', 'accounts.csv', 'communications.csv'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SETTLE_MS = 2000;     // "idle": the renderer used under IDLE_LOAD of a core for this long
const IDLE_LOAD = 0.05;
const line = (label, value) => console.log(`${label.padEnd(58)} ${value}`);

// Long tasks (main thread blocked > 50 ms) seen by a PerformanceObserver in the page, in the
// page's performance.now() clock; windows are cut out of the list afterwards (a task that
// overlaps a window counts whole).
const observeLongTasks = () => {
  if (window.__measureLongTasks) return true;
  window.__measureLongTasks = [];
  if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return false;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__measureLongTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  return true;
};
const pageNow = (page) => page.evaluate(() => performance.now());
async function longTasks(page, from, to) {
  // Observer callbacks are queued after the task ends: give them a frame and 200 ms to arrive.
  const all = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(window.__measureLongTasks ?? []), 200))));
  const inside = all.filter((x) => x.start + x.ms > from && x.start < to);
  return {
    windowMs: Math.round(to - from), count: inside.length,
    totalMs: Math.round(inside.reduce((n, x) => n + x.ms, 0)), longestMs: Math.round(inside.reduce((m, x) => Math.max(m, x.ms), 0)),
  };
}
const fmtLong = (l) => `${l.count} long tasks, ${l.totalMs} ms in all, longest ${l.longestMs} ms (over ${(l.windowMs / 1000).toFixed(1)} s)`;

const load = { start: loadavg()[0] };
const result = { events, accountsRequested: accounts, bytes: files.reduce((n, f) => n + statSync(`${dir}/${f}`).size, 0) };
const server = await startServer(webDir);
const browser = await launch();
let sampler = null;
let crashed = false;
try {
  sampler = new ProcessSampler({ intervalMs: 500, pssEvery }).start();
  const { page, log } = await openPage(browser, `${server.url}#data`);
  result.errors = log.errors;
  page.on('crash', () => { crashed = true; console.error('page crashed'); });
  page.on('console', (m) => console.error(`console.${m.type()}: ${m.text()}`));
  await waitReady(page);
  result.longTaskObserver = await page.evaluate(observeLongTasks);
  const heapBefore = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);

  // Upload: memory from the moment the files are chosen until the page is idle after the spectrum.
  sampler.mark('upload');
  await page.setInputFiles('#file-input', files.map((f) => `${dir}/${f}`));
  const drop = await pageNow(page);
  const t0 = Date.now();
  await page.click('#score-files');
  const spectrumAt = await (await page.waitForFunction(() => Number(document.querySelector('#spectrum')?.dataset.points) > 1000 && performance.now(), null, { timeout: 600000, polling: 20 })).jsonValue();
  result.dropToSpectrumMs = Date.now() - t0;
  result.accounts = Number(await page.getAttribute('#spectrum', 'data-points'));
  result.spectrumDrawMs = Number(await page.getAttribute('#spectrum', 'data-draw-ms'));
  result.upload = await page.evaluate(() => window.pqlscopeApp.lastUpload ?? null);
  const spectrumSamplerT = sampler.now();
  await sleep(SETTLE_MS);
  // Finished: the renderers (page, Worker) have been idle for SETTLE_MS (the full report is built
  // after the spectrum is drawn).
  const idleBy = Date.now() + 600000;
  while (sampler.recentLoad(SETTLE_MS, 'renderer') > IDLE_LOAD) {
    if (Date.now() > idleBy) throw new Error('the page did not go idle within 10 minutes of the spectrum');
    await sleep(250);
  }
  result.dropToIdleMs = Date.now() - t0 - SETTLE_MS;  // when the idle window began
  // Read once the page is idle: an observer hears of a long task only after it has ended.
  result.longTasksUpload = await longTasks(page, drop, spectrumAt + SETTLE_MS);
  result.longTasksUploadToIdle = await longTasks(page, drop, await pageNow(page));
  result.memoryUpload = sampler.summary('upload');
  result.memoryUpload.spectrumAtSec = round(spectrumSamplerT / 1000 - sampler.span('upload')[0] / 1000, 1);
  sampler.mark('after-upload');
  // The main thread's JS heap only (not the Worker's, not WebAssembly memory); Chromium may round it.
  result.mainHeapBytes = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  result.mainHeapBytesBefore = heapBefore;
  await shot(page, `measure-spectrum-${events}-${accounts}`);

  // Hover: synthetic pointer moves on the canvas, timed in the page until the tooltip names the point.
  const hover = await page.evaluate(async () => {
    const app = window.pqlscopeApp;
    const canvas = document.querySelector('#spectrum canvas');
    const ids = app.accountIds();
    const times = [];
    let last = '';
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    for (let k = 0; k < 30; k++) {
      const at = app.pointOf(ids[(k * 7919) % ids.length]);
      if (!at) continue;
      const t = performance.now();
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: at.x, clientY: at.y, bubbles: true }));
      let shown = false;
      for (let i = 0; i < 120 && !shown; i++) {
        const text = document.querySelector('.tip')?.textContent ?? '';
        shown = text !== '' && text !== last;
        if (shown) last = text;
        else await frame();
      }
      times.push(shown ? performance.now() - t : NaN);
      await frame();
    }
    return times;
  });
  const found = hover.filter((x) => !Number.isNaN(x));
  result.hoverMs = { median: round(median(found), 1), max: round(Math.max(...found), 1), samples: found.length, missed: hover.length - found.length };
  await shot(page, `measure-hover-${events}-${accounts}`);

  // Re-score after an edit: summary + chart columns, then the full report; long tasks from the
  // edit until SETTLE_MS after the full report is shown.
  await page.evaluate(() => { location.hash = 'model'; });
  await page.waitForSelector('#model-spectrum[data-points]');
  sampler.mark('rescore');
  result.rescore = [];
  for (let k = 0; k < 3; k++) {
    await page.evaluate(() => { const i = document.querySelector('#rescore-info'); delete i.dataset.ms; delete i.dataset.fullMs; });
    const input = page.getByLabel('Importance of report_created');
    const v = (await input.inputValue()) === '9' ? '2' : '9';  // a change event needs a new value
    await input.fill(v);
    const edit = await pageNow(page);
    const t = Date.now();
    await input.press('Tab');
    const doneAt = await (await page.waitForFunction(() => (document.querySelector('#rescore-info')?.dataset.fullMs || document.querySelector('#model-errors li')) && performance.now(), null, { timeout: 120000 })).jsonValue();
    const wallMs = Date.now() - t;
    const failed = await page.$('#model-errors li');
    if (failed) throw new Error(`re-score failed: ${await failed.textContent()}`);
    await sleep(SETTLE_MS);
    result.rescore.push({
      quickMs: round(Number(await page.getAttribute('#rescore-info', 'data-ms'))), fullMs: round(Number(await page.getAttribute('#rescore-info', 'data-full-ms'))), wallMs,
      window: [edit, doneAt + SETTLE_MS],
    });
  }
  for (const x of result.rescore) x.longTasks = await longTasks(page, ...x.window);
  result.memoryRescore = sampler.summary('rescore');
} catch (error) {
  result.failure = crashed ? `page crashed (${error.message.split('\n')[0]})` : error.message.split('\n')[0];
} finally {
  sampler?.stop();
  await browser.close().catch(() => {});
  server.stop();
}
if (!result.memoryUpload && sampler?.marks.length) result.memoryUpload = sampler.summary('upload');

// Report.
load.end = loadavg()[0];
const m = result.memoryUpload;
const r = result.rescore ?? [];
console.log(`pqlscope dashboard figures: ${events} events requested, ${accounts} accounts requested, ${(result.bytes / 1e6).toFixed(1)} MB of files (${dir}), page ${webDir ?? 'web/dist'}`);
line('machine load (1-min load average at start / end)', `${load.start.toFixed(1)} / ${load.end.toFixed(1)} on ${cpus().length} CPUs (timings are only comparable at similar load)`);
if (result.failure) line('FAILED', result.failure);
if (result.dropToSpectrumMs !== undefined) {
  line('accounts on the spectrum', result.accounts);
  line('drop to spectrum (click "Score" to points drawn)', `${result.dropToSpectrumMs} ms`);
  const u = result.upload;
  if (u) line('  of which: read files / starter model / score + chart', `${Math.round(u.readMs)} ms / ${Math.round(u.starterModelMs)} ms / ${Math.round(u.scoreMs)} ms (page clock)`);
  line('spectrum draw (page\'s data-draw-ms)', `${result.spectrumDrawMs} ms`);
}
if (result.dropToIdleMs !== undefined) line(`drop to idle (renderers < ${IDLE_LOAD * 100}% CPU for ${SETTLE_MS / 1000} s)`, `${result.dropToIdleMs} ms`);
if (m) {
  const pss = (x) => (x === null ? 'n/a' : `${x} MB`);
  line(`tab (renderer pid ${m.tabPid}) peak RSS / PSS while scoring`, `${m.tabPeakRssMB} MB / ${pss(m.tabPeakPssMB)}`);
  line('tab RSS / PSS at the end (page idle)', `${m.tabEndRssMB} MB / ${pss(m.tabEndPssMB)}`);
  line('tab VmHWM at the end (kernel high-water RSS, lazily kept)', `${m.tabHighWaterRssMB} MB`);
  line('all Chromium processes: peak of summed RSS / summed PSS', `${m.totalPeakRssMB} MB / ${pss(m.totalPeakPssMB)}`);
  line('peak summed RSS by process type', Object.entries(m.peakRssMBByType).map(([k, v]) => `${k} ${v} MB`).join(', '));
  line('processes by type', Object.entries(m.processes).map(([k, v]) => `${k} ${v}`).join(', '));
  line('memory sampled (files chosen to idle)', `every 0.5 s, ${m.samples} samples (${m.pssSamples} with PSS) over ${m.seconds} s, spectrum at ${m.spectrumAtSec ?? '?'} s`);
  if (sampler) line('sampler\'s own CPU time (reading /proc, whole run)', `${(sampler.cost.ms / sampler.cost.samples).toFixed(1)} ms per sample, max ${sampler.cost.maxMs.toFixed(0)} ms, ${(sampler.cost.ms / 1000).toFixed(1)} s in all`);
}
if (result.mainHeapBytes !== undefined) line('performance.memory.usedJSHeapSize (main thread) at idle', result.mainHeapBytes === null ? 'n/a' : `${(result.mainHeapBytes / 1048576).toFixed(1)} MB (before the upload ${(result.mainHeapBytesBefore / 1048576).toFixed(1)} MB)`);
if (result.longTaskObserver === false) line('long tasks', 'not supported by this browser');
if (result.longTasksUpload) line('main thread, drop to spectrum + 2 s', fmtLong(result.longTasksUpload));
if (result.longTasksUploadToIdle) line('main thread, drop to idle', fmtLong(result.longTasksUploadToIdle));
if (result.hoverMs) line('hover to tooltip (30 points, after idle)', `median ${result.hoverMs.median} ms, max ${result.hoverMs.max} ms, ${result.hoverMs.missed} missed`);
r.forEach((x, k) => {
  line(`re-score ${k + 1}: page's data-ms / data-full-ms / wall`, `${x.quickMs} ms / ${x.fullMs} ms / ${x.wallMs} ms`);
  if (x.longTasks) line(`main thread, edit ${k + 1} to full report + 2 s`, fmtLong(x.longTasks));
});
if (result.memoryRescore) line('3 re-scores: tab peak RSS / VmHWM / all procs\' summed RSS', `${result.memoryRescore.tabPeakRssMB} MB / ${result.memoryRescore.tabHighWaterRssMB} MB / ${result.memoryRescore.totalPeakRssMB} MB`);
if (result.errors?.length) line('page errors', result.errors.length);
const lt = (l) => (l ? { count: l.count, totalMs: l.totalMs, longestMs: l.longestMs } : null);
console.log(JSON.stringify({
  events, accounts: result.accounts ?? null, accountsRequested: accounts, bytes: result.bytes, page: webDir ?? 'web/dist',
  dropToSpectrumMs: result.dropToSpectrumMs ?? null, upload: result.upload ?? null, spectrumDrawMs: result.spectrumDrawMs ?? null, dropToIdleMs: result.dropToIdleMs ?? null,
  tabPeakRssMB: m?.tabPeakRssMB ?? null, tabPeakPssMB: m?.tabPeakPssMB ?? null, tabEndRssMB: m?.tabEndRssMB ?? null, tabEndPssMB: m?.tabEndPssMB ?? null, tabHighWaterRssMB: m?.tabHighWaterRssMB ?? null,
  totalPeakRssMB: m?.totalPeakRssMB ?? null, totalPeakPssMB: m?.totalPeakPssMB ?? null, peakRssMBByType: m?.peakRssMBByType ?? null,
  mainHeapBytes: result.mainHeapBytes ?? null,
  longTasksUpload: lt(result.longTasksUpload), longTasksUploadToIdle: lt(result.longTasksUploadToIdle),
  hoverMs: result.hoverMs ?? null,
  rescore: r.map((x) => ({ quickMs: x.quickMs, fullMs: x.fullMs, wallMs: x.wallMs, longTasks: lt(x.longTasks) })),
  rescoreTabPeakRssMB: result.memoryRescore?.tabPeakRssMB ?? null, rescoreTotalPeakRssMB: result.memoryRescore?.totalPeakRssMB ?? null,
  loadAvg: [round(load.start, 1), round(load.end, 1)], samplerCpuMsPerSample: sampler ? round(sampler.cost.ms / sampler.cost.samples, 1) : null, pssEvery,
  errors: result.errors?.length ?? null, failure: result.failure ?? null,
}));
if (result.failure) process.exitCode = 1;
