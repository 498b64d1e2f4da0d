// pqlscope/worker: a module Worker script (no exports at run time). Its RPC messages are typed
// here for code that talks to it without connectWorker().
import type { AccountDetail, ChartData, IngestOptions, IngestReport, ModelValidation, ReportOverview, RowsPage, RowsQuery, ScoreOptions, ScoreSummary, ValidateModelOptions, WorkerFile, WorkerProgress } from './index.js';

export type WorkerRequest =
  | { id: number; type: 'ingest'; payload: { files: WorkerFile[]; options?: Omit<IngestOptions, 'bufferBytes'>; sliceBytes?: number; returnAggregates?: boolean; releasePrevious?: boolean } }
  | { id: number; type: 'validateModel'; payload: { model: string | object } & ValidateModelOptions }
  | { id: number; type: 'aggregates'; payload: Record<string, never> }
  | { id: number; type: 'release'; payload: Record<string, never> }
  /** Scores the kept ingest; `model` is JSON text, or null for the starter model. */
  | { id: number; type: 'score' | 'rescore'; payload: { model: string | null; options?: ScoreOptions; report?: boolean; chart?: boolean } }
  | { id: number; type: 'exports' | 'starterModel' | 'overview'; payload: Record<string, never> }
  /** Per-view queries over the last scoring (ReportView). */
  | { id: number; type: 'rows'; payload: RowsQuery }
  | { id: number; type: 'account'; payload: { id: string } }
  | { id: number; type: 'reportBlob'; payload: { options?: Omit<ScoreOptions, 'asOf'> } };

export interface WorkerError {
  name: string;
  message: string;
  issue?: import('./index.js').IngestIssue;
  /** For ModelError. */
  validation?: ModelValidation;
}

export type WorkerReply =
  | { id: number; type: 'progress'; payload: WorkerProgress }
  | { id: number; type: 'result'; payload: { report: IngestReport; aggregates?: ArrayBuffer } | ModelValidation | { aggregates: ArrayBuffer } | Record<string, never> }
  /** score / rescore: the report as UTF-8 bytes (score) or the summary (rescore); chart columns transferred. */
  | { id: number; type: 'result'; payload: { report?: ArrayBuffer; summary?: ScoreSummary; chart?: ChartData } }
  | { id: number; type: 'result'; payload: { accountsCsv: ArrayBuffer; alertsCsv: ArrayBuffer } | { model: string } }
  | { id: number; type: 'result'; payload: ReportOverview | RowsPage | AccountDetail | null | { blob: Blob } }
  | { id: number; type: 'error'; payload: WorkerError };
