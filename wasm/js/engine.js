// The API over one instantiated pqlscope-core module. The entry points (index.browser.js,
// index.node.js) differ only in how they obtain the .wasm bytes.
import { IngestSession, ingestOptionsJson } from './ingest-session.js';
import { unwrap } from './errors.js';

const DEFAULT_BUFFER_BYTES = 4 << 20;
const MAX_BUFFER_BYTES = 2 ** 32 - 1;  // size_t on wasm32

export class Engine {
  #core;
  #labels;

  /** @internal Use createEngine(). */
  constructor(core) {
    this.#core = core;
    this.#labels = Object.freeze(JSON.parse(core.chartLabels()));
  }

  ingest(options = {}) {
    const { bufferBytes = DEFAULT_BUFFER_BYTES, ...ingestOptions } = options;
    if (!Number.isInteger(bufferBytes) || bufferBytes < 1) throw new TypeError('bufferBytes must be a positive integer');
    if (bufferBytes > MAX_BUFFER_BYTES) throw new RangeError('bufferBytes must be below 4 GiB (the WebAssembly memory limit)');
    const json = ingestOptionsJson(ingestOptions);
    unwrap(this.#core.checkIngestOptions(json));
    const native = new this.#core.IngestSession(json);
    try {
      unwrap(native.reserveInput(bufferBytes));
    } catch (error) {
      native.delete();
      throw error;
    }
    return new IngestSession(native, bufferBytes, this.#labels);
  }

  validateModel(model, { unknownKeys = 'error' } = {}) {
    if (unknownKeys !== 'error' && unknownKeys !== 'warning') throw new TypeError('unknownKeys must be "error" or "warning"');
    const text = typeof model === 'string' ? model : JSON.stringify(model);
    if (text === undefined) throw new TypeError('validateModel() takes a model object or its JSON text');
    return JSON.parse(unwrap(this.#core.validateModel(text, unknownKeys === 'error')));
  }

  /** Names of the chart columns' enum values: persona index -> name, stage index -> name. */
  get labels() {
    return this.#labels;
  }

  /** WebAssembly memory in use: heapBytes only grows; allocatedBytes falls back when objects are deleted. */
  memory() {
    return this.#core.heapStats();
  }
}
