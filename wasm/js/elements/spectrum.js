// <pql-spectrum>: every account at (activation, engagement), sized by deal value, coloured by
// persona, segment group or PQL status; ECharts on canvas. One series per colour x size bucket,
// each a flat Float32Array, so 100k accounts draw in large mode; a (series, dataIndex) maps back
// to an account through an Int32Array. Beside the canvas, a text alternative (the colour key
// with counts and a table of the most engaged accounts) whose rows open with Enter or Space.
//
// Feed: el.data = chart columns (ChartData: Worker client rescore()/score(), or
// session.chartData()); el.model = the scored model (threshold and level lines; optional).
// Events: pql-account-select {id, name}; pql-box-select {ids} (ids null when cleared).
import * as echarts from 'echarts/core';
import { ScatterChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, DataZoomComponent, BrushComponent, ToolboxComponent, MarkLineComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { PqlElement, h, clear, sheet, adoptInto, emit, activatable, paint, themed, personaColour, groupColour, pqlColour } from './base.js';
import { PERSONAS, PERSONA_LABEL, COLOUR_BY, fmtInt, fmtMoney, fmtNum, fmtPct } from './vocabulary.js';
import { SIZES, LARGE, layout, mostEngaged, thresholdsOf, levelsOf } from './spectrum-data.js';

/** The ECharts parts the spectrum uses (index.js registers them: module-level calls belong there). */
export const ECHARTS_PARTS = [ScatterChart, LineChart, GridComponent, TooltipComponent, DataZoomComponent, BrushComponent, ToolboxComponent,
  MarkLineComponent, LegendComponent, CanvasRenderer];
export { echarts };

/** Rows in the text alternative's account table (the most engaged first); the chart draws all. */
export const TABLE_ROWS = 200;

// Light DOM, not a shadow root: ECharts' drag handling (brush, sliders) follows the pointer on
// the document, and inside a shadow root the retargeted events lose the chart's coordinates.
// So the styles are one sheet adopted by the document (or the enclosing shadow root), every
// selector scoped under pql-spectrum.
const CSS = `
pql-spectrum { display: flex; flex-direction: column; box-sizing: border-box; position: relative; min-height: var(--pql-min-height, 320px);
  font: var(--pql-font, 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif); color: var(--pql-fg, #1d2430); }
pql-spectrum[hidden] { display: none; }
pql-spectrum .pql-chart { flex: 1 1 auto; min-height: 240px; width: 100%; }
pql-spectrum :focus-visible { outline: 3px solid var(--pql-focus, #f0a500); outline-offset: -3px; }
pql-spectrum details { flex: none; font-size: 12px; max-height: 45%; overflow: auto; }
pql-spectrum summary { cursor: pointer; color: var(--pql-muted, #5b6676); }
pql-spectrum table { border-collapse: collapse; width: 100%; }
pql-spectrum caption { text-align: left; font-weight: 600; padding: 4px 0; }
pql-spectrum th, pql-spectrum td { padding: 2px 6px; border-bottom: 1px solid var(--pql-line, #d9dee5); text-align: left; }
pql-spectrum .num { text-align: right; font-variant-numeric: tabular-nums; }
pql-spectrum tr.clickable { cursor: pointer; }
pql-spectrum tr.clickable:hover, pql-spectrum tr.clickable:focus { background: var(--pql-hover-bg, #eef4fb); }
pql-spectrum .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }
pql-spectrum .tip { font-size: 12px; line-height: 1.4; }
pql-spectrum .pql-live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
`;

export class PqlSpectrum extends PqlElement {
  static observedAttributes = ['colour-by', 'compact'];
  #chart = null;
  #box = null;
  #details = null;
  #live = null;
  #observer = null;
  #current = null;  // the layout drawn, with the columns
  #model = null;
  #cursor = -1;     // keyboard position in the ranked order
  #holding = false; // draw(): several properties set, one render

  constructor() {
    super(CSS, { shadow: false });
  }

  /** The scored model: its PQL thresholds and engagement levels are drawn as lines. */
  get model() { return this.#model; }
  set model(value) {
    this.#model = value ?? null;
    if (this.isConnected) this.render();
  }
  /** 'persona' (default) | 'group' | 'pql' — the colour-by attribute. */
  get colourBy() {
    const v = this.getAttribute('colour-by');
    return COLOUR_BY.includes(v) ? v : 'persona';
  }
  set colourBy(value) { this.setAttribute('colour-by', value); }
  /** Compact: no legend, toolbox or sliders (small embeds). */
  get compact() { return this.hasAttribute('compact'); }
  set compact(on) { this.toggleAttribute('compact', Boolean(on)); }
  /** The ECharts instance (null before the element is connected). */
  get chart() { return this.#chart; }

  attributeChangedCallback() {
    if (this.#chart) this.render();
  }

  /** Sets the chart columns, and optionally the model and colouring, then draws once. */
  draw(data, { model = this.#model, colourBy = this.colourBy } = {}) {
    this.#holding = true;
    try {
      this.model = model;
      this.colourBy = colourBy;
      this.data = data;
    } finally {
      this.#holding = false;
    }
    this.render();
  }

  connectedCallback() {
    adoptInto(this.getRootNode(), sheet(CSS));
    if (!this.#box) this.#build();
    if (!this.#chart) {
      this.#chart = echarts.init(this.#box, null, { renderer: 'canvas' });
      this.#wire();
      this.#observer = new ResizeObserver(() => this.#chart?.resize());
      this.#observer.observe(this.#box);
    }
    this.render();
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#chart?.dispose();
    this.#chart = null;
  }

  #build() {
    this.#box = h('div', { class: 'pql-chart', tabindex: '0', role: 'img',
      'aria-label': 'PQL spectrum: activation (x) against engagement (y) for every account. Arrow keys step through the most engaged accounts; Enter opens one.' });
    this.#details = h('details', {});
    this.#live = h('div', { class: 'pql-live', 'aria-live': 'polite' });
    this.root.append(this.#box, this.#details, this.#live);
    this.#box.addEventListener('keydown', (e) => this.#key(e));
  }

  #account(i) {
    const columns = this.#current.columns;
    return { id: columns.ids[i], name: columns.names?.[i] || columns.ids[i] };
  }

  #wire() {
    this.#chart.on('click', (params) => {
      const i = this.#current?.members[params.seriesIndex]?.[params.dataIndex];
      if (i !== undefined) emit(this, 'pql-account-select', this.#account(i));
    });
    this.#chart.on('brushSelected', (params) => {
      if (!this.#current) return;
      const area = params.batch?.[0]?.areas?.[0];
      if (!area) return emit(this, 'pql-box-select', { ids: null });
      const [[x0, x1], [y0, y1]] = area.coordRange;
      const { jx, jy, data, columns } = this.#current;
      const ids = [];
      for (let i = 0; i < data.n; i++) {
        if (jx[i] >= x0 && jx[i] <= x1 && jy[i] >= y0 && jy[i] <= y1) ids.push(columns.ids[i]);
      }
      emit(this, 'pql-box-select', { ids, box: { activation: [x0, x1], engagement: [y0, y1] } });
    });
  }

  /** Clears the brushed box (no event). */
  clearSelection() {
    this.#chart?.dispatchAction({ type: 'brush', areas: [] });
  }

  /** Page coordinates of an account's point, or null. */
  pointOf(id) {
    if (!this.#current || !this.#chart) return null;
    const i = this.#current.columns.ids.indexOf(id);
    if (i < 0) return null;
    const [px, py] = this.#chart.convertToPixel({ gridIndex: 0 }, [this.#current.jx[i], this.#current.jy[i]]);
    const r = this.#box.getBoundingClientRect();
    return { x: r.x + px, y: r.y + py };
  }

  // Arrow keys walk the TABLE_ROWS most engaged accounts and show the tooltip; Enter/Space select.
  #key(e) {
    const ranked = this.#current?.ranked;
    if (!ranked?.length) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') this.#cursor = Math.min(ranked.length - 1, this.#cursor + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') this.#cursor = Math.max(0, this.#cursor - 1);
    else if ((e.key === 'Enter' || e.key === ' ') && this.#cursor >= 0) {
      e.preventDefault();
      emit(this, 'pql-account-select', this.#account(ranked[this.#cursor]));
      return;
    } else return;
    e.preventDefault();
    const i = ranked[this.#cursor];
    const { members } = this.#current;
    for (let s = 0; s < members.length; s++) {
      const k = members[s].indexOf(i);
      if (k >= 0) this.#chart.dispatchAction({ type: 'showTip', seriesIndex: s, dataIndex: k });
    }
    const { data } = this.#current;
    this.#live.textContent = `${this.#account(i).name}: activation ${fmtPct(data.x[i])}, engagement ${fmtNum(data.y[i])}`;
  }

  #colour(cats, key) {
    if (cats.kind === 'group') return groupColour(this, key);
    if (cats.kind === 'pql') return pqlColour(this, key);
    return personaColour(this, key);
  }

  #tooltip(params) {
    const i = this.#current?.members[params.seriesIndex]?.[params.dataIndex];
    if (i === undefined) return '';
    const { columns, data } = this.#current;
    const id = columns.ids[i];
    // Built with text nodes: account names come from uploaded files.
    return h('div', { class: 'tip' },
      h('strong', { text: columns.names?.[i] || id }), h('br'),
      `${id} · ${columns.labels.stages[columns.stage[i]] ?? ''}`, h('br'),
      `activation ${fmtPct(data.x[i])} · engagement ${fmtNum(data.y[i])}`, h('br'),
      `deal value ${fmtMoney(data.value[i])}${data.persona[i] !== 255 ? ` · ${PERSONA_LABEL[PERSONAS[data.persona[i]]]}` : ''}`);
  }

  render() {
    const columns = this.data;
    if (this.#holding || !this.#chart || !columns) return;
    const drawn = layout(columns, this.colourBy);
    const { data, cats } = drawn;
    const ranked = mostEngaged(data, TABLE_ROWS);
    this.#current = { ...drawn, columns, ranked };
    this.#cursor = -1;
    this.dataset.points = String(data.n);
    this.dataset.signature = drawn.signature;
    this.#chart.setOption(this.#option(drawn), { replaceMerge: ['series'] });
    this.#table(drawn, ranked);
  }

  #option({ data, cats, xy }) {
    const compact = this.compact;
    const axis = themed(this, '--pql-axis', '#444');
    const text = themed(this, '--pql-fg', '#333');
    const thresholds = thresholdsOf(this.#model);
    const levels = levelsOf(this.#model);
    const series = [];
    for (let s = 0; s < cats.keys.length * SIZES.length; s++) {
      const key = cats.keys[Math.floor(s / SIZES.length)];
      series.push({
        type: 'scatter', name: cats.label(key), data: xy[s], dimensions: ['x', 'y'],
        // Past LARGE accounts squares: a square rasterizes several times faster than an arc.
        symbol: data.n > LARGE ? 'rect' : 'circle',
        symbolSize: SIZES[s % SIZES.length] * (compact ? 0.8 : 1),
        // Large mode per series past LARGE accounts in all (a small series of individual symbols
        // costs more per point); ECharts' large path fails on an empty series, hence threshold 1.
        large: data.n > LARGE, largeThreshold: data.n > LARGE ? 1 : LARGE, progressive: 0,
        itemStyle: { color: this.#colour(cats, key), opacity: data.n > 20000 ? 0.5 : 0.75, borderColor: data.n > LARGE ? undefined : '#fff', borderWidth: data.n > LARGE ? 0 : 0.5 },
        emphasis: { scale: 1.6, focus: 'none' },
        animation: false,
        markLine: s === 0 ? {
          silent: true, symbol: 'none', animation: false,
          lineStyle: { type: 'dashed', color: axis },
          label: { formatter: (p) => p.name, position: 'end', fontSize: 10, color: text },
          data: [
            ...thresholds.map((t) => ({ name: `PQL ${t.size} ${t.value}%`, xAxis: t.value })),
            ...levels.map((l) => ({ name: l.name, yAxis: l.value, lineStyle: { type: 'dotted', color: axis } })),
          ],
        } : undefined,
      });
    }
    const tick = (v) => (v >= 0 && v <= 100 && v % 20 === 0 ? String(v) : '');
    const accent = themed(this, '--pql-accent', '#0072B2');
    return {
      animation: false,
      textStyle: { color: text },
      grid: { left: 48, right: 56, top: compact ? 36 : 64, bottom: compact ? 40 : 64, containLabel: false },
      legend: compact ? { show: false } : {
        type: 'scroll', orient: 'horizontal', left: 40, right: 150, top: 4,
        data: cats.keys.map((k) => ({ name: cats.label(k), itemStyle: { color: this.#colour(cats, k) } })),
        textStyle: { fontSize: 11, color: text },
      },
      tooltip: { trigger: 'item', formatter: (p) => this.#tooltip(p), confine: true, transitionDuration: 0, showDelay: 0, hideDelay: 50 },
      xAxis: { type: 'value', name: 'activation %', nameLocation: 'middle', nameGap: 24, min: -5, max: 105, interval: 5, axisTick: { show: false }, axisLabel: { formatter: tick }, splitLine: { show: false } },
      yAxis: { type: 'value', name: 'engagement', nameLocation: 'middle', nameGap: 32, min: -5, max: 105, interval: 5, axisTick: { show: false }, axisLabel: { formatter: tick }, splitLine: { show: false } },
      dataZoom: [
        { type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
        ...(compact ? [] : [{ type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 16, bottom: 6 },
          { type: 'slider', yAxisIndex: 0, filterMode: 'none', width: 14, right: 8 }]),
      ],
      brush: compact ? undefined : { toolbox: ['rect', 'clear'], xAxisIndex: 0, throttleType: 'debounce', throttleDelay: 150, brushStyle: { color: 'rgba(0,114,178,0.12)', borderColor: accent } },
      toolbox: compact ? undefined : { right: 8, top: 4, feature: { brush: { type: ['rect', 'clear'], title: { rect: 'Select a box', clear: 'Clear selection' } }, dataZoom: { title: { zoom: 'Zoom to a box', back: 'Undo zoom' } } } },
      series,
    };
  }

  // The text alternative: what each colour means with its count, and the most engaged accounts.
  #table({ data, cats, perKey }, ranked) {
    const open = this.#details.open;
    const key = h('table', {}, h('caption', { text: 'Colour key' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: cats.kind === 'persona' ? 'Persona' : cats.kind === 'group' ? 'Segment group' : 'PQL' }), h('th', { scope: 'col', class: 'num', text: 'Accounts' }))),
      h('tbody', {}, cats.keys.map((k, j) => h('tr', {},
        h('td', {}, paint(h('span', { class: 'swatch', 'aria-hidden': 'true' }), 'background-color', this.#colour(cats, k)), cats.label(k)),
        h('td', { class: 'num', text: fmtInt(perKey[j]) })))));
    const shown = ranked;
    const accounts = h('table', {},
      h('caption', { text: data.n > shown.length ? `The ${fmtInt(shown.length)} most engaged of ${fmtInt(data.n)} accounts` : `${fmtInt(data.n)} accounts, most engaged first` }),
      h('thead', {}, h('tr', {}, ['Account', 'Activation', 'Engagement', 'Deal value', cats.kind === 'persona' ? 'Persona' : 'Colour'].map((t, j) => h('th', { scope: 'col', class: j > 0 && j < 4 ? 'num' : undefined, text: t })))),
      h('tbody', {}, shown.map((i) => {
        const a = this.#account(i);
        return activatable(h('tr', { dataset: { id: a.id } },
          h('td', { text: a.name }), h('td', { class: 'num', text: fmtPct(data.x[i]) }), h('td', { class: 'num', text: fmtNum(data.y[i]) }),
          h('td', { class: 'num', text: fmtMoney(data.value[i]) }), h('td', { text: cats.label(cats.keys[cats.of(i)]) })),
        () => emit(this, 'pql-account-select', a), `Select ${a.name}`);
      })));
    clear(this.#details, h('summary', { text: `Data table (${fmtInt(data.n)} accounts)` }), key, accounts);
    this.#details.open = open;
  }
}
