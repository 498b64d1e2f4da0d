// The dashboard: boots the data source with the bundled example, then routes between views
// (#spectrum, #personas, #segments/GROUP, #account/ID, #companies, #management, #model, #data) and keeps the headline
// numbers and exports in the header.
import './style.css';
import { h, clear, download } from './dom.js';
import { DataSource } from './source.js';
import { state, setOverview, setPreview, onOverview, onPreview } from './state.js';
import { fmtInt, fmtMoney, fmtNum } from './format.js';
import { spectrumView } from './views/spectrum-view.js';
import { personasView } from './views/personas.js';
import { segmentsView } from './views/segments.js';
import { accountView } from './views/account.js';
import { modelView } from './views/model.js';
import { dataView } from './views/data.js';
import { companiesView } from './views/companies.js';
import { managementView } from './views/management.js';
import { mountToolExports } from './views/exports.js';
import { calibrationView } from './views/calibration.js';

const source = new DataSource();
const main = document.getElementById('view');
const status = document.getElementById('status');
const headline = document.getElementById('headline');

export const app = {
  source,
  /**
   * Scores the Worker's data with `model`: the chart columns and summary come first (no report
   * is built) and the spectrum is drawn from them (onQuick(ms)); then the overview the other
   * views read. Returns the ms until the overview was shown. Scorings run one after another.
   */
  rescore(model, { onQuick } = {}) {
    const run = async () => {
      state.model = model;
      const t0 = performance.now();
      const quick = await source.rescore(model);
      setPreview({ ...quick, ms: performance.now() - t0 });
      onQuick?.(performance.now() - t0);
      const overview = await source.overview();
      const ms = performance.now() - t0;
      setOverview(overview, ms);
      return ms;
    };
    const next = scoring.then(run, run);
    scoring = next.catch(() => {});
    return next;
  },
  say(text, kind = 'info') {
    clear(status, text);
    status.dataset.kind = kind;
  },
  /** Where an account's point is on the spectrum, in page pixels (null off the spectrum view). */
  pointOf(id) {
    return active?.pointOf?.(id) ?? null;
  },
  /** The ECharts instance of the view's spectrum (tests and console), or null. */
  spectrumChart() {
    return active?.chart ?? null;
  },
  /** Ids of the accounts on the spectrum, in chart order. */
  accountIds() {
    return state.chart?.ids ?? [];
  },
  go(hash) {
    if (location.hash === `#${hash}`) route();
    else location.hash = hash;
  },
};
let scoring = Promise.resolve();
window.pqlscopeApp = app; // test and console hook (no data is exposed that the page does not show)

const views = {
  spectrum: spectrumView, personas: personasView, segments: segmentsView, account: accountView, model: modelView, data: dataView,
  companies: companiesView, management: managementView, calibration: calibrationView,
};
let active = null;
let waitingForOverview = false;

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
  if (state.stale || !state.overview) {
    // A scoring's chart is there but not yet its overview: the spectrum draws from the chart
    // columns; other views wait for the overview.
    if (active?.preview && state.chart) active.preview();
    else if (view !== 'data') {
      clear(main, h('p', { class: 'card', text: 'Scoring…' }));
      waitingForOverview = true;  // this view is drawn again once the overview is there
    }
  } else active?.update?.(state.overview);
  main.dataset.view = view;
}

function drawHeadline(summary, asOf) {
  const act = summary.activity ?? {};
  const cells = [
    ['Accounts', fmtInt(summary.accounts), 'accounts'],
    ['Active this week', fmtInt(summary.active_accounts?.week), 'active'],
    ['PQLs', fmtInt(summary.pqls), 'pqls'],
    ['Forecast revenue', fmtMoney(summary.forecast_revenue), 'forecast'],
    ['WAU / MAU', `${fmtInt(act.wau)} / ${fmtInt(act.mau)}`, 'wau-mau'],
    ['Stickiness', act.stickiness === null || act.stickiness === undefined ? '–' : `${fmtNum(act.stickiness)}%`, 'stickiness'],
  ];
  clear(headline, cells.map(([k, v, id]) => h('div', { class: 'metric', dataset: { metric: id } }, h('span', { class: 'k', text: k }), h('span', { class: 'v', text: v }))));
  const scored = document.getElementById('scored');
  clear(scored, `${state.dataset === 'example' ? 'Example data' : state.fileNames.join(', ')} · as of ${asOf}${state.scoreMs !== null ? ` · scored in ${Math.round(state.scoreMs)} ms` : ''}`);
}

onPreview((preview) => {
  active?.preview?.(preview);
  // The quick summary has no activity figures: keep the last ones until the overview comes.
  const last = state.overview?.summary ?? {};
  drawHeadline({ ...last, ...preview.summary }, preview.summary.as_of);
});
onOverview((overview) => {
  drawHeadline(overview.summary, overview.as_of);
  if (waitingForOverview) {
    waitingForOverview = false;
    route();
  } else active?.update?.(overview);
});

const EXPORTS = {
  csv: { name: 'pqlscope-accounts.csv', what: 'the CSV for a CRM', get: () => source.accountsCsv(), type: 'text/csv' },
  alerts: { name: 'pqlscope-alerts.csv', what: 'the alerts CSV', get: () => source.alertsCsv(), type: 'text/csv' },
  json: { name: 'pqlscope-report.json', what: 'the JSON report', get: () => source.reportBlob(), type: 'application/json' },
};

// Exports are built in the Worker; on big data the report takes seconds, so the button says so.
async function exportFile(button) {
  const spec = EXPORTS[button.dataset.export];
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  app.say(`Preparing ${spec.what} in the Worker…`);
  try {
    const t0 = performance.now();
    download(spec.name, await spec.get(), spec.type);
    app.say(`Saved ${spec.name} (prepared in ${Math.round(performance.now() - t0)} ms).`);
  } catch (error) {
    app.say(error.message, 'error');
  } finally {
    button.disabled = false;
    button.setAttribute('aria-busy', 'false');
  }
}
for (const button of document.querySelectorAll('[data-export]')) button.addEventListener('click', () => exportFile(button));
mountToolExports(document.querySelector('.exports'), { source, say: (text, kind) => app.say(text, kind) });

window.addEventListener('hashchange', route);
route();

async function boot() {
  app.say('Scoring the bundled example…');
  try {
    const t0 = performance.now();
    const { model } = await source.loadExample();
    state.dataset = 'example';
    const ms = await app.rescore(model);
    app.say(`Example read and scored in ${Math.round(performance.now() - t0)} ms in a Worker (overview in ${Math.round(ms)} ms). Use your own data from the Data tab: files never leave this page.`);
    document.body.dataset.ready = 'true';
  } catch (error) {
    app.say(`Could not load the example: ${error.message}`, 'error');
    document.body.dataset.ready = 'error';
  }
}
boot();
