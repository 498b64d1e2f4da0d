// The streaming ingest, friendly side: JS bytes go into one WebAssembly-owned input buffer
// (no allocation per chunk) and the core reads them from there.
import { disposeSymbol } from './dispose.js';
import { unwrap } from './errors.js';

const FILE_KINDS = new Set(['events', 'accounts', 'communications']);

function fileOptionsJson(kind, formatOrOptions) {
  if (!FILE_KINDS.has(kind)) throw new TypeError(`kind must be "events", "accounts" or "communications", got ${JSON.stringify(kind)}`);
  const options = typeof formatOrOptions === 'string' ? { format: formatOrOptions } : (formatOrOptions ?? {});
  const out = { kind };
  if (options.format !== undefined) out.format = options.format;
  if (options.mapping !== undefined) out.mapping = options.mapping;
  if (options.epochUnit !== undefined) out.epoch_unit = options.epochUnit;
  return JSON.stringify(out);
}

function asBytes(chunk) {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('feed() takes a Uint8Array, another ArrayBuffer view or an ArrayBuffer');
}

export class IngestSession {
  #native;
  #capacity;
  #report = null;

  /** @internal Created by Engine.ingest(). */
  constructor(native, capacity) {
    this.#native = native;
    this.#capacity = capacity;
  }

  #live() {
    if (this.#native === null) throw new Error('IngestSession: used after delete()');
    return this.#native;
  }

  addFile(name, kind = 'events', formatOrOptions = undefined) {
    unwrap(this.#live().beginFile(String(name), fileOptionsJson(kind, formatOrOptions)));
    return this;
  }

  feed(chunk) {
    const native = this.#live();
    const bytes = asBytes(chunk);
    for (let at = 0; at < bytes.length; at += this.#capacity) {
      const piece = bytes.subarray(at, Math.min(at + this.#capacity, bytes.length));
      // A fresh view every time: the previous call may have grown the memory, which detaches
      // every earlier view (EMSCRIPTEN.md pitfall 9).
      native.inputView(piece.length).set(piece);
      unwrap(native.feedBuffered(piece.length));
    }
    return this;
  }

  endFile() {
    unwrap(this.#live().endFile());
    return this;
  }

  progress() {
    return this.#live().progress();
  }

  finish() {
    this.#report = JSON.parse(unwrap(this.#live().finish()));
    return this.#report;
  }

  /** The report finish() returned (null before finish()). */
  get report() {
    return this.#report;
  }

  /** The aggregates as JSON text, byte-identical to `pqlscope ingest --out` (without its final newline). */
  aggregatesJson() {
    return unwrap(this.#live().aggregatesJson());
  }

  aggregates() {
    return JSON.parse(this.aggregatesJson());
  }

  get deleted() {
    return this.#native === null;
  }

  /** Frees the WebAssembly memory (input buffer, ingest state, aggregates). Idempotent. */
  delete() {
    if (this.#native === null) return;
    this.#native.delete();
    this.#native = null;
  }

  [disposeSymbol]() {
    this.delete();
  }
}

/** @internal The ingest options as the WebAssembly side reads them. */
export function ingestOptionsJson({ strict, maxIssues, maxRecordBytes, maxJsonDepth } = {}) {
  const out = {};
  if (strict !== undefined) out.strict = strict;
  if (maxIssues !== undefined) out.max_issues = maxIssues;
  if (maxRecordBytes !== undefined) out.max_record_bytes = maxRecordBytes;
  if (maxJsonDepth !== undefined) out.max_json_depth = maxJsonDepth;
  return JSON.stringify(out);
}
