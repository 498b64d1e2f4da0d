// pqlscope/worker: a module Worker running the engine off the main thread. Start it with
// createWorkerClient(), or `new Worker(url, { type: 'module' })` and connectWorker(worker).
import { createEngine } from './index.browser.js';
import { createWorkerHandler } from './worker-handler.js';

const engine = createEngine();
engine.catch(() => {});  // reported to each request by the handler, not as an unhandled rejection
const handle = createWorkerHandler(engine, (message, transfer) => self.postMessage(message, transfer));
self.addEventListener('message', (event) => handle(event.data));
