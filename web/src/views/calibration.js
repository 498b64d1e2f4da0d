// Calibration: fit the model to what really converted (an outcomes CSV), as `pqlscope
// calibrate` does, in the Worker; show held-out AUC and lift by decile before / after and what
// changed in words; apply the fitted model (re-score) or download it.
import { h, clear, download } from '../dom.js';
import { state } from '../state.js';
import { fmtInt, fmtNum } from '../format.js';

const auc = (v) => (v === null || v === undefined ? '–' : v.toFixed(3));
const pct = (v) => (v === null || v === undefined ? '–' : `${fmtNum(100 * v)}%`);

function aucTable(report) {
  const rows = [
    ['Conversion probability', report.before.auc.conversion_probability, report.after.auc.conversion_probability],
    ['Engagement score', report.before.auc.engagement, null],
    ['Trial engagement (raw)', report.before.auc.trial_engagement, null],
    ['Activation', report.before.auc.activation, null],
  ];
  return h('table', { id: 'calibration-auc', class: 'table' },
    h('caption', { text: `Held-out AUC (${fmtInt(report.split.held_out.accounts)} accounts, ${fmtInt(report.split.held_out.converted)} converted)` }),
    h('thead', {}, h('tr', {}, h('th', { text: 'Score' }), h('th', { text: 'Before' }), h('th', { text: 'After' }))),
    h('tbody', {}, rows.map(([name, before, after]) => h('tr', { dataset: { score: name } },
      h('td', { text: name }), h('td', { class: 'num before', text: auc(before) }), h('td', { class: 'num after', text: after === null ? '' : auc(after) })))));
}

function liftTable(report) {
  const n = Math.max(report.before.lift.length, report.after.lift.length);
  const cell = (row) => (row ? `${row.converted} / ${row.accounts} (${pct(row.rate)}, lift ${fmtNum(row.lift)})` : '–');
  return h('table', { id: 'calibration-lift', class: 'table' },
    h('caption', { text: 'Held-out accounts by decile of the conversion probability (1 = highest): converted / accounts' }),
    h('thead', {}, h('tr', {}, h('th', { text: 'Decile' }), h('th', { text: 'Before' }), h('th', { text: 'After' }))),
    h('tbody', {}, Array.from({ length: n }, (_, i) => h('tr', {},
      h('td', { class: 'num', text: String(i + 1) }), h('td', { text: cell(report.before.lift[i]) }), h('td', { text: cell(report.after.lift[i]) })))));
}

function weightsTable(report) {
  const top = report.weights.slice(0, 12);
  return h('table', { id: 'calibration-weights', class: 'table' },
    h('caption', { text: 'Event weights (per ln(1 + count) over the trial), heaviest first' }),
    h('thead', {}, h('tr', {}, ['Event', 'Weight', 'Accounts', 'Converted', 'Importance'].map((t) => h('th', { text: t })))),
    h('tbody', {}, top.map((w) => h('tr', {}, h('td', { text: w.event }), h('td', { class: 'num', text: w.weight === null ? '–' : w.weight.toFixed(2) }),
      h('td', { class: 'num', text: fmtInt(w.accounts) }), h('td', { class: 'num', text: fmtInt(w.converted) }), h('td', { class: 'num', text: String(w.importance) })))));
}

export function calibrationView(root, app) {
  const fileIn = h('input', { type: 'file', id: 'outcomes-input', accept: '.csv,text/csv,text/plain', 'aria-label': 'Outcomes CSV file' });
  const info = h('p', { class: 'muted', id: 'calibration-status', 'aria-live': 'polite',
    text: 'Outcomes: a CSV of account_id,converted[,date] (yes / no). The model is fitted on about 70% of the accounts and judged on the rest.' });
  const out = h('div', { id: 'calibration-result' });
  root.append(h('section', { class: 'card' }, h('h2', { text: 'Calibrate on what converted' }), info, h('label', {}, 'Outcomes ', fileIn), out));

  let fitted = null;
  fileIn.addEventListener('change', async () => {
    const file = fileIn.files?.[0];
    if (!file) return;
    clear(out);
    clear(info, `Fitting to ${file.name}…`);
    try {
      const result = await app.source.calibrate(await file.arrayBuffer());
      fitted = result;
      const { report } = result;
      clear(info, `${file.name}: ${fmtInt(report.matched)} of ${fmtInt(report.outcomes)} outcomes matched an account; fitted on ${fmtInt(report.split.fit.accounts)}.`);
      const apply = h('button', { type: 'button', id: 'apply-calibration', text: 'Apply the fitted model',
        onclick: async () => {
          apply.disabled = true;
          await app.rescore(structuredClone(fitted.model));
          clear(info, 'The fitted model is applied: each trial account\'s conversion probability and the forecast come from it.');
          out.dataset.applied = 'true';
        } });
      const save = h('button', { type: 'button', id: 'download-calibration', text: 'Download model JSON',
        onclick: () => download('pqlscope-model-calibrated.json', fitted.modelText, 'application/json') });
      clear(out, h('div', { class: 'row' }, aucTable(report), liftTable(report)),
        h('h3', { text: 'What changed' }), h('ul', { id: 'calibration-changes' }, report.changes.map((c) => h('li', { text: c }))),
        weightsTable(report), h('p', {}, apply, ' ', save));
      out.dataset.ready = 'true';
    } catch (error) {
      clear(info, `${file.name}: ${error.message}`);
      info.dataset.kind = 'error';
    }
  });
  return { update() { if (!state.overview) clear(info, 'Score data first.'); } };
}
