// The model editor: every edit re-scores from the aggregates the Worker keeps (no file is read
// again) and redraws the live spectrum beside the form. Save / load the model as JSON.
import { h, clear, download } from '../dom.js';
import { state } from '../state.js';
import { createSpectrum } from '../spectrum.js';
import { COMMUNICATION, DEAL_SIZES, LEVELS, PERSONAS, PERSONA_LABEL, SENTIMENT_MATCHES } from '../format.js';

const LEVEL3 = [...LEVELS].reverse();  // high first, as the table reads

function num(value, onChange, { min, max, step = 1, labelText } = {}) {
  const input = h('input', { type: 'number', value: value ?? '', min, max, step, 'aria-label': labelText });
  input.addEventListener('change', () => { if (input.value !== '' && input.checkValidity()) onChange(Number(input.value)); });
  return input;
}
function select(options, value, onChange, labelText) {
  const el = h('select', { 'aria-label': labelText }, options.map((o) => h('option', { value: o, text: o.replaceAll('_', ' ') })));
  el.value = value;
  el.addEventListener('change', () => onChange(el.value));
  return el;
}
function text(value, onChange, labelText) {
  const el = h('input', { type: 'text', value: value ?? '', 'aria-label': labelText });
  el.addEventListener('change', () => onChange(el.value));
  return el;
}
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);

export function modelView(root, app) {
  const form = h('form', { class: 'model-form card', id: 'model-form', onsubmit: (e) => e.preventDefault() });
  const side = h('div', { class: 'grow' });
  const info = h('p', { class: 'muted', id: 'rescore-info', 'aria-live': 'polite' });
  const errors = h('ul', { class: 'errors', id: 'model-errors' });
  const wrap = h('div', { class: 'spectrum-wrap card', id: 'model-spectrum' });
  side.append(info, errors, wrap);
  root.append(h('div', { class: 'row' }, form, side));
  const spectrum = createSpectrum(wrap, { compact: true, onOpen: (id) => app.go(`account/${encodeURIComponent(id)}`) });

  let timer = null;
  let pending = Promise.resolve();
  function changed() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const model = structuredClone(state.model);
      pending = pending.then(async () => {
        try {
          // The chart and headline first (no report built), then the overview the other views read.
          const full = await app.rescore(model, { onQuick: (quick) => {
            clear(errors);
            clear(info, `Re-scored in ${Math.round(quick)} ms from the aggregates (tables: …)`);
            info.dataset.ms = String(quick);
          } });
          clear(errors);
          clear(info, `Re-scored in ${Math.round(Number(info.dataset.ms))} ms from the aggregates; tables updated in ${Math.round(full)} ms.`);
          info.dataset.fullMs = String(full);
        } catch (error) {
          const problems = error.validation?.errors ?? [];
          clear(errors, problems.length ? problems.map((x) => h('li', { text: `${x.path || '/'}: ${x.message}` })) : h('li', { text: error.message }));
        }
      });
    }, 60);
  }
  const edit = (fn) => (v) => { fn(v); changed(); };

  function draw() {
    const m = state.model;
    if (!m) return;
    const e = (m.engagement ??= {});
    e.normalization ??= { method: 'p90', percentile: 90, lifespan_days: 30 };
    e.importance ??= {};
    const ds = (m.deal_size ??= {});
    ds.pql_activation ??= { small: 80, mid: 60, large: 25 };
    const p = (m.personas ??= {});
    p.activation_levels ??= { high: 70, low: 40 };
    p.engagement_levels ??= { high: 70, low: 40 };
    p.table ??= [];
    p.probabilities ??= {};
    const steps = ((m.activation ??= {}).steps ??= []);
    const asOf = h('input', { type: 'date', value: m.as_of ?? '', 'aria-label': 'As-of date (empty: the last event)' });
    asOf.addEventListener('change', edit(() => { m.as_of = asOf.value || null; }));

    const fileIn = h('input', { type: 'file', accept: '.json,application/json', 'aria-label': 'Load a model JSON file' });
    fileIn.addEventListener('change', async () => {
      const file = fileIn.files?.[0];
      if (!file) return;
      const textContent = await file.text();
      let parsed;
      try { parsed = JSON.parse(textContent); } catch (error) { clear(errors, h('li', { text: `${file.name}: ${error.message}` })); return; }
      const check = await app.source.validateModel(textContent);
      if (!check.ok) { clear(errors, check.errors.map((x) => h('li', { text: `${file.name}: ${x.path || '/'}${x.line ? ` (${x.line}:${x.column})` : ''}: ${x.message}` }))); return; }
      state.model = parsed;
      draw();
      changed();
    });

    clear(form,
      h('div', { class: 'controls' },
        h('button', { type: 'button', text: 'Save model JSON', onclick: () => download('pqlscope-model.json', `${JSON.stringify(state.model, null, 2)}\n`, 'application/json') }),
        h('label', {}, 'Load ', fileIn)),
      h('fieldset', {}, h('legend', { text: 'Scoring date' }), h('label', {}, 'As of ', asOf)),
      h('fieldset', {}, h('legend', { text: 'Engagement normalisation' }),
        h('label', {}, 'Method ', select(['p90', 'percentile_rank', 'min_max', 'recency_decay'], e.normalization.method ?? 'p90', edit((v) => { e.normalization.method = v; }), 'Normalisation method')),
        h('label', {}, 'Percentile ', num(e.normalization.percentile ?? 90, edit((v) => { e.normalization.percentile = v; }), { min: 1, max: 100, labelText: 'Percentile' })),
        h('label', {}, 'Lifespan (days) ', num(e.normalization.lifespan_days ?? 30, edit((v) => { e.normalization.lifespan_days = v; }), { min: 1, max: 3650, labelText: 'Lifespan in days' })),
        h('label', {}, 'Window (days) ', num(e.window_days ?? 7, edit((v) => { e.window_days = v; }), { min: 1, max: 3650, labelText: 'Engagement window in days' }))),
      h('fieldset', { id: 'importances' }, h('legend', { text: 'Event importance (0–10)' }),
        h('div', { class: 'imp' }, Object.entries(e.importance).map(([name, value]) => [
          h('span', { text: name }),
          num(value, edit((v) => { e.importance[name] = v; }), { min: 0, max: 10, labelText: `Importance of ${name}` }),
        ]))),
      h('fieldset', { id: 'steps' }, h('legend', { text: 'Activation checklist' }),
        steps.map((s, i) => h('div', { class: 'card' },
          h('label', {}, 'Label ', text(s.label, edit((v) => { s.label = v; }), `Step ${i + 1} label`)),
          h('label', {}, 'Level ', select(['account', 'user'], s.level ?? 'account', edit((v) => { s.level = v; }), `Step ${i + 1} level`)),
          h('label', {}, 'Events ', text((s.events ?? []).join(', '), edit((v) => { s.events = list(v); }), `Step ${i + 1} events (comma-separated)`)),
          h('label', {}, 'Min count ', num(s.min_count ?? 1, edit((v) => { s.min_count = v; }), { min: 1, labelText: `Step ${i + 1} minimum count` })),
          s.level !== 'user' ? h('label', {}, 'Min users ', num(s.min_users ?? 1, edit((v) => { s.min_users = v; }), { min: 1, labelText: `Step ${i + 1} minimum users` })) : null,
          h('button', { type: 'button', text: 'Remove', 'aria-label': `Remove step ${i + 1}`, onclick: () => { steps.splice(i, 1); draw(); changed(); } }))),
        h('button', { type: 'button', text: 'Add a step', onclick: () => {
          steps.push({ id: `step_${steps.length + 1}`, label: 'New step', level: 'account', events: [Object.keys(e.importance)[0] ?? 'login'], min_count: 1, min_users: 1, window_days: null });
          draw(); changed();
        } })),
      h('fieldset', {}, h('legend', { text: 'PQL activation thresholds (%)' }),
        DEAL_SIZES.map((k) => h('label', {}, `${k} `, num(ds.pql_activation[k], edit((v) => { ds.pql_activation[k] = v; }), { min: 0, max: 100, labelText: `PQL threshold ${k}` })))),
      h('fieldset', {}, h('legend', { text: 'Persona levels' }),
        ['activation_levels', 'engagement_levels'].map((k) => h('div', {}, `${k.split('_')[0]}: `,
          h('label', {}, 'high ≥ ', num(p[k].high, edit((v) => { p[k].high = v; }), { min: 0, max: 100, labelText: `${k} high` })),
          h('label', {}, 'low < ', num(p[k].low, edit((v) => { p[k].low = v; }), { min: 0, max: 100, labelText: `${k} low` }))))),
      h('fieldset', { id: 'persona-table' }, h('legend', { text: 'Persona table (first matching row wins)' }),
        h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ['activation', 'engagement', 'comm.', 'sentiment', 'persona', ''].map((x) => h('th', { text: x })))),
          h('tbody', {}, p.table.map((r, i) => h('tr', {},
            h('td', {}, select(LEVEL3, r.activation, edit((v) => { r.activation = v; }), `Row ${i + 1} activation`)),
            h('td', {}, select(LEVEL3, r.engagement, edit((v) => { r.engagement = v; }), `Row ${i + 1} engagement`)),
            h('td', {}, select([...COMMUNICATION].reverse(), r.communication, edit((v) => { r.communication = v; }), `Row ${i + 1} communication`)),
            h('td', {}, select(SENTIMENT_MATCHES, r.sentiment ?? 'any', edit((v) => { r.sentiment = v; }), `Row ${i + 1} sentiment`)),
            h('td', {}, select(PERSONAS, r.persona, edit((v) => { r.persona = v; }), `Row ${i + 1} persona`)),
            h('td', {}, h('button', { type: 'button', text: '✕', 'aria-label': `Remove row ${i + 1}`, onclick: () => { p.table.splice(i, 1); draw(); changed(); } })))))),
        h('button', { type: 'button', text: 'Add a row', onclick: () => { p.table.push({ activation: 'medium', engagement: 'low', communication: 'low', sentiment: 'any', persona: 'fizzler' }); draw(); changed(); } })),
      h('fieldset', {}, h('legend', { text: 'Chance to convert (0–1)' }),
        PERSONAS.map((k) => h('label', {}, `${PERSONA_LABEL[k]} `, num(p.probabilities[k] ?? 0, edit((v) => { p.probabilities[k] = v; }), { min: 0, max: 1, step: 0.01, labelText: `Probability ${PERSONA_LABEL[k]}` })))),
    );
  }

  let drawn = null;  // the chart columns on the canvas
  function preview() {
    spectrum.update(state.chart, { colourBy: 'persona', model: state.model });
    drawn = state.chart;
  }
  function update() {
    if (drawn !== state.chart) preview();
    if (!form.childElementCount) draw();
  }
  draw();
  return { update, preview, destroy: () => { clearTimeout(timer); spectrum.element.remove(); } };
}
