// The persona grid: 3 activation x 3 engagement levels x communication (18 cells) with the
// persona each maps to, the forecast per persona, and the accounts behind a clicked cell.
import { h, clear, sortableTable } from '../dom.js';
import { state } from '../state.js';
import { fmtInt, fmtMoney, fmtPct, PERSONAS, PERSONA_LABEL, PERSONA_COLOUR } from '../format.js';
import { accountColumns } from './spectrum-view.js';

const LEVELS = ['high', 'medium', 'low'];

function personasFor(model, act, eng, comm) {
  const rows = (model?.personas?.table ?? []).filter((r) => r.activation === act && r.engagement === eng && r.communication === comm);
  return rows.length ? rows.map((r) => r.persona) : ['unclassified'];
}

export function personasView(root, app) {
  const grid = h('div', { class: 'card' });
  const forecast = h('div', { class: 'card' });
  const list = h('div', { class: 'card', id: 'persona-accounts' });
  root.append(h('div', { class: 'cols' }, grid, forecast), h('div', { style: undefined }, list));
  let filter = null; // {label, test(account)}

  function showAccounts() {
    const report = state.report;
    if (!filter) return clear(list, h('p', { class: 'muted', text: 'Click a cell or a persona to list its accounts.' }));
    const rows = report.accounts.filter(filter.test);
    clear(list, h('h2', { text: `${filter.label}: ${rows.length} account${rows.length === 1 ? '' : 's'}` }),
      sortableTable([...accountColumns(app), { key: 'exp', label: 'Expected revenue', numeric: true, value: (a) => a.persona?.expected_revenue, render: (a) => fmtMoney(a.persona?.expected_revenue) },
        { key: 'why', label: 'Why', numeric: false, value: (a) => a.persona?.reason ?? '' }], rows,
      { sortKey: 'exp', onRow: (a) => app.go(`account/${encodeURIComponent(a.id)}`), rowLabel: (a) => `Open ${a.info?.name || a.id}` }));
    list.scrollIntoView?.({ block: 'nearest' });
  }

  function update(report) {
    const p = report.personas;
    if (!p) return clear(grid, 'This report has no personas.');
    const count = new Map(p.grid.map((c) => [`${c.activation}/${c.engagement}/${c.communication}`, c.accounts]));
    const probs = state.model?.personas?.probabilities ?? {};
    const cells = [h('div', {}), ...['low', 'medium', 'high'].map((e) => h('div', { class: 'axis', text: `engagement ${e}` }))];
    for (const act of LEVELS) {
      cells.push(h('div', { class: 'axis', text: `activation ${act}` }));
      for (const eng of ['low', 'medium', 'high']) {
        cells.push(h('div', { class: 'cell' }, ['low', 'active'].map((comm) => {
          const names = personasFor(state.model, act, eng, comm);
          const n = count.get(`${act}/${eng}/${comm}`) ?? 0;
          const key = `${act}/${eng}/${comm}`;
          return h('button', {
            type: 'button', 'aria-pressed': filter?.key === key ? 'true' : 'false',
            style: undefined, dataset: { cell: key },
            'aria-label': `activation ${act}, engagement ${eng}, communication ${comm}: ${n} accounts, ${names.map((x) => PERSONA_LABEL[x]).join(' or ')}`,
            onclick: () => {
              filter = { key, label: `Activation ${act}, engagement ${eng}, communication ${comm}`,
                test: (a) => a.persona && a.persona.levels.activation === act && a.persona.levels.engagement === eng && a.persona.levels.communication === comm };
              update(state.report);
            },
          }, h('span', { class: 'n', text: fmtInt(n) }), h('span', { class: 'p', text: `comm. ${comm}` }),
          h('span', { class: 'p', text: names.map((x) => `${PERSONA_LABEL[x]} ${fmtPct((probs[x] ?? 0) * 100)}`).join(' / ') }));
        })));
      }
    }
    clear(grid, h('h2', { text: `Persona grid: ${fmtInt(p.trial_accounts)} trial accounts` }), h('div', { class: 'grid18' }, cells));
    for (const b of grid.querySelectorAll('.cell button')) {
      const names = personasFor(state.model, ...b.dataset.cell.split('/'));
      b.style.borderLeftColor = PERSONA_COLOUR[names[0]];
    }
    const rows = p.forecast.map((f) => ({ ...f }));
    clear(forecast, h('h2', { text: `Forecast: ${fmtMoney(p.total.expected_revenue)} expected of ${fmtMoney(p.total.deal_value)}` }),
      sortableTable([
        { key: 'persona', label: 'Persona', numeric: false, value: (r) => PERSONAS.indexOf(r.persona), render: (r) => h('span', {}, h('span', { class: 'badge', text: '●', style: undefined }), ' ', PERSONA_LABEL[r.persona]) },
        { key: 'accounts', label: 'Accounts', numeric: true, value: (r) => r.accounts },
        { key: 'probability', label: 'Odds', numeric: true, value: (r) => r.probability, render: (r) => fmtPct(r.probability * 100) },
        { key: 'deal', label: 'Deal value', numeric: true, value: (r) => r.deal_value, render: (r) => fmtMoney(r.deal_value) },
        { key: 'expected', label: 'Expected revenue', numeric: true, value: (r) => r.expected_revenue, render: (r) => fmtMoney(r.expected_revenue) },
      ], rows, { sortKey: 'persona', descending: false, onRow: (r) => {
        filter = { key: r.persona, label: PERSONA_LABEL[r.persona], test: (a) => a.persona?.persona === r.persona };
        update(state.report);
      }, rowLabel: (r) => `List ${PERSONA_LABEL[r.persona]} accounts` }));
    for (const [i, badge] of [...forecast.querySelectorAll('tbody .badge')].entries()) {
      const persona = [...rows].sort((a, b) => PERSONAS.indexOf(a.persona) - PERSONAS.indexOf(b.persona))[i]?.persona;
      badge.style.color = PERSONA_COLOUR[persona];
      badge.style.background = 'none';
    }
    showAccounts();
  }
  return { update };
}
