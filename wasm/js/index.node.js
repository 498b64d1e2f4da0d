// @ts-check
// Node entry. The glue is built for web and worker only (docs/wasm-build.md, pitfalls 4 and 5): Node
// reads the .wasm here and hands over its bytes, so the glue never sniffs or fetches.
import { readFile } from 'node:fs/promises';
import createCore from '../../dist/pqlscope-core.mjs';
import { Engine } from './engine.js';

export { Engine } from './engine.js';
export { IngestSession } from './ingest-session.js';
export { IngestError, ModelError } from './errors.js';
export { connectWorker } from './worker-client.js';
export { ReportView } from './report-view.js';

const wasmUrl = new URL('../../dist/pqlscope-core.wasm', import.meta.url);
let wasmBytes;

/**
 * Instantiates the WebAssembly module (the .wasm is read once per process). wasmUrl: a file
 * URL or path of another pqlscope-core.wasm.
 * @param {import('./index.js').CreateEngineOptions} [options]
 */
export async function createEngine(options = {}) {
  const { wasmUrl: otherWasm, ...factoryOptions } = options;
  let wasmBinary = factoryOptions.wasmBinary;
  if (wasmBinary === undefined && otherWasm !== undefined) wasmBinary = await readFile(typeof otherWasm === 'string' && otherWasm.startsWith('file:') ? new URL(otherWasm) : otherWasm);
  if (wasmBinary === undefined) wasmBinary = await (wasmBytes ??= readFile(wasmUrl));
  return new Engine(await createCore({ ...factoryOptions, wasmBinary }));
}

/** Module Workers are a browser feature; in Node, call createEngine() in a worker_threads Worker instead. */
export function createWorkerClient() {
  throw new Error('pqlscope: createWorkerClient() needs a browser module Worker; in Node use createEngine() (in a worker_threads Worker if it must leave the main thread)');
}
