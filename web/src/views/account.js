// The account page (the sales-to-CS handoff): checklist, users, features, communications,
// engagement trend and the contributions behind the score.
import { h, clear, sortableTable } from '../dom.js';
import { state } from '../state.js';
import { echarts } from '../spectrum.js';  // also defines the package's elements
import { remoteTable } from '../remote-table.js';
import { fmtInt, fmtNum, fmtPct, fmtSigned, label } from '../format.js';
import { accountColumns, openLabel, openRow } from './spectrum-view.js';
import { drawScoreHistory } from './score-history.js';

function bars(items, valueOf, nameOf) {
  const max = Math.max(1, ...items.map(valueOf));
  return h('table', { class: 'data' }, h('tbody', {}, items.map((it) => h('tr', {},
    h('td', { text: nameOf(it) }),
    h('td', { class: 'num', text: fmtNum(valueOf(it)) }),
    h('td', {}, h('span', { class: 'bar-bg' }, (() => { const b = h('span', { class: 'bar' }); b.style.display = 'block'; b.style.width = `${(100 * valueOf(it)) / max}%`; return b; })()))))));
}

export function accountView(root, app, [id] = []) {
  let trend = null;
  let history = null;  // the score-history chart (score-history.js)
  // No account chosen: search by name or id (the Worker filters and sorts; one page shown).
  function picker() {
    const filter = h('input', { type: 'search', id: 'account-search', placeholder: 'Find an account by name or id', 'aria-label': 'Find an account' });
    const out = h('div');
    let timer = null;
    const draw = () => {
      const search = filter.value.trim();
      clear(out, remoteTable(app.source, { columns: accountColumns(), where: search ? { search } : {}, sortKey: 'eng',
        title: (n) => (n === null ? 'Accounts' : `${fmtInt(n)} account${n === 1 ? '' : 's'}${search ? ` matching “${search}”` : ''}`),
        onRow: openRow(app), rowLabel: openLabel }).el);
    };
    filter.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(draw, 150); });
    draw();
    clear(root, h('div', { class: 'card' }, h('h2', { text: 'Open an account' }), filter, out));
  }

  // The account and its users come from the Worker; a reply for an older scoring is dropped.
  let asked = 0;
  function update() {
    if (!id) return picker();
    const mine = ++asked;
    const generation = state.generation;
    app.source.account(id).then((detail) => {
      if (mine === asked && generation === state.generation) show(detail);
    }, (error) => clear(root, h('p', { class: 'card errors', text: error.message })));
  }

  function show(detail) {
    trend?.dispose();
    trend = null;
    history?.dispose();
    history = null;
    if (!detail) return clear(root, h('div', { class: 'card' }, h('p', { text: `No account ${id} in this data.` }), h('a', { href: '#account', text: '← all accounts' })));
    const a = detail.account;
    const f = a.facts ?? {};
    const model = state.model ?? {};
    // A paid account is scored on the model's paid checklist (docs/model.md, "Which checklist").
    const paidChecklist = a.activation?.checklist === 'paid';
    const stepLabel = new Map(((paidChecklist ? model.activation?.paid_steps : model.activation?.steps) ?? []).map((s) => [s.id, s.label]));
    const featureLabel = new Map((model.adoption?.key_features ?? []).map((s) => [s.id, s.label]));
    const steps = a.activation?.steps ?? [];
    const users = detail.users;
    const tags = new Map(Object.entries(detail.userTags));
    const comm = f.communication ?? {};
    const trendBox = h('div', { class: 'trend', id: 'trend' });
    trendBox.style.height = '200px';

    // The headline card is the package's <pql-account-card> (the same one other pages embed).
    const card = h('pql-account-card', { id: 'account-card' });
    card.overview = state.overview;
    card.data = detail;
    const header = h('div', { class: 'card' }, h('p', {}, h('a', { href: '#account', text: '← all accounts' })), card);

    const checklist = h('div', { class: 'card' }, h('h3', { text: `${paidChecklist ? 'Paid checklist' : 'Checklist'}: ${steps.filter((s) => s.done).length} of ${steps.length} done` }),
      h('ul', { class: 'steps', id: 'checklist' }, steps.map((s) => h('li', { class: s.done ? 'done' : 'todo' },
        `${stepLabel.get(s.id) ?? label(s.id)}: `, s.done ? `done ${s.completed_day ?? ''}` : `remaining (${s.count} of ${s.min_count}${s.min_users > 1 ? `, ${s.users} of ${s.min_users} users` : ''})`))));

    const usersCard = h('div', { class: 'card wide' }, h('h3', { text: `Users: ${fmtInt(a.users?.count)} (${fmtInt(a.users?.activated)} activated, median activation ${fmtPct(a.users?.median_activation)})` }),
      users.length ? sortableTable([
        { key: 'user', label: 'User', numeric: false, value: (u) => u.id, render: (u) => h('span', {}, u.id, tags.get(u.id) ? h('span', { class: `badge ${tags.get(u.id)}`, text: tags.get(u.id) }) : null) },
        { key: 'act', label: 'Activation', numeric: true, value: (u) => u.activation?.rate, render: (u) => fmtPct(u.activation?.rate) },
        { key: 'eng', label: 'Engagement', numeric: true, value: (u) => u.engagement?.score, render: (u) => fmtNum(u.engagement?.score) },
        { key: 'trend', label: 'Trend', numeric: true, value: (u) => u.engagement?.trend, render: (u) => fmtSigned(u.engagement?.trend) },
        { key: 'events', label: 'Events', numeric: true, value: (u) => u.events },
      ], users, { sortKey: 'eng' }) : bars(a.engagement?.users ?? [], (u) => u.points, (u) => `${u.user}${tags.get(u.user) ? ` (${tags.get(u.user)})` : ''}`));

    const features = h('div', { class: 'card' }, h('h3', { text: 'Features' }),
      h('p', { class: 'muted', text: 'Used in the adoption window' }), h('div', { class: 'chips', id: 'features-used' }, (a.adoption?.used ?? []).length ? a.adoption.used.map((x) => h('span', { class: 'chip', text: featureLabel.get(x) ?? label(x) })) : h('span', { class: 'muted', text: 'none' })),
      h('p', { class: 'muted', text: 'Not used' }), h('div', { class: 'chips' }, (a.adoption?.not_used ?? []).map((x) => h('span', { class: 'chip off', text: featureLabel.get(x) ?? label(x) }))));

    const comms = h('div', { class: 'card' }, h('h3', { text: 'Communications' }),
      h('p', { text: `${fmtInt(comm.count)} (${fmtInt(comm.positive)} positive, ${fmtInt(comm.neutral)} neutral, ${fmtInt(comm.negative)} negative): level ${comm.level ?? '–'}, sentiment ${comm.sentiment ?? '–'} (net ${fmtSigned(comm.net_sentiment)})` }));

    const contributions = h('div', { class: 'card' }, h('h3', { text: 'What the engagement score is made of (latest window)' }),
      (a.engagement?.contributions ?? []).length ? bars(a.engagement.contributions, (c) => c.points, (c) => c.event) : h('p', { class: 'muted', text: 'No scored events in the latest window.' }));

    const historyBox = h('div', { id: 'score-history' }, h('p', { class: 'muted', text: 'Scoring each week…' }));
    clear(root, header, h('div', { class: 'cols' }, checklist, h('div', { class: 'card' }, h('h3', { text: 'Engagement trend' }), trendBox),
      h('div', { class: 'card wide' }, h('h3', { text: 'Score history (weekly) and segment moves' }), historyBox), usersCard, features, comms, contributions));
    const shown = asked;
    app.source.accountHistory(a.id).then((data) => {
      if (shown === asked && data && historyBox.isConnected) history = drawScoreHistory(historyBox, data);
    }, (error) => clear(historyBox, h('p', { class: 'errors', text: error.message })));
    trend = echarts.init(trendBox);
    trend.setOption({
      animation: false, grid: { left: 36, right: 12, top: 12, bottom: 28 },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      xAxis: { type: 'category', data: (state.overview?.windows ?? []).map((w) => w.end) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [{ type: 'line', data: a.engagement?.scores ?? [], name: 'engagement', areaStyle: { opacity: 0.15 } }],
    });
    root.querySelector('h2')?.focus?.();
  }
  return { update, destroy: () => { trend?.dispose(); history?.dispose(); } };
}
