// "Use your own data": drop or pick files; the mapping step shows, for each, what the engine
// makes of its first rows (kind, source, role -> column, preview; mapping-step.js) and lets the
// user change it; then the Worker reads the files in slices (progress: bytes, events,
// rejected) with those choices, and the page lists every located issue. A file from which
// nothing was read sends the user back to the step with the reasons; more than half of a
// file's rows rejected is a warning shown before the results. Nothing is uploaded anywhere:
// the files go from the browser's File objects to the Worker, and the choices are remembered
// in this browser only (mapping-memory.js).
import { h, clear } from '../dom.js';
import { state } from '../state.js';
import { fmtBytes, fmtInt, FILE_KINDS } from '../format.js';
import { mappingCard, topReasons } from './mapping-step.js';
import { headerSignature, recall, remember, forget } from '../mapping-memory.js';

// Survive view switches: the files chosen (with their step choices) and the latest ingest.
const picked = [];
let lastIngest = null;
let nextId = 1;

/** The input files of the report that came from this chosen file (a ZIP gives "name!entry"). */
const entriesOf = (report, p) => report.files.filter((f) => f.name === p.file.name || f.name.startsWith(`${p.file.name}!`));
const chosenByUser = (p) => p.userKind || Object.keys(p.overrides).length > 0 || p.epochUnit !== '' || p.dateOrder !== '';

export function dataView(root, app) {
  const input = h('input', { type: 'file', multiple: true, id: 'file-input', accept: '.csv,.tsv,.json,.ndjson,.jsonl,.txt,.gz,.zip', 'aria-label': 'Choose event, account and communication files' });
  const drop = h('div', { class: 'drop', id: 'drop' },
    h('p', {}, h('strong', { text: 'Drop event files here' }), ' (and optionally an accounts file and a communications file), or ', h('label', { class: 'pick' }, 'choose them: ', input)),
    h('p', { class: 'muted', text: 'CSV, TSV, JSON lines or JSON arrays, gzip or ZIP; Segment, RudderStack, Snowplow, GA4, Mixpanel, Amplitude, PostHog, Heap and Pendo exports are recognised. The files are read inside this page by a WebAssembly worker and never sent anywhere.' }));
  const fileList = h('div', { id: 'file-list', dataset: { ready: 'true' } });
  const step = h('div', { id: 'mapping-step' });
  const blocked = h('p', { id: 'step-blocked', class: 'errors', 'aria-live': 'polite' });
  const keepModel = h('input', { type: 'checkbox', id: 'keep-model' });
  const go = h('button', { type: 'button', id: 'score-files', text: 'Score these files', disabled: true });
  const progress = h('progress', { id: 'ingest-progress', max: 1, value: 0, 'aria-label': 'Reading progress' });
  const progressText = h('p', { id: 'progress-text', class: 'muted', 'aria-live': 'polite' });
  const result = h('div', { id: 'ingest-result' });
  root.append(h('div', { class: 'card' }, h('h2', { text: 'Use your own data' }), drop, fileList, step, blocked,
    h('div', { class: 'controls' }, go, h('label', {}, keepModel, ' keep the current model (otherwise a starter model is built from your events when the engine offers one)'),
      h('button', { type: 'button', text: 'Back to the example', onclick: () => location.reload() })),
    progress, progressText), result);
  let busy = false;  // reading and scoring: the step waits

  // Redrawn whole after every answer; the control that had the focus gets it back (by its label).
  function draw() {
    const focused = root.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') : null;
    drawFiles();
    clear(step, picked.length ? [h('h3', { text: 'Check how each file will be read' }), picked.map((p) => mappingCard(p, handlersOf(p)))] : null);
    drawGate();
    if (focused) [...root.querySelectorAll('[aria-label]')].find((el) => el.getAttribute('aria-label') === focused)?.focus();
  }

  function drawFiles() {
    fileList.dataset.ready = String(picked.every((p) => p.status !== 'inspecting'));
    clear(fileList, picked.length ? h('table', { class: 'data' }, h('tbody', {}, picked.map((p) => h('tr', {},
      h('td', { text: p.file.name }), h('td', { class: 'num', text: fmtBytes(p.file.size) }),
      h('td', {}, (() => {
        const s = h('select', { class: 'kind', 'aria-label': `Kind of ${p.file.name}`, disabled: p.status === 'inspecting' }, FILE_KINDS.map((k) => h('option', { value: k, text: k })));
        s.value = p.kind;
        s.addEventListener('change', () => changeKind(p, s.value));
        return s;
      })()),
      h('td', { class: 'muted', text: p.status === 'inspecting' ? 'looking…' : p.inspection?.source_name ?? '' }),
      h('td', {}, h('button', { type: 'button', text: 'Remove', 'aria-label': `Remove ${p.file.name}`, onclick: () => { picked.splice(picked.indexOf(p), 1); draw(); } })))))) : null);
  }

  // Score is offered once every file is inspected and each can be read as chosen.
  function drawGate() {
    const reasons = [];
    for (const p of picked) {
      if (p.status === 'error') reasons.push(`${p.file.name} cannot be read: remove it`);
      else if (p.inspection?.problem) reasons.push(`nothing can be read from ${p.file.name}: remove it`);
      else if (p.inspection?.missing) reasons.push(`${p.file.name} needs a column for ${p.inspection.missing}`);
    }
    const waiting = picked.some((p) => p.status === 'inspecting');
    go.disabled = busy || picked.length === 0 || waiting || reasons.length > 0;
    clear(blocked, reasons.length ? `Before scoring: ${reasons.join('; ')}.` : '');
  }

  function handlersOf(p) {
    return {
      role: (role, column) => {
        p.overrides = { ...p.overrides, [role]: column };
        p.remembered = false;
        inspect(p);
      },
      epochUnit: (v) => { p.epochUnit = v; p.remembered = false; inspect(p); },
      dateOrder: (v) => { p.dateOrder = v; p.remembered = false; inspect(p); },
      forget: () => {
        if (p.signature) forget(p.signature);
        Object.assign(p, { remembered: false, userKind: false, overrides: {}, epochUnit: '', dateOrder: '' });
        inspect(p);
      },
    };
  }

  function changeKind(p, kind) {
    // Roles differ per kind: the column choices start again from the engine's.
    Object.assign(p, { kind, userKind: true, overrides: {}, remembered: false });
    inspect(p);
  }

  /** Asks the engine (in the Worker) what it makes of the file's first bytes with p's choices. */
  async function inspect(p, { first = false } = {}) {
    const generation = ++p.generation;
    p.status = 'inspecting';
    p.readProblem = first ? null : p.readProblem;
    draw();
    const options = {
      ...(p.userKind && { kind: p.kind }),
      ...(Object.keys(p.overrides).length && { mapping: p.overrides }),
      ...(p.epochUnit && { epochUnit: p.epochUnit }),
      ...(p.dateOrder && { dateOrder: p.dateOrder }),
    };
    try {
      const { input: entry, inspection } = await app.source.inspect(p.file, options);
      if (generation !== p.generation) return;
      if (first && !inspection.problem) {
        // A file with the same columns as one mapped before opens with those choices.
        p.signature = await headerSignature(inspection);
        const choice = recall(p.signature);
        if (generation !== p.generation) return;
        if (choice) {
          Object.assign(p, { kind: choice.kind, userKind: true, overrides: choice.mapping ?? {}, epochUnit: choice.epochUnit ?? '', dateOrder: choice.dateOrder ?? '', remembered: true });
          return inspect(p);
        }
      }
      Object.assign(p, { inspection, input: entry, kind: inspection.kind, status: 'ready' });
    } catch (error) {
      if (generation !== p.generation) return;
      Object.assign(p, { status: 'error', error: error.message });
    }
    if (picked.includes(p)) draw();
  }

  function add(files) {
    for (const file of files) {
      const p = { id: nextId++, file, kind: 'events', userKind: false, overrides: {}, epochUnit: '', dateOrder: '', remembered: false, signature: null, inspection: null, input: null, status: 'inspecting', error: null, readProblem: null, generation: 0 };
      picked.push(p);
      inspect(p, { first: true });
    }
    draw();
  }
  input.addEventListener('change', () => { add(input.files); input.value = ''; });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); add(e.dataTransfer.files); });

  function showIngest(report, scoreError, warnings = []) {
    const issues = report.issues ?? [];
    clear(result, h('div', { class: 'card' },
      // The warning comes before the numbers it qualifies.
      warnings.length ? h('div', { id: 'rejected-warning', class: 'warning', role: 'alert' }, warnings.map((w) => h('p', { text: w }))) : null,
      h('h2', { text: `Read ${fmtBytes(report.bytes)}: ${fmtInt(report.events)} events, ${fmtInt(report.rejected)} rejected, ${fmtInt(report.duplicates)} duplicates` }),
      scoreError ? h('p', { class: 'errors', text: scoreError }) : null,
      h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ['file', 'kind', 'format', 'rows', 'accepted', 'rejected'].map((x) => h('th', { text: x })))),
        h('tbody', {}, report.files.map((f) => h('tr', {}, [f.name, f.kind, f.format, fmtInt(f.rows), fmtInt(f.accepted), fmtInt(f.rejected)].map((x) => h('td', { text: x })))))),
      Object.keys(report.rejected_by_code ?? {}).length ? h('p', { text: `Rejected by reason: ${Object.entries(report.rejected_by_code).map(([k, v]) => `${k} ${v}`).join(', ')}` }) : null,
      issues.length ? h('div', {}, h('h3', { text: `Issues (${issues.length}${report.issues_not_kept ? ` shown, ${report.issues_not_kept} more not kept` : ''})` }),
        h('ol', { class: 'issues', id: 'issues' }, issues.map((x) => h('li', { text: `${x.file}:${x.line}:${x.column}: ${x.code}: ${x.message}` })))) : h('p', { text: 'No rejected rows.' })));
  }
  if (lastIngest) showIngest(lastIngest.report, lastIngest.error, lastIngest.warnings);
  draw();

  /** Files that gave nothing (their card shows why) and files with more than half their rows rejected. */
  function judge(report) {
    const nothing = [];
    const warnings = [];
    for (const p of picked) {
      const entries = entriesOf(report, p);
      if (entries.length === 0 || entries.every((f) => f.copy_skipped)) continue;
      const sum = (key) => entries.reduce((n, f) => n + (f[key] ?? 0), 0);
      const [rows, accepted, rejected] = [sum('rows'), sum('accepted'), sum('rejected')];
      const reasons = topReasons(report.issues ?? [], entries.map((f) => f.name));
      if (accepted === 0) {
        p.readProblem = { text: `Nothing was read from ${p.file.name}: ${fmtInt(rows)} rows, ${fmtInt(rejected)} rejected${sum('skipped') ? `, ${fmtInt(sum('skipped'))} skipped (not events)` : ''}.`, reasons };
        nothing.push(p);
      } else {
        p.readProblem = null;
        if (rejected * 2 > rows) {
          warnings.push(`More than half of the rows of ${p.file.name} were rejected (${fmtInt(rejected)} of ${fmtInt(rows)})${reasons.length ? `: ${reasons.map((r) => `${r.code} (e.g. ${r.example})`).join('; ')}` : ''}. The results leave those rows out: check the mapping of ${p.file.name} above and score again if a column is wrong.`);
        }
      }
    }
    return { nothing, warnings };
  }

  go.addEventListener('click', async () => {
    busy = true;
    drawGate();
    const t0 = performance.now();
    clear(result);
    progress.value = 0;
    for (const p of picked) if (p.signature && chosenByUser(p)) remember(p.signature, { kind: p.kind, mapping: p.overrides, epochUnit: p.epochUnit, dateOrder: p.dateOrder });
    app.say(`Reading ${picked.length} file${picked.length === 1 ? '' : 's'} in a Worker (nothing leaves this page)…`);
    let scoreError = null;
    try {
      const files = picked.map((p) => ({
        file: p.file, name: p.file.name, kind: p.kind,
        ...(Object.keys(p.overrides).length && { mapping: p.overrides }),
        ...(p.epochUnit && { epochUnit: p.epochUnit }),
        ...(p.dateOrder && { dateOrder: p.dateOrder }),
      }));
      // ?workers=N in the page's address fixes the Workers that read the events file (bench/dashboard.mjs).
      const workers = Number(new URLSearchParams(location.search).get('workers')) || undefined;
      const report = await app.source.ingest(files, (pr) => {
        progress.max = pr.totalBytes || 1;
        progress.value = pr.bytes;
        clear(progressText, `${pr.file}: ${fmtBytes(pr.bytes)} of ${fmtBytes(pr.totalBytes)} · ${fmtInt(pr.events)} events · ${fmtInt(pr.rejected)} rejected`);
      }, { workers });
      app.lastParallel = app.source.lastParallel;
      const ingestMs = performance.now() - t0;
      progress.max = 1; progress.value = 1;
      const { nothing, warnings } = judge(report);
      if (nothing.length) {
        // Not scored: back to the step, each empty file's card says why and what to do.
        lastIngest = { report, error: null, warnings };
        showIngest(report, null, warnings);
        clear(progressText, `Read in ${Math.round(ingestMs)} ms: nothing was read from ${nothing.map((p) => p.file.name).join(', ')}. Nothing was scored; the previous data was released to read these files: score again, or go back to the example.`);
        app.say(`Nothing could be read from ${nothing.map((p) => p.file.name).join(', ')}: see why in the mapping step, change the mapping (or remove the file) and score again.`, 'error');
        draw();
        step.querySelector('.read-problem')?.scrollIntoView({ block: 'center' });
        return;
      }
      clear(progressText, `Read in ${Math.round(ingestMs)} ms: ${fmtBytes(report.bytes)}, ${fmtInt(report.events)} events, ${fmtInt(report.rejected)} rejected. Scoring…`);
      state.dataset = 'upload';
      state.fileNames = picked.map((p) => p.file.name);
      let model = state.model;
      if (!keepModel.checked) model = (await app.source.starterModel()) ?? model;
      const modelMs = performance.now() - t0 - ingestMs;
      if (warnings.length) showIngest(report, null, warnings);  // before the spectrum is drawn
      try {
        const ms = await app.rescore(model, { onQuick: (quickMs) => {
          root.dataset.dropToSpectrumMs = String(Math.round(performance.now() - t0));
          // Where the time to the spectrum went (shown below, and read by tests/web/measure.mjs).
          app.lastUpload = { readMs: ingestMs, starterModelMs: modelMs, scoreMs: quickMs, toSpectrumMs: performance.now() - t0, startedAt: t0 };
          clear(progressText, `Read in ${Math.round(ingestMs)} ms, scored in ${Math.round(quickMs)} ms; preparing the tables…`);
          if (!warnings.length) app.say('Scored: the spectrum is drawn; the tables follow in a moment.');
          // Straight to the spectrum, unless there are rejected rows to read first.
          if (report.rejected === 0) app.go('spectrum');
        } });
        const total = performance.now() - t0;
        clear(progressText, `Read in ${Math.round(ingestMs)} ms, scored in ${Math.round(ms)} ms (${Math.round(total)} ms in all): ${fmtBytes(report.bytes)}, ${fmtInt(report.events)} events, ${fmtInt(report.rejected)} rejected.`);
        root.dataset.dropToScoredMs = String(Math.round(total));
      } catch (error) {
        scoreError = error.message;
      }
      lastIngest = { report, error: scoreError, warnings };
      showIngest(report, scoreError, warnings);
      if (scoreError) app.say('Files read; see below.', 'error');
      else if (warnings.length) app.say('Scored, but more than half of the rows of a file were rejected: read the warning below before the results.', 'warning');
      else app.say('Your files are scored: open the PQL spectrum, personas or segments.');
      draw();
    } catch (error) {
      // The Worker freed the previous data before reading these files: nothing is scored now.
      clear(result, h('div', { class: 'card errors' }, h('p', { text: error.message }),
        h('p', { text: 'The previous data was released to read these files: choose files again, or go back to the example.' })));
      app.say('The files could not be read; see below.', 'error');
    } finally {
      busy = false;
      drawGate();
    }
  });
  return {};
}
