// The persona grid: 3 activation x 3 engagement levels x communication (18 cells) with the
// persona each maps to, the forecast per persona, and the accounts behind a clicked cell.
import 'pqlscope/elements';  // <pql-persona-grid>, <pql-forecast-table>: the package's elements
import { h, clear } from '../dom.js';
import { state } from '../state.js';
import { remoteTable } from '../remote-table.js';
import { fmtInt, fmtMoney } from '../format.js';
import { accountColumns, openLabel, openRow } from './spectrum-view.js';

export function personasView(root, app) {
  const grid = h('pql-persona-grid', { class: 'card', id: 'persona-grid' });
  const forecast = h('pql-forecast-table', { class: 'card', id: 'forecast' });
  grid.addEventListener('pql-cell-select', ({ detail: c }) => choose({ key: c.key,
    label: `Activation ${c.activation}, engagement ${c.engagement}, communication ${c.communication}`,
    where: { cell: { activation: c.activation, engagement: c.engagement, communication: c.communication } } }));
  forecast.addEventListener('pql-persona-select', ({ detail }) => choose({ key: detail.persona, label: detail.label, where: { persona: detail.persona } }));
  const list = h('div', { class: 'card', id: 'persona-accounts' });
  root.append(h('div', { class: 'cols' }, grid, forecast), h('div', {}, list));
  let filter = null; // {key, label, where}

  function showAccounts() {
    if (!filter) return clear(list, h('p', { class: 'muted', text: 'Click a cell or a persona to list its accounts.' }));
    const { label } = filter;
    const table = remoteTable(app.source, {
      columns: [...accountColumns(),
        { key: 'exp', label: 'Expected revenue', sort: 'exp', numeric: true, render: (r) => fmtMoney(r.account.persona?.expected_revenue) },
        { key: 'why', label: 'Why', render: (r) => r.account.persona?.reason ?? '' }],
      where: filter.where, sortKey: 'exp',
      title: (n) => (n === null ? label : `${label}: ${fmtInt(n)} account${n === 1 ? '' : 's'}`),
      onRow: openRow(app), rowLabel: openLabel,
    });
    clear(list, table.el);
    list.scrollIntoView?.({ block: 'nearest' });
  }

  function choose(next) {
    filter = next;
    update(state.overview);
  }

  function update(overview) {
    grid.model = state.model;
    grid.data = overview;
    grid.selected = filter?.key ?? null;
    forecast.data = overview;
    showAccounts();
  }
  return { update };
}
