// Browser and module-Worker entry. The Emscripten glue finds pqlscope-core.wasm beside itself
// with `new URL('pqlscope-core.wasm', import.meta.url)`, which Vite and other bundlers follow.
import createCore from '../../dist/pqlscope-core.mjs';
import { Engine } from './engine.js';
import { connectWorker } from './worker-client.js';

export { Engine } from './engine.js';
export { IngestSession } from './ingest-session.js';
export { IngestError, ModelError } from './errors.js';
export { connectWorker } from './worker-client.js';
export { ReportView } from './report-view.js';

/** Instantiates the WebAssembly module. `options` are passed to the Emscripten factory (wasmBinary, locateFile). */
export async function createEngine(options = {}) {
  return new Engine(await createCore({ ...options }));
}

/** Starts the package's module Worker (pqlscope/worker) and returns its typed client. */
export function createWorkerClient() {
  return connectWorker(new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
}
