// @ts-check
// The main thread's side of the Worker RPC (worker-handler.js is the other side): one promise
// per request, progress through a callback, errors rebuilt as Error objects. request() is typed
// by the protocol map in worker.d.ts: each request type gets its own payload and result type.
import { errorFromDescription } from './errors.js';
import { ingestOnWorkers } from './parallel-client.js';

/** @typedef {import('./worker.js').WorkerProtocol} WorkerProtocol */
/** @typedef {import('./index.js').WorkerClient} WorkerClient */
/** @typedef {import('./index.js').WorkerLike} WorkerLike */
/** @typedef {import('./index.js').ModelInput} ModelInput */
/** @typedef {{ resolve: (value: any) => void, reject: (error: Error) => void, onProgress?: (progress: any) => void }} Call */

/**
 * Why ingest() read on one Worker although more were asked for.
 * @param {Array<{ kind?: string }>} files @param {number} events @param {boolean} canSpawn @param {boolean | undefined} strict
 */
function whyOneWorker(files, events, canSpawn, strict) {
  if (!canSpawn) return 'this client cannot start Workers (connectWorker without spawn)';
  if (strict) return 'strict mode stops at the first problem';
  if (events > 1) return 'several events files';
  return 'the first file is not an events file';
}

// Each client's request function, for the parallel ingest's helpers (not part of the API).
/** @type {WeakMap<object, any>} */
const requesters = new WeakMap();

/**
 * spawn: starts another Worker running the same script (createWorkerClient passes it): with it,
 * ingest() reads a large first file on `workers` Workers (default: defaultWorkers, else 1).
 * @param {WorkerLike} worker
 * @param {import('./index.js').ConnectWorkerOptions & { wasmUrl?: string | URL, spawn?: () => WorkerLike, defaultWorkers?: number }} [options]
 * @returns {WorkerClient}
 */
export function connectWorker(worker, { url, wasmUrl, spawn, defaultWorkers = 1 } = {}) {
  let nextId = 1;
  /** @type {Map<number, Call>} */
  const calls = new Map();
  const where = url === undefined ? '' : ` (${String(url)})`;

  /** @param {Error} error */
  function failAll(error) {
    for (const call of calls.values()) call.reject(error);
    calls.clear();
  }

  worker.addEventListener('message', (event) => {
    const { id, type, payload } = /** @type {any} */ (event.data) ?? {};
    const call = calls.get(id);
    if (call === undefined) return;
    if (type === 'progress') {
      call.onProgress?.(payload);
      return;
    }
    calls.delete(id);
    if (type === 'result') call.resolve(payload);
    else call.reject(errorFromDescription(payload ?? { name: 'Error', message: 'pqlscope worker: malformed reply' }));
  });
  worker.addEventListener('error', (event) => {
    // A module Worker that fails to load gets an error event without a message.
    const detail = event?.message || 'it did not load or it crashed: check that the URL serves the script with a JavaScript MIME type, and that the Content-Security-Policy allows it (worker-src, script-src \'wasm-unsafe-eval\')';
    failAll(new Error(`pqlscope worker failed${where}: ${detail}`));
  });

  /**
   * @template {keyof WorkerProtocol} K
   * @param {K} type
   * @param {WorkerProtocol[K]['payload']} payload
   * @param {(progress: any) => void} [onProgress]
   * @param {ArrayBuffer[]} [transfer]
   * @returns {Promise<WorkerProtocol[K]['result']>}
   */
  function request(type, payload, onProgress, transfer = []) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      calls.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, type, payload }, transfer);
    });
  }

  // A helper Worker for one parallel ingest: the same script, its own engine.
  function startHelper() {
    if (spawn === undefined) throw new Error('pqlscope worker: no way to start helper Workers');
    const helper = connectWorker(spawn(), { url, wasmUrl });
    return { request: requesters.get(helper), terminate: () => helper.terminate() };
  }

  // Before any other request: messages arrive in order, so the engine starts with this URL.
  if (wasmUrl !== undefined) request('configure', { wasmUrl: String(wasmUrl) }).catch(() => {});

  // JSON text crosses as is (an object would be structured-cloned, then stringified there).
  /** @param {ModelInput} model @returns {string | null} */
  const modelForWorker = (model) => (model === undefined || model === null ? null : typeof model === 'string' ? model : JSON.stringify(model));
  /** @param {ArrayBuffer | undefined} buffer */
  const decode = (buffer) => (buffer === undefined ? undefined : new TextDecoder().decode(buffer));

  /** @type {WorkerClient} */
  const client = {
    async ingest(files, { onProgress, workers = defaultWorkers, minChunkBytes, ...rest } = {}) {
      // Names are taken here: not every structured clone keeps a File's name (Node's does not).
      const named = files.map((entry, i) => ({ ...entry, name: entry.name ?? /** @type {{ name?: string }} */ (entry.file).name ?? `input-${i}` }));
      if (!Number.isInteger(workers) || workers < 1) throw new TypeError('workers must be a positive integer');
      // Several Workers read the first file when it is the only events file (parallel-client.js;
      // as natively, a split file must come first and no events file may follow it); strict
      // mode stops at the first problem, which only one pass finds.
      const events = named.filter((entry) => (entry.kind ?? 'events') === 'events').length;
      const split = workers > 1 && spawn !== undefined && events === 1 && (named[0].kind ?? 'events') === 'events' && !rest.options?.strict;
      const { report, aggregates, parallel } = split
        ? await ingestOnWorkers(/** @type {any} */ (request), startHelper, named, { workers, minChunkBytes, onProgress, ...rest })
        : await request('ingest', { files: named, ...rest }, onProgress);
      return { report, aggregatesJson: decode(aggregates), parallel: parallel ?? { chunks: 1, fallback: workers > 1 ? whyOneWorker(named, events, spawn !== undefined, rest.options?.strict) : '' } };
    },
    inspect(file, options = {}) {
      // The name is taken here, as for ingest: not every structured clone keeps a File's name.
      return request('inspect', { ...options, file, name: options.name ?? /** @type {{ name?: string }} */ (file).name });
    },
    validateModel(model, options = {}) {
      return request('validateModel', { model, ...options });
    },
    async score(model, { report = true, chart = true, ...options } = {}) {
      const reply = await request('score', { model: modelForWorker(model), options, report, chart });
      const text = decode(reply.report);
      return { report: text === undefined ? undefined : JSON.parse(text), reportText: text, summary: reply.summary, chart: reply.chart };
    },
    async rescore(model, { chart = true, ...options } = {}) {
      const { summary, chart: columns } = await request('rescore', { model: modelForWorker(model), options, report: false, chart });
      return { summary: /** @type {import('./index.js').ScoreSummary} */ (summary), chart: columns };
    },
    /** The last scoring's report without its per-account / per-user lists. */
    overview() {
      return request('overview', {});
    },
    /** One sorted page of accounts: {where, sort, descending, offset, limit} -> {total, offset, rows}. */
    rows(query = {}) {
      return request('rows', query);
    },
    /** One account with its users and their power / problem tags, or null. */
    account(id) {
      return request('account', { id });
    },
    /** One page of companies (the rollup of the last scoring) with their workspace counts. */
    companies(query = {}) {
      return request('companies', query);
    },
    /** One company with its workspaces' report elements. */
    company(id) {
      return request('company', { id });
    },
    /** Signup cohorts, engagement by plan / stage / industry / owner, weekly active accounts. */
    management() {
      return request('management', {});
    },
    /** One account's score history and segment moves, or null. */
    accountHistory(id, { intervalDays = 7 } = {}) {
      return request('accountHistory', { id, intervalDays });
    },
    /** Every account's activation and engagement as of each history point (for a replay). */
    history({ intervalDays = 7 } = {}) {
      return request('history', { intervalDays });
    },
    /** The whole report text as a Blob (streamed in pieces on the worker's side). */
    async reportBlob(options = {}) {
      return (await request('reportBlob', { options })).blob;
    },
    async exports() {
      const { accountsCsv, alertsCsv } = await request('exports', {});
      return { accountsCsv: /** @type {string} */ (decode(accountsCsv)), alertsCsv: /** @type {string} */ (decode(alertsCsv)) };
    },
    /** A tool-ready export of the last scoring; with `salt` (null: none) the user ids are hashed from now on. */
    toolExport(tool, { salt } = {}) {
      return request('toolExport', salt === undefined ? { tool } : { tool, salt });
    },
    async starterModel() {
      return JSON.parse((await request('starterModel', {})).model);
    },
    /** Fits the last scoring's model to an outcomes CSV: {report, modelText, model}. */
    calibrate(outcomes, options = {}) {
      return request('calibrate', { outcomes, options });
    },
    async aggregatesJson() {
      return /** @type {string} */ (decode((await request('aggregates', {})).aggregates));
    },
    async release() {
      await request('release', {});
    },
    terminate() {
      worker.terminate();
      failAll(new Error('pqlscope worker terminated'));
    },
  };
  requesters.set(client, request);
  return client;
}
