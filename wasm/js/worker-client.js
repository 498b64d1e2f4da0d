// The main thread's side of the Worker RPC (worker-handler.js is the other side): one promise
// per request, progress through a callback, errors rebuilt as Error objects.
import { errorFromDescription } from './errors.js';

export function connectWorker(worker) {
  let nextId = 1;
  const calls = new Map();

  function failAll(error) {
    for (const call of calls.values()) call.reject(error);
    calls.clear();
  }

  worker.addEventListener('message', (event) => {
    const { id, type, payload } = event.data ?? {};
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
    failAll(new Error(`pqlscope worker failed: ${event?.message ?? 'unknown error'}`));
  });

  function request(type, payload, onProgress) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      calls.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, type, payload });
    });
  }

  // JSON text crosses as is (an object would be structured-cloned, then stringified there).
  const modelForWorker = (model) => (model === undefined || model === null || typeof model === 'string' ? model ?? null : JSON.stringify(model));
  const decode = (buffer) => (buffer === undefined ? undefined : new TextDecoder().decode(buffer));

  return {
    async ingest(files, { onProgress, ...rest } = {}) {
      // Names are taken here: not every structured clone keeps a File's name (Node's does not).
      const named = files.map((entry, i) => ({ ...entry, name: entry.name ?? entry.file.name ?? `input-${i}` }));
      const { report, aggregates } = await request('ingest', { files: named, ...rest }, onProgress);
      return { report, aggregatesJson: decode(aggregates) };
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
      return { summary, chart: columns };
    },
    /** The last scoring's report without its per-account / per-user lists (report-view.js). */
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
    /** The whole report text as a Blob (streamed in pieces on the worker's side). */
    async reportBlob(options = {}) {
      return (await request('reportBlob', { options })).blob;
    },
    async exports() {
      const { accountsCsv, alertsCsv } = await request('exports', {});
      return { accountsCsv: decode(accountsCsv), alertsCsv: decode(alertsCsv) };
    },
    async starterModel() {
      return JSON.parse((await request('starterModel', {})).model);
    },
    async aggregatesJson() {
      return decode((await request('aggregates', {})).aggregates);
    },
    async release() {
      await request('release', {});
    },
    terminate() {
      worker.terminate();
      failAll(new Error('pqlscope worker terminated'));
    },
  };
}
