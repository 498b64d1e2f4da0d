// The dashboard's one data source: everything the page knows about the data comes through here,
// and all of it runs in the package's module Worker (pqlscope/worker), so the main thread never
// parses a byte and no byte leaves the page.
//
// The Worker ingests the files (File.slice() windows, progress, located issues) and keeps the
// aggregates; `score` / `rescore` requests re-read only those, so a model edit never touches a
// file. A package build without the scoring requests (an older dist/) still shows the bundled
// example from the report the native CLI wrote at build time (example/report.json); uploaded
// files are then ingested and checked but not scored: `canScore` says which mode is on.
import { createWorkerClient } from 'pqlscope';

const ISSUES_KEPT = 200;

export class DataSource {
  #worker = createWorkerClient();
  #fallback = null;        // the build-time report of the example, in fallback mode
  #lastReport = null;
  #exports = null;         // the CSVs of the last scoring, fetched once on demand
  #scoring = typeof this.#worker.score === 'function';

  /** True when the package scores in the Worker (re-scoring after a model edit works). */
  get canScore() {
    return this.#scoring;
  }

  /**
   * Streams the files through the Worker. files: [{file: Blob, name, kind}].
   * onProgress({bytes, totalBytes, events, rejected, file}).
   */
  async ingest(files, onProgress) {
    this.#fallback = null;
    const { report } = await this.#worker.ingest(files, { options: { strict: false, maxIssues: ISSUES_KEPT }, onProgress });
    return report;
  }

  /**
   * Scores the last ingest with the model: {report (docs/report.md), chart (typed columns)}.
   * includeUsers: the per-user section (the report's bulk on big data).
   */
  async score(model, { includeUsers = true } = {}) {
    if (this.canScore) {
      const { report, chart } = await this.#worker.score(model, { includeUsers });
      this.#lastReport = report;
      this.#exports = null;
      return { report, chart };
    }
    if (this.#fallback) {
      this.#lastReport = this.#fallback.report;
      return { report: this.#lastReport, chart: null };
    }
    throw new Error('Scoring in the browser needs the package\'s scoring API, which this build does not have yet: the files were read and checked (see the issues), but not scored.');
  }

  /** Loads and scores the bundled example (served beside the page under example/). */
  async loadExample(onProgress) {
    const names = [['events.csv', 'events'], ['accounts.csv', 'accounts'], ['communications.csv', 'communications']];
    const [model, ...blobs] = await Promise.all([
      fetch('example/model.json').then((r) => r.json()),
      ...names.map(([name]) => fetch(`example/${name}`).then((r) => r.blob())),
    ]);
    const ingest = await this.ingest(blobs.map((file, i) => ({ file, name: names[i][0], kind: names[i][1] })), onProgress);
    if (this.canScore) {
      try {
        return { model, ingest, scored: await this.score(model) };
      } catch (error) {
        // A Worker client newer than its WebAssembly module: fall back to the build-time report.
        if (error?.name === 'ModelError') throw error;
        console.warn(`pqlscope: scoring in the Worker failed (${error.message}); showing the build-time report`);
        this.#scoring = false;
      }
    }
    const response = await fetch('example/report.json');
    if (!response.ok) throw new Error('this package build cannot score, and no build-time report of the example was found');
    this.#fallback = { report: await response.json(), csv: await fetch('example/crm.csv').then((r) => r.text()) };
    return { model, ingest, scored: await this.score(model) };
  }

  /** The fast path after a model edit: {summary, chart} without building the report. */
  async rescore(model) {
    if (!this.canScore) return null;
    this.#exports = null;
    return this.#worker.rescore(model);
  }

  async #csvs() {
    this.#exports ??= this.#worker.exports();
    return this.#exports;
  }

  /** One row per account for a CRM (formula-escaped by the engine). */
  async accountsCsv() {
    if (this.canScore) return (await this.#csvs()).accountsCsv;
    if (this.#fallback && this.#lastReport === this.#fallback.report) return this.#fallback.csv;
    throw new Error('CSV export needs the package\'s scoring API');
  }

  /** segment,change,account_id,name,reason (docs/report.md). */
  async alertsCsv() {
    if (this.canScore) return (await this.#csvs()).alertsCsv;
    if (this.#lastReport) return alertsCsvFromReport(this.#lastReport);
    throw new Error('nothing scored yet');
  }

  /** A starter model for the last ingest, when the package can suggest one. */
  async starterModel() {
    return this.canScore ? this.#worker.starterModel() : null;
  }

  validateModel(model) {
    return this.#worker.validateModel(model, { unknownKeys: 'warning' });
  }
}

// Same cell rules as the engine's CSV (docs/report.md): leading = + - @ tab CR get an apostrophe,
// then RFC 4180 quoting. Only used until the package exports alertsCsv().
function cell(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function alertsCsvFromReport(report) {
  const names = new Map(report.accounts.map((a) => [a.id, a.info?.name ?? '']));
  const rows = ['segment,change,account_id,name,reason'];
  for (const seg of report.alerts?.segments ?? []) {
    for (const change of ['entered', 'left']) {
      for (const m of seg[change] ?? []) rows.push([seg.segment, change, m.account, names.get(m.account), m.reason].map(cell).join(','));
    }
  }
  return `${rows.join('\n')}\n`;
}
