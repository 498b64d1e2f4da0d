// Management: the seeds' team-level numbers from the last scoring (docs/segments.md,
// "Management views"): this month's signups and their average activation, activation by signup
// cohort, engagement by plan / stage / industry / owner, and active accounts per week over the
// data's span. Each chart has the same numbers as a text table beside it.
import { BarChart } from 'echarts/charts';
import { h, clear, sortableTable } from '../dom.js';
import { state } from '../state.js';
import { echarts } from '../spectrum.js';
import { fmtInt, fmtNum, fmtPct } from '../format.js';

echarts.use([BarChart]);

const DIMENSIONS = [['by_plan', 'plan'], ['by_stage', 'stage'], ['by_industry', 'industry'], ['by_owner', 'owner']];
const GROUPS_CHARTED = 20;  // the largest groups; the table lists them all
const shown = (value) => (value === '' ? '(not given)' : value);

function chartBox(id, label) {
  const box = h('div', { class: 'mgmt-chart', id, role: 'img', 'aria-label': label });
  box.style.height = '240px';
  return box;
}

export function managementView(root, app) {
  const charts = [];
  const dimension = h('select', { id: 'mgmt-dimension', 'aria-label': 'Engagement by' }, DIMENSIONS.map(([v, t]) => h('option', { value: v, text: t })));
  dimension.value = sessionStorage.getItem('mgmtDimension') ?? 'by_plan';
  const thisMonth = h('div', { class: 'card', id: 'mgmt-this-month' });
  const cohorts = h('div', { class: 'card', id: 'mgmt-cohorts' });
  const groups = h('div', { class: 'card', id: 'mgmt-groups' });
  const weekly = h('div', { class: 'card', id: 'mgmt-weekly' });
  root.append(h('div', { class: 'cols' }, thisMonth, cohorts), h('div', { class: 'cols' }, groups, weekly));
  let views = null;

  function draw(box, option, points) {
    const chart = echarts.init(box);
    chart.setOption({ animation: false, grid: { left: 44, right: 12, top: 24, bottom: 40 }, tooltip: { trigger: 'axis', renderMode: 'richText' }, ...option });
    box.dataset.points = String(points);
    charts.push(chart);
  }

  function drawGroups() {
    const key = dimension.value;
    const name = DIMENSIONS.find(([v]) => v === key)[1];
    const rows = views[key];
    const top = rows.slice(0, GROUPS_CHARTED);
    const box = chartBox('mgmt-groups-chart', `Mean engagement by ${name}`);
    clear(groups, h('h2', { text: `Engagement by ${name}` }), h('div', { class: 'controls' }, h('label', {}, 'Group by ', dimension)),
      h('p', { class: 'muted', text: `Mean engagement score (0–100) of the accounts in each group${rows.length > top.length ? `; the ${top.length} largest of ${rows.length} groups charted` : ''}.` }),
      box,
      sortableTable([
        { key: 'value', label: name[0].toUpperCase() + name.slice(1), numeric: false, value: (r) => shown(r.value) },
        { key: 'accounts', label: 'Accounts', numeric: true, value: (r) => r.accounts },
        { key: 'mean', label: 'Mean engagement', numeric: true, value: (r) => r.mean_engagement, render: (r) => fmtNum(r.mean_engagement) },
        { key: 'median', label: 'Median', numeric: true, value: (r) => r.median_engagement, render: (r) => fmtNum(r.median_engagement) },
        { key: 'act', label: 'Mean activation', numeric: true, value: (r) => r.mean_activation, render: (r) => fmtPct(r.mean_activation) },
        { key: 'active', label: 'Active this week', numeric: true, value: (r) => r.active_week },
      ], rows, { sortKey: 'accounts' }));
    draw(box, {
      xAxis: { type: 'category', data: top.map((r) => shown(r.value)), axisLabel: { rotate: top.length > 6 ? 30 : 0, interval: 0 } },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [{ type: 'bar', name: 'mean engagement', data: top.map((r) => r.mean_engagement ?? 0), itemStyle: { color: '#0072B2' } }],
    }, top.length);
  }

  function show(m) {
    for (const c of charts.splice(0)) c.dispose();
    views = m;
    const t = m.this_month;
    clear(thisMonth, h('h2', { text: `This month's signups (${t.month})` }),
      h('p', { class: 'big', id: 'mgmt-this-month-activation', text: t.accounts === 0 ? 'No signups yet' : `${fmtPct(t.mean_activation)} average activation` }),
      h('p', { text: `${fmtInt(t.accounts)} account${t.accounts === 1 ? '' : 's'} started in ${t.month} (as of ${m.as_of}); ${fmtInt(t.activated)} completed the checklist; mean engagement ${fmtNum(t.mean_engagement)}.` }));

    const cohortBox = chartBox('mgmt-cohorts-chart', 'Average activation by signup month');
    clear(cohorts, h('h2', { text: 'Activation by signup month' }), cohortBox,
      h('details', {}, h('summary', { text: `The ${m.cohorts.length} months as a table` }), sortableTable([
        { key: 'month', label: 'Month', numeric: false, value: (r) => r.month },
        { key: 'accounts', label: 'Signups', numeric: true, value: (r) => r.accounts },
        { key: 'act', label: 'Mean activation', numeric: true, value: (r) => r.mean_activation, render: (r) => fmtPct(r.mean_activation) },
        { key: 'activated', label: 'Activated', numeric: true, value: (r) => r.activated },
        { key: 'eng', label: 'Mean engagement', numeric: true, value: (r) => r.mean_engagement, render: (r) => fmtNum(r.mean_engagement) },
      ], m.cohorts, { sortKey: 'month', descending: true })));
    draw(cohortBox, {
      xAxis: { type: 'category', data: m.cohorts.map((c) => c.month) },
      yAxis: { type: 'value', min: 0, max: 100, name: '%' },
      series: [{ type: 'bar', name: 'mean activation', data: m.cohorts.map((c) => c.mean_activation ?? 0), itemStyle: { color: '#009E73' } }],
    }, m.cohorts.length);

    drawGroups();

    const weeklyBox = chartBox('mgmt-weekly-chart', 'Active accounts per week');
    const w = m.weekly_active;
    clear(weekly, h('h2', { text: 'Active accounts per week' }),
      h('p', { class: 'muted', text: 'Accounts with at least one active user in the 7 days ending on each date, next to the accounts that had started by then.' }),
      weeklyBox,
      h('details', {}, h('summary', { text: `The ${w.length} weeks as a table` }),
        sortableTable([
          { key: 'week', label: 'Week ending', numeric: false, value: (r) => r.week_end },
          { key: 'active', label: 'Active', numeric: true, value: (r) => r.active },
          { key: 'existing', label: 'Started', numeric: true, value: (r) => r.existing },
        ], w, { sortKey: 'week', descending: true })));
    draw(weeklyBox, {
      legend: { top: 0 },
      xAxis: { type: 'category', data: w.map((x) => x.week_end) },
      yAxis: { type: 'value', min: 0 },
      series: [
        { type: 'line', name: 'active', data: w.map((x) => x.active), areaStyle: { opacity: 0.15 }, showSymbol: w.length < 60 },
        { type: 'line', name: 'started', data: w.map((x) => x.existing), lineStyle: { type: 'dashed' }, showSymbol: false },
      ],
    }, w.length);
    root.dataset.ready = 'true';
  }

  dimension.addEventListener('change', () => {
    sessionStorage.setItem('mgmtDimension', dimension.value);
    const chart = charts.findIndex((c) => c.getDom().id === 'mgmt-groups-chart');
    if (chart >= 0) charts.splice(chart, 1)[0].dispose();
    drawGroups();
  });

  let asked = 0;
  function update() {
    const mine = ++asked;
    const generation = state.generation;
    root.dataset.ready = 'false';
    app.source.management().then((m) => {
      if (mine === asked && generation === state.generation) show(m);
    }, (error) => clear(root, h('p', { class: 'card errors', text: error.message })));
  }
  return { update, destroy: () => { for (const c of charts.splice(0)) c.dispose(); } };
}
