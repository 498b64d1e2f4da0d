// The PQL spectrum: every account at (activation, engagement), sized by deal value, coloured by
// persona, segment group or PQL status. Canvas (ECharts), one series per colour x size bucket,
// each a flat Float32Array of x,y pairs, so 100k accounts draw in large mode and tooltips map a
// (series, dataIndex) back to an account through an Int32Array.
import * as echarts from 'echarts/core';
import { ScatterChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, DataZoomComponent, BrushComponent, ToolboxComponent, MarkLineComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { h } from './dom.js';
import { PERSONAS, PERSONA_LABEL, PERSONA_COLOUR, GROUPS, GROUP_LABEL, GROUP_COLOUR, fmtMoney, fmtNum, fmtPct } from './format.js';

echarts.use([ScatterChart, LineChart, GridComponent, TooltipComponent, DataZoomComponent, BrushComponent, ToolboxComponent,
  MarkLineComponent, LegendComponent, CanvasRenderer]);
export { echarts };

const SIZES = [5, 8, 12, 17];
const LARGE = 3000;

/** The columns the chart draws, from the engine's chart columns (chartData() in the Worker). */
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

function categories(data, colourBy) {
  if (colourBy === 'persona') {
    return { keys: [...PERSONAS, 'none'], of: (i) => (data.persona[i] === 255 ? PERSONAS.length : data.persona[i]),
      label: (k) => PERSONA_LABEL[k], colour: (k) => PERSONA_COLOUR[k] };
  }
  if (colourBy === 'group') {
    return { keys: [...GROUPS, 'none'], of: (i) => (data.group[i] === 255 ? GROUPS.length : data.group[i]),
      label: (k) => GROUP_LABEL[k], colour: (k) => GROUP_COLOUR[k] };
  }
  return { keys: ['pql', 'not'], of: (i) => (data.pql[i] ? 0 : 1), label: (k) => (k === 'pql' ? 'PQL' : 'Not a PQL'),
    colour: (k) => (k === 'pql' ? '#D55E00' : '#8aa1b1') };
}

// Deterministic jitter: activation takes few distinct values (k of n steps), so points would pile up.
function jitter(i, spread) {
  const s = Math.sin(i * 12.9898) * 43758.5453;
  return (s - Math.floor(s) - 0.5) * spread;
}

export function sizeBuckets(value) {
  const sorted = Float64Array.from(value).sort();
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return [q(0.5), q(0.8), q(0.95)];
}

/**
 * Mounts a spectrum in `el`. onOpen(accountId) on click/Enter; onSelect(ids) after a brush.
 * Returns {update(chartColumns, {colourBy, thresholds, levels}), pointOf(id), resize(), chart}.
 */
export function createSpectrum(el, { onOpen, onSelect, compact = false } = {}) {
  const canvasBox = h('div', { class: 'spectrum-canvas', role: 'img', 'aria-label': 'PQL spectrum: activation (x) against engagement (y) for every account' });
  el.append(canvasBox);
  const chart = echarts.init(canvasBox, null, { renderer: 'canvas' });
  let current = null; // {columns, data, members: Int32Array[] per series, jx, jy}

  function tooltip(params) {
    if (!current) return '';
    const i = current.members[params.seriesIndex]?.[params.dataIndex];
    if (i === undefined) return '';
    const { columns, data } = current;
    const id = columns.ids[i];
    // An element built with textContent: account names come from uploaded files.
    return h('div', { class: 'tip' },
      h('strong', { text: columns.names?.[i] || id }), h('br'),
      `${id} · ${columns.labels.stages[columns.stage[i]] ?? ''}`, h('br'),
      `activation ${fmtPct(data.x[i])} · engagement ${fmtNum(data.y[i])}`, h('br'),
      `deal value ${fmtMoney(data.value[i])}${data.persona[i] !== 255 ? ` · ${PERSONA_LABEL[PERSONAS[data.persona[i]]]}` : ''}`);
  }

  chart.on('click', (params) => {
    const i = current?.members[params.seriesIndex]?.[params.dataIndex];
    if (i !== undefined && onOpen) onOpen(current.columns.ids[i]);
  });
  chart.on('brushSelected', (params) => {
    if (!current || !onSelect) return;
    const area = params.batch?.[0]?.areas?.[0];
    if (!area) return onSelect(null);
    const [[x0, x1], [y0, y1]] = area.coordRange;
    const ids = [];
    for (let i = 0; i < current.data.n; i++) {
      const xi = current.jx[i];
      const yi = current.jy[i];
      if (xi >= x0 && xi <= x1 && yi >= y0 && yi <= y1) ids.push(current.columns.ids[i]);
    }
    onSelect(ids);
  });

  function update(columns, { colourBy = 'persona', thresholds = [], levels = [] } = {}) {
    const data = chartData(columns);
    const cats = categories(data, colourBy);
    const cuts = sizeBuckets(data.value);
    const bucket = (v) => (v < cuts[0] ? 0 : v < cuts[1] ? 1 : v < cuts[2] ? 2 : 3);
    const nSeries = cats.keys.length * SIZES.length;
    const counts = new Int32Array(nSeries);
    const seriesOf = new Int32Array(data.n);
    for (let i = 0; i < data.n; i++) {
      const s = cats.of(i) * SIZES.length + bucket(data.value[i]);
      seriesOf[i] = s;
      counts[s]++;
    }
    const xy = Array.from(counts, (c) => new Float32Array(c * 2));
    const members = Array.from(counts, (c) => new Int32Array(c));
    const fill = new Int32Array(nSeries);
    const jx = new Float32Array(data.n);
    const jy = new Float32Array(data.n);
    for (let i = 0; i < data.n; i++) {
      const s = seriesOf[i];
      const k = fill[s]++;
      jx[i] = data.x[i] + jitter(i, 3);
      jy[i] = data.y[i] + jitter(i + 7, 1.5);
      xy[s][2 * k] = jx[i];
      xy[s][2 * k + 1] = jy[i];
      members[s][k] = i;
    }
    current = { columns, data, members, jx, jy };
    // A signature of what is drawn, for tests and for the "changed" cue.
    let sig = 0;
    for (let i = 0; i < data.n; i++) sig = (sig + data.x[i] * 31 + data.y[i] * 17 + (cats.of(i) + 1) * 7) % 1e9;
    el.dataset.points = String(data.n);
    el.dataset.signature = sig.toFixed(3);

    const series = [];
    for (let s = 0; s < nSeries; s++) {
      const key = cats.keys[Math.floor(s / SIZES.length)];
      series.push({
        type: 'scatter', name: cats.label(key), data: xy[s], dimensions: ['x', 'y'],
        // Past LARGE accounts squares: a square rasterizes several times faster than an arc,
        // which at 100k points is the difference between a frozen tab and a smooth one.
        symbol: data.n > LARGE ? 'rect' : 'circle',
        symbolSize: SIZES[s % SIZES.length] * (compact ? 0.8 : 1),
        // Large mode is decided per series by its own count: past LARGE accounts in all, every
        // series draws as one path (a small series of individual symbols costs more per point);
        // not an empty one: ECharts' large path fails on a series without points.
        large: data.n > LARGE, largeThreshold: data.n > LARGE ? 1 : LARGE, progressive: 0,
        itemStyle: { color: cats.colour(key), opacity: data.n > 20000 ? 0.5 : 0.75, borderColor: data.n > LARGE ? undefined : '#fff', borderWidth: data.n > LARGE ? 0 : 0.5 },
        emphasis: { scale: 1.6, focus: 'none' },
        animation: false,
        markLine: s === 0 ? {
          silent: true, symbol: 'none', animation: false,
          lineStyle: { type: 'dashed', color: '#444' },
          label: { formatter: (p) => p.name, position: 'end', fontSize: 10, color: '#333' },
          data: [
            ...thresholds.map((t) => ({ name: `PQL ${t.size} ${t.value}%`, xAxis: t.value })),
            ...levels.map((l) => ({ name: l.name, yAxis: l.value, lineStyle: { type: 'dotted', color: '#888' } })),
          ],
        } : undefined,
      });
    }
    chart.setOption({
      animation: false,
      grid: { left: 48, right: compact ? 56 : 56, top: compact ? 36 : 64, bottom: compact ? 40 : 64, containLabel: false },
      legend: compact ? { show: false } : {
        type: 'scroll', orient: 'horizontal', left: 40, right: 150, top: 4,
        data: cats.keys.map((k) => ({ name: cats.label(k), itemStyle: { color: cats.colour(k) } })),
        textStyle: { fontSize: 11 },
      },
      tooltip: { trigger: 'item', formatter: tooltip, confine: true, transitionDuration: 0, showDelay: 0, hideDelay: 50 },
      xAxis: { type: 'value', name: 'activation %', nameLocation: 'middle', nameGap: 24, min: -5, max: 105, interval: 5, axisTick: { show: false }, axisLabel: { formatter: (v) => (v >= 0 && v <= 100 && v % 20 === 0 ? String(v) : '') }, splitLine: { show: false } },
      yAxis: { type: 'value', name: 'engagement', nameLocation: 'middle', nameGap: 32, min: -5, max: 105, interval: 5, axisTick: { show: false }, axisLabel: { formatter: (v) => (v >= 0 && v <= 100 && v % 20 === 0 ? String(v) : '') }, splitLine: { show: false } },
      dataZoom: [
        { type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
        ...(compact ? [] : [{ type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 16, bottom: 6 },
          { type: 'slider', yAxisIndex: 0, filterMode: 'none', width: 14, right: 8 }]),
      ],
      brush: compact ? undefined : { toolbox: ['rect', 'clear'], xAxisIndex: 0, throttleType: 'debounce', throttleDelay: 150, brushStyle: { color: 'rgba(0,114,178,0.12)', borderColor: '#0072B2' } },
      toolbox: compact ? undefined : { right: 8, top: 4, feature: { brush: { type: ['rect', 'clear'], title: { rect: 'Select a box', clear: 'Clear selection' } }, dataZoom: { title: { zoom: 'Zoom to a box', back: 'Undo zoom' } } } },
      series,
    }, { replaceMerge: ['series'] });
  }

  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(canvasBox);
  /** Page coordinates of an account's point (tests and keyboard focus use it). */
  function pointOf(id) {
    if (!current) return null;
    const i = current.columns.ids.indexOf(id);
    if (i < 0) return null;
    const [px, py] = chart.convertToPixel({ gridIndex: 0 }, [current.jx[i], current.jy[i]]);
    const r = canvasBox.getBoundingClientRect();
    return { x: r.x + px, y: r.y + py };
  }
  return { update, pointOf, resize: () => chart.resize(), chart, get current() { return current; } };
}
