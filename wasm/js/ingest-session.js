// The streaming ingest, friendly side: JS bytes go into one WebAssembly-owned input buffer
// (no allocation per chunk) and the core reads them from there.
import { disposeSymbol } from './dispose.js';
import { errorFromOutcome, unwrap } from './errors.js';

const FILE_KINDS = new Set(['events', 'accounts', 'communications']);

function fileOptionsJson(kind, formatOrOptions) {
  if (!FILE_KINDS.has(kind)) throw new TypeError(`kind must be "events", "accounts" or "communications", got ${JSON.stringify(kind)}`);
  const options = typeof formatOrOptions === 'string' ? { format: formatOrOptions } : (formatOrOptions ?? {});
  const out = { kind };
  if (options.format !== undefined) out.format = options.format;
  if (options.mapping !== undefined) out.mapping = options.mapping;
  if (options.epochUnit !== undefined) out.epoch_unit = options.epochUnit;
  if (options.dateOrder !== undefined) out.date_order = options.dateOrder;
  return JSON.stringify(out);
}

function asBytes(chunk) {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('feed() takes a Uint8Array, another ArrayBuffer view or an ArrayBuffer');
}

/** @internal The model as score() sends it: JSON text, '' for the starter model. */
export function modelText(model) {
  if (model === undefined || model === null) return '';
  if (typeof model === 'string') return model;
  const text = JSON.stringify(model);
  if (text === undefined || typeof model !== 'object') throw new TypeError('score() takes a model object, its JSON text, or null for the starter model');
  return text;
}

/** @internal The score options as the WebAssembly side reads them. */
export function scoreOptionsJson({ asOf, includeUsers, maxContributions } = {}, report = true) {
  const out = { report };
  if (asOf !== undefined) out.as_of = asOf instanceof Date ? asOf.toISOString().slice(0, 10) : asOf;
  if (includeUsers !== undefined) out.include_users = includeUsers;
  if (maxContributions !== undefined) out.max_contributions = maxContributions;
  return JSON.stringify(out);
}

export class IngestSession {
  #native;
  #capacity;
  #labels;
  #report = null;
  #ids = null;
  #names = null;

  /** @internal Created by Engine.ingest(). */
  constructor(native, capacity, labels) {
    this.#native = native;
    this.#capacity = capacity;
    this.#labels = labels;
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

  /**
   * Scores the kept aggregates with `model` (object, JSON text, or null/undefined for the
   * starter model) and returns the report text, byte-identical to `pqlscope score --out`.
   * The model and result stay in the session for the CSVs and chartData(); scoring again with
   * another model re-reads no file. An invalid model throws ModelError (with .validation).
   */
  scoreText(model, options = {}) {
    return unwrap(this.#live().score(modelText(model), scoreOptionsJson(options)));
  }

  /** scoreText(), parsed: the report object (docs/report.md). */
  score(model, options = {}) {
    return JSON.parse(this.scoreText(model, options));
  }

  /** Scores without building the report (the fast path for a UI re-score): a summary only. */
  rescore(model, options = {}) {
    return JSON.parse(unwrap(this.#live().score(modelText(model), scoreOptionsJson(options, false))));
  }

  /** The report of the last scoring as text, with other report options (no re-scoring). */
  reportText(options = {}) {
    return unwrap(this.#live().reportText(scoreOptionsJson(options)));
  }

  /**
   * The report text of the last scoring in pieces (strings), without ever holding the whole
   * document: joined, they are reportText(options). batch: accounts or users per piece.
   * A new scoring while iterating ends the iteration with an Error.
   */
  *reportPieces(options = {}, { batch = 512 } = {}) {
    unwrap(this.#live().reportBegin(scoreOptionsJson(options)));
    for (;;) {
      const piece = unwrap(this.#live().reportNext(batch));
      if (piece === '') return;
      yield piece;
    }
  }

  /** The last scoring's report without its "accounts" and "users" lists (docs/report.md). */
  overview() {
    return JSON.parse(unwrap(this.#live().overviewJson()));
  }

  /**
   * Elements of the report's "accounts" for these account indices (as in accountIds()), in
   * that order; with {users: true} also the report's "users" elements of those accounts:
   * {accounts, users}.
   */
  accountsAt(indices, { users = false } = {}) {
    const list = Array.from(indices, Number);
    return JSON.parse(unwrap(this.#live().accountsJson(JSON.stringify(list), users)));
  }

  /** Account names from the accounts file ('' when none), indexed like accountIds(). */
  accountNames() {
    this.#names ??= JSON.parse(unwrap(this.#live().accountNamesJson()));
    return this.#names;
  }

  /** One row per account of the last scoring (same bytes as `pqlscope score --csv`). */
  accountsCsv() {
    return unwrap(this.#live().accountsCsv());
  }

  /** Accounts that entered / left each segment (same bytes as `pqlscope score --alerts`). */
  alertsCsv() {
    return unwrap(this.#live().alertsCsv());
  }

  /** The starter model suggested from the data, as `pqlscope init` writes it. After finish(). */
  starterModelText() {
    return unwrap(this.#live().starterModel());
  }

  starterModel() {
    return JSON.parse(this.starterModelText());
  }

  /** Account ids, in the order of every chart column (fixed after finish()). */
  accountIds() {
    this.#ids ??= JSON.parse(unwrap(this.#live().accountIdsJson()));
    return this.#ids;
  }

  /**
   * Per-account columns of the last scoring, as typed arrays the caller owns (copies: they
   * survive memory growth, later scorings and delete()). NaN = not applicable; persona 255 =
   * none (not a trial account); names of persona / stage values in `labels`.
   */
  chartData() {
    const columns = this.#live().chartData();
    if (columns.error !== undefined) throw errorFromOutcome(columns.error);
    return { ids: this.accountIds(), ...columns, labels: this.#labels };
  }

  get deleted() {
    return this.#native === null;
  }

  /** Frees the WebAssembly memory (input buffer, ingest state, aggregates, scoring). Idempotent. */
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
