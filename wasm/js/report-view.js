// Per-view queries over the last scoring of an IngestSession, for a page that must stay
// responsive at 100k accounts: instead of the whole report (94 MB of JSON at 20k accounts, a
// multi-second JSON.parse), the page asks for what one view shows: the overview (headline
// numbers, personas, segment counts), one page of a sorted, filtered account table, or one
// account with its users. It runs next to the session (in the Worker), so every answer is a
// few hundred rows at most.
const NO_VALUE = -Infinity;  // NaN and missing values sort last in descending order
// Intl.Collator.compare: several times faster than localeCompare when sorting 100k names.
const collator = new Intl.Collator();

export const SORT_KEYS = ['rank', 'name', 'act', 'eng', 'deal', 'exp', 'persona', 'value', 'reason', 'user'];

export class ReportView {
  #session;
  #ids;
  #names;
  #indexOf;
  #chart = null;
  #overview = null;
  #segments = new Map();      // id -> report segment (members kept), account or user segment
  #entered = new Map();       // segment id -> Set of account indices that entered it
  #userTags = new Map();      // account index -> Map user id -> 'power' | 'problem' | segment id

  /** session: a finished IngestSession (ingest-session.js). Call refresh() after each scoring. */
  constructor(session) {
    this.#session = session;
    this.#ids = session.accountIds();
    this.#names = session.accountNames();
    this.#indexOf = new Map(this.#ids.map((id, i) => [id, i]));
  }

  /** Reads the session's last scoring. chart: its chartData() if the caller already has one. */
  refresh(chart = null) {
    this.#chart = chart ?? this.#session.chartData();
    const overview = this.#session.overview();
    this.#segments = new Map();
    for (const s of overview.segments ?? []) this.#segments.set(s.id, { ...s, users: false });
    for (const s of overview.user_segments ?? []) this.#segments.set(s.id, { ...s, users: true });
    this.#entered = new Map((overview.alerts?.segments ?? []).map((s) => [s.segment, new Set(s.entered.map((m) => this.#indexOf.get(m.account)))]));
    this.#userTags = new Map();
    for (const s of overview.user_segments ?? []) {
      const tag = s.id.startsWith('power') ? 'power' : s.id.startsWith('problem') ? 'problem' : s.id;
      for (const m of s.members) {
        const e = this.#indexOf.get(m.account);
        if (!this.#userTags.has(e)) this.#userTags.set(e, new Map());
        this.#userTags.get(e).set(m.user, tag);
      }
    }
    this.#overview = overview;
    return this.overview();
  }

  #scored() {
    if (this.#overview === null) throw new Error('ReportView: refresh() after a scoring first');
    return this.#overview;
  }

  /**
   * The report without "accounts" and "users", and its segments without member lists:
   * each segment has count, entered (new since the previous period) and left instead.
   */
  overview() {
    const o = this.#scored();
    const counts = new Map((o.alerts?.segments ?? []).map((s) => [s.segment, { entered: s.entered.length, left: s.left.length }]));
    const brief = (s) => {
      const { members, ...rest } = s;
      return { ...rest, entered: counts.get(s.id)?.entered ?? 0, left: counts.get(s.id)?.left ?? 0 };
    };
    const { segments, user_segments: userSegments, alerts, ...rest } = o;
    return {
      ...rest,
      segments: (segments ?? []).map(brief),
      user_segments: (userSegments ?? []).map(brief),
      alerts: alerts && { from: alerts.from, to: alerts.to, entered: alerts.entered, left: alerts.left, persona_changes: alerts.personas.length },
    };
  }

  /**
   * One page of accounts (report "accounts" elements) matching `where`, sorted:
   *   where: {segment: id} (with each member's value, reason, user, entered) | {persona} |
   *          {cell: {activation, engagement, communication}} | {ids: [...]} | {search: text} | {}
   *   sort: one of SORT_KEYS (default 'eng'); in a segment 'rank' is the segment's own order
   *         (ascending = as the report lists it) and 'value' its members' values; descending
   * Returns {total, offset, rows: [{account, member?}]}; total counts every match.
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
  account(id) {
    this.#scored();
    const e = this.#indexOf.get(id);
    if (e === undefined) return null;
    const { accounts, users } = this.#session.accountsAt([e], { users: true });
    return { account: accounts[0], users, userTags: Object.fromEntries(this.#userTags.get(e) ?? []) };
  }

  // Candidates as {account: index, member?}.
  #match(where) {
    const c = this.#chart;
    const n = this.#ids.length;
    const all = (test) => {
      const out = [];
      for (let i = 0; i < n; i++) if (test(i)) out.push({ account: i });
      return out;
    };
    if (where.segment !== undefined) {
      const s = this.#segments.get(where.segment);
      if (!s) throw new RangeError(`rows: no segment ${JSON.stringify(where.segment)}`);
      const entered = this.#entered.get(s.id) ?? new Set();
      return s.members.map((m, rank) => {
        const account = this.#indexOf.get(m.account);
        return { account, member: { rank, value: m.value, reason: m.reason, ...(s.users ? { user: m.user } : {}), entered: !s.users && entered.has(account) } };
      });
    }
    if (where.persona !== undefined) {
      const k = c.labels.personas.indexOf(where.persona);
      if (k < 0) throw new RangeError(`rows: no persona ${JSON.stringify(where.persona)}`);
      return all((i) => c.persona[i] === k);
    }
    if (where.cell !== undefined) {
      const { activation, engagement, communication } = where.cell;
      const [act, eng, comm] = [c.labels.levels.indexOf(activation), c.labels.levels.indexOf(engagement), c.labels.communication.indexOf(communication)];
      if (act < 0 || eng < 0 || comm < 0) throw new RangeError(`rows: no persona grid cell ${JSON.stringify(where.cell)}`);
      const cell = act * 6 + eng * 2 + comm;
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

  #sortKey(sort, where) {
    const c = this.#chart;
    const num = (v) => (Number.isNaN(v) ? NO_VALUE : v);
    switch (sort) {
      case 'name': return (m) => this.#names[m.account] || this.#ids[m.account];
      case 'act': return (m) => num(c.activation[m.account]);
      case 'eng': return (m) => num(c.engagement[m.account]);
      case 'deal': return (m) => num(c.dealValue[m.account]);
      case 'exp': return (m) => num(c.expectedRevenue[m.account]);
      case 'persona': return (m) => (c.persona[m.account] === 255 ? '' : c.labels.personas[c.persona[m.account]]);
      case 'rank': return where.segment !== undefined ? (m) => m.member.rank : (m) => m.account;
      case 'value': return where.segment !== undefined ? (m) => num(m.member.value) : (m) => num(c.engagement[m.account]);
      case 'reason': return (m) => m.member?.reason ?? '';
      case 'user': return (m) => m.member?.user ?? '';
      default: throw new RangeError(`rows: unknown sort ${sort}`);
    }
  }
}
