// Segment tabs: sales, product-led, customer success. Each segment a sortable table with the
// reason for every account and a badge on accounts that entered it since the previous period.
import { h, clear, sortableTable } from '../dom.js';
import { state, account } from '../state.js';
import { fmtInt, fmtMoney, fmtNum, fmtPct, GROUPS, GROUP_LABEL } from '../format.js';

export function segmentsView(root, app, [group = 'sales', segId] = []) {
  if (!GROUPS.includes(group)) group = 'sales';
  const tabs = h('div', { class: 'subtabs', role: 'tablist', 'aria-label': 'Segment groups' });
  const segs = h('div', { class: 'subtabs', role: 'tablist', 'aria-label': 'Segments' });
  const body = h('div', { class: 'card', id: 'segment-table', role: 'tabpanel' });
  root.append(tabs, segs, body);

  function update(report) {
    clear(tabs, GROUPS.map((g) => h('button', { type: 'button', role: 'tab', 'aria-selected': String(g === group), text: GROUP_LABEL[g],
      onclick: () => app.go(`segments/${g}`) })));
    const list = (report.segments ?? []).filter((s) => s.group === group);
    const userSegs = (report.user_segments ?? []).filter((s) => s.group === group);
    const all = [...list, ...userSegs.map((s) => ({ ...s, users: true }))];
    const current = all.find((s) => s.id === segId) ?? all[0];
    clear(segs, all.map((s) => {
      const fresh = state.entered.get(s.id)?.size ?? 0;
      return h('button', { type: 'button', role: 'tab', 'aria-selected': String(s === current), dataset: { segment: s.id },
        onclick: () => app.go(`segments/${group}/${s.id}`) }, `${s.label} `, h('span', { class: 'badge', text: fmtInt(s.count) }),
      fresh ? h('span', { class: 'badge new', text: `+${fresh} new` }) : null);
    }));
    if (!current) return clear(body, 'No segments in this group.');
    const entered = state.entered.get(current.id) ?? new Set();
    const rows = current.members.map((m) => ({ ...m, a: account(m.account) }));
    const cols = [
      { key: 'name', label: 'Account', numeric: false, value: (r) => r.a?.info?.name || r.account,
        render: (r) => h('span', {}, h('a', { href: `#account/${encodeURIComponent(r.account)}`, text: r.a?.info?.name || r.account }),
          !current.users && entered.has(r.account) ? h('span', { class: 'badge new', text: 'new' }) : null) },
      ...(current.users ? [{ key: 'user', label: 'User', numeric: false, value: (r) => r.user }] : []),
      { key: 'value', label: current.sort_by ?? 'value', numeric: true, value: (r) => r.value, render: (r) => fmtNum(r.value) },
      { key: 'act', label: 'Activation', numeric: true, value: (r) => r.a?.activation?.rate, render: (r) => fmtPct(r.a?.activation?.rate) },
      { key: 'eng', label: 'Engagement', numeric: true, value: (r) => r.a?.engagement?.score, render: (r) => fmtNum(r.a?.engagement?.score) },
      { key: 'deal', label: 'Deal value', numeric: true, value: (r) => r.a?.facts?.deal_value, render: (r) => fmtMoney(r.a?.facts?.deal_value) },
      { key: 'reason', label: 'Reason', numeric: false, value: (r) => r.reason },
    ];
    const left = report.alerts?.segments?.find((s) => s.segment === current.id)?.left ?? [];
    clear(body, h('h2', { text: current.label }), h('p', { class: 'muted', text: `Rule: ${current.rule}. Sorted by ${current.sort_by}.` }),
      entered.size || left.length ? h('p', { text: `Since ${report.alerts.from}: ${entered.size} entered, ${left.length} left.` }) : null,
      sortableTable(cols, rows, { sortKey: 'value', descending: !/ascending/.test(current.sort_by ?? ''),
        onRow: (r) => app.go(`account/${encodeURIComponent(r.account)}`), rowLabel: (r) => `Open ${r.a?.info?.name || r.account}` }));
  }
  return { update };
}
