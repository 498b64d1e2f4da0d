// The spectrum's numbers, without DOM or chart library: the engine's chart columns turned into
// what is drawn (x, y, size bucket, colour category per account), and the model's lines.
import { PERSONAS, PERSONA_LABEL, GROUPS, GROUP_LABEL, PQL_LABEL } from './vocabulary.js';

export const SIZES = [5, 8, 12, 17];
/** Past this many accounts every series draws in ECharts' large mode, as squares. */
export const LARGE = 3000;

/** The columns the chart draws, from the engine's chart columns (ChartData). */
export function chartData(chart) {
  const n = chart.ids.length;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const persona = new Uint8Array(n);  // index in PERSONAS, 255 = not a trial
  const group = new Uint8Array(n);    // index in GROUPS of the first segment, 255 = none
  const personaIndex = chart.labels.personas.map((p) => PERSONAS.indexOf(p));
  const groupIndex = chart.labels.groups.map((g) => GROUPS.indexOf(g));
  for (let i = 0; i < n; i++) {
    const a = chart.activation[i];
    x[i] = Number.isNaN(a) ? 0 : a;
    y[i] = chart.engagement[i];
    persona[i] = chart.persona[i] === 255 ? 255 : personaIndex[chart.persona[i]];
    group[i] = chart.segmentGroup[i] === 255 ? 255 : groupIndex[chart.segmentGroup[i]];
  }
  return { n, x, y, value: chart.dealValue, persona, group, pql: chart.pql };
}

/** The colour categories of a colouring: keys, the key index of account i, their labels. */
export function categories(data, colourBy) {
  if (colourBy === 'group') {
    return { kind: 'group', keys: [...GROUPS, 'none'], of: (i) => (data.group[i] === 255 ? GROUPS.length : data.group[i]), label: (k) => GROUP_LABEL[k] };
  }
  if (colourBy === 'pql') {
    return { kind: 'pql', keys: ['pql', 'not'], of: (i) => (data.pql[i] ? 0 : 1), label: (k) => PQL_LABEL[k] };
  }
  return { kind: 'persona', keys: [...PERSONAS, 'none'], of: (i) => (data.persona[i] === 255 ? PERSONAS.length : data.persona[i]), label: (k) => PERSONA_LABEL[k] };
}

// Deterministic jitter: activation takes few distinct values (k of n steps), so points would pile up.
export function jitter(i, spread) {
  const s = Math.sin(i * 12.9898) * 43758.5453;
  return (s - Math.floor(s) - 0.5) * spread;
}

/** Deal-value cuts of the four point sizes: the 50th, 80th and 95th percentiles. */
export function sizeBuckets(value) {
  const sorted = Float64Array.from(value).sort();
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return [q(0.5), q(0.8), q(0.95)];
}

/** The model's PQL activation thresholds by deal size (vertical dashed lines). */
export function thresholdsOf(model) {
  const pql = model?.deal_size?.pql_activation ?? {};
  return Object.entries(pql).map(([size, value]) => ({ size, value }));
}

/** The model's engagement levels (horizontal dotted lines). */
export function levelsOf(model) {
  const e = model?.personas?.engagement_levels;
  return e ? [{ name: `high ≥ ${e.high}`, value: e.high }, { name: `low < ${e.low}`, value: e.low }] : [];
}

/**
 * Splits the accounts into one series per colour x size bucket: flat x,y Float32Arrays (what
 * ECharts' large mode draws fastest), the account index behind each point, the jittered
 * position of every account, the count per colour key, and a signature of what is drawn.
 */
export function layout(chart, colourBy) {
  const data = chartData(chart);
  const cats = categories(data, colourBy);
  const cuts = sizeBuckets(data.value);
  const bucket = (v) => (v < cuts[0] ? 0 : v < cuts[1] ? 1 : v < cuts[2] ? 2 : 3);
  const nSeries = cats.keys.length * SIZES.length;
  const counts = new Int32Array(nSeries);
  const seriesOf = new Int32Array(data.n);
  const perKey = new Array(cats.keys.length).fill(0);
  for (let i = 0; i < data.n; i++) {
    const key = cats.of(i);
    const s = key * SIZES.length + bucket(data.value[i]);
    seriesOf[i] = s;
    counts[s]++;
    perKey[key]++;
  }
  const xy = Array.from(counts, (c) => new Float32Array(c * 2));
  const members = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(nSeries);
  const jx = new Float32Array(data.n);
  const jy = new Float32Array(data.n);
  let sig = 0;
  for (let i = 0; i < data.n; i++) {
    const s = seriesOf[i];
    const k = fill[s]++;
    jx[i] = data.x[i] + jitter(i, 3);
    jy[i] = data.y[i] + jitter(i + 7, 1.5);
    xy[s][2 * k] = jx[i];
    xy[s][2 * k + 1] = jy[i];
    members[s][k] = i;
    sig = (sig + data.x[i] * 31 + data.y[i] * 17 + (cats.of(i) + 1) * 7) % 1e9;
  }
  return { data, cats, xy, members, jx, jy, perKey, signature: sig.toFixed(3) };
}

/**
 * The k most engaged accounts, most engaged first (ties: higher activation, then chart order):
 * the keyboard order and the text table. A bounded insertion, not a sort of every account.
 */
export function mostEngaged(data, k) {
  const before = (a, b) => data.y[a] > data.y[b] || (data.y[a] === data.y[b] && (data.x[a] > data.x[b] || (data.x[a] === data.x[b] && a < b)));
  const top = [];
  for (let i = 0; i < data.n; i++) {
    if (top.length === k && !before(i, top[k - 1])) continue;
    let at = top.length === k ? k - 1 : top.length;
    while (at > 0 && before(i, top[at - 1])) at--;
    if (top.length === k) top.pop();
    top.splice(at, 0, i);
  }
  return top;
}
