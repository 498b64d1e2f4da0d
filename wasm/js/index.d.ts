// Types of the `pqlscope` package (hand-written: Emscripten 3.1.6 cannot emit them).
// Objects that own WebAssembly memory (IngestSession) must be freed with delete() or `using`.
// They compile alone (skipLibCheck: false) with DOM-only or Node-only libs: nothing here needs
// esnext.disposable, Transferable, ErrorEvent or MessageEvent to exist. The name unions are
// copies of the engine's lists (Engine.vocabulary); tests/js/vocabulary.test.js proves them equal.

declare global {
  // Symbol.dispose, declared as lib.esnext.disposable and @types/node declare it (identical
  // declarations merge), so `session[Symbol.dispose]()` and `using` type-check without that lib.
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** The DOM's or Node's Blob where the project's libs define one, else the part the API uses. */
export type BlobOf = typeof globalThis extends { Blob: { prototype: infer B } } ? B : BlobLike;
/** The URL class where the project's libs define one (DOM, @types/node), else its string form's holder. */
export type URLOf = typeof globalThis extends { URL: { prototype: infer U } } ? U : { readonly href: string };
export interface BlobLike {
  readonly size: number;
  readonly type: string;
  slice(start?: number, end?: number): BlobLike;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

export type {
  AccountFacts, AccountInfo, AccountPersona, AccountReport, ActivationStep, ActivityCounts, AdoptionPart,
  AlertsSection, CalibrationReport, CalibrationScores, DayText, EngagementPart, PersonaCell, PersonaGridCell, PersonasSection, Report, ReportOverview,
  ReportSegment, ReportSummary, ReportUserSegment, SegmentHeading, TimeText, UserReport,
} from './report.js';
import type { AccountReport, CalibrationReport, Report, ReportOverview, UserReport } from './report.js';

export type FileKind = 'events' | 'accounts' | 'communications';
/** The tool-ready exports (docs/exports.md). */
export type ToolExportKind = 'hubspot' | 'salesforce' | 'slack' | 'userTraits';
/** hubspot: csv + properties (JSON text); salesforce: csv + fields (CSV text); slack: blocks (JSON text) + markdown; userTraits: csv. */
export interface ToolExport {
  csv?: string;
  properties?: string;
  fields?: string;
  blocks?: string;
  markdown?: string;
  /** CSV data rows. */
  rows?: number;
  /** Accounts the tool could not match (HubSpot: no domain; Salesforce: no name), and why. */
  leftOut?: number;
  leftOutReason?: string;
  /** Slack: changes listed, and those cut by Slack's limits ("and N more"). */
  entries?: number;
  notListed?: number;
  /** Slack: trial accounts' persona changes listed (also counted in notListed when cut). */
  personaChanges?: number;
}
export type LevelName = 'low' | 'medium' | 'high';
export type CommunicationLevelName = 'low' | 'active';
export type NetSentimentName = 'negative' | 'neutral' | 'positive';
export type SentimentMatchName = 'any' | 'positive' | 'neutral' | 'negative' | 'not_positive' | 'not_negative';
/** 'json' is a JSON array; 'auto' (the default) detects the format from the first bytes. */
export type InputFormat = 'auto' | 'csv' | 'tsv' | 'ndjson' | 'json';
/** Roles an events file maps; accounts and communications files have their own (docs/ingest.md). */
/** Why a column fills a role (the ingest report's mapping, Engine.inspect). */
export type ChoiceReason = 'chosen_by_you' | 'known_source' | 'header_name' | 'values';
export type EventRole = 'timestamp' | 'account' | 'user' | 'event' | 'message_id' | 'type' | 'count';

export interface FileOptions {
  format?: InputFormat;
  /** role -> column name (CSV/TSV) or dot-separated JSON path; wins over auto-detection. */
  mapping?: Partial<Record<EventRole, string>> & Record<string, string>;
  /** How numeric timestamps are read: seconds or milliseconds (default: decided from the values). */
  epochUnit?: 's' | 'ms' | 'us' | 'ns';
  /** Day/month order of slash dates such as 03/01/2024 (default: decided from the values). */
  dateOrder?: 'mdy' | 'dmy';
  /** The file's size in bytes, when known: a copy of an earlier file over 16 MiB is then skipped
   * rather than counted (docs/ingest.md, "The same file twice"). */
  size?: number;
}

/** Options of Engine.inspect(): the file options ingest takes, plus whether the head is the whole file. */
export interface InspectOptions extends Omit<FileOptions, 'size'> {
  /** The kind the roles are chosen for (default: the guessed kind). */
  kind?: FileKind;
  /** The bytes given are the whole file (default false: the last line may be cut, and is left out). */
  complete?: boolean;
}

/** One role of the inspected kind: the column / JSON path chosen for it ("" when none) and why. */
export interface InspectedRole {
  role: string;
  required: boolean;
  field: string;
  /** '' when unfilled */
  reason: '' | ChoiceReason;
  detail: string;
}

/** What a mapping step shows for a file before it is read (docs/ingest.md, "Inspecting a file"). */
export interface FileInspection {
  /** The kind the roles are for: the one asked for, else the guessed one. */
  kind: FileKind;
  kind_guessed: FileKind;
  /** false: nothing typical of any kind was seen (events assumed). */
  kind_confident: boolean;
  kind_reason: string;
  /** A stable id ("snowplow", "ga4", "segment_tracks", ...) or "". */
  source: string;
  source_name: string;
  source_reason: string;
  /** '' when nothing could be read. */
  format: '' | 'csv' | 'tsv' | 'ndjson' | 'json';
  /** ';' or '|' when sniffed; '' for the format's own. */
  delimiter: string;
  /** 'windows-1252', 'utf-16le', 'utf-16be' when transcoded; '' for UTF-8. */
  encoding: string;
  /** JSON: the records are the array member of one object ({"batch": [...]}, {"results": [...]}). */
  wrapped: boolean;
  /** Singer / Airbyte RECORD messages unwrapped, and their other messages (skipped by ingest). */
  envelope_records: number;
  protocol_messages: number;
  /** One sentence each: encoding, delimiter, wrapper, connector messages. */
  /** A day-count file (docs/aggregates.md): read as day counts, so `roles` is empty and nothing is missing. */
  day_counts: boolean;
  notices: string[];
  /** Every role of `kind`, in the engine's order. */
  roles: InspectedRole[];
  /** Required roles nothing fills, comma-separated ("" when complete): ingest would stop with missing_column. */
  missing: string;
  timestamp_format: string;
  /** 's' | 'ms' | 'us' | 'ns' when the timestamp column holds epoch numbers, else ''. */
  epoch_unit: '' | 's' | 'ms' | 'us' | 'ns';
  /** Spreadsheet dates (3/1/2024): the day/month order matters. */
  slash_dates: boolean;
  /** 'mdy' | 'dmy' once given or proven by a value (a part above 12), else ''. */
  date_order: '' | 'mdy' | 'dmy';
  /** Slash dates that no sampled value decides: ask the user (dateOrder). */
  date_order_ambiguous: boolean;
  timestamps_parsed: number;
  timestamps_sampled: number;
  row_rule: string;
  /** CSV columns (and JSON paths inside JSON-text columns), or JSON paths. */
  columns: string[];
  /** The first rows (up to 5): one text cell per column. */
  preview: string[][];
  sampled_records: number;
  unreadable_records: number;
  first_unreadable: string;
  /** Why nothing can be read (compressed data, an empty file, no rows); "" otherwise. */
  problem: string;
}

export interface IngestOptions {
  /** Throw an IngestError at the first rejected row (default false: count and continue). */
  strict?: boolean;
  /** Rejected rows kept with their position in the report (default 100; all are counted). */
  maxIssues?: number;
  maxRecordBytes?: number;
  maxJsonDepth?: number;
  /** Drop rows without a message id that are identical to an earlier row (default false: an
   * identical click in the same second can be real). */
  dropIdenticalRows?: boolean;
  /** Size of the WebAssembly-side input buffer; larger feed() chunks are split (default 4 MiB). */
  bufferBytes?: number;
}

export type IngestErrorCode =
  | 'empty_file' | 'header_only' | 'missing_column' | 'wrong_column_count' | 'unterminated_quote'
  | 'unexpected_after_quote' | 'invalid_utf8' | 'record_too_large' | 'invalid_json' | 'not_an_object'
  | 'json_too_deep' | 'missing_timestamp' | 'unknown_timestamp_format' | 'invalid_timestamp'
  | 'timestamp_out_of_range' | 'missing_event_name' | 'missing_entity' | 'invalid_number'
  | 'invalid_value' | 'missing_account_id' | 'duplicate_account' | 'too_many_event_names'
  | 'unsupported_compression' | 'corrupt_compressed_data' | 'copy_differs'
  | 'ambiguous_date' | 'conflicting_date_order';

/** One problem, located: 1-based line and column (in characters), 0-based byte offset. */
export interface IngestIssue {
  code: IngestErrorCode;
  file: string;
  line: number;
  column: number;
  byte_offset: number;
  /** Column or JSON path involved ('' when none). */
  field: string;
  /** The sentence without the position. */
  message: string;
}

export interface FileSummary {
  name: string;
  kind: FileKind;
  format: 'csv' | 'tsv' | 'ndjson' | 'json' | '';
  bytes: number;
  rows: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  skipped: number;
  /** Present when the file was transcoded to UTF-8 (it was not UTF-8). */
  encoding?: 'windows-1252' | 'utf-16le' | 'utf-16be';
  /** Present when a CSV's sniffed delimiter is neither ',' nor a tab. */
  delimiter?: ';' | '|';
  /** Singer / Airbyte messages that are not records (SCHEMA, STATE, ...), counted in skipped. */
  protocol_messages?: number;
}

export interface IngestReport {
  bytes: number;
  rows: number;
  events: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  reopened_days: number;
  unattributed_users: number;
  files: FileSummary[];
  /** Only codes with rejected rows, in code order. */
  rejected_by_code: Partial<Record<IngestErrorCode, number>>;
  issues: IngestIssue[];
  issues_not_kept: number;
}

export interface IngestProgress {
  bytes: number;
  rows: number;
  events: number;
  rejected: number;
  duplicates: number;
}

/** The aggregates document (docs/aggregates.md); see aggregatesJson() for the exact text. */
export interface Aggregates {
  format: 'pqlscope-aggregates';
  version: number;
  event_names: string[];
  [key: string]: unknown;
}

export interface ModelIssue {
  /** JSON Pointer ('' for the whole document). */
  path: string;
  message: string;
  /** 1-based, for JSON syntax errors only (0 otherwise). */
  line: number;
  column: number;
}

export interface ModelValidation {
  ok: boolean;
  errors: ModelIssue[];
  warnings: ModelIssue[];
}

export interface ValidateModelOptions {
  /** Unknown keys are errors (default) or warnings. */
  unknownKeys?: 'error' | 'warning';
}

export interface MemoryStats {
  /** Size of the WebAssembly memory; it only grows. */
  heapBytes: number;
  /** Bytes allocated by the engine; falls back when objects are deleted. */
  allocatedBytes: number;
}

// ---- scoring ------------------------------------------------------------------------------

/** The model as score() takes it: an object (docs/model.md), its JSON text, or null / undefined
 * for the starter model suggested from the data (the CLI's score without --model). */
export type ModelInput = string | object | null | undefined;

export interface ScoreOptions {
  /** Score as of this day (overrides the model's as_of, like `--as-of`): 'YYYY-MM-DD' or a Date (its UTC day). */
  asOf?: string | Date | null;
  /** The per-user section of the report (default true; false = `--no-users`). */
  includeUsers?: boolean;
  /** Events / users listed behind each score (default 10). */
  maxContributions?: number;
  /** The report text indented by two spaces (`--pretty`); default false: compact, one line. */
  pretty?: boolean;
  /** The report's "history" section (default true; false = `--no-history`). */
  history?: boolean;
  /** Days between two history points (default 7; `--history-interval`). */
  historyIntervalDays?: number;
  /** Each user's series in the history (default false; `--history-users`). */
  historyUsers?: boolean;
  /** Each account's segment moves in the history (default false; `--history-moves`: scores every point). */
  historyMoves?: boolean;
}

/** Every account's activation and engagement as of each history point (docs/metrics.md, "History"). */
export interface ScoreHistory {
  ids: string[];
  intervalDays: number;
  /** The points' as-of days, oldest first; the last is the scoring's as-of day. */
  days: string[];
  /** Point-major: point k, account a (as in ids) at [k * ids.length + a]. NaN: no account-level steps. */
  activation: Float64Array;
  engagement: Float64Array;
}

/** One account's history: its series and the points where it entered or left a segment. */
export interface AccountHistory {
  id: string;
  interval_days: number;
  days: string[];
  activation: (number | null)[];
  engagement: (number | null)[];
  /** Entries: why it is in the segment at `day`; exits: why it was at the point before. At the first point its segments then are entries. */
  moves: { day: string; segment: string; label: string; change: 'entered' | 'left'; reason: string }[];
}

/** What rescore() returns instead of the whole report. */
export interface ScoreSummary {
  as_of: string;
  accounts: number;
  users: number;
  pqls: number;
  trial_accounts: number;
  forecast_revenue: number | null;
}

export type PersonaName =
  | 'golden_lead' | 'silent_success' | 'contrary_converter' | 'positive_procrastinator'
  | 'fizzler' | 'incompatible_ignoramus' | 'heartbreaker' | 'unclassified';
export type StageName = 'trial' | 'free' | 'self_serve' | 'enterprise' | 'churned';

/** Names of the values in the persona and stage columns, by index. */
export interface ChartLabels {
  readonly personas: readonly PersonaName[];
  readonly stages: readonly StageName[];
  /** Persona levels by index: ['low', 'medium', 'high']. */
  readonly levels: readonly ('low' | 'medium' | 'high')[];
  /** Communication levels by index: ['low', 'active']. */
  readonly communication: readonly ('low' | 'active')[];
  /** Segment groups by index: ['sales', 'product_led', 'customer_success']. */
  readonly groups: readonly SegmentGroupName[];
  /** The persona grid cells by index (ChartData.personaCell). */
  readonly cells: readonly PersonaCellName[];
}

export interface PersonaCellName {
  readonly activation: LevelName;
  readonly engagement: LevelName;
  readonly communication: CommunicationLevelName;
}

/** Every name the engine exchanges, in its enums' order (core/include/pqlscope/session/vocabulary.hpp). */
export interface Vocabulary {
  readonly personas: readonly PersonaName[];
  readonly stages: readonly StageName[];
  readonly levels: readonly LevelName[];
  readonly communication: readonly CommunicationLevelName[];
  readonly sentiments: readonly NetSentimentName[];
  readonly sentiment_matches: readonly SentimentMatchName[];
  readonly groups: readonly SegmentGroupName[];
  readonly deal_sizes: readonly ('small' | 'mid' | 'large')[];
  readonly persona_cells: readonly PersonaCellName[];
  readonly file_kinds: readonly FileKind[];
  readonly formats: readonly InputFormat[];
  readonly epoch_units: readonly ('s' | 'ms' | 'us' | 'ns')[];
  readonly date_orders: readonly ('mdy' | 'dmy')[];
  /** Roles per file kind (FileOptions.mapping keys). */
  readonly roles: { readonly [kind in FileKind]: readonly string[] };
  readonly choice_reasons: readonly ChoiceReason[];
  /** The engine's option keys (snake_case; the JS options are their camelCase). */
  readonly ingest_options: readonly string[];
  readonly file_options: readonly string[];
  readonly score_options: readonly string[];
  readonly error_codes: readonly IngestErrorCode[];
}
export type SegmentGroupName = 'sales' | 'product_led' | 'customer_success';

/**
 * Per-account columns of the last scoring, all indexed like `ids`. Copies owned by the caller
 * (they survive WebAssembly memory growth, later scorings and delete()).
 */
/** Options of calibrate() (docs/segments.md "Fitting the model to outcomes"). */
export interface CalibrateOptions {
  /** L2 penalty on the standardised weights (default 1). */
  l2?: number;
  /** Accounts held out for judging, 0-90 (default 30): FNV-1a 64 of the id mod 100 below it. */
  heldOutPercent?: number;
  /** The seed's persona odds count as this many accounts (default 10). */
  priorStrength?: number;
}

export interface CalibrationResult {
  report: CalibrationReport;
  /** The fitted model as `pqlscope calibrate --out` writes it. */
  modelText: string;
  model: Record<string, unknown>;
}

export interface ChartData {
  ids: string[];
  /** Activation rate, percent; NaN when the model has no account-level steps. */
  activation: Float64Array;
  /** Latest engagement score, 0..100. */
  engagement: Float64Array;
  /** The accounts file's deal value, else the model's default for the deal size. */
  dealValue: Float64Array;
  /** Index into labels.personas; 255 = no persona (not a trial account). */
  persona: Uint8Array;
  /** 1 = in the `pql` segment (a prospect that qualifies), else 0. */
  pql: Uint8Array;
  /** Index into labels.stages. */
  stage: Uint8Array;
  /** Deal value x the persona's chance to convert; 0 for accounts without a persona. */
  expectedRevenue: Float64Array;
  /** The persona grid cell: an index into labels.cells; 255 = none. */
  personaCell: Uint8Array;
  /** Index into labels.groups of the first segment (report order) the account is in; 255 = none. */
  segmentGroup: Uint8Array;
  /** Priority 0..100: weighted activation, engagement, trend and deal size (docs/segments.md, "Priority"). */
  priority: Float64Array;
  labels: ChartLabels;
  /** From the worker only: account names from the accounts file ('' when none). */
  names?: string[];
}

export type RowSortKey = 'rank' | 'name' | 'act' | 'eng' | 'deal' | 'exp' | 'persona' | 'value' | 'reason' | 'user' | 'priority';

export interface RowsQuery {
  /** At most one filter: a segment (account or user segment id), a persona, a persona grid cell, ids, or a search text. */
  where?: { segment?: string; persona?: PersonaName; cell?: { activation: LevelName; engagement: LevelName; communication: CommunicationLevelName }; ids?: string[]; search?: string };
  /** Default 'eng' (engagement score). In a segment, 'rank' is the segment's own order. */
  sort?: RowSortKey;
  /** Default true. */
  descending?: boolean;
  offset?: number;
  /** 0..5000, default 100. */
  limit?: number;
}

export interface RowsPage {
  /** Every match, not only this page. */
  total: number;
  offset: number;
  /** account: an element of the report's "accounts"; member: the segment membership (segment queries only). */
  rows: Array<{ account: AccountReport; member?: { rank: number; value: number | null; reason: string; user?: string; entered: boolean } }>;
}

export interface AccountDetail {
  account: AccountReport;
  /** The report's "users" elements of this account. */
  users: UserReport[];
  /** user id -> 'power' | 'problem' | user segment id */
  userTags: Record<string, string>;
}

export type { CompaniesQuery, CompanyReport, CompaniesPage, CompanyDetail, SignupCohort, EngagementGroup, ManagementViews } from './company-views.js';
import type { CompaniesQuery, CompaniesPage, CompanyDetail, ManagementViews } from './company-views.js';

/** Per-view queries over a session's last scoring, for pages that never hold the whole report. */
export class ReportView {
  constructor(session: IngestSession);
  /** Reads the session's last scoring (call after every score / rescore). */
  refresh(chart?: ChartData): ReportOverview;
  overview(): ReportOverview;
  rows(query?: RowsQuery): RowsPage;
  account(id: string): AccountDetail | null;
  accountHistory(id: string, options?: { intervalDays?: number }): AccountHistory | null;
}

/** score() with an invalid model; `validation` lists every problem with its JSON path. */
export class ModelError extends Error {
  name: 'ModelError';
  readonly validation: ModelValidation;
}

/** A rejected row in strict mode; `message` is "file:line:column: code: message". */
export class IngestError extends Error {
  name: 'IngestError';
  readonly issue: IngestIssue;
}

/**
 * One streaming ingest. Owns WebAssembly memory until delete(): the input buffer, the ingest
 * state, then the aggregates. Methods throw Error / TypeError / RangeError / IngestError with
 * the engine's message.
 */
export class IngestSession {
  private constructor();
  /** Begins a file (ending the open one). The format is detected unless given. */
  addFile(name: string, kind?: FileKind, format?: InputFormat | FileOptions): this;
  /** Copies the bytes into the WebAssembly input buffer and parses them; any chunking gives the same result. */
  feed(chunk: Uint8Array | ArrayBufferView | ArrayBuffer): this;
  endFile(): this;
  progress(): IngestProgress;
  /** Ends the ingest; the aggregates stay in this session. */
  finish(): IngestReport;
  /** The report finish() returned, or null before it. */
  readonly report: IngestReport | null;
  /** Byte-identical to `pqlscope ingest --out` (which adds a final newline). After finish(). */
  aggregatesJson(): string;
  aggregates(): Aggregates;
  /**
   * Scores the kept aggregates with `model` and keeps the model and result (for the CSVs and
   * chartData()); the report text is byte-identical to `pqlscope score --out`. Scoring again
   * with another model re-reads no file. After finish(). Invalid model: ModelError.
   */
  scoreText(model: ModelInput, options?: ScoreOptions): string;
  /** scoreText() as its UTF-8 bytes (one copy out of WebAssembly memory, no JS string): for a file or a transfer. */
  scoreBytes(model: ModelInput, options?: ScoreOptions): Uint8Array;
  /** scoreText(), parsed. */
  score(model: ModelInput, options?: ScoreOptions): Report;
  /** Scores without building the report (the fast path when only charts change). */
  rescore(model: ModelInput, options?: Pick<ScoreOptions, 'asOf'>): ScoreSummary;
  /** The last scoring's report with other report options, without scoring again. */
  reportText(options?: Omit<ScoreOptions, 'asOf'>): string;
  /** reportText() as its UTF-8 bytes, as scoreBytes(). */
  reportBytes(options?: Omit<ScoreOptions, 'asOf'>): Uint8Array;
  /** Worker-parallel ingest, step 3 (docs/ingest.md, "Parallel ingest in the browser"): merges the chunks' results as the first file; with a fallback nothing was read. */
  ingestWorkerChunks(name: string, entry: { kind?: FileKind } & FileOptions, head: Uint8Array, results: Uint8Array[]): { chunks: number; fallback: string };
  /** The same text in pieces (never the whole document in memory); a new scoring ends the iteration with an Error. */
  reportPieces(options?: Omit<ScoreOptions, 'asOf'>, pieces?: { batch?: number }): Generator<string, void, void>;
  /** reportPieces() as UTF-8 bytes: for a file or a Blob, with no text decoded and encoded again. */
  reportPieceBytes(options?: Omit<ScoreOptions, 'asOf'>, pieces?: { batch?: number }): Generator<Uint8Array, void, void>;
  /** The last scoring's report without its "accounts" and "users" lists, with counts instead of member lists. */
  overview(): ReportOverview;
  /** The members of one segment or user segment, in its order; account is an index as in accountIds(). */
  segmentMembers(id: string): Array<{ account: number; value: number | null; reason: string; entered?: boolean; user?: string }>;
  /** One account (an index as in accountIds()) with its users and their tags. */
  accountDetail(index: number): AccountDetail;
  /** Every account's series of the last scoring's history (for a replay). */
  scoreHistory(options?: { intervalDays?: number }): ScoreHistory;
  /** One account's (an index) history with its segment moves; the first call scores every point (seconds at 20k accounts). */
  accountHistory(index: number, options?: { intervalDays?: number }): AccountHistory;
  /** Report "accounts" elements for these indices (as in accountIds()); with users also their "users" elements. */
  accountsAt(indices: Iterable<number>, options?: { users?: false }): AccountReport[];
  accountsAt(indices: Iterable<number>, options: { users: true }): { accounts: AccountReport[]; users: UserReport[] };
  /** Account names from the accounts file ('' when none), indexed like accountIds(). */
  accountNames(): string[];
  /** The last scoring, one row per account: the same bytes as `pqlscope score --csv`. */
  accountsCsv(): string;
  /** The last scoring's segment entries / exits: the same bytes as `pqlscope score --alerts`. */
  alertsCsv(): string;
  /** One page of companies: the last scoring's accounts rolled up by the model's rollup key, scored the same day. */
  companies(query?: CompaniesQuery): CompaniesPage;
  /** One company by id with its workspaces (Error for an unknown id). */
  company(id: string): CompanyDetail;
  /** Signup cohorts, engagement by plan / stage / industry / owner, weekly active accounts. */
  management(): ManagementViews;
  /** A tool-ready export of the last scoring (docs/exports.md): the same bytes as `pqlscope score --hubspot` etc. */
  toolExport(tool: ToolExportKind): ToolExport;
  /** User ids as hex SHA-256(salt || id) in every output from now on; null or '' for raw ids. Re-scores. */
  setUserIdSalt(salt: string | null): void;
  /** The starter model suggested from the data; text as `pqlscope init` writes it. After finish(). */
  starterModelText(): string;
  starterModel(): Record<string, unknown>;
  /** Fits the last scoring's model to outcomes (CSV account_id,converted[,date]), as `pqlscope calibrate`. */
  calibrate(outcomes: string | Uint8Array | ArrayBufferView | ArrayBuffer, options?: CalibrateOptions): CalibrationResult;
  /** Account ids, in the order of every chart column. After finish(). */
  accountIds(): string[];
  /** Typed-array columns of the last scoring (copies). */
  chartData(): ChartData;
  readonly deleted: boolean;
  /** Frees the WebAssembly memory. Idempotent; other methods throw afterwards. */
  delete(): void;
  [Symbol.dispose](): void;
}

export class Engine {
  private constructor();
  ingest(options?: IngestOptions): IngestSession;
  /** The mapping step's view of a file from its first bytes (decompressed): kind, source, role -> column, preview rows. */
  inspect(head: Uint8Array | ArrayBufferView | ArrayBuffer, options?: InspectOptions): FileInspection;
  /** Validates a model (object or JSON text); never throws for an invalid model. */
  validateModel(model: string | object, options?: ValidateModelOptions): ModelValidation;
  /** Worker-parallel ingest, step 1: whether a file splits and where ({fallback: ''} with its first 64 KiB and the chunk starts). */
  planChunks(file: BlobOf, name: string, entry: { kind?: FileKind } & FileOptions, options: { workers: number; minChunkBytes?: number }): Promise<{ fallback: string; head?: Uint8Array; starts?: number[] }>;
  /** Worker-parallel ingest, step 2: one chunk (bytes begin .. end of file) read into the core's chunk result. */
  readChunk(job: { file: BlobOf; name: string; entry: { kind?: FileKind } & FileOptions; options?: Omit<IngestOptions, 'bufferBytes'>; head: Uint8Array; index: number; begin: number; end: number; sliceBytes: number; onRead?: (bytes: number) => void }): Promise<Uint8Array>;
  /** Names of the persona, stage, level, group and cell values in chartData() columns. */
  readonly labels: ChartLabels;
  /** Every name the engine exchanges (personas, levels, sentiments, groups, roles, options, error codes). */
  readonly vocabulary: Vocabulary;
  memory(): MemoryStats;
  /** Drops the WebAssembly instance (delete() the sessions first). Idempotent; other methods throw afterwards. */
  dispose(): void;
  readonly disposed: boolean;
  [Symbol.dispose](): void;
}

export interface CreateEngineOptions {
  /** The .wasm bytes, when the caller has them (skips the fetch / file read). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where the glue looks for pqlscope-core.wasm (default: beside the glue, via import.meta.url). */
  locateFile?: (path: string, scriptDirectory: string) => string;
  /** Where pqlscope-core.wasm is: in browsers its URL (a CDN, a hashed asset; a shorthand for locateFile), in Node a path or file: URL. */
  wasmUrl?: string | URLOf;
}

export function createEngine(options?: CreateEngineOptions): Promise<Engine>;

// ---- the module Worker (pqlscope/worker) and its client -------------------------------------

export interface WorkerFile extends FileOptions {
  file: BlobOf;
  /** Defaults to the File's name. */
  name?: string;
  kind?: FileKind;
}

export interface WorkerProgress {
  /** The input file being read: the file's name, or "archive.zip!entry" inside a ZIP. */
  file: string;
  fileIndex: number;
  /** Bytes read so far over all files, and the total of their sizes. */
  bytes: number;
  totalBytes: number;
  events: number;
  rejected: number;
  /** Something skipped on purpose (a folder or macOS metadata inside a ZIP). */
  notice?: string;
}

export interface WorkerIngestOptions {
  options?: Omit<IngestOptions, 'bufferBytes'>;
  /** Size of the File.slice() windows (default 16 MiB). */
  sliceBytes?: number;
  /** Also transfer the aggregates JSON back (the worker keeps them either way). */
  returnAggregates?: boolean;
  /** Free the worker's kept ingest before reading (lower memory high-water; a failure then leaves none). */
  releasePrevious?: boolean;
  /**
   * Workers that read the first file when it is an uncompressed events file (CSV, TSV, JSON
   * lines), each a chunk, merged exactly (docs/ingest.md, "Parallel ingest in the browser").
   * Default: createWorkerClient's client uses navigator.hardwareConcurrency (at most 8);
   * connectWorker's, 1. Needs a client that can start Workers (createWorkerClient).
   */
  workers?: number;
  /** No chunk is smaller (default 8 MiB: a chunk must hold more than the mapping's sample). */
  minChunkBytes?: number;
  onProgress?: (progress: WorkerProgress) => void;
}

export interface WorkerIngestResult {
  report: IngestReport;
  aggregatesJson?: string;
  /** How the first file was read: chunks merged (1 when on one Worker) and why not split ("" when it was). */
  parallel: { chunks: number; fallback: string };
}

export interface WorkerScoreOptions extends ScoreOptions {
  /** Send the report back (default true). */
  report?: boolean;
  /** Send the chart columns back (default true). */
  chart?: boolean;
}

export interface WorkerScoreResult {
  /** With report (the default): the report and its exact text. */
  report?: Report;
  reportText?: string;
  /** Without report: the summary. */
  summary?: ScoreSummary;
  chart?: ChartData;
}

export interface WorkerRescoreResult {
  summary: ScoreSummary;
  chart?: ChartData;
}

export interface WorkerClient {
  ingest(files: WorkerFile[], options?: WorkerIngestOptions): Promise<WorkerIngestResult>;
  /** Engine.inspect() on the first headBytes (default 256 KiB) of the file, unpacked (a ZIP: its first entry, named in `input`). */
  inspect(file: BlobOf, options?: Omit<InspectOptions, 'complete'> & { name?: string; headBytes?: number }): Promise<{ input: string; inspection: FileInspection }>;
  validateModel(model: string | object, options?: ValidateModelOptions): Promise<ModelValidation>;
  /** Scores the worker's last ingest (no file is sent again); report text and chart columns transferred. */
  score(model: ModelInput, options?: WorkerScoreOptions): Promise<WorkerScoreResult>;
  /** Scores again without the report: summary and chart columns only. */
  rescore(model: ModelInput, options?: Pick<ScoreOptions, 'asOf'> & { chart?: boolean }): Promise<WorkerRescoreResult>;
  /** CSV exports of the worker's last scoring. */
  exports(): Promise<{ accountsCsv: string; alertsCsv: string }>;
  /** A tool-ready export of the worker's last scoring; with `salt` (null: none) user ids are hashed from then on. */
  toolExport(tool: ToolExportKind, options?: { salt?: string | null }): Promise<ToolExport>;
  /** The last scoring's report without per-account / per-user lists. */
  overview(): Promise<ReportOverview>;
  /** One sorted, filtered page of accounts of the last scoring. */
  rows(query?: RowsQuery): Promise<RowsPage>;
  /** One account with its users, or null. */
  account(id: string): Promise<AccountDetail | null>;
  /** One page of companies (the rollup of the last scoring). */
  companies(query?: CompaniesQuery): Promise<CompaniesPage>;
  /** One company with its workspaces. */
  company(id: string): Promise<CompanyDetail>;
  /** The management views of the last scoring. */
  management(): Promise<ManagementViews>;
  /** One account's score history and segment moves, or null. */
  accountHistory(id: string, options?: { intervalDays?: number }): Promise<AccountHistory | null>;
  /** Every account's activation and engagement as of each history point (the spectrum's replay). */
  history(options?: { intervalDays?: number }): Promise<ScoreHistory>;
  /** The report text (byte-identical to `pqlscope score --out`) as a Blob, streamed in the worker. */
  reportBlob(options?: Omit<ScoreOptions, 'asOf'>): Promise<BlobOf>;
  /** The starter model for the worker's last ingest. */
  starterModel(): Promise<Record<string, unknown>>;
  /** Fits the worker's last scoring's model to outcomes, as IngestSession.calibrate(). */
  calibrate(outcomes: string | Uint8Array | ArrayBuffer, options?: CalibrateOptions): Promise<CalibrationResult>;
  /** The aggregates of the worker's last finished ingest. */
  aggregatesJson(): Promise<string>;
  /** Frees the worker's last ingest. */
  release(): Promise<void>;
  /** Ends the worker; pending requests reject. */
  terminate(): void;
}

/** The structural part of a Worker the client needs (a DOM Worker is one). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: unknown[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

export interface ConnectWorkerOptions {
  /** Named in the error when the worker fails to load or crashes. */
  url?: string | URLOf;
  /** Starts another Worker running the same script: helpers for a parallel ingest (terminated after it). */
  spawn?: () => WorkerLike;
  /** ingest()'s `workers` when not given (default 1). */
  defaultWorkers?: number;
}

export function connectWorker(worker: WorkerLike, options?: ConnectWorkerOptions): WorkerClient;

export interface WorkerClientOptions {
  /** The pqlscope/worker script (default: beside this module, as bundlers resolve it). Give it when the worker is served from elsewhere. */
  workerUrl?: string | URLOf;
  /** Where the worker loads pqlscope-core.wasm from (default: beside the glue). Resolved against the page's URL. */
  wasmUrl?: string | URLOf;
}

/** Starts pqlscope/worker as a module Worker (browsers and bundlers; throws in Node, where createEngine() runs in any thread). */
export function createWorkerClient(options?: WorkerClientOptions): WorkerClient;
