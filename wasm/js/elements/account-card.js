// <pql-account-card>: one account's headline: name, id, domain, stage, deal, segments, and its
// activation, engagement, adoption, activity, persona and signup in a definition list.
//
// Feed, either:
//   el.data = an AccountDetail ({account, users, userTags}: Worker client account(id),
//             ReportView.account(id)) or a report's account object;
//   el.source = anything with account(id) returning one (or a promise of one: the Worker
//             client, a ReportView) and the account-id attribute: the card fetches it, and
//             again when the attribute changes or refresh() is called.
// el.overview (optional) names the segments by their labels instead of their ids.
// Event: pql-account-load {id, found} once fetched data is drawn (source feeding only).
import { PqlElement, h, clear, emit } from './base.js';
import { PERSONA_LABEL, fmtInt, fmtMoney, fmtNum, fmtPct, fmtSigned } from './vocabulary.js';

const CSS = `
:host { background: var(--pql-card-bg, transparent); }
h2 { margin-bottom: 2px; }
.dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
.dl dt { color: var(--pql-muted, #5b6676); }
.dl dd { margin: 0; }
.badges { margin: 6px 0 0; }
.badges .badge:first-child { margin-left: 0; }
`;

export class PqlAccountCard extends PqlElement {
  static observedAttributes = ['account-id'];
  #source = null;
  #overview = null;
  #asked = 0;
  constructor() {
    super(CSS);
  }
  get source() { return this.#source; }
  set source(value) {
    this.#source = value ?? null;
    this.refresh();
  }
  get overview() { return this.#overview; }
  set overview(value) {
    this.#overview = value ?? null;
    if (this.isConnected) this.render();
  }
  get accountId() { return this.getAttribute('account-id'); }
  set accountId(id) { this.setAttribute('account-id', id); }
  attributeChangedCallback() {
    this.refresh();
  }

  /** Fetches the account-id from the source (a reply to an older request is dropped). */
  async refresh() {
    const id = this.accountId;
    if (!this.#source || !id) return;
    const mine = ++this.#asked;
    try {
      const detail = await this.#source.account(id);
      if (mine !== this.#asked) return;
      this.data = detail ?? { missing: id };
      emit(this, 'pql-account-load', { id, found: Boolean(detail) });
    } catch (error) {
      if (mine === this.#asked) clear(this.root, h('p', { class: 'muted', role: 'alert', text: error.message }));
    }
  }

  #segmentLabel(id) {
    const all = [...(this.#overview?.segments ?? []), ...(this.#overview?.user_segments ?? [])];
    return all.find((s) => s.id === id)?.label ?? id;
  }

  render() {
    const detail = this.data;
    if (!detail) return clear(this.root);
    if (detail.missing) return clear(this.root, h('p', { part: 'missing', text: `No account ${detail.missing} in this data.` }));
    const a = detail.account ?? detail;
    const info = a.info ?? {};
    const f = a.facts ?? {};
    const row = (term, text) => [h('dt', { text: term }), h('dd', { text })];
    clear(this.root, h('article', { part: 'card', 'aria-labelledby': 'account-name' },
      h('h2', { id: 'account-name', part: 'title', text: info.name || a.id }),
      h('p', { class: 'muted', text: `${a.id}${info.domain ? ` · ${info.domain}` : ''} · ${f.stage ?? info.plan ?? ''} · ${f.deal_size ?? ''} deal ${fmtMoney(f.deal_value)}${info.owner ? ` · owner ${info.owner}` : ''}` }),
      h('p', { class: 'badges' }, ...(a.segments ?? []).map((s) => h('span', { class: 'badge', part: 'badge', text: this.#segmentLabel(s) })),
        // The PQL list is one of the segments above. `qualified` only says the criteria are met,
        // whatever the stage (docs/report.md), so a paying account gets this quieter note instead.
        f.pql?.qualified && !(a.segments ?? []).includes('pql') ? h('span', { class: 'badge', part: 'badge', text: 'meets PQL criteria (not a prospect)' }) : null),
      h('dl', { class: 'dl' },
        row('Activation', `${fmtPct(a.activation?.rate)} (PQL threshold ${fmtPct(f.pql?.threshold)})${a.activation?.activated_day ? `, activated ${a.activation.activated_day}` : ''}`),
        row('Engagement', `${fmtNum(a.engagement?.score)} (raw ${fmtNum(a.engagement?.raw)}, trend ${fmtSigned(a.engagement?.trend)})`),
        row('Adoption', `${fmtPct(a.adoption?.rate)} (all time ${fmtPct(a.adoption?.rate_all_time)})`),
        row('Activity', `DAU ${fmtInt(a.activity?.dau)} · WAU ${fmtInt(a.activity?.wau)} · MAU ${fmtInt(a.activity?.mau)} · seats used ${fmtPct(a.seat_penetration === null ? null : a.seat_penetration)}`),
        row('Persona', a.persona ? `${PERSONA_LABEL[a.persona.persona]} (${fmtPct((a.conversion_probability ?? a.persona.probability) * 100)} to convert, expected ${fmtMoney(a.persona.expected_revenue)}): ${a.persona.reason}` : 'not a trial'),
        row('Signed up', `${a.activation?.signup_day ?? '–'}${info.trial_ends_at ? ` · trial ends ${info.trial_ends_at.slice(0, 10)}` : ''}${info.converted_at ? ` · converted ${info.converted_at.slice(0, 10)}` : ''}`))));
  }
}
