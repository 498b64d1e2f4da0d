// pqlscope/worker: a module Worker script (no exports at run time). Its RPC messages are typed
// here for code that talks to it without connectWorker().
import type { IngestOptions, IngestReport, ModelValidation, ValidateModelOptions, WorkerFile, WorkerProgress } from './index.js';

export type WorkerRequest =
  | { id: number; type: 'ingest'; payload: { files: WorkerFile[]; options?: Omit<IngestOptions, 'bufferBytes'>; sliceBytes?: number; returnAggregates?: boolean } }
  | { id: number; type: 'validateModel'; payload: { model: string | object } & ValidateModelOptions }
  | { id: number; type: 'aggregates'; payload: Record<string, never> }
  | { id: number; type: 'release'; payload: Record<string, never> };

export interface WorkerError {
  name: string;
  message: string;
  issue?: import('./index.js').IngestIssue;
}

export type WorkerReply =
  | { id: number; type: 'progress'; payload: WorkerProgress }
  | { id: number; type: 'result'; payload: { report: IngestReport; aggregates?: ArrayBuffer } | ModelValidation | { aggregates: ArrayBuffer } | Record<string, never> }
  | { id: number; type: 'error'; payload: WorkerError };
