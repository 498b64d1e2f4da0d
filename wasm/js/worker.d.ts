// pqlscope/worker: a module Worker script (no exports at run time). Its protocol is typed here:
// each request type is paired with its payload and its result, and worker-handler.js /
// worker-client.js are type-checked against this map (tests/js/tsconfig.json, checkJs).
import type {
  AccountDetail, AccountHistory, ScoreHistory, BlobOf, CalibrateOptions, CalibrationResult, CompaniesPage, CompaniesQuery, CompanyDetail, ManagementViews, ChartData, FileInspection, IngestIssue, InspectOptions, IngestOptions, IngestReport, ModelValidation, ReportOverview,
  RowsPage, RowsQuery, ScoreOptions, ScoreSummary, ToolExport, ToolExportKind, ValidateModelOptions, WorkerFile, WorkerProgress,
} from './index.js';

type Empty = Record<string, never>;

/** Request type -> {payload it carries, result its reply carries}. */
export interface WorkerProtocol {
  /** Before any other request: where the engine loads pqlscope-core.wasm from (an absolute URL). */
  configure: { payload: { wasmUrl?: string }; result: Empty };
  /** Reads the files (in File.slice() windows) and keeps the ingest; progress replies come first. */
  ingest: {
    payload: { files: WorkerFile[]; options?: Omit<IngestOptions, 'bufferBytes'>; sliceBytes?: number; returnAggregates?: boolean; releasePrevious?: boolean; workerChunks?: { head: ArrayBuffer; results: ArrayBuffer[] } };
    result: { report: IngestReport; aggregates?: ArrayBuffer; parallel?: { chunks: number; fallback: string } };
  };
  /** Parallel ingest: whether the first file splits, where (chunk k: starts[k] .. starts[k + 1]) and its first 64 KiB. */
  planChunks: {
    payload: { file: BlobOf; name?: string; workers: number; minChunkBytes?: number; kind?: string; format?: string; mapping?: Record<string, string>; epochUnit?: string; dateOrder?: string };
    result: { fallback: string; starts?: number[]; head?: ArrayBuffer };
  };
  /** Parallel ingest: one chunk read into the core's chunk result (progress: {bytes} of the chunk). */
  ingestChunk: {
    payload: { file: BlobOf; name: string; entry: object; options?: Omit<IngestOptions, 'bufferBytes'>; head: ArrayBuffer; index: number; begin: number; end: number; sliceBytes?: number };
    result: { chunk: ArrayBuffer };
  };
  /** The mapping step: the first headBytes (default 256 KiB) of the file, unpacked (the first entry of a ZIP), inspected with these options. */
  inspect: {
    payload: { file: BlobOf; name?: string; headBytes?: number } & Omit<InspectOptions, 'complete'>;
    result: { input: string; inspection: FileInspection };
  };
  validateModel: { payload: { model: string | object } & ValidateModelOptions; result: ModelValidation };
  aggregates: { payload: Empty; result: { aggregates: ArrayBuffer } };
  release: { payload: Empty; result: Empty };
  /** Scores the kept ingest; `model` is JSON text, or null for the starter model. score: the report as UTF-8 bytes; rescore: the summary. */
  score: { payload: ScorePayload; result: ScoreResultPayload };
  rescore: { payload: ScorePayload; result: ScoreResultPayload };
  exports: { payload: Empty; result: { accountsCsv: ArrayBuffer; alertsCsv: ArrayBuffer } };
  /** A tool-ready export (docs/exports.md); a salt given (null: none) hashes user ids from then on. */
  toolExport: { payload: { tool: ToolExportKind; salt?: string | null }; result: ToolExport };
  /** The starter model's JSON text. */
  starterModel: { payload: Empty; result: { model: string } };
  /** Fits the last scoring's model to outcomes (IngestSession.calibrate()). */
  calibrate: { payload: { outcomes: string | Uint8Array | ArrayBuffer; options?: CalibrateOptions }; result: CalibrationResult };
  reportBlob: { payload: { options?: Omit<ScoreOptions, 'asOf'> }; result: { blob: BlobOf } };
  overview: { payload: Empty; result: ReportOverview };
  rows: { payload: RowsQuery; result: RowsPage };
  account: { payload: { id: string }; result: AccountDetail | null };
  companies: { payload: CompaniesQuery; result: CompaniesPage };
  company: { payload: { id: string }; result: CompanyDetail };
  management: { payload: Empty; result: ManagementViews };
  accountHistory: { payload: { id: string; intervalDays?: number }; result: AccountHistory | null };
  history: { payload: { intervalDays?: number }; result: ScoreHistory };
}

export interface ScorePayload {
  model: string | null;
  options?: ScoreOptions;
  report?: boolean;
  chart?: boolean;
}

export interface ScoreResultPayload {
  report?: ArrayBuffer;
  summary?: ScoreSummary;
  chart?: ChartData;
}

export type WorkerRequestType = keyof WorkerProtocol;

export type WorkerRequest = {
  [K in WorkerRequestType]: { id: number; type: K; payload: WorkerProtocol[K]['payload'] };
}[WorkerRequestType];

export interface WorkerError {
  name: string;
  message: string;
  issue?: IngestIssue;
  /** For ModelError. */
  validation?: ModelValidation;
}

export type WorkerReply =
  | { id: number; type: 'progress'; payload: WorkerProgress }
  | { [K in WorkerRequestType]: { id: number; type: 'result'; payload: WorkerProtocol[K]['result'] } }[WorkerRequestType]
  | { id: number; type: 'error'; payload: WorkerError };
