// @ts-check
// pqlscope/worker: a module Worker running the engine off the main thread. Start it with
// createWorkerClient(), or `new Worker(url, { type: 'module' })` and connectWorker(worker).
import { createEngine } from './index.browser.js';
import { createWorkerHandler } from './worker-handler.js';

/** @type {any} the worker's global scope (typed as any: the package's types do not need the WebWorker lib) */
const scope = globalThis;
if (typeof scope.WorkerGlobalScope === 'undefined' || !(scope instanceof scope.WorkerGlobalScope)) {
  throw new Error("pqlscope/worker is a module Worker script: start it with createWorkerClient() from 'pqlscope' (or new Worker(url, { type: 'module' }) and connectWorker()); in Node use createEngine().");
}

// The engine starts with the first request, so that a 'configure' request (the wasm URL) can
// come first.
const handle = createWorkerHandler((config) => createEngine(config), (message, transfer) => scope.postMessage(message, transfer));
scope.addEventListener('message', (/** @type {MessageEvent} */ event) => handle(event.data));
