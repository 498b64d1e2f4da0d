// @ts-check
// Per-view queries over the last scoring of an IngestSession, for a page that must stay
// responsive at 100k accounts: instead of the whole report (94 MB of JSON at 20k accounts, a
// multi-second JSON.parse), the page asks for what one view shows: the overview (headline
// numbers, personas, segment counts), one page of a sorted, filtered account table, or one
// account with its users. It runs next to the session (in the Worker), so every answer is a
// few hundred rows at most.
const NO_VALUE = -Infinity;  // NaN and missing values sort last in descending order
// Intl.Collator.compare: several times faster than localeCompare when sorting 100k names.
const collator = new Intl.Collator();

/** @type {readonly import('./index.js').RowSortKey[]} */
export const SORT_KEYS = ['rank', 'name', 'act', 'eng', 'deal', 'exp', 'persona', 'value', 'reason', 'user', 'priority'];

/** @typedef {import('./ingest-session.js').IngestSession} IngestSession */
/** @typedef {import('./index.js').ChartData} ChartData */
/** @typedef {{ account: number, member?: { rank: number, value: number | null, reason: string, user?: string, entered: boolean } }} Candidate */

export class ReportView {
  /** @type {IngestSession} */
  #session;
  /** @type {string[]} */
  #ids;
  /** @type {string[]} */
  #names;
  /** @type {Map<string, number>} */
  #indexOf;
  /** @type {ChartData | null} */
  #chart = null;
  /** @type {import('./index.js').ReportOverview | null} */
  #overview = null;
  /** @type {Map<string, boolean>} segment id -> true for a user segment, false for an account segment */
  #userSegment = new Map();
  /** @type {Map<string, ReturnType<IngestSession['segmentMembers']>>} segment id -> its members, read on first use */
  #members = new Map();

  /** @param {IngestSession} session a finished IngestSession. Call refresh() after each scoring. */
  constructor(session) {
    this.#session = session;
    this.#ids = session.accountIds();
    this.#names = session.accountNames();
    this.#indexOf = new Map(this.#ids.map((id, i) => [id, i]));
  }

  /** Reads the session's last scoring. chart: its chartData() if the caller already has one. */
  /** @param {ChartData | null} [chart] */
  refresh(chart = null) {
    this.#chart = chart ?? this.#session.chartData();
    const overview = this.#session.overview();
    this.#userSegment = new Map();
    for (const s of overview.segments) this.#userSegment.set(s.id, false);
    for (const s of overview.user_segments) this.#userSegment.set(s.id, true);
    this.#members = new Map();
    this.#overview = overview;
    return overview;
  }

  #scored() {
    if (this.#overview === null) throw new Error('ReportView: refresh() after a scoring first');
    return this.#overview;
  }

  /**
   * The report without "accounts" and "users", its segments without member lists (each has
   * count, entered (new since the previous period) and left), the alerts as totals, and
   * persona_cells (the engine's overview, session/session.hpp).
   */
  overview() {
    return this.#scored();
  }

  /**
   * One page of accounts (report "accounts" elements) matching `where`, sorted:
   *   where: {segment: id} (with each member's value, reason, user, entered) | {persona} |
   *          {cell: {activation, engagement, communication}} | {ids: [...]} | {search: text} | {}
   *   sort: one of SORT_KEYS (default 'eng'); in a segment 'rank' is the segment's own order
   *         (ascending = as the report lists it) and 'value' its members' values; descending
   * Returns {total, offset, rows: [{account, member?}]}; total counts every match.
   */
  /**
   * @param {import('./index.js').RowsQuery} [query]
   * @returns {import('./index.js').RowsPage}
   */
  rows({ where = {}, sort = 'eng', descending = true, offset = 0, limit = 100 } = {}) {
    this.#scored();
    if (!SORT_KEYS.includes(sort)) throw new RangeError(`rows: sort must be one of ${SORT_KEYS.join(', ')}`);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0 || limit > 5000) {
      throw new RangeError('rows: offset must be a non-negative integer and limit an integer in [0, 5000]');
    }
    const matches = this.#match(where);
    const key = this.#sortKey(sort, where);
    matches.sort((a, b) => {
      const va = key(a);
      const vb = key(b);
      const cmp = typeof va === 'string' || typeof vb === 'string' ? collator.compare(String(va), String(vb)) : va - vb;
      return (descending ? -cmp : cmp) || a.account - b.account;
    });
    const page = matches.slice(offset, offset + limit);
    const accounts = page.length ? this.#session.accountsAt(page.map((m) => m.account)) : [];
    return {
      total: matches.length,
      offset,
      rows: page.map((m, i) => (m.member ? { account: accounts[i], member: m.member } : { account: accounts[i] })),
    };
  }

  /** One account by id: {account, users: [report "users" elements], userTags: {user: tag}} or null. */
  /** @param {string} id */
  account(id) {
    this.#scored();
    const e = this.#indexOf.get(id);
    if (e === undefined) return null;
    return this.#session.accountDetail(e);
  }

  /** One account's score history and segment moves by id, or null (IngestSession.accountHistory). */
  /** @param {string} id @param {{ intervalDays?: number }} [options] */
  accountHistory(id, options = {}) {
    this.#scored();
    const e = this.#indexOf.get(id);
    if (e === undefined) return null;
    return this.#session.accountHistory(e, options);
  }

  // Candidates as {account: index, member?}.
  /**
   * @param {NonNullable<import('./index.js').RowsQuery['where']>} where
   * @returns {Candidate[]}
   */
  #match(where) {
    const c = /** @type {ChartData} */ (this.#chart);
    const n = this.#ids.length;
    /** @param {(i: number) => boolean} test */
    const all = (test) => {
      const out = [];
      for (let i = 0; i < n; i++) if (test(i)) out.push({ account: i });
      return out;
    };
    if (where.segment !== undefined) {
      const users = this.#userSegment.get(where.segment);
      if (users === undefined) throw new RangeError(`rows: no segment ${JSON.stringify(where.segment)}`);
      let members = this.#members.get(where.segment);
      if (members === undefined) {
        members = this.#session.segmentMembers(where.segment);
        this.#members.set(where.segment, members);
      }
      return members.map((m, rank) => ({
        account: m.account,
        member: { rank, value: m.value, reason: m.reason, ...(users ? { user: m.user } : {}), entered: !users && m.entered === true },
      }));
    }
    if (where.persona !== undefined) {
      const k = c.labels.personas.indexOf(where.persona);
      if (k < 0) throw new RangeError(`rows: no persona ${JSON.stringify(where.persona)}`);
      return all((i) => c.persona[i] === k);
    }
    if (where.cell !== undefined) {
      // The engine's cell index (labels.cells lists the cells by index).
      const { activation, engagement, communication } = where.cell;
      const cell = c.labels.cells.findIndex((x) => x.activation === activation && x.engagement === engagement && x.communication === communication);
      if (cell < 0) throw new RangeError(`rows: no persona grid cell ${JSON.stringify(where.cell)}`);
      return all((i) => c.personaCell[i] === cell);
    }
    if (where.ids !== undefined) {
      const seen = new Set();
      const out = [];
      for (const id of where.ids) {
        const i = this.#indexOf.get(id);
        if (i !== undefined && !seen.has(i)) {
          seen.add(i);
          out.push({ account: i });
        }
      }
      return out;
    }
    if (where.search) {
      const q = String(where.search).trim().toLowerCase();
      return all((i) => this.#ids[i].toLowerCase().includes(q) || this.#names[i].toLowerCase().includes(q));
    }
    return all(() => true);
  }

  /**
   * @param {import('./index.js').RowSortKey} sort
   * @param {NonNullable<import('./index.js').RowsQuery['where']>} where
   * @returns {(m: Candidate) => number | string}
   */
  #sortKey(sort, where) {
    const c = /** @type {ChartData} */ (this.#chart);
    /** @param {number | null} v */
    const num = (v) => (Number.isNaN(v) ? NO_VALUE : /** @type {number} */ (v));  // null (the report's NaN) sorts as 0, as before
    /** @param {Candidate} m */
    const member = (m) => /** @type {NonNullable<Candidate['member']>} */ (m.member);
    switch (sort) {
      case 'name': return (m) => this.#names[m.account] || this.#ids[m.account];
      case 'act': return (m) => num(c.activation[m.account]);
      case 'eng': return (m) => num(c.engagement[m.account]);
      case 'deal': return (m) => num(c.dealValue[m.account]);
      case 'exp': return (m) => num(c.expectedRevenue[m.account]);
      case 'priority': return (m) => num(c.priority[m.account]);
      case 'persona': return (m) => (c.persona[m.account] === 255 ? '' : c.labels.personas[c.persona[m.account]]);
      case 'rank': return where.segment !== undefined ? (m) => member(m).rank : (m) => m.account;
      case 'value': return where.segment !== undefined ? (m) => num(member(m).value) : (m) => num(c.engagement[m.account]);
      case 'reason': return (m) => m.member?.reason ?? '';
      case 'user': return (m) => m.member?.user ?? '';
      default: throw new RangeError(`rows: unknown sort ${sort}`);
    }
  }
}
