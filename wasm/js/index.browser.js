// @ts-check
// Browser and module-Worker entry. The Emscripten glue finds pqlscope-core.wasm beside itself
// with `new URL('pqlscope-core.wasm', import.meta.url)`, which Vite and other bundlers follow.
// @ts-ignore -- the Emscripten glue is a build output (dist/) without types
import createCore from '../../dist/pqlscope-core.mjs';
import { Engine } from './engine.js';
import { connectWorker } from './worker-client.js';

export { Engine } from './engine.js';
export { IngestSession } from './ingest-session.js';
export { IngestError, ModelError } from './errors.js';
export { connectWorker } from './worker-client.js';
export { ReportView } from './report-view.js';

/**
 * Instantiates the WebAssembly module. `options` go to the Emscripten factory (wasmBinary,
 * locateFile); wasmUrl is a shorthand for a locateFile that names the .wasm.
 * @param {import('./index.js').CreateEngineOptions} [options]
 */
export async function createEngine(options = {}) {
  const { wasmUrl, ...factoryOptions } = options;
  if (wasmUrl !== undefined && factoryOptions.locateFile === undefined) {
    factoryOptions.locateFile = (path, directory) => (path.endsWith('.wasm') ? String(wasmUrl) : directory + path);
  }
  return new Engine(await createCore({ ...factoryOptions }));
}

/** @param {string | URL} url */
function absolute(url) {
  return new URL(url, globalThis.location?.href).href;
}

/**
 * Starts the package's module Worker (pqlscope/worker) and returns its typed client.
 * @param {import('./index.js').WorkerClientOptions} [options]
 */
export function createWorkerClient({ workerUrl, wasmUrl } = {}) {
  if (typeof Worker === 'undefined') throw new Error('pqlscope: createWorkerClient() needs a browser module Worker; in Node use createEngine()');
  // The literal `new Worker(new URL('./worker.js', import.meta.url), ...)` is what bundlers
  // (Vite, webpack 5) recognise to bundle the worker: keep it literal.
  const worker = workerUrl === undefined
    ? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
    : new Worker(absolute(workerUrl), { type: 'module' });
  // For the error message only. Not `new URL('./worker.js', import.meta.url)`: bundlers would
  // emit a second, unbundled copy of the script for it. Exact when the package is served as is
  // (a dev server, a CDN); with a bundler, its hashed copy of worker.js is what failed.
  const here = import.meta.url;
  const url = workerUrl === undefined ? `${new URL('worker.js', here).href} or the bundler's copy of it` : absolute(workerUrl);
  // Helper Workers for a parallel ingest run the same script (the same literal, for bundlers).
  const spawn = workerUrl === undefined
    ? () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
    : () => new Worker(absolute(workerUrl), { type: 'module' });
  const defaultWorkers = Math.max(1, Math.min(8, globalThis.navigator?.hardwareConcurrency ?? 1));
  return connectWorker(worker, { url, wasmUrl: wasmUrl === undefined ? undefined : absolute(wasmUrl), spawn, defaultWorkers });
}
