// Memory and CPU of the Chromium processes the test launched, read from /proc (Linux only), for
// tests/web/measure.mjs. Playwright's launch() gives no process handle, but playwright-core starts
// Chromium as a child of this Node process (Debian's /usr/bin/chromium wrapper execs the real
// binary), so the browser is found as a descendant of process.pid and every Chromium process
// (zygotes, renderers, gpu, utilities) as a descendant of that browser process.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

const CLK_TCK = (() => { try { return Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100; } catch { return 100; } })();
const read = (path) => { try { return readFileSync(path, 'utf8'); } catch { return null; } };

/** ppid, and utime + stime in seconds, from /proc/PID/stat (comm may hold spaces and parens). */
function stat(pid) {
  const s = read(`/proc/${pid}/stat`);
  if (!s) return null;
  const f = s.slice(s.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
  return { ppid: Number(f[1]), cpuSec: (Number(f[11]) + Number(f[12])) / CLK_TCK };
}

/** The command line as one string (Chromium's child processes rewrite theirs into one space-joined argument). */
function cmdline(pid) {
  const s = read(`/proc/${pid}/cmdline`);
  return s ? s.split('\0').filter(Boolean).join(' ') : '';
}

/** The process type of a Chromium command line: its --type= flag (none: the browser process). */
export function processType(line) {
  const exe = line.split(' ')[0];
  if (/crashpad/.test(exe)) return 'crashpad-handler';
  const type = line.match(/ --type=(\S+)/)?.[1];
  if (!type) return /chrom/.test(exe) ? 'browser' : 'other';
  if (type === 'utility') {
    const sub = line.match(/ --utility-sub-type=(\S+)/)?.[1];
    return sub ? `utility:${sub.replace(/\.mojom\./, '.').replace(/Service$/, '')}` : 'utility';
  }
  if (type === 'renderer' && / --top-chrome-webui/.test(line)) return 'renderer:webui';
  return type;
}

/** All processes as pid -> ppid. */
function processTable() {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(name);
    if (s) table.set(Number(name), s.ppid);
  }
  return table;
}

function descendants(table, root) {
  const children = new Map();
  for (const [pid, ppid] of table) (children.get(ppid) ?? children.set(ppid, []).get(ppid)).push(pid);
  const out = [];
  const todo = [root];
  while (todo.length) for (const c of children.get(todo.pop()) ?? []) { out.push(c); todo.push(c); }
  return out;
}

const isChromium = (pid) => {
  try { return /chrom/i.test(readlinkSync(`/proc/${pid}/exe`)); } catch { return /chrom/i.test(cmdline(pid).split(' ')[0]); }
};

/** Pids of the Chromium browser processes started by this Node process (normally one). */
export function browserPids() {
  const table = processTable();
  return descendants(table, process.pid).filter((pid) => isChromium(pid) && !isChromium(table.get(pid)));
}

/** kB fields of /proc/PID/status (VmHWM: the kernel's own peak RSS since the process started) and, if readable, Pss of /proc/PID/smaps_rollup. */
function memoryOf(pid, withPss) {
  const status = read(`/proc/${pid}/status`);
  if (!status) return null;
  const kb = (text, key) => { const m = text.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm')); return m ? Number(m[1]) : null; };
  const rollup = withPss ? read(`/proc/${pid}/smaps_rollup`) : null;
  return { rssKB: kb(status, 'VmRSS'), hwmKB: kb(status, 'VmHWM'), anonKB: kb(status, 'RssAnon'), pssKB: rollup ? kb(rollup, 'Pss') : null };
}

/**
 * Samples every Chromium process under the browser every intervalMs. Phases are named spans of
 * time (mark(name) starts one and ends the previous). The renderer hosting the page is taken to
 * be the renderer that used the most CPU over a phase: the page's main thread, its Worker and
 * the Worker's WebAssembly memory all live in that one process.
 */
export class ProcessSampler {
  /**
   * pssEvery: read Pss (smaps_rollup, which walks the page tables: tens of ms of kernel time for
   * a renderer of several GB, on the same CPUs as the browser) every N-th sample; 0: never.
   */
  constructor({ intervalMs = 500, pssEvery = 1 } = {}) {
    this.intervalMs = intervalMs;
    this.pssEvery = pssEvery;
    this.cost = { samples: 0, ms: 0, maxMs: 0 }; // CPU time (user + system) this process spent sampling
    this.samples = [];    // { t (ms since start), procs: [{ pid, type, rssKB, hwmKB, anonKB, pssKB, cpuSec }] }
    this.marks = [];      // { name, t }
    this.types = new Map(); // pid -> type (latest seen)
    this.t0 = Date.now();
    this.roots = browserPids();
    if (!this.roots.length) throw new Error('no Chromium process found under this Node process');
  }
  now() { return Date.now() - this.t0; }
  sample() {
    const started = process.cpuUsage();
    const withPss = this.pssEvery > 0 && this.cost.samples % this.pssEvery === 0;
    const table = processTable();
    const pids = this.roots.flatMap((r) => (table.has(r) ? [r, ...descendants(table, r)] : []));
    const procs = [];
    for (const pid of pids) {
      this.types.set(pid, processType(cmdline(pid))); // again each time: a child just forked by a zygote shows the zygote's line
      const mem = memoryOf(pid, withPss);
      const s = stat(pid);
      if (mem && s && mem.rssKB !== null) procs.push({ pid, type: this.types.get(pid), ...mem, cpuSec: s.cpuSec });
    }
    const entry = { t: this.now(), procs, withPss };
    this.samples.push(entry);
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    this.cost.samples += 1;
    this.cost.ms += ms;
    this.cost.maxMs = Math.max(this.cost.maxMs, ms);
    return entry;
  }
  start() { this.sample(); this.timer = setInterval(() => this.sample(), this.intervalMs); return this; }
  stop() { clearInterval(this.timer); this.sample(); }
  mark(name) { this.sample(); this.marks.push({ name, t: this.now() }); }
  /** [from, to] in ms since start for a phase (to: the next mark, or now). */
  span(name) {
    const i = this.marks.findIndex((m) => m.name === name);
    if (i < 0) throw new Error(`no mark ${name}`);
    return [this.marks[i].t, this.marks[i + 1]?.t ?? this.now()];
  }
  within([from, to]) { return this.samples.filter((s) => s.t >= from && s.t <= to); }
  /** CPU seconds each pid used between two times (from the samples nearest inside them). */
  cpuBetween(from, to) {
    const inside = this.within([from, to]);
    if (inside.length < 2) return new Map();
    const first = new Map(inside[0].procs.map((p) => [p.pid, p.cpuSec]));
    const used = new Map();
    for (const p of inside.at(-1).procs) used.set(p.pid, p.cpuSec - (first.get(p.pid) ?? 0));
    return used;
  }
  /** Seconds of CPU (all Chromium processes, or only one type) per second of wall time over the last windowMs. */
  recentLoad(windowMs, type = null) {
    const last = this.samples.at(-1);
    const first = this.samples.findLast((s) => s.t <= last.t - windowMs);
    if (!first) return Infinity;
    const before = new Map(first.procs.map((p) => [p.pid, p.cpuSec]));
    let cpu = 0;
    for (const p of last.procs) if (!type || p.type === type) cpu += p.cpuSec - (before.get(p.pid) ?? 0);
    return cpu / ((last.t - first.t) / 1000);
  }
  /** The renderer pid that used the most CPU in [from, to]. */
  busiestRenderer(from, to) {
    let best = null;
    for (const [pid, cpu] of this.cpuBetween(from, to)) if (this.types.get(pid) === 'renderer' && (!best || cpu > best.cpu)) best = { pid, cpu };
    return best?.pid ?? null;
  }
  /**
   * Peaks over a phase: the tab's renderer (RSS, PSS, and its values at the end of the phase),
   * the total of all Chromium processes (sum of RSS, which counts shared pages once per process,
   * and sum of PSS, which divides them), and per process type the peak of the type's summed RSS.
   */
  summary(name) {
    const [from, to] = this.span(name);
    const inside = this.within([from, to]);
    const tab = this.busiestRenderer(from, to);
    const mb = (kb) => (kb === null || kb === undefined ? null : Math.round(kb / 102.4) / 10);
    const peak = (f) => inside.reduce((m, s) => Math.max(m, f(s) ?? -Infinity), -Infinity);
    const tabOf = (s) => s.procs.find((p) => p.pid === tab);
    const sum = (s, key) => (s.procs.some((p) => p[key] === null) ? null : s.procs.reduce((n, p) => n + p[key], 0));
    const byType = {};
    for (const s of inside) {
      const rss = {};
      for (const p of s.procs) rss[p.type] = (rss[p.type] ?? 0) + p.rssKB;
      for (const [type, kb] of Object.entries(rss)) byType[type] = Math.max(byType[type] ?? 0, kb);
    }
    const counts = {};
    for (const [pid, type] of this.types) if (inside.some((s) => s.procs.some((p) => p.pid === pid))) counts[type] = (counts[type] ?? 0) + 1;
    const end = inside.at(-1);
    const endPss = inside.findLast((s) => s.withPss);
    const cpu = this.cpuBetween(from, to);
    const finite = (x) => (Number.isFinite(x) ? x : null);
    return {
      seconds: Math.round((to - from) / 100) / 10,
      samples: inside.length,
      pssSamples: inside.filter((s) => s.withPss).length,
      tabPid: tab,
      tabCpuSec: tab ? Math.round(cpu.get(tab) * 10) / 10 : null,
      tabPeakRssMB: mb(finite(peak((s) => tabOf(s)?.rssKB))),
      tabPeakPssMB: mb(finite(peak((s) => tabOf(s)?.pssKB))),
      tabEndRssMB: mb(end && tabOf(end)?.rssKB),
      tabHighWaterRssMB: mb(end && tabOf(end)?.hwmKB), // VmHWM: not limited by the sampling interval, but the kernel updates it lazily (it can miss a peak given back by madvise)
      tabEndPssMB: mb(endPss && tabOf(endPss)?.pssKB), // the last sample that read Pss
      totalPeakRssMB: mb(finite(peak((s) => sum(s, 'rssKB')))),
      totalPeakPssMB: mb(finite(peak((s) => sum(s, 'pssKB')))),
      totalEndRssMB: mb(end && sum(end, 'rssKB')),
      processes: counts,
      peakRssMBByType: Object.fromEntries(Object.entries(byType).sort().map(([k, v]) => [k, mb(v)])),
    };
  }
}
