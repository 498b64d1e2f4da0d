// Where the Worker and the .wasm come from, and what the page is told when they do not load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createEngine, connectWorker } from 'pqlscope';
import { createWorkerHandler } from '../../wasm/js/worker-handler.js';

/** A Worker stand-in that records what is posted and lets the test raise events. */
function scriptedWorker() {
  const events = new EventEmitter();
  const posted = [];
  return {
    posted,
    events,
    postMessage: (message) => posted.push(message),
    addEventListener: (type, listener) => events.on(type, listener),
    terminate() {},
  };
}

test('a worker that fails to load rejects pending requests naming its URL', async () => {
  const worker = scriptedWorker();
  const client = connectWorker(worker, { url: 'https://app.example/assets/worker-abc.js' });
  const pending = client.overview();
  // A module Worker whose script 404s gets an error event without a message.
  worker.events.emit('error', {});
  await assert.rejects(pending, /pqlscope worker failed \(https:\/\/app\.example\/assets\/worker-abc\.js\): it did not load/);
});

test('wasmUrl goes first to the worker as a configure request, before any other', async () => {
  const worker = scriptedWorker();
  const client = connectWorker(worker, { wasmUrl: 'https://cdn.example/pqlscope-core.wasm' });
  client.overview().catch(() => {});
  assert.deepEqual(worker.posted.map((m) => m.type), ['configure', 'overview']);
  assert.deepEqual(worker.posted[0].payload, { wasmUrl: 'https://cdn.example/pqlscope-core.wasm' });
});

/** Runs requests through a handler one after the other. */
async function exchange(handle, requests) {
  for (const request of requests) await handle(request);
}

test('the handler starts the engine with the configured wasm URL, and names it when it fails', async () => {
  const configs = [];
  const replies = [];
  const handle = createWorkerHandler(async (config) => {
    configs.push(config);
    throw new Error('both async and sync fetching of the wasm failed');
  }, (message) => replies.push(message));
  await exchange(handle, [
    { id: 1, type: 'configure', payload: { wasmUrl: 'https://cdn.example/pqlscope-core.wasm' } },
    { id: 2, type: 'validateModel', payload: { model: '{}' } },
    { id: 3, type: 'configure', payload: { wasmUrl: 'https://other.example/x.wasm' } },
  ]);
  assert.deepEqual(configs, [{ wasmUrl: 'https://cdn.example/pqlscope-core.wasm' }]);
  assert.equal(replies[0].type, 'result');
  assert.equal(replies[1].type, 'error');
  assert.match(replies[1].payload.message, /the engine did not start \(wasm: https:\/\/cdn\.example\/pqlscope-core\.wasm\): both async and sync/);
  assert.equal(replies[2].type, 'error');
  assert.match(replies[2].payload.message, /send configure before any other request/);
});

test('Node: createEngine({ wasmUrl }) reads that file; a missing one fails naming it', async () => {
  const wasm = fileURLToPath(new URL('../../dist/pqlscope-core.wasm', import.meta.url));
  const engine = await createEngine({ wasmUrl: wasm });
  assert.equal(engine.vocabulary.personas.length, 8);
  engine.dispose();
  assert.equal(engine.disposed, true);
  assert.throws(() => engine.validateModel({}), /Engine: used after dispose\(\)/);
  await assert.rejects(createEngine({ wasmUrl: '/no/such/dir/pqlscope-core.wasm' }), /\/no\/such\/dir\/pqlscope-core\.wasm/);
});
