// Segment tabs: sales, product-led, customer success. Each segment a sortable, paged table with
// the reason for every account and a badge on accounts that entered it since the previous period.
import { h, clear } from '../dom.js';
import { state } from '../state.js';
import { remoteTable } from '../remote-table.js';
import { fmtInt, fmtMoney, fmtNum, fmtPct, GROUPS, GROUP_LABEL } from '../format.js';
import { openLabel, openRow } from './spectrum-view.js';

export function segmentsView(root, app, [group = 'sales', segId] = []) {
  if (!GROUPS.includes(group)) group = 'sales';
  const tabs = h('div', { class: 'subtabs', role: 'tablist', 'aria-label': 'Segment groups' });
  const segs = h('div', { class: 'subtabs', role: 'tablist', 'aria-label': 'Segments' });
  const body = h('div', { class: 'card', id: 'segment-table', role: 'tabpanel' });
  root.append(tabs, segs, body);

  function update(overview) {
    clear(tabs, GROUPS.map((g) => h('button', { type: 'button', role: 'tab', 'aria-selected': String(g === group), text: GROUP_LABEL[g],
      onclick: () => app.go(`segments/${g}`) })));
    const all = [...overview.segments.filter((s) => s.group === group),
      ...overview.user_segments.filter((s) => s.group === group).map((s) => ({ ...s, users: true }))];
    const current = all.find((s) => s.id === segId) ?? all[0];
    clear(segs, all.map((s) => h('button', { type: 'button', role: 'tab', 'aria-selected': String(s === current), dataset: { segment: s.id },
      onclick: () => app.go(`segments/${group}/${s.id}`) }, `${s.label} `, h('span', { class: 'badge', text: fmtInt(s.count) }),
    s.entered ? h('span', { class: 'badge new', text: `+${s.entered} new` }) : null)));
    if (!current) return clear(body, 'No segments in this group.');
    const nameOf = (r) => r.account.info?.name || r.account.id;
    const columns = [
      { key: 'name', label: 'Account', sort: 'name',
        render: (r) => h('span', {}, h('a', { href: `#account/${encodeURIComponent(r.account.id)}`, text: nameOf(r) }),
          r.member.entered ? h('span', { class: 'badge new', text: 'new' }) : null) },
      ...(current.users ? [{ key: 'user', label: 'User', sort: 'user', render: (r) => r.member.user }] : []),
      { key: 'value', label: current.sort_by ?? 'value', sort: 'value', numeric: true, render: (r) => fmtNum(r.member.value) },
      { key: 'act', label: 'Activation', sort: 'act', numeric: true, render: (r) => fmtPct(r.account.activation?.rate) },
      { key: 'eng', label: 'Engagement', sort: 'eng', numeric: true, render: (r) => fmtNum(r.account.engagement?.score) },
      { key: 'deal', label: 'Deal value', sort: 'deal', numeric: true, render: (r) => fmtMoney(r.account.facts?.deal_value) },
      { key: 'reason', label: 'Reason', sort: 'reason', render: (r) => r.member.reason },
    ];
    // The segment's own order first (its rule says how it is sorted).
    const table = remoteTable(app.source, { columns, where: { segment: current.id }, sortKey: 'rank', descending: false,
      title: () => current.label, onRow: openRow(app), rowLabel: openLabel });
    clear(body, table.el);
    table.el.querySelector('h2').after(h('p', { class: 'muted', text: `Rule: ${current.rule}. Sorted by ${current.sort_by}.` }),
      !current.users && (current.entered || current.left) ? h('p', { text: `Since ${state.overview.alerts.from}: ${current.entered} entered, ${current.left} left.` }) : '');
  }
  return { update };
}
