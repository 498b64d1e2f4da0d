// A Worker stand-in for the Worker RPC tests: the returned port is the client's "worker"; the
// other end of a real MessageChannel runs wasm/js/worker-handler.js on `engine`, so messages
// are structured-cloned and transferred as between a page and a Worker.
import { MessageChannel } from 'node:worker_threads';
import { createWorkerHandler } from '../../../wasm/js/worker-handler.js';

export function fakeWorker(engine) {
  const { port1, port2 } = new MessageChannel();
  const handle = createWorkerHandler(Promise.resolve(engine), (message, transfer) => port2.postMessage(message, transfer));
  port2.on('message', (message) => handle(message));
  port1.terminate = () => { port1.close(); port2.close(); };
  port1.start();
  return port1;
}
