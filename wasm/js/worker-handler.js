// @ts-check
// The Worker's side of the RPC, free of Worker globals so Node tests can drive it. Requests
// are {id, type, payload}; replies are {id, type: 'progress' | 'result' | 'error', payload}.
// Every request type is paired with its payload and result in worker.d.ts (WorkerProtocol).
// Files are read in Blob.slice() windows, never whole: arrayBuffer() on a multi-GB File fails;
// gzip and ZIP files are unpacked on the way (decompress.js).
import { inputFiles, isGzip, isZip } from './decompress.js';
import { describeError } from './errors.js';
import { ReportView } from './report-view.js';

/** @typedef {import('./worker.js').WorkerProtocol} WorkerProtocol */
/** @typedef {import('./worker.js').WorkerReply} WorkerReply */
/** @typedef {import('./engine.js').Engine} Engine */
/** @typedef {import('./ingest-session.js').IngestSession} IngestSession */
/**
 * @template {keyof WorkerProtocol} K
 * @typedef {(id: number, payload: WorkerProtocol[K]['payload']) => Promise<{ result: WorkerProtocol[K]['result'], transfer: ArrayBuffer[] }>} Handler
 */
/** @typedef {{ [K in keyof WorkerProtocol]: Handler<K> }} Handlers */
/** @typedef {{ wasmUrl?: string }} EngineConfig */

export const DEFAULT_SLICE_BYTES = 16 << 20;
/** The bytes an 'inspect' request reads from the start of a file (after unpacking). */
export const DEFAULT_HEAD_BYTES = 256 << 10;

/**
 * Whether `file` is stored as is (neither gzip nor ZIP): its size is then the input's size.
 * @param {import('./index.js').BlobOf} file
 */
async function storedAsIs(file) {
  const head = new Uint8Array(await /** @type {Blob} */ (file).slice(0, 4).arrayBuffer());
  return !isGzip(head) && !isZip(head);
}

/**
 * The first `limit` bytes of the first input file inside `file` (unpacked as ingest does), and
 * whether they are all of it.
 * @param {import('./index.js').BlobOf} file
 * @param {string} name
 * @param {number} limit
 */
async function headOf(file, name, limit) {
  for await (const input of inputFiles(file, name, { chunkBytes: Math.min(limit, DEFAULT_SLICE_BYTES) })) {
    const parts = [];
    let length = 0;
    let complete = true;
    for await (const bytes of input.chunks) {
      parts.push(bytes.subarray(0, limit - length));
      length += Math.min(bytes.length, limit - length);
      if (length >= limit) {
        complete = false;
        break;
      }
    }
    const head = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      head.set(part, at);
      at += part.length;
    }
    return { input: input.name, head, complete };
  }
  return { input: name, head: new Uint8Array(0), complete: true };  // a ZIP without entries
}

/**
 * @param {Promise<Engine> | ((config: EngineConfig) => Promise<Engine>)} engineSource the engine, or
 *   how to start it (then it starts with the first request other than 'configure')
 * @param {(message: WorkerReply, transfer: ArrayBuffer[]) => void} post
 */
export function createWorkerHandler(engineSource, post) {
  /** @type {EngineConfig} */
  let config = {};
  /** @type {Promise<Engine> | null} */
  let started = typeof engineSource === 'function' ? null : engineSource;
  started?.catch(() => {});  // reported to each request, not as an unhandled rejection

  /** @returns {Promise<Engine>} */
  function engineOf() {
    if (started === null && typeof engineSource === 'function') {
      const where = config.wasmUrl ?? 'pqlscope-core.wasm beside the glue';
      started = engineSource(config).catch((/** @type {any} */ error) => {
        throw new Error(`pqlscope worker: the engine did not start (wasm: ${where}): ${error?.message ?? error}`);
      });
    }
    return /** @type {Promise<Engine>} */ (started);
  }

  // The last finished ingest stays here (its aggregates are what score / rescore read, and its
  // last scoring what exports read) until the next ingest or a 'release' request replaces it.
  /** @type {IngestSession | null} */
  let kept = null;
  // Queries for one view at a time over the kept scoring (report-view.js), rebuilt lazily after
  // a scoring: a re-score that only redraws the chart does not pay for it.
  /** @type {ReportView | null} */
  let view = null;
  let viewStale = true;

  /** @param {string} type */
  function scored(type) {
    if (kept === null) throw new Error(`${type}: no finished ingest in this worker (send an ingest request first)`);
    return kept;
  }

  /** @param {string} text */
  const encode = (text) => /** @type {ArrayBuffer} */ (new TextEncoder().encode(text).buffer);

  // The chart columns are fresh typed arrays: their buffers go on the transfer list. Names go
  // along (tooltips, search) since the page keeps no report.
  const CHART_COLUMNS = /** @type {const} */ (['activation', 'engagement', 'dealValue', 'expectedRevenue', 'persona', 'personaCell', 'pql', 'stage', 'segmentGroup', 'priority']);
  /** @param {IngestSession} session */
  function chartOf(session) {
    const chart = { ...session.chartData(), names: session.accountNames() };
    const transfer = CHART_COLUMNS.map((k) => /** @type {ArrayBuffer} */ (chart[k].buffer));
    return { chart, transfer };
  }

  /** @param {string} type */
  function currentView(type) {
    const session = scored(type);
    view ??= new ReportView(session);
    if (viewStale) {
      view.refresh();
      viewStale = false;
    }
    return view;
  }

  /**
   * score: the report (UTF-8 bytes of the exact text) + chart columns. rescore: the same with
   * the summary instead of the report (the fast path when only charts change). Both score the
   * aggregates the worker kept: no file is sent or read again.
   * @param {'score' | 'rescore'} type
   * @param {WorkerProtocol['score']['payload']} payload
   */
  async function scoreRequest(type, { model, options = {}, report = type === 'score', chart = true }) {
    const session = scored(type);
    /** @type {WorkerProtocol['score']['result']} */
    const result = {};
    /** @type {ArrayBuffer[]} */
    const transfer = [];
    viewStale = true;
    if (report) {
      // Bytes straight out of the WebAssembly memory: no JS string built and encoded again.
      const bytes = /** @type {ArrayBuffer} */ (session.scoreBytes(model, options).buffer);
      result.report = bytes;
      transfer.push(bytes);
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

  /** @type {Handlers} */
  const handlers = {
    async configure(id, { wasmUrl }) {
      if (started !== null) throw new Error('configure: the engine has started already (send configure before any other request)');
      config = wasmUrl === undefined ? {} : { wasmUrl: String(wasmUrl) };
      return { result: {}, transfer: [] };
    },

    // releasePrevious: free the kept ingest before reading (WebAssembly memory never shrinks, so
    // keeping it until the new one is done makes the high-water mark both datasets together);
    // a failed ingest then leaves nothing kept.
    // workerChunks: the first file's chunks as read by 'ingestChunk' requests (parallel-client.js),
    // merged here instead of reading it; the reply's `parallel` says whether they were.
    async ingest(id, { files, options = {}, sliceBytes = DEFAULT_SLICE_BYTES, returnAggregates = false, releasePrevious = false, workerChunks }) {
      if (!Array.isArray(files)) throw new TypeError('ingest: payload.files must be an array of {file, kind}');
      const engine = await engineOf();
      if (releasePrevious) {
        kept?.delete();
        kept = null;
        view = null;
      }
      const session = engine.ingest({ ...options, bufferBytes: sliceBytes });
      try {
        const totalBytes = files.reduce((n, entry) => n + entry.file.size, 0);
        let readBefore = 0;
        /** @type {{ chunks: number, fallback: string } | undefined} */
        let parallel;
        for (const [fileIndex, entry] of files.entries()) {
          const { file, kind = 'events', format, mapping, epochUnit, dateOrder } = entry;
          const name = entry.name ?? /** @type {{ name?: string }} */ (file).name ?? `input-${fileIndex}`;
          if (fileIndex === 0 && workerChunks !== undefined) {
            parallel = session.ingestWorkerChunks(name, entry, new Uint8Array(workerChunks.head), workerChunks.results.map((b) => new Uint8Array(b)));
            if (parallel.fallback === '') {
              readBefore += file.size;
              const { events, rejected } = session.progress();
              post({ id, type: 'progress', payload: { file: name, fileIndex, bytes: readBefore, totalBytes, events, rejected } }, []);
              continue;
            }
          }
          // A file read as is: its size lets a copy of it be recognised however large
          // (docs/ingest.md, "The same file twice"); an unpacked file's size is not known ahead.
          const size = entry.size ?? ((await storedAsIs(file)) ? file.size : undefined);
          // gzip and ZIP files are unpacked on the way (decompress.js: one input file per ZIP
          // entry, slices read ahead); progress counts the bytes of `file` read.
          let read = 0;
          /** @param {string} inputName @param {string} [notice] */
          const progress = (inputName, notice) => {
            const { events, rejected } = session.progress();
            post({ id, type: 'progress', payload: { file: inputName, fileIndex, bytes: readBefore + read, totalBytes, events, rejected, ...(notice && { notice }) } }, []);
          };
          const unpacked = inputFiles(file, name, {
            chunkBytes: sliceBytes,
            onRead: (/** @type {number} */ n) => { read = n; },
            onNotice: (/** @type {string} */ text) => progress(name, text),
          });
          for await (const input of unpacked) {
            session.addFile(input.name, kind, { format, mapping, epochUnit, dateOrder, ...(input.name === name && size !== undefined && { size }) });
            for await (const bytes of input.chunks) {
              session.feed(bytes);
              progress(input.name);
            }
            session.endFile();
          }
          readBefore += file.size;
        }
        const report = session.finish();
        kept?.delete();
        kept = session;
        view = null;
        viewStale = true;
        if (!returnAggregates) return { result: { report, ...(parallel && { parallel }) }, transfer: [] };
        const aggregates = encode(session.aggregatesJson());
        return { result: { report, aggregates, ...(parallel && { parallel }) }, transfer: [aggregates] };
      } catch (error) {
        session.delete();
        throw error;
      }
    },

    // Worker-parallel ingest (parallel-ingest.js): where the first file splits, then one chunk
    // read per request (on this or a helper Worker) into the core's chunk result.
    async planChunks(id, { file, name, workers, minChunkBytes, ...entry }) {
      const engine = await engineOf();
      const plan = await engine.planChunks(file, name ?? /** @type {{ name?: string }} */ (file).name ?? 'input-0', entry, { workers, minChunkBytes });
      const head = plan.head === undefined ? undefined : /** @type {ArrayBuffer} */ (plan.head.slice().buffer);
      return { result: { fallback: plan.fallback, starts: plan.starts, head }, transfer: head === undefined ? [] : [head] };
    },

    async ingestChunk(id, { file, name, entry, options = {}, head, index, begin, end, sliceBytes = DEFAULT_SLICE_BYTES }) {
      const engine = await engineOf();
      const onRead = (/** @type {number} */ bytes) => post(/** @type {any} */ ({ id, type: 'progress', payload: { bytes } }), []);
      const bytes = await engine.readChunk({ file, name, entry, options, head: new Uint8Array(head), index, begin, end, sliceBytes, onRead });
      const chunk = /** @type {ArrayBuffer} */ (bytes.buffer);
      return { result: { chunk }, transfer: [chunk] };
    },

    // The mapping step: the first bytes of the file (its first entry in a ZIP), unpacked, and
    // what the engine makes of them with these file options (Engine.inspect).
    async inspect(id, { file, name, headBytes = DEFAULT_HEAD_BYTES, kind, format, mapping, epochUnit, dateOrder }) {
      const engine = await engineOf();
      const fileName = name ?? /** @type {{ name?: string }} */ (file).name ?? 'input';
      const { input, head, complete } = await headOf(file, fileName, headBytes);
      const inspection = engine.inspect(head, { kind, format, mapping, epochUnit, dateOrder, complete });
      return { result: { input, inspection }, transfer: [] };
    },

    async validateModel(id, { model, unknownKeys }) {
      const engine = await engineOf();
      return { result: engine.validateModel(model, { unknownKeys }), transfer: [] };
    },

    async aggregates() {
      if (kept === null) throw new Error('aggregates: no finished ingest in this worker');
      const buffer = encode(kept.aggregatesJson());
      return { result: { aggregates: buffer }, transfer: [buffer] };
    },

    async release() {
      kept?.delete();
      kept = null;
      view = null;
      return { result: {}, transfer: [] };
    },

    score: (id, payload) => scoreRequest('score', payload),
    rescore: (id, payload) => scoreRequest('rescore', payload),

    async exports() {
      const session = scored('exports');
      const accountsCsv = encode(session.accountsCsv());
      const alertsCsv = encode(session.alertsCsv());
      return { result: { accountsCsv, alertsCsv }, transfer: [accountsCsv, alertsCsv] };
    },

    // A salt given (null or '': raw ids) is set before the export and stays for later outputs.
    async toolExport(id, { tool, salt }) {
      const session = scored('toolExport');
      if (salt !== undefined) session.setUserIdSalt(salt);
      return { result: session.toolExport(tool), transfer: [] };
    },

    async starterModel() {
      return { result: { model: scored('starterModel').starterModelText() }, transfer: [] };
    },

    async calibrate(id, { outcomes, options = {} }) {
      return { result: scored('calibrate').calibrate(outcomes, options), transfer: [] };
    },

    // The report text as a Blob, built from pieces: neither side holds the document as one string.
    async reportBlob(id, { options = {} } = {}) {
      const session = scored('reportBlob');
      const parts = [];
      // Bytes, not strings: no text decoded and encoded again (docs/performance-round-4.md).
      for (const piece of session.reportPieceBytes(options)) {
        parts.push(new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (piece)]));  // each piece freed at once
      }
      return { result: { blob: new Blob(parts, { type: 'application/json' }) }, transfer: [] };
    },

    overview: async () => ({ result: currentView('overview').overview(), transfer: [] }),
    rows: async (id, query) => ({ result: currentView('rows').rows(query), transfer: [] }),
    account: async (id, { id: accountId }) => ({ result: currentView('account').account(accountId), transfer: [] }),
    companies: async (id, query) => ({ result: scored('companies').companies(query), transfer: [] }),
    company: async (id, { id: companyId }) => ({ result: scored('company').company(companyId), transfer: [] }),
    management: async () => ({ result: scored('management').management(), transfer: [] }),
    accountHistory: async (id, { id: accountId, intervalDays }) => ({
      result: currentView('accountHistory').accountHistory(accountId, { intervalDays }), transfer: [] }),
    async history(id, { intervalDays }) {
      const history = scored('history').scoreHistory({ intervalDays });
      return { result: history, transfer: [/** @type {ArrayBuffer} */ (history.activation.buffer), /** @type {ArrayBuffer} */ (history.engagement.buffer)] };
    },
  };

  /** @param {any} message a WorkerRequest, unchecked: it comes from another thread */
  return async function handle(message) {
    const { id, type, payload } = message ?? {};
    try {
      if (!Object.hasOwn(handlers, type)) throw new TypeError(`pqlscope worker: unknown request type ${JSON.stringify(type)}`);
      if (type !== 'configure') await engineOf();
      const handler = /** @type {Handler<any>} */ (handlers[/** @type {keyof WorkerProtocol} */ (type)]);
      const { result, transfer } = await handler(id, payload ?? {});
      post({ id, type: 'result', payload: result }, transfer);
    } catch (error) {
      post({ id, type: 'error', payload: describeError(error) }, []);
    }
  };
}
