// "Use your own data": drop or pick events / accounts / communications files; the Worker reads
// them in slices (progress: bytes, events, rejected) and the page lists every located issue.
// Nothing is uploaded anywhere: the files go from the browser's File objects to the Worker.
import { h, clear } from '../dom.js';
import { state } from '../state.js';
import { fmtBytes, fmtInt, FILE_KINDS } from '../format.js';

const KINDS = FILE_KINDS;
function guessKind(name) {
  const n = name.toLowerCase();
  if (/account|compan|org/.test(n)) return 'accounts';
  if (/comm|ticket|message|meeting|chat/.test(n)) return 'communications';
  return 'events';
}

let lastIngest = null; // survives view switches: the latest ingest report shown again

export function dataView(root, app) {
  const picked = [];
  const input = h('input', { type: 'file', multiple: true, id: 'file-input', accept: '.csv,.tsv,.json,.ndjson,.jsonl,.txt,.gz,.zip', 'aria-label': 'Choose event, account and communication files' });
  const drop = h('div', { class: 'drop', id: 'drop' },
    h('p', {}, h('strong', { text: 'Drop event files here' }), ' (and optionally an accounts file and a communications file), or ', h('label', { class: 'pick' }, 'choose them: ', input)),
    h('p', { class: 'muted', text: 'CSV, TSV, NDJSON or JSON arrays; Segment, Mixpanel, Amplitude and PostHog exports are recognised. The files are read inside this page by a WebAssembly worker and never sent anywhere.' }));
  const fileList = h('div', { id: 'file-list' });
  const keepModel = h('input', { type: 'checkbox', id: 'keep-model' });
  const go = h('button', { type: 'button', id: 'score-files', text: 'Score these files', disabled: true });
  const progress = h('progress', { id: 'ingest-progress', max: 1, value: 0 });
  const progressText = h('p', { id: 'progress-text', class: 'muted', 'aria-live': 'polite' });
  const result = h('div', { id: 'ingest-result' });
  root.append(h('div', { class: 'card' }, h('h2', { text: 'Use your own data' }), drop, fileList,
    h('div', { class: 'controls' }, go, h('label', {}, keepModel, ' keep the current model (otherwise a starter model is built from your events when the engine offers one)'),
      h('button', { type: 'button', text: 'Back to the example', onclick: () => location.reload() })),
    progress, progressText), result);

  function drawFiles() {
    go.disabled = picked.length === 0;
    clear(fileList, picked.length ? h('table', { class: 'data' }, h('tbody', {}, picked.map((p, i) => h('tr', {},
      h('td', { text: p.file.name }), h('td', { class: 'num', text: fmtBytes(p.file.size) }),
      h('td', {}, (() => {
        const s = h('select', { 'aria-label': `Kind of ${p.file.name}` }, KINDS.map((k) => h('option', { value: k, text: k })));
        s.value = p.kind;
        s.addEventListener('change', () => { p.kind = s.value; });
        return s;
      })()),
      h('td', {}, h('button', { type: 'button', text: 'Remove', 'aria-label': `Remove ${p.file.name}`, onclick: () => { picked.splice(i, 1); drawFiles(); } })))))) : null);
  }
  function add(files) {
    for (const file of files) picked.push({ file, kind: guessKind(file.name) });
    drawFiles();
  }
  input.addEventListener('change', () => { add(input.files); input.value = ''; });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); add(e.dataTransfer.files); });

  function showIngest(report, scoreError) {
    const issues = report.issues ?? [];
    clear(result, h('div', { class: 'card' },
      h('h2', { text: `Read ${fmtBytes(report.bytes)}: ${fmtInt(report.events)} events, ${fmtInt(report.rejected)} rejected, ${fmtInt(report.duplicates)} duplicates` }),
      scoreError ? h('p', { class: 'errors', text: scoreError }) : null,
      h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ['file', 'kind', 'format', 'rows', 'accepted', 'rejected'].map((x) => h('th', { text: x })))),
        h('tbody', {}, report.files.map((f) => h('tr', {}, [f.name, f.kind, f.format, fmtInt(f.rows), fmtInt(f.accepted), fmtInt(f.rejected)].map((x) => h('td', { text: x })))))),
      Object.keys(report.rejected_by_code ?? {}).length ? h('p', { text: `Rejected by reason: ${Object.entries(report.rejected_by_code).map(([k, v]) => `${k} ${v}`).join(', ')}` }) : null,
      issues.length ? h('div', {}, h('h3', { text: `Issues (${issues.length}${report.issues_not_kept ? ` shown, ${report.issues_not_kept} more not kept` : ''})` }),
        h('ol', { class: 'issues', id: 'issues' }, issues.map((x) => h('li', { text: `${x.file}:${x.line}:${x.column}: ${x.code}: ${x.message}` })))) : h('p', { text: 'No rejected rows.' })));
  }
  if (lastIngest) showIngest(lastIngest.report, lastIngest.error);

  go.addEventListener('click', async () => {
    go.disabled = true;
    const t0 = performance.now();
    clear(result);
    progress.value = 0;
    app.say(`Reading ${picked.length} file${picked.length === 1 ? '' : 's'} in a Worker (nothing leaves this page)…`);
    let scoreError = null;
    try {
      const report = await app.source.ingest(picked.map((p) => ({ file: p.file, name: p.file.name, kind: p.kind })), (pr) => {
        progress.max = pr.totalBytes || 1;
        progress.value = pr.bytes;
        clear(progressText, `${pr.file}: ${fmtBytes(pr.bytes)} of ${fmtBytes(pr.totalBytes)} · ${fmtInt(pr.events)} events · ${fmtInt(pr.rejected)} rejected`);
      });
      const ingestMs = performance.now() - t0;
      progress.max = 1; progress.value = 1;
      clear(progressText, `Read in ${Math.round(ingestMs)} ms: ${fmtBytes(report.bytes)}, ${fmtInt(report.events)} events, ${fmtInt(report.rejected)} rejected. Scoring…`);
      state.dataset = 'upload';
      state.fileNames = picked.map((p) => p.file.name);
      let model = state.model;
      if (!keepModel.checked) model = (await app.source.starterModel()) ?? model;
      const modelMs = performance.now() - t0 - ingestMs;
      try {
        const ms = await app.rescore(model, { onQuick: (quickMs) => {
          root.dataset.dropToSpectrumMs = String(Math.round(performance.now() - t0));
          // Where the time to the spectrum went (shown below, and read by tests/web/measure.mjs).
          app.lastUpload = { readMs: ingestMs, starterModelMs: modelMs, scoreMs: quickMs, toSpectrumMs: performance.now() - t0 };
          clear(progressText, `Read in ${Math.round(ingestMs)} ms, scored in ${Math.round(quickMs)} ms; preparing the tables…`);
          app.say('Scored: the spectrum is drawn; the tables follow in a moment.');
          // Straight to the spectrum, unless there are rejected rows to read first.
          if (report.rejected === 0) app.go('spectrum');
        } });
        const total = performance.now() - t0;
        clear(progressText, `Read in ${Math.round(ingestMs)} ms, scored in ${Math.round(ms)} ms (${Math.round(total)} ms in all): ${fmtBytes(report.bytes)}, ${fmtInt(report.events)} events, ${fmtInt(report.rejected)} rejected.`);
        root.dataset.dropToScoredMs = String(Math.round(total));
      } catch (error) {
        scoreError = error.message;
      }
      lastIngest = { report, error: scoreError };
      showIngest(report, scoreError);
      app.say(scoreError ? 'Files read; see below.' : 'Your files are scored: open the PQL spectrum, personas or segments.', scoreError ? 'error' : 'info');
    } catch (error) {
      // The Worker freed the previous data before reading these files: nothing is scored now.
      clear(result, h('div', { class: 'card errors' }, h('p', { text: error.message }),
        h('p', { text: 'The previous data was released to read these files: choose files again, or go back to the example.' })));
      app.say('The files could not be read; see below.', 'error');
    } finally {
      go.disabled = picked.length === 0;
    }
  });
  return {};
}
