// The dashboard: boots the data source with the bundled example, then routes between views
// (#spectrum, #personas, #segments/GROUP, #account/ID, #model, #data) and keeps the headline
// numbers and exports in the header.
import './style.css';
import { h, clear, download } from './dom.js';
import { DataSource } from './source.js';
import { state, setReport, setPreview, onReport, onPreview } from './state.js';
import { fmtInt, fmtMoney, fmtNum } from './format.js';
import { spectrumView } from './views/spectrum-view.js';
import { personasView } from './views/personas.js';
import { segmentsView } from './views/segments.js';
import { accountView } from './views/account.js';
import { modelView } from './views/model.js';
import { dataView } from './views/data.js';

const source = new DataSource();
// Past this many users the report leaves its per-user section out (it would be most of its
// size); account pages then list users from the contributions.
const USERS_IN_REPORT = 50000;
const main = document.getElementById('view');
const status = document.getElementById('status');
const headline = document.getElementById('headline');

export const app = {
  source,
  /** Scores the current data with `model`; returns the time it took in ms. */
  /**
   * Scores with `model` and shows the report. fresh (new data): the summary and chart columns
   * come first (a re-score without the report, about 20x cheaper), onQuick() is called with the
   * spectrum already drawable, and the full report follows; views wait for it where they need it.
   */
  async rescore(model, { fresh = false, onQuick } = {}) {
    state.model = model;
    const t0 = performance.now();
    let includeUsers = state.report ? Array.isArray(state.report.users) : true;
    if (fresh && source.canScore) {
      const quick = await source.rescore(model);
      includeUsers = quick.summary.users <= USERS_IN_REPORT;
      state.stale = true;
      state.chart = quick.chart;
      setPreview({ ...quick, ms: performance.now() - t0, fresh: true });
      onQuick?.(performance.now() - t0);
    }
    try {
      const { report, chart } = await source.score(model, { includeUsers });
      const ms = performance.now() - t0;
      state.stale = false;  // before the views hear of the report
      setReport(report, chart, ms);
      return ms;
    } finally {
      state.stale = false;
    }
  },
  /** After a model edit: the summary and chart columns first (no report built), then the report. */
  async preview(model) {
    state.model = model;
    const t0 = performance.now();
    const quick = await source.rescore(model);
    if (!quick) return null;
    const ms = performance.now() - t0;
    setPreview({ ...quick, ms });
    return ms;
  },
  say(text, kind = 'info') {
    clear(status, text);
    status.dataset.kind = kind;
  },
  /** Where an account's point is on the spectrum, in page pixels (null off the spectrum view). */
  pointOf(id) {
    return active?.pointOf?.(id) ?? null;
  },
  /** Ids of the accounts on the spectrum, in chart order. */
  accountIds() {
    return state.chart?.ids ?? state.report?.accounts.map((a) => a.id) ?? [];
  },
  go(hash) {
    if (location.hash === `#${hash}`) route();
    else location.hash = hash;
  },
};
window.pqlscopeApp = app; // test and console hook (no data is exposed that the page does not show)

const views = {
  spectrum: spectrumView, personas: personasView, segments: segmentsView, account: accountView, model: modelView, data: dataView,
};
let active = null;
let waitingForReport = false;

function route() {
  const [name = 'spectrum', ...rest] = location.hash.replace(/^#/, '').split('/');
  const view = views[name] ? name : 'spectrum';
  for (const tab of document.querySelectorAll('nav.tabs a')) {
    const on = tab.dataset.view === view;
    tab.setAttribute('aria-current', on ? 'page' : 'false');
  }
  active?.destroy?.();
  clear(main);
  active = views[view](main, app, rest.map(decodeURIComponent));
  if (state.stale) {
    // New data is scored but its report is still being built: the spectrum draws from the
    // chart columns; other views wait for the report.
    if (active?.preview && state.chart) active.preview({ chart: state.chart, fresh: true });
    else {
      clear(main, h('p', { class: 'card', text: 'Building the report of your data…' }));
      waitingForReport = true;  // this view is drawn again once the report is there
    }
  } else if (state.report) active?.update?.(state.report);
  main.dataset.view = view;
}

function drawHeadline(report) {
  const s = report.summary;
  const act = s.activity ?? {};
  const cells = [
    ['Accounts', fmtInt(s.accounts), 'accounts'],
    ['Active this week', fmtInt(s.active_accounts?.week), 'active'],
    ['PQLs', fmtInt(s.pqls), 'pqls'],
    ['Forecast revenue', fmtMoney(s.forecast_revenue), 'forecast'],
    ['WAU / MAU', `${fmtInt(act.wau)} / ${fmtInt(act.mau)}`, 'wau-mau'],
    ['Stickiness', act.stickiness === null || act.stickiness === undefined ? '–' : `${fmtNum(act.stickiness)}%`, 'stickiness'],
  ];
  clear(headline, cells.map(([k, v, id]) => h('div', { class: 'metric', dataset: { metric: id } }, h('span', { class: 'k', text: k }), h('span', { class: 'v', text: v }))));
  const scored = document.getElementById('scored');
  clear(scored, `${state.dataset === 'example' ? 'Example data' : state.fileNames.join(', ')} · as of ${report.as_of}${state.scoreMs !== null ? ` · scored in ${Math.round(state.scoreMs)} ms` : ''}`);
}

onPreview((preview) => {
  active?.preview?.(preview);
  const { summary } = preview;
  if (!state.report) return;
  // New data: only what the quick scoring knows; an edit of the same data keeps the activity figures.
  drawHeadline({ ...state.report, summary: preview.fresh ? { ...summary } : { ...state.report.summary, ...summary }, as_of: summary.as_of });
});
onReport((report) => {
  drawHeadline(report);
  if (waitingForReport) {
    waitingForReport = false;
    route();
  } else active?.update?.(report);
});

async function exportFile(kind) {
  try {
    if (kind === 'csv') download('pqlscope-accounts.csv', await source.accountsCsv(), 'text/csv');
    else if (kind === 'alerts') download('pqlscope-alerts.csv', await source.alertsCsv(), 'text/csv');
    else download('pqlscope-report.json', `${JSON.stringify(state.report, null, 2)}\n`, 'application/json');
  } catch (error) {
    app.say(error.message, 'error');
  }
}
for (const button of document.querySelectorAll('[data-export]')) button.addEventListener('click', () => exportFile(button.dataset.export));

window.addEventListener('hashchange', route);
route();

async function boot() {
  app.say('Scoring the bundled example…');
  try {
    const t0 = performance.now();
    const { model, scored } = await source.loadExample();
    state.dataset = 'example';
    state.model = model;
    const ms = performance.now() - t0;
    setReport(scored.report, scored.chart, ms);
    app.say(source.canScore ? `Example read and scored in ${Math.round(ms)} ms in a Worker. Use your own data from the Data tab: files never leave this page.`
      : 'Example shown from the build-time report (this package build cannot score in the browser yet: model edits will not re-score).');
    document.body.dataset.ready = 'true';
  } catch (error) {
    app.say(`Could not load the example: ${error.message}`, 'error');
    document.body.dataset.ready = 'error';
  }
}
boot();
