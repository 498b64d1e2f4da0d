// Compiled by `tsc --noEmit -p tests/js` only: every public declaration used the way the README
// shows, so the hand-written .d.ts files are checked against real usage.
import { createEngine, connectWorker, createWorkerClient, IngestError, ModelError, ReportView } from 'pqlscope';
import type { AccountDetail, ChartData, IngestReport, IngestSession, ModelValidation, PersonaName, Report, ReportOverview, RowsPage, ScoreSummary, WorkerClient, WorkerProgress } from 'pqlscope';
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

export async function scoring(session: IngestSession, client: WorkerClient): Promise<number> {
  const text: string = session.scoreText({ activation: {} }, { asOf: '2024-03-01', includeUsers: false });
  let report: Report;
  try {
    report = session.score(null, { asOf: new Date(), maxContributions: 3 });
  } catch (error) {
    if (error instanceof ModelError) return error.validation.errors.length;
    throw error;
  }
  const summary: ScoreSummary = session.rescore('{"engagement": {"importance": {"x": 3}}}');
  const chart: ChartData = session.chartData();
  const persona: PersonaName | undefined = chart.persona[0] === 255 ? undefined : chart.labels.personas[chart.persona[0]];
  const csv: string = session.accountsCsv() + session.alertsCsv() + session.reportText({ includeUsers: false });
  const starter = session.starterModel();
  const ids: string[] = session.accountIds();
  const remote = await client.score(starter, { chart: true, report: true });
  const again = await client.rescore(starter, { asOf: '2024-03-02' });
  const { accountsCsv } = await client.exports();
  session.setUserIdSalt('salt');
  const slack: string = (session.toolExport('slack').markdown ?? '') + ((await client.toolExport('hubspot', { salt: null })).csv ?? '');
  const request: WorkerRequest = { id: 2, type: 'rescore', payload: { model: null, options: { asOf: '2024-01-01' }, chart: true } };
  void [text, persona, csv, ids, request, accountsCsv, slack, remote.report?.summary.pqls, again.chart?.activation[0]];
  return report.accounts.length + summary.pqls + chart.activation.length + chart.dealValue[0] + chart.stage[0];
}

export async function views(session: IngestSession, client: WorkerClient): Promise<number> {
  const view = new ReportView(session);
  const overview: ReportOverview = view.refresh();
  const page: RowsPage = view.rows({ where: { segment: 'pql' }, sort: 'rank', descending: false, offset: 0, limit: 20 });
  const detail: AccountDetail | null = view.account('acc_1');
  const pieces: string[] = [...session.reportPieces({ includeUsers: false }, { batch: 64 })];
  const pieceBytes: Uint8Array[] = [...session.reportPieceBytes({ includeUsers: false }, { batch: 64 })];
  const one = session.accountsAt([0, 1]);
  const withUsers = session.accountsAt([0], { users: true });
  const names: string[] = session.accountNames();
  const remote: RowsPage = await client.rows({ where: { persona: 'golden_lead' }, sort: 'exp' });
  const remoteOverview: ReportOverview = await client.overview();
  const blob: Blob = await client.reportBlob({ includeUsers: true });
  const chart: ChartData = session.chartData();
  const cell: number = chart.personaCell[0] + chart.segmentGroup[0] + chart.expectedRevenue[0];
  void [pieces, pieceBytes, one, withUsers.users, names, remote.rows[0]?.member?.rank, remoteOverview.alerts.persona_changes, blob.size, detail?.userTags];
  return overview.segments.length + page.total + cell + chart.labels.levels.length + chart.labels.groups.length;
}

export async function packageFace(session: IngestSession): Promise<number> {
  const engine = await createEngine({ wasmUrl: new URL('https://cdn.example/pqlscope-core.wasm') });
  const codes: readonly string[] = engine.vocabulary.error_codes;
  const cellName = engine.labels.cells[session.chartData().personaCell[0]];
  const client = createWorkerClient({ workerUrl: '/assets/worker.js', wasmUrl: '/assets/pqlscope-core.wasm' });
  const members = session.segmentMembers('pql');
  const detail: AccountDetail = session.accountDetail(0);
  const row = session.accountsAt([0])[0];
  const personas: PersonaName[] = session.overview().persona_cells.flatMap((c) => c.personas);
  void [cellName?.activation, members[0]?.entered, detail.userTags, row?.facts.pql.qualified, personas];
  client.terminate();
  engine.dispose();
  return codes.length + (engine.disposed ? 1 : 0);
}
