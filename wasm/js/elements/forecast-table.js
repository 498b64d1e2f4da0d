// <pql-forecast-table>: per persona its trial accounts, odds to convert, deal value and expected
// revenue, with the total in the title; sortable by any column; a row selects its persona.
//
// Feed: el.data = the report overview (or the full report): it reads `personas.forecast` and
// `personas.total`. Event: pql-persona-select {persona, label}.
import { PqlElement, h, clear, emit, activatable, paint, personaColour } from './base.js';
import { PERSONAS, PERSONA_LABEL, fmtInt, fmtMoney, fmtPct } from './vocabulary.js';

const CSS = `
button.sort { border: 0; background: none; padding: 0; font-weight: 600; }
th[aria-sort="ascending"] button.sort::after { content: " ▲"; }
th[aria-sort="descending"] button.sort::after { content: " ▼"; }
`;

const COLUMNS = [
  { key: 'persona', label: 'Persona', value: (r) => PERSONAS.indexOf(r.persona) },
  { key: 'accounts', label: 'Accounts', numeric: true, value: (r) => r.accounts, text: (r) => fmtInt(r.accounts) },
  { key: 'probability', label: 'Odds', numeric: true, value: (r) => r.probability, text: (r) => fmtPct(r.probability * 100) },
  { key: 'deal', label: 'Deal value', numeric: true, value: (r) => r.deal_value, text: (r) => fmtMoney(r.deal_value) },
  { key: 'expected', label: 'Expected revenue', numeric: true, value: (r) => r.expected_revenue, text: (r) => fmtMoney(r.expected_revenue) },
];

export class PqlForecastTable extends PqlElement {
  #sort = { key: 'persona', descending: false };
  constructor() {
    super(CSS);
  }

  render() {
    const p = this.data?.personas;
    if (!this.data) return clear(this.root);
    if (!p) return clear(this.root, h('p', { class: 'muted', text: 'This report has no personas.' }));
    const { key, descending } = this.#sort;
    const col = COLUMNS.find((c) => c.key === key);
    const rows = [...p.forecast].sort((a, b) => (descending ? -1 : 1) * (col.value(a) - col.value(b)));
    const heads = COLUMNS.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : undefined, 'aria-sort': c.key === key ? (descending ? 'descending' : 'ascending') : 'none' },
      h('button', { type: 'button', class: 'sort', text: c.label, onclick: () => {
        this.#sort = { key: c.key, descending: key === c.key ? !descending : Boolean(c.numeric) };
        this.render();
        this.root.querySelector(`th[aria-sort]:not([aria-sort="none"]) button`)?.focus();
      } })));
    const body = rows.map((r) => activatable(h('tr', { dataset: { persona: r.persona } },
      h('td', {}, paint(h('span', { class: 'swatch', 'aria-hidden': 'true' }), 'background-color', personaColour(this, r.persona)), PERSONA_LABEL[r.persona]),
      COLUMNS.slice(1).map((c) => h('td', { class: 'num', text: c.text(r) }))),
    () => emit(this, 'pql-persona-select', { persona: r.persona, label: PERSONA_LABEL[r.persona] }), `List ${PERSONA_LABEL[r.persona]} accounts`));
    clear(this.root, h('h2', { part: 'title', text: `Forecast: ${fmtMoney(p.total.expected_revenue)} expected of ${fmtMoney(p.total.deal_value)}` }),
      h('table', { class: 'data', part: 'table' }, h('thead', {}, h('tr', {}, heads)), h('tbody', {}, body)));
  }
}
