// The persona grid: 3 activation x 3 engagement levels x communication (18 cells) with the
// persona each maps to, the forecast per persona, and the accounts behind a clicked cell.
import { h, clear, sortableTable } from '../dom.js';
import { state } from '../state.js';
import { remoteTable } from '../remote-table.js';
import { fmtInt, fmtMoney, fmtPct, COMMUNICATION, LEVELS, PERSONAS, PERSONA_LABEL, PERSONA_COLOUR } from '../format.js';
import { accountColumns, openLabel, openRow } from './spectrum-view.js';

const ROWS = [...LEVELS].reverse();  // activation high at the top

export function personasView(root, app) {
  const grid = h('div', { class: 'card' });
  const forecast = h('div', { class: 'card' });
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
    const p = overview?.personas;
    if (!p) return clear(grid, 'This report has no personas.');
    // The engine's grid: per cell its accounts and the personas the scored model's table gives it
    // (one per net sentiment), so the page never re-implements the table's rule.
    const cells = new Map((overview.persona_cells ?? []).map((c) => [`${c.activation}/${c.engagement}/${c.communication}`, c]));
    const personasOf = (key) => cells.get(key)?.personas ?? ['unclassified'];
    const probs = state.model?.personas?.probabilities ?? {};
    const layout = [h('div', {}), ...LEVELS.map((e) => h('div', { class: 'axis', text: `engagement ${e}` }))];
    for (const act of ROWS) {
      layout.push(h('div', { class: 'axis', text: `activation ${act}` }));
      for (const eng of LEVELS) {
        layout.push(h('div', { class: 'cell' }, COMMUNICATION.map((comm) => {
          const key = `${act}/${eng}/${comm}`;
          const names = personasOf(key);
          const n = cells.get(key)?.accounts ?? 0;
          return h('button', {
            type: 'button', 'aria-pressed': filter?.key === key ? 'true' : 'false', dataset: { cell: key },
            'aria-label': `activation ${act}, engagement ${eng}, communication ${comm}: ${n} accounts, ${names.map((x) => PERSONA_LABEL[x]).join(' or ')}`,
            onclick: () => choose({ key, label: `Activation ${act}, engagement ${eng}, communication ${comm}`,
              where: { cell: { activation: act, engagement: eng, communication: comm } } }),
          }, h('span', { class: 'n', text: fmtInt(n) }), h('span', { class: 'p', text: `comm. ${comm}` }),
          h('span', { class: 'p', text: names.map((x) => `${PERSONA_LABEL[x]} ${fmtPct((probs[x] ?? 0) * 100)}`).join(' / ') }));
        })));
      }
    }
    clear(grid, h('h2', { text: `Persona grid: ${fmtInt(p.trial_accounts)} trial accounts` }), h('div', { class: 'grid18' }, layout));
    for (const b of grid.querySelectorAll('.cell button')) {
      b.style.borderLeftColor = PERSONA_COLOUR[personasOf(b.dataset.cell)[0]];
    }
    const rows = p.forecast.map((f) => ({ ...f }));
    clear(forecast, h('h2', { text: `Forecast: ${fmtMoney(p.total.expected_revenue)} expected of ${fmtMoney(p.total.deal_value)}` }),
      sortableTable([
        { key: 'persona', label: 'Persona', numeric: false, value: (r) => PERSONAS.indexOf(r.persona), render: (r) => h('span', {}, h('span', { class: 'badge', text: '●' }), ' ', PERSONA_LABEL[r.persona]) },
        { key: 'accounts', label: 'Accounts', numeric: true, value: (r) => r.accounts },
        { key: 'probability', label: 'Odds', numeric: true, value: (r) => r.probability, render: (r) => fmtPct(r.probability * 100) },
        { key: 'deal', label: 'Deal value', numeric: true, value: (r) => r.deal_value, render: (r) => fmtMoney(r.deal_value) },
        { key: 'expected', label: 'Expected revenue', numeric: true, value: (r) => r.expected_revenue, render: (r) => fmtMoney(r.expected_revenue) },
      ], rows, { sortKey: 'persona', descending: false,
        onRow: (r) => choose({ key: r.persona, label: PERSONA_LABEL[r.persona], where: { persona: r.persona } }),
        rowLabel: (r) => `List ${PERSONA_LABEL[r.persona]} accounts` }));
    const order = [...rows].sort((a, b) => PERSONAS.indexOf(a.persona) - PERSONAS.indexOf(b.persona));
    for (const [i, badge] of [...forecast.querySelectorAll('tbody .badge')].entries()) {
      badge.style.color = PERSONA_COLOUR[order[i]?.persona];
      badge.style.background = 'none';
    }
    showAccounts();
  }
  return { update };
}
