// The PQL spectrum with the ranked list alongside (or the brushed selection).
import { h, clear } from '../dom.js';
import { createSpectrum, thresholdsOf, levelsOf } from '../spectrum.js';
import { createSpectrumReplay } from './spectrum-replay.js';
import { remoteTable } from '../remote-table.js';
import { state } from '../state.js';
import { fmtMoney, fmtNum, fmtPct, PERSONA_LABEL } from '../format.js';

// The model's lines are drawn by the element; these stay exported for the other views.
export { thresholdsOf, levelsOf };

const nameOf = (a) => a.info?.name || a.id;
export const openLabel = (r) => `Open ${nameOf(r.account)}`;
export const openRow = (app) => (r) => app.go(`account/${encodeURIComponent(r.account.id)}`);

/** Columns of an account table; rows are {account, member?} from source.rows(). */
export function accountColumns() {
  return [
    { key: 'name', label: 'Account', sort: 'name', render: (r) => h('a', { href: `#account/${encodeURIComponent(r.account.id)}`, text: nameOf(r.account) }) },
    { key: 'act', label: 'Activation', sort: 'act', numeric: true, render: (r) => fmtPct(r.account.activation?.rate) },
    { key: 'eng', label: 'Engagement', sort: 'eng', numeric: true, render: (r) => fmtNum(r.account.engagement?.score) },
    { key: 'deal', label: 'Deal value', sort: 'deal', numeric: true, render: (r) => fmtMoney(r.account.facts?.deal_value) },
    { key: 'persona', label: 'Persona', sort: 'persona', render: (r) => (r.account.persona ? PERSONA_LABEL[r.account.persona.persona] : '') },
    { key: 'priority', label: 'Priority', sort: 'priority', numeric: true, render: (r) => fmtNum(r.account.priority) },
  ];
}

export function spectrumView(root, app) {
  const colour = h('select', { id: 'colour-by', 'aria-label': 'Colour by' },
    h('option', { value: 'persona', text: 'persona' }), h('option', { value: 'group', text: 'segment group' }), h('option', { value: 'pql', text: 'PQL or not' }));
  colour.value = sessionStorage.getItem('colourBy') ?? 'persona';
  const side = h('aside', { class: 'side card', 'aria-label': 'Accounts' });
  const wrap = h('div', { class: 'spectrum-wrap card', id: 'spectrum' });
  root.append(h('div', { class: 'controls' },
    h('label', {}, 'Colour by ', colour),
    h('span', { class: 'muted', text: 'Size: deal value. Dashed lines: PQL activation thresholds by deal size; dotted: engagement levels. Points are jittered slightly so equal scores do not hide each other. Zoom with the wheel or the sliders, select a box with the toolbox, click a point to open the account.' })),
  h('div', { class: 'row' }, h('div', { class: 'grow' }, wrap), side));
  let selection = null;
  let drawn = null;  // the chart columns on the canvas
  const spectrum = createSpectrum(wrap, {
    onOpen: (id) => app.go(`account/${encodeURIComponent(id)}`),
    onSelect: (ids) => { selection = ids; drawSide(); },
  });
  colour.addEventListener('change', () => { sessionStorage.setItem('colourBy', colour.value); draw(); });
  const replay = createSpectrumReplay(root.querySelector('.controls').appendChild(h('div')), {
    load: () => app.source.history(), live: () => state.chart,
    draw: (columns) => spectrum.update(columns, { colourBy: colour.value, model: state.model }) });

  function drawSide() {
    if (state.stale || !state.overview) return clear(side, h('h2', { text: 'Ranked list' }), h('p', { class: 'muted', text: 'Scoring your data…' }));
    const selected = selection?.length ? selection : null;
    const table = remoteTable(app.source, {
      id: 'side-table',
      // The PQL list by priority (activation, engagement, trend, deal size), not by activation
      // alone, which put fully activated accounts nobody uses at the top (issue 16).
      columns: [...accountColumns().slice(0, 3), accountColumns().find((c) => c.key === 'priority')],
      where: selected ? { ids: selected } : { segment: 'pql' },
      sortKey: selected ? 'eng' : 'priority',
      descending: true,
      pageSize: 50,
      title: (n) => (n === null ? 'Ranked list' : selected ? `${n} selected account${n === 1 ? '' : 's'}` : `Ranked: ${n} product-qualified leads`),
      onRow: openRow(app), rowLabel: openLabel,
    });
    clear(side, table.el, selected ? h('button', { type: 'button', text: 'Clear selection', onclick: () => {
      selection = null;
      spectrum.element.clearSelection();
      drawSide();
    } }) : null);
  }

  function draw() {
    if (!state.chart) return;
    const t0 = performance.now();
    spectrum.update(state.chart, { colourBy: colour.value, model: state.model });
    wrap.dataset.drawMs = String(Math.round(performance.now() - t0));
    wrap.dataset.drawnAt = String(performance.now());  // the page's clock (bench/dashboard.mjs)
    drawn = state.chart;
  }
  function preview() {
    replay.reset();
    selection = null;
    draw();
    drawSide();
  }
  function update() {
    if (drawn !== state.chart) { replay.reset(); draw(); }  // the preview drew this scoring already
    drawSide();
  }
  return { update, preview, pointOf: (id) => spectrum.pointOf(id), get chart() { return spectrum.chart; }, destroy: () => { replay.destroy(); spectrum.element.remove(); } };
}
