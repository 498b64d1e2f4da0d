// <pql-persona-grid>: the 18 cells of activation level x engagement level x communication level,
// each with its accounts and the persona(s) the scored model's table gives it (one per net
// sentiment; the engine decides, the element never re-implements the table's rule).
//
// Feed: el.data = the report overview (Worker client overview(), ReportView.overview(), or the
// full report: it reads `personas` and `persona_cells`); el.model = the scored model (optional:
// the conversion odds shown per persona). el.selected = a cell key to show as pressed.
// Event: pql-cell-select {key, activation, engagement, communication, personas, accounts}.
import { PqlElement, h, clear, emit, paint, personaColour } from './base.js';
import { COMMUNICATION, LEVELS, PERSONA_LABEL, fmtInt, fmtPct } from './vocabulary.js';

const ROWS = [...LEVELS].reverse();  // activation high at the top

const CSS = `
.grid { display: grid; grid-template-columns: minmax(80px, 110px) repeat(3, 1fr); gap: 6px; }
.axis { font-size: 12px; color: var(--pql-muted, #5b6676); align-self: center; }
.cell { display: flex; gap: 4px; }
.cell button { flex: 1; text-align: left; padding: 6px 8px; min-height: 64px; border-left-width: 5px; }
.cell button .n { font-size: 18px; font-weight: 600; display: block; }
.cell button .p { font-size: 11px; color: var(--pql-muted, #5b6676); display: block; }
.cell button[aria-pressed="true"] { outline: 2px solid var(--pql-accent, #0b5cad); }
`;

export const cellKey = (c) => `${c.activation}/${c.engagement}/${c.communication}`;

export class PqlPersonaGrid extends PqlElement {
  #model = null;
  #selected = null;
  constructor() {
    super(CSS);
  }
  get model() { return this.#model; }
  set model(value) {
    this.#model = value ?? null;
    if (this.isConnected) this.render();
  }
  /** The pressed cell's key ("high/high/active"), or null. */
  get selected() { return this.#selected; }
  set selected(key) {
    this.#selected = key ?? null;
    for (const b of this.root.querySelectorAll('.cell button')) b.setAttribute('aria-pressed', b.dataset.cell === this.#selected ? 'true' : 'false');
  }

  render() {
    const overview = this.data;
    if (!overview) return clear(this.root);
    const p = overview.personas;
    if (!p) return clear(this.root, h('p', { class: 'muted', text: 'This report has no personas.' }));
    const cells = new Map((overview.persona_cells ?? []).map((c) => [cellKey(c), c]));
    const personasOf = (key) => cells.get(key)?.personas ?? ['unclassified'];
    const probs = this.#model?.personas?.probabilities ?? {};
    const layout = [h('div', {}), ...LEVELS.map((e) => h('div', { class: 'axis', text: `engagement ${e}` }))];
    for (const act of ROWS) {
      layout.push(h('div', { class: 'axis', text: `activation ${act}` }));
      for (const eng of LEVELS) {
        layout.push(h('div', { class: 'cell' }, COMMUNICATION.map((comm) => {
          const key = `${act}/${eng}/${comm}`;
          const names = personasOf(key);
          const n = cells.get(key)?.accounts ?? 0;
          const button = h('button', {
            type: 'button', part: 'cell', 'aria-pressed': this.#selected === key ? 'true' : 'false', dataset: { cell: key },
            'aria-label': `activation ${act}, engagement ${eng}, communication ${comm}: ${n} accounts, ${names.map((x) => PERSONA_LABEL[x]).join(' or ')}`,
            onclick: () => {
              this.selected = key;
              emit(this, 'pql-cell-select', { key, activation: act, engagement: eng, communication: comm, personas: names, accounts: n });
            },
          }, h('span', { class: 'n', text: fmtInt(n) }), h('span', { class: 'p', text: `comm. ${comm}` }),
          h('span', { class: 'p', text: names.map((x) => `${PERSONA_LABEL[x]} ${fmtPct((probs[x] ?? 0) * 100)}`).join(' / ') }));
          return paint(button, 'border-left-color', personaColour(this, names[0]));
        })));
      }
    }
    clear(this.root, h('h2', { part: 'title', text: `Persona grid: ${fmtInt(p.trial_accounts)} trial accounts` }),
      h('div', { class: 'grid', role: 'group', 'aria-label': 'Persona grid' }, layout));
  }
}
