// The Worker's side of the RPC, free of Worker globals so Node tests can drive it. Requests
// are {id, type, payload}; replies are {id, type: 'progress' | 'result' | 'error', payload}.
// Files are read in Blob.slice() windows, never whole: arrayBuffer() on a multi-GB File fails.
import { describeError } from './errors.js';
import { ReportView } from './report-view.js';

export const DEFAULT_SLICE_BYTES = 16 << 20;

/**
 * @param enginePromise Promise<Engine>
 * @param post (message, transfer) => void
 */
export function createWorkerHandler(enginePromise, post) {
  // The last finished ingest stays here (its aggregates are what score / rescore read, and its
  // last scoring what exports read) until the next ingest or a 'release' request replaces it.
  let kept = null;
  // Queries for one view at a time over the kept scoring (report-view.js), rebuilt lazily after
  // a scoring: a re-score that only redraws the chart does not pay for it.
  let view = null;
  let viewStale = true;

  // releasePrevious: free the kept ingest before reading (WebAssembly memory never shrinks, so
  // keeping it until the new one is done makes the high-water mark both datasets together);
  // a failed ingest then leaves nothing kept.
  async function ingest(id, { files, options = {}, sliceBytes = DEFAULT_SLICE_BYTES, returnAggregates = false, releasePrevious = false }) {
    if (!Array.isArray(files)) throw new TypeError('ingest: payload.files must be an array of {file, kind}');
    const engine = await enginePromise;
    if (releasePrevious) {
      kept?.delete();
      kept = null;
      view = null;
    }
    const session = engine.ingest({ ...options, bufferBytes: sliceBytes });
    let pending = null;
    try {
      const totalBytes = files.reduce((n, entry) => n + entry.file.size, 0);
      for (const [fileIndex, entry] of files.entries()) {
        const { file, kind = 'events', format, mapping, epochUnit, dateOrder } = entry;
        const name = entry.name ?? file.name ?? `input-${fileIndex}`;
        session.addFile(name, kind, { format, mapping, epochUnit, dateOrder });
        // One slice is read ahead while the previous one is parsed.
        pending = file.size > 0 ? file.slice(0, sliceBytes).arrayBuffer() : null;
        for (let at = 0; at < file.size; at += sliceBytes) {
          const bytes = new Uint8Array(await pending);
          const nextAt = at + sliceBytes;
          pending = nextAt < file.size ? file.slice(nextAt, nextAt + sliceBytes).arrayBuffer() : null;
          session.feed(bytes);
          const { bytes: done, events, rejected } = session.progress();
          post({ id, type: 'progress', payload: { file: name, fileIndex, bytes: done, totalBytes, events, rejected } }, []);
        }
        session.endFile();
      }
      const report = session.finish();
      kept?.delete();
      kept = session;
      view = null;
      viewStale = true;
      if (!returnAggregates) return { result: { report }, transfer: [] };
      const aggregates = new TextEncoder().encode(session.aggregatesJson()).buffer;
      return { result: { report, aggregates }, transfer: [aggregates] };
    } catch (error) {
      pending?.catch(() => {});
      session.delete();
      throw error;
    }
  }

  async function validateModel(id, { model, unknownKeys }) {
    const engine = await enginePromise;
    return { result: engine.validateModel(model, { unknownKeys }), transfer: [] };
  }

  function scored(type) {
    if (kept === null) throw new Error(`${type}: no finished ingest in this worker (send an ingest request first)`);
    return kept;
  }

  const encode = (text) => new TextEncoder().encode(text).buffer;

  // The chart columns are fresh typed arrays: their buffers go on the transfer list. Names go
  // along (tooltips, search) since the page keeps no report.
  const CHART_COLUMNS = ['activation', 'engagement', 'dealValue', 'expectedRevenue', 'persona', 'personaCell', 'pql', 'stage', 'segmentGroup'];
  function chartOf(session) {
    const chart = { ...session.chartData(), names: session.accountNames() };
    const transfer = CHART_COLUMNS.map((k) => chart[k].buffer);
    return { chart, transfer };
  }

  function currentView(type) {
    const session = scored(type);
    view ??= new ReportView(session);
    if (viewStale) {
      view.refresh();
      viewStale = false;
    }
    return view;
  }

  // score: the report (UTF-8 bytes of the exact text) + chart columns. rescore: the same with
  // the summary instead of the report (the fast path when only charts change). Both score the
  // aggregates the worker kept: no file is sent or read again.
  async function scoreRequest(type, { model, options = {}, report = type === 'score', chart = true }) {
    const session = scored(type);
    const result = {};
    const transfer = [];
    viewStale = true;
    if (report) {
      result.report = encode(session.scoreText(model, options));
      transfer.push(result.report);
    } else {
      result.summary = session.rescore(model, options);
    }
    if (chart) {
      const columns = chartOf(session);
      result.chart = columns.chart;
      transfer.push(...columns.transfer);
    }
    return { result, transfer };
  }

  async function exportsRequest() {
    const session = scored('exports');
    const accountsCsv = encode(session.accountsCsv());
    const alertsCsv = encode(session.alertsCsv());
    return { result: { accountsCsv, alertsCsv }, transfer: [accountsCsv, alertsCsv] };
  }

  async function starterModel() {
    return { result: { model: scored('starterModel').starterModelText() }, transfer: [] };
  }

  async function aggregates() {
    if (kept === null) throw new Error('aggregates: no finished ingest in this worker');
    const buffer = new TextEncoder().encode(kept.aggregatesJson()).buffer;
    return { result: { aggregates: buffer }, transfer: [buffer] };
  }

  // The report text as a Blob, built from pieces: neither side holds the document as one string.
  async function reportBlob(id, { options = {} } = {}) {
    const session = scored('reportBlob');
    const parts = [];
    for (const piece of session.reportPieces(options)) parts.push(new Blob([piece]));  // each string freed at once
    return { result: { blob: new Blob(parts, { type: 'application/json' }) }, transfer: [] };
  }

  async function release() {
    kept?.delete();
    kept = null;
    view = null;
    return { result: {}, transfer: [] };
  }

  const handlers = {
    ingest,
    validateModel,
    aggregates,
    release,
    score: (id, payload) => scoreRequest('score', payload),
    rescore: (id, payload) => scoreRequest('rescore', payload),
    exports: exportsRequest,
    starterModel,
    reportBlob,
    overview: async () => ({ result: currentView('overview').overview(), transfer: [] }),
    rows: async (id, query) => ({ result: currentView('rows').rows(query), transfer: [] }),
    account: async (id, { id: accountId }) => ({ result: currentView('account').account(accountId), transfer: [] }),
  };

  return async function handle(message) {
    const { id, type, payload } = message ?? {};
    try {
      const handler = Object.hasOwn(handlers, type) ? handlers[type] : null;
      if (handler === null) throw new TypeError(`pqlscope worker: unknown request type ${JSON.stringify(type)}`);
      const { result, transfer } = await handler(id, payload ?? {});
      post({ id, type: 'result', payload: result }, transfer);
    } catch (error) {
      post({ id, type: 'error', payload: describeError(error) }, []);
    }
  };
}
