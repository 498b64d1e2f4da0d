// @ts-check
// The API over one instantiated pqlscope-core module. The entry points (index.browser.js,
// index.node.js) differ only in how they obtain the .wasm bytes.
import { disposeSymbol } from './dispose.js';
import { IngestSession, ingestOptionsJson, snakeCaseKeys } from './ingest-session.js';
import { unwrap } from './errors.js';
import { planChunks, readChunk } from './parallel-ingest.js';

const DEFAULT_BUFFER_BYTES = 4 << 20;
const MAX_BUFFER_BYTES = 2 ** 32 - 1;  // size_t on wasm32

/**
 * The engine's own lists of names (core/include/pqlscope/session/vocabulary.hpp), frozen.
 * @param {any} core
 * @returns {import('./index.js').Vocabulary}
 */
function readVocabulary(core) {
  const vocabulary = JSON.parse(core.vocabulary());
  for (const value of Object.values(vocabulary)) Object.freeze(value);
  return Object.freeze(vocabulary);
}

export class Engine {
  /** @type {any} the Emscripten module, null after dispose() */
  #core;
  /** @type {import('./index.js').Vocabulary} */
  #vocabulary;
  /** @type {import('./index.js').ChartLabels} */
  #labels;

  /**
   * @internal Use createEngine().
   * @param {any} core
   */
  constructor(core) {
    this.#core = core;
    this.#vocabulary = readVocabulary(core);
    const v = this.#vocabulary;
    this.#labels = Object.freeze({ personas: v.personas, stages: v.stages, levels: v.levels, communication: v.communication, groups: v.groups, cells: v.persona_cells });
  }

  #live() {
    if (this.#core === null) throw new Error('Engine: used after dispose()');
    return this.#core;
  }

  /** @param {import('./index.js').IngestOptions} [options] */
  ingest(options = {}) {
    const core = this.#live();
    const { bufferBytes = DEFAULT_BUFFER_BYTES, ...ingestOptions } = options;
    if (!Number.isInteger(bufferBytes) || bufferBytes < 1) throw new TypeError('bufferBytes must be a positive integer');
    if (bufferBytes > MAX_BUFFER_BYTES) throw new RangeError('bufferBytes must be below 4 GiB (the WebAssembly memory limit)');
    const json = ingestOptionsJson(ingestOptions);
    unwrap(core.checkIngestOptions(json));
    const native = new core.IngestSession(json);
    try {
      unwrap(native.reserveInput(bufferBytes));
    } catch (error) {
      native.delete();
      throw error;
    }
    return new IngestSession(native, bufferBytes, this.#labels, this.#vocabulary);
  }

  /**
   * @param {string | object} model
   * @param {import('./index.js').ValidateModelOptions} [options]
   * @returns {import('./index.js').ModelValidation}
   */
  validateModel(model, { unknownKeys = 'error' } = {}) {
    const core = this.#live();
    if (unknownKeys !== 'error' && unknownKeys !== 'warning') throw new TypeError('unknownKeys must be "error" or "warning"');
    const text = typeof model === 'string' ? model : JSON.stringify(model);
    if (text === undefined) throw new TypeError('validateModel() takes a model object or its JSON text');
    return JSON.parse(unwrap(core.validateModel(text, unknownKeys === 'error')));
  }

  /**
   * What a mapping step shows for a file before it is read: the kind guessed and why, the source
   * recognised, delimiter / encoding / wrapper notices, the column chosen for each role and why,
   * the columns to choose from, the first rows as text, and how the timestamps will be read.
   * `head`: the file's first bytes, decompressed (256 KiB is plenty); `complete: true` when they
   * are the whole file. The other options are the file options ingest takes (kind, format,
   * mapping, epochUnit, dateOrder): the answer is what ingest does with them.
   * @param {Uint8Array | ArrayBufferView | ArrayBuffer} head
   * @param {import('./index.js').InspectOptions} [options]
   * @returns {import('./index.js').FileInspection}
   */
  inspect(head, options = {}) {
    const core = this.#live();
    let bytes;
    if (head instanceof Uint8Array) bytes = head;
    else if (head instanceof ArrayBuffer) bytes = new Uint8Array(head);
    else if (ArrayBuffer.isView(head)) bytes = new Uint8Array(head.buffer, head.byteOffset, head.byteLength);
    else throw new TypeError('inspect() takes the first bytes of a file: a Uint8Array, another ArrayBuffer view or an ArrayBuffer');
    const { size, ...rest } = /** @type {any} */ (options ?? {});  // a file's size means nothing to a head
    return JSON.parse(unwrap(core.inspectFile(bytes, JSON.stringify(snakeCaseKeys(rest)))));
  }

  /**
   * Worker-parallel ingest, step 1 (parallel-ingest.js): whether `file` (a files[] entry's Blob)
   * is split, and where. {fallback: why not} or {fallback: '', head, starts}.
   * @param {Blob} file @param {string} name @param {object} entry @param {{ workers: number, minChunkBytes?: number }} options
   */
  planChunks(file, name, entry, options) {
    return planChunks(this.#live(), file, name, entry, options);
  }

  /**
   * Worker-parallel ingest, step 2: one chunk read into the core's chunk result (bytes for
   * IngestSession.ingestWorkerChunks on the primary engine).
   * @param {Parameters<typeof readChunk>[1]} job
   */
  readChunk(job) {
    return readChunk(this.#live(), job);
  }

  /** Names of the chart columns' enum values, by index (a part of vocabulary). */
  get labels() {
    return this.#labels;
  }

  /** Every name the engine exchanges: personas, levels, sentiments, groups, cells, roles, options, error codes. */
  get vocabulary() {
    return this.#vocabulary;
  }

  /** WebAssembly memory in use: heapBytes only grows; allocatedBytes falls back when objects are deleted. */
  memory() {
    return this.#live().heapStats();
  }

  /**
   * Drops this engine's WebAssembly instance (its memory is freed once nothing else holds it:
   * delete() the sessions first). Idempotent; other methods throw afterwards.
   */
  dispose() {
    this.#core = null;
  }

  get disposed() {
    return this.#core === null;
  }

  [disposeSymbol]() {
    this.dispose();
  }
}
