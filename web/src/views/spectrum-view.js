// The PQL spectrum with the ranked list alongside (or the brushed selection).
import { h, clear, sortableTable } from '../dom.js';
import { createSpectrum } from '../spectrum.js';
import { state } from '../state.js';
import { fmtMoney, fmtNum, fmtPct, PERSONA_LABEL } from '../format.js';

export function thresholdsOf(model) {
  const pql = model?.deal_size?.pql_activation ?? {};
  return Object.entries(pql).map(([size, value]) => ({ size, value }));
}
export function levelsOf(model) {
  const e = model?.personas?.engagement_levels;
  return e ? [{ name: `high ≥ ${e.high}`, value: e.high }, { name: `low < ${e.low}`, value: e.low }] : [];
}

export function accountColumns(app) {
  return [
    { key: 'name', label: 'Account', numeric: false, value: (a) => a.info?.name || a.id,
      render: (a) => h('a', { href: `#account/${encodeURIComponent(a.id)}`, text: a.info?.name || a.id }) },
    { key: 'act', label: 'Activation', numeric: true, value: (a) => a.activation?.rate, render: (a) => fmtPct(a.activation?.rate) },
    { key: 'eng', label: 'Engagement', numeric: true, value: (a) => a.engagement?.score, render: (a) => fmtNum(a.engagement?.score) },
    { key: 'deal', label: 'Deal value', numeric: true, value: (a) => a.facts?.deal_value, render: (a) => fmtMoney(a.facts?.deal_value) },
    { key: 'persona', label: 'Persona', numeric: false, value: (a) => (a.persona ? PERSONA_LABEL[a.persona.persona] : '') },
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
    h('span', { class: 'muted', text: 'Size: deal value. Dashed lines: PQL activation thresholds by deal size; dotted: engagement levels. Points are jittered slightly so equal scores do not hide each other. Drag to zoom (wheel), use the toolbox to select a box, click a point to open the account.' })),
  h('div', { class: 'row' }, h('div', { class: 'grow' }, wrap), side));
  let selection = null;
  const spectrum = createSpectrum(wrap, {
    onOpen: (id) => app.go(`account/${encodeURIComponent(id)}`),
    onSelect: (ids) => { selection = ids; drawSide(); },
  });
  colour.addEventListener('change', () => { sessionStorage.setItem('colourBy', colour.value); update(state.report); });

  function drawSide() {
    const report = state.report;
    if (!report) return;
    if (state.stale) return clear(side, h('h2', { text: 'Ranked list' }), h('p', { class: 'muted', text: 'Building the report of your data…' }));
    let rows;
    let title;
    if (selection && selection.length) {
      rows = selection.map((id) => report.accounts[state.byId.get(id)]);
      title = `${rows.length} selected account${rows.length === 1 ? '' : 's'}`;
    } else {
      rows = (report.segments ?? []).find((s) => s.id === 'pql')?.members.map((m) => report.accounts[state.byId.get(m.account)]) ?? [];
      title = `Ranked: ${rows.length} product-qualified leads`;
    }
    clear(side, h('h2', { text: title }),
      selection?.length ? h('button', { type: 'button', text: 'Clear selection', onclick: () => { selection = null; spectrum.chart.dispatchAction({ type: 'brush', areas: [] }); drawSide(); } }) : null,
      sortableTable(accountColumns(app).slice(0, 3), rows, { sortKey: 'eng', onRow: (a) => app.go(`account/${encodeURIComponent(a.id)}`), rowLabel: (a) => `Open ${a.info?.name || a.id}` }));
  }

  function update(report) {
    if (!report) return;
    const t0 = performance.now();
    spectrum.update(report, { chart: state.chart, colourBy: colour.value, thresholds: thresholdsOf(state.model), levels: levelsOf(state.model) });
    wrap.dataset.drawMs = String(Math.round(performance.now() - t0));
    drawSide();
  }
  function preview({ chart }) {
    const t0 = performance.now();
    spectrum.update(state.report, { chart, colourBy: colour.value, thresholds: thresholdsOf(state.model), levels: levelsOf(state.model) });
    wrap.dataset.drawMs = String(Math.round(performance.now() - t0));
    drawSide();
  }
  return { update, preview, pointOf: (id) => spectrum.pointOf(id), destroy: () => spectrum.chart.dispose() };
}
