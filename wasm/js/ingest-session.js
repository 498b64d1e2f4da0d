// @ts-check
// The streaming ingest, friendly side: JS bytes go into one WebAssembly-owned input buffer
// (no allocation per chunk) and the core reads them from there.
import { disposeSymbol } from './dispose.js';
import { errorFromOutcome, unwrap } from './errors.js';

/** @typedef {import('./index.js').ModelInput} ModelInput */
/** @typedef {import('./index.js').ScoreOptions} ScoreOptions */
/** @typedef {Omit<ScoreOptions, 'asOf'>} ReportOptions */

/**
 * An options object as the engine reads it: the same keys in snake_case (maxIssues ->
 * max_issues), undefined values left out. The keys are not listed here: the engine rejects an
 * unknown one naming it (its list is Engine.vocabulary).
 * @param {object} options
 * @returns {Record<string, unknown>}
 */
export function snakeCaseKeys(options) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value !== undefined) out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
  }
  return out;
}

/**
 * @param {readonly string[]} kinds the engine's file kinds
 * @param {string} kind
 * @param {string | import('./index.js').FileOptions | undefined} formatOrOptions
 */
function fileOptionsJson(kinds, kind, formatOrOptions) {
  if (!kinds.includes(kind)) throw new TypeError(`kind must be one of ${kinds.map((k) => JSON.stringify(k)).join(', ')}, got ${JSON.stringify(kind)}`);
  const options = typeof formatOrOptions === 'string' ? { format: formatOrOptions } : (formatOrOptions ?? {});
  return JSON.stringify({ kind, ...snakeCaseKeys(options) });
}

/** @param {{ kind?: string, format?: string, mapping?: object, epochUnit?: string, dateOrder?: string }} entry */
function fileOptionsJsonOf({ kind = 'events', format, mapping, epochUnit, dateOrder }) {
  return JSON.stringify({ kind, ...snakeCaseKeys({ format, mapping, epochUnit, dateOrder }) });
}

/**
 * A binding's bytes, or its {error} thrown as unwrap() throws a failed Outcome.
 * @param {Uint8Array | { error: string }} reply
 * @returns {Uint8Array}
 */
function bytesOf(reply) {
  if (reply instanceof Uint8Array) return reply;
  throw errorFromOutcome(reply.error);
}

/** @param {Uint8Array | ArrayBufferView | ArrayBuffer} chunk */
function asBytes(chunk) {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('feed() takes a Uint8Array, another ArrayBuffer view or an ArrayBuffer');
}

/**
 * @internal The model as score() sends it: JSON text, '' for the starter model.
 * @param {ModelInput} model
 */
export function modelText(model) {
  if (model === undefined || model === null) return '';
  if (typeof model === 'string') return model;
  const text = JSON.stringify(model);
  if (text === undefined || typeof model !== 'object') throw new TypeError('score() takes a model object, its JSON text, or null for the starter model');
  return text;
}

/**
 * @internal The score options as the WebAssembly side reads them.
 * @param {import('./index.js').ScoreOptions} [options]
 * @param {boolean} [report]
 */
export function scoreOptionsJson(options = {}, report = true) {
  const { asOf, ...rest } = options;
  const out = snakeCaseKeys({ ...rest, report });
  if (asOf !== undefined) out.as_of = asOf instanceof Date ? asOf.toISOString().slice(0, 10) : asOf;
  return JSON.stringify(out);
}

/** @param {unknown} days */
function historyInterval(days) {
  if (!Number.isInteger(days) || /** @type {number} */ (days) < 1 || /** @type {number} */ (days) > 366) {
    throw new TypeError(`intervalDays must be whole days 1..366, got ${JSON.stringify(days)}`);
  }
  return /** @type {number} */ (days);
}

/** @param {number} day days since 1970-01-01 -> YYYY-MM-DD */
function dayText(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

export class IngestSession {
  /** @type {any} */
  #native;
  /** @type {number} */
  #capacity;
  /** @type {import('./index.js').ChartLabels} */
  #labels;
  /** @type {import('./index.js').Vocabulary} */
  #vocabulary;
  /** @type {import('./index.js').IngestReport | null} */
  #report = null;
  /** @type {string[] | null} */
  #ids = null;
  /** @type {string[] | null} */
  #names = null;

  /**
   * @internal Created by Engine.ingest().
   * @param {any} native the Embind IngestSession
   * @param {number} capacity
   * @param {import('./index.js').ChartLabels} labels
   * @param {import('./index.js').Vocabulary} vocabulary
   */
  constructor(native, capacity, labels, vocabulary) {
    this.#native = native;
    this.#capacity = capacity;
    this.#labels = labels;
    this.#vocabulary = vocabulary;
  }

  #live() {
    if (this.#native === null) throw new Error('IngestSession: used after delete()');
    return this.#native;
  }

  /**
   * @param {string} name
   * @param {import('./index.js').FileKind} [kind]
   * @param {import('./index.js').InputFormat | import('./index.js').FileOptions} [formatOrOptions]
   */
  addFile(name, kind = 'events', formatOrOptions = undefined) {
    unwrap(this.#live().beginFile(String(name), fileOptionsJson(this.#vocabulary.file_kinds, kind, formatOrOptions)));
    return this;
  }

  /** @param {Uint8Array | ArrayBufferView | ArrayBuffer} chunk */
  feed(chunk) {
    const native = this.#live();
    const bytes = asBytes(chunk);
    for (let at = 0; at < bytes.length; at += this.#capacity) {
      const piece = bytes.subarray(at, Math.min(at + this.#capacity, bytes.length));
      // A fresh view every time: the previous call may have grown the memory, which detaches
      // every earlier view (docs/wasm-build.md, pitfall 9).
      native.inputView(piece.length).set(piece);
      unwrap(native.feedBuffered(piece.length));
    }
    return this;
  }

  /**
   * Worker-parallel ingest, step 3 (parallel-ingest.js): the chunks' results of one file, merged
   * as its first file. {chunks, fallback}: with a fallback nothing was read (feed the file).
   * @param {string} name @param {object} entry the files[] entry (kind, file options)
   * @param {Uint8Array} head @param {Uint8Array[]} results in input order
   * @returns {{ chunks: number, fallback: string }}
   */
  ingestWorkerChunks(name, entry, head, results) {
    const native = this.#live();
    // Copied into the module's memory by set() (a std::string argument went byte by byte).
    for (const bytes of results) bytesOf(native.workerChunkView(bytes.length)).set(bytes);
    return JSON.parse(unwrap(native.ingestWorkerChunks(String(name), fileOptionsJsonOf(entry), head)));
  }

  endFile() {
    unwrap(this.#live().endFile());
    return this;
  }

  /** @returns {import('./index.js').IngestProgress} */
  progress() {
    return this.#live().progress();
  }

  /** @returns {import('./index.js').IngestReport} */
  finish() {
    const report = JSON.parse(unwrap(this.#live().finish()));
    this.#report = report;
    return report;
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
  /** @param {ModelInput} model @param {ScoreOptions} [options] @returns {string} */
  scoreText(model, options = {}) {
    return unwrap(this.#live().score(modelText(model), scoreOptionsJson(options)));
  }

  /**
   * scoreText() as UTF-8 bytes (a JS-owned Uint8Array): one copy out of the WebAssembly memory,
   * no JS string (docs/performance.md, "The report"). What a Worker transfers.
   * @param {ModelInput} model @param {ScoreOptions} [options] @returns {Uint8Array}
   */
  scoreBytes(model, options = {}) {
    return bytesOf(this.#live().scoreBytes(modelText(model), scoreOptionsJson(options)));
  }

  /** reportText() as UTF-8 bytes, as scoreBytes(). @param {ReportOptions} [options] @returns {Uint8Array} */
  reportBytes(options = {}) {
    return bytesOf(this.#live().reportBytes(scoreOptionsJson(options)));
  }

  /** scoreText(), parsed: the report object (docs/report.md). */
  /** @param {ModelInput} model @param {ScoreOptions} [options] @returns {import('./index.js').Report} */
  score(model, options = {}) {
    return JSON.parse(this.scoreText(model, options));
  }

  /** Scores without building the report (the fast path for a UI re-score): a summary only. */
  /** @param {ModelInput} model @param {ScoreOptions} [options] @returns {import('./index.js').ScoreSummary} */
  rescore(model, options = {}) {
    return JSON.parse(unwrap(this.#live().score(modelText(model), scoreOptionsJson(options, false))));
  }

  /** The report of the last scoring as text, with other report options (no re-scoring). */
  /** @param {ReportOptions} [options] @returns {string} */
  reportText(options = {}) {
    return unwrap(this.#live().reportText(scoreOptionsJson(options)));
  }

  /**
   * The report text of the last scoring in pieces (strings), without ever holding the whole
   * document: joined, they are reportText(options). batch: accounts or users per piece.
   * A new scoring while iterating ends the iteration with an Error.
   */
  /** @param {ReportOptions} [options] @param {{ batch?: number }} [pieces] @returns {Generator<string, void, void>} */
  *reportPieces(options = {}, { batch = 512 } = {}) {
    unwrap(this.#live().reportBegin(scoreOptionsJson(options)));
    for (;;) {
      const piece = unwrap(this.#live().reportNext(batch));
      if (piece === '') return;
      yield piece;
    }
  }

  /**
   * reportPieces() as UTF-8 bytes: what a file or a Blob takes as it is, with no text decoded
   * and encoded again (the fast way to write the report to disk or to download it).
   */
  /** @param {ReportOptions} [options] @param {{ batch?: number }} [pieces] @returns {Generator<Uint8Array, void, void>} */
  *reportPieceBytes(options = {}, { batch = 512 } = {}) {
    unwrap(this.#live().reportBegin(scoreOptionsJson(options)));
    for (;;) {
      const piece = bytesOf(this.#live().reportNextBytes(batch));
      if (piece.length === 0) return;
      yield piece;
    }
  }

  /**
   * The last scoring's report without its "accounts" and "users" lists, with counts instead of
   * member lists (segments: count, entered, left; alerts: totals), and persona_cells: the grid
   * by cell index with the personas the model gives each cell.
   */
  /** @returns {import('./index.js').ReportOverview} */
  overview() {
    return JSON.parse(unwrap(this.#live().overviewJson()));
  }

  /** The members of one segment or user segment of the last scoring, in its order (account: an index). */
  /** @param {string} id @returns {Array<{ account: number, value: number | null, reason: string, entered?: boolean, user?: string }>} */
  segmentMembers(id) {
    return JSON.parse(unwrap(this.#live().segmentMembersJson(String(id))));
  }

  /** One account (an index) with its users and their tags: {account, users, userTags}. */
  /** @param {number} index @returns {import('./index.js').AccountDetail} */
  accountDetail(index) {
    return JSON.parse(unwrap(this.#live().accountDetailJson(index)));
  }

  /**
   * Elements of the report's "accounts" for these account indices (as in accountIds()), in
   * that order; with {users: true} also the report's "users" elements of those accounts:
   * {accounts, users}.
   */
  /**
   * @param {Iterable<number>} indices
   * @param {{ users?: boolean }} [options]
   * @returns {any} AccountReport[], or {accounts, users} with users
   */
  accountsAt(indices, { users = false } = {}) {
    const list = Array.from(indices, Number);
    return JSON.parse(unwrap(this.#live().accountsJson(JSON.stringify(list), users)));
  }

  /** Account names from the accounts file ('' when none), indexed like accountIds(). */
  /** @returns {string[]} */
  accountNames() {
    return (this.#names ??= JSON.parse(unwrap(this.#live().accountNamesJson())));
  }

  /** One row per account of the last scoring (same bytes as `pqlscope score --csv`). */
  accountsCsv() {
    return unwrap(this.#live().accountsCsv());
  }

  /** Accounts that entered / left each segment (same bytes as `pqlscope score --alerts`). */
  alertsCsv() {
    return unwrap(this.#live().alertsCsv());
  }

  /**
   * One page of companies of the last scoring: its accounts rolled up by the model's rollup key
   * (domain by default) and scored the same day (docs/segments.md, "Workspace rollup").
   * query: {sort: 'eng' | 'act' | 'workspaces' | 'name' | 'deal', descending, offset, limit,
   * several (only companies of 2+ workspaces), search}.
   */
  /** @param {import('./index.js').CompaniesQuery} [query] @returns {import('./index.js').CompaniesPage} */
  companies(query = {}) {
    return JSON.parse(unwrap(this.#live().companiesJson(JSON.stringify(query ?? {}))));
  }

  /** One company by id with its workspaces' report elements; an unknown id throws Error. */
  /** @param {string} id @returns {import('./index.js').CompanyDetail} */
  company(id) {
    return JSON.parse(unwrap(this.#live().companyJson(String(id))));
  }

  /** The management views of the last scoring: signup cohorts, engagement by plan / stage / industry / owner, weekly active accounts. */
  /** @returns {import('./index.js').ManagementViews} */
  management() {
    return JSON.parse(unwrap(this.#live().managementJson()));
  }

  /**
   * A tool-ready export of the last scoring (docs/exports.md): 'hubspot' | 'salesforce' |
   * 'slack' | 'userTraits', the same bytes as `pqlscope score --hubspot` and the others.
   * @param {import('./index.js').ToolExportKind} tool
   * @returns {import('./index.js').ToolExport}
   */
  toolExport(tool) {
    return JSON.parse(unwrap(this.#live().toolExport(String(tool))));
  }

  /**
   * User ids as hex SHA-256(salt || id) in every output from now on (`--hash-user-ids`);
   * null or '' for the raw ids again. Re-scores a scored session with the same model.
   * @param {string | null} salt
   */
  setUserIdSalt(salt) {
    unwrap(this.#live().setUserIdSalt(salt ?? ''));
  }

  /** The starter model suggested from the data, as `pqlscope init` writes it. After finish(). */
  starterModelText() {
    return unwrap(this.#live().starterModel());
  }

  starterModel() {
    return JSON.parse(this.starterModelText());
  }

  /**
   * Fits the model of the last scoring to outcomes (CSV account_id,converted[,date]; docs/
   * segments.md "Fitting the model to outcomes"), as `pqlscope calibrate` does: the report
   * (held-out AUC and lift before / after, weights, persona odds, changes in words) and the
   * fitted model, as text and parsed. Score with it to get the calibrated conversion_probability.
   */
  /**
   * @param {string | Uint8Array | ArrayBufferView | ArrayBuffer} outcomes
   * @param {import('./index.js').CalibrateOptions} [options]
   * @returns {import('./index.js').CalibrationResult}
   */
  calibrate(outcomes, options = {}) {
    const text = typeof outcomes === 'string' ? outcomes : new TextDecoder('utf-8').decode(asBytes(outcomes));
    const out = JSON.parse(unwrap(this.#live().calibrate(text, JSON.stringify(snakeCaseKeys(options)))));
    return { report: out.report, modelText: out.model, model: JSON.parse(out.model) };
  }

  /** Account ids, in the order of every chart column (fixed after finish()). */
  /** @returns {string[]} */
  accountIds() {
    return (this.#ids ??= JSON.parse(unwrap(this.#live().accountIdsJson())));
  }

  /**
   * Per-account columns of the last scoring, as typed arrays the caller owns (copies: they
   * survive memory growth, later scorings and delete()). NaN = not applicable; persona 255 =
   * none (not a trial account); names of persona / stage values in `labels`.
   */
  /** @returns {import('./index.js').ChartData} */
  chartData() {
    const columns = this.#live().chartData();
    if (columns.error !== undefined) throw errorFromOutcome(columns.error);
    return { ids: this.accountIds(), ...columns, labels: this.#labels };
  }

  /**
   * Every account's activation and engagement as of each point of the last scoring's history
   * (docs/metrics.md, "History"): days (YYYY-MM-DD, oldest first, the last is the as-of day) and
   * point-major columns (point k, account a at [k * ids.length + a], indexed like accountIds()).
   */
  /** @param {{ intervalDays?: number }} [options] @returns {import('./index.js').ScoreHistory} */
  scoreHistory({ intervalDays = 7 } = {}) {
    const history = this.#live().scoreHistory(historyInterval(intervalDays));
    if (history.error !== undefined) throw errorFromOutcome(history.error);
    return { ids: this.accountIds(), intervalDays: history.intervalDays, days: Array.from(history.days, dayText),
             activation: history.activation, engagement: history.engagement };
  }

  /** One account's (an index) history with the weeks it entered or left a segment. */
  /** @param {number} index @param {{ intervalDays?: number }} [options] @returns {import('./index.js').AccountHistory} */
  accountHistory(index, { intervalDays = 7 } = {}) {
    return JSON.parse(unwrap(this.#live().accountHistoryJson(index, historyInterval(intervalDays))));
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

/**
 * @internal The ingest options as the WebAssembly side reads them.
 * @param {Omit<import('./index.js').IngestOptions, 'bufferBytes'>} [options]
 */
export function ingestOptionsJson(options = {}) {
  return JSON.stringify(snakeCaseKeys(options));
}
