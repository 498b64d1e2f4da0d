// Compiled by `tsc --noEmit -p tests/js` only: every public declaration used the way the README
// shows, so the hand-written .d.ts files are checked against real usage.
import { createEngine, connectWorker, createWorkerClient, IngestError } from 'pqlscope';
import type { IngestReport, ModelValidation, WorkerClient, WorkerProgress } from 'pqlscope';
import type { WorkerReply, WorkerRequest } from 'pqlscope/worker';

export async function usage(bytes: Uint8Array, file: File): Promise<number> {
  const engine = await createEngine();
  const session = engine.ingest({ strict: false, maxIssues: 10, bufferBytes: 1 << 20 });
  try {
    session.addFile('events.csv', 'events', 'csv').feed(bytes).endFile();
    session.addFile('accounts.csv', 'accounts');
    session.addFile('x.json', 'events', { format: 'json', mapping: { timestamp: 'ts', account: 'org.id' }, epochUnit: 's' });
    const live: number = session.progress().bytes;
    const report: IngestReport = session.finish();
    const first = report.issues[0];
    const where = `${first?.file}:${first?.line}:${first?.column} ${report.rejected_by_code.invalid_timestamp ?? 0}`;
    const text: string = session.aggregatesJson();
    const version: number = session.aggregates().version;
    void [live, where, text, version];
  } catch (error) {
    if (error instanceof IngestError) return error.issue.line;
    throw error;
  } finally {
    session.delete();
  }
  const disposable: Disposable = engine.ingest();
  disposable[Symbol.dispose]();
  const validation: ModelValidation = engine.validateModel({ activation: {} }, { unknownKeys: 'warning' });
  const paths: string[] = validation.errors.map((e) => e.path);
  const client: WorkerClient = Math.random() < 0.5 ? createWorkerClient() : connectWorker(new Worker('w.js', { type: 'module' }));
  const result = await client.ingest([{ file, kind: 'events' }], {
    sliceBytes: 16 << 20,
    onProgress: (p: WorkerProgress) => p.bytes / p.totalBytes,
  });
  const request: WorkerRequest = { id: 1, type: 'release', payload: {} };
  const reply: WorkerReply = { id: 1, type: 'progress', payload: { file: 'a', fileIndex: 0, bytes: 1, totalBytes: 2, events: 0, rejected: 0 } };
  void [request, reply, paths];
  client.terminate();
  return result.report.events + engine.memory().allocatedBytes;
}
