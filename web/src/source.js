// The dashboard's one data source: everything the page knows about the data comes through here,
// and all of it runs in the package's module Worker (pqlscope/worker), so the main thread never
// parses a file and no byte leaves the page.
//
// The Worker ingests the files (File.slice() windows, progress, located issues) and keeps the
// aggregates and the last scoring. A model edit re-scores those (no file is read again); the
// page then asks for one view at a time: the overview, one sorted page of accounts, one
// account. The whole report exists only as the exported file, streamed into a Blob.
import { createWorkerClient } from 'pqlscope';

const ISSUES_KEPT = 200;

export class DataSource {
  #worker = createWorkerClient();
  #exports = null;  // the CSVs of the last scoring, fetched once on demand

  /**
   * Streams the files through the Worker. files: [{file: Blob, name, kind}].
   * onProgress({bytes, totalBytes, events, rejected, file}). Returns the ingest report.
   */
  async ingest(files, onProgress, { workers } = {}) {
    // The previous data is freed first: the WebAssembly memory's high-water mark stays one dataset.
    // The first file is read on several Workers when it is an events file (workers: default
    // navigator.hardwareConcurrency; docs/ingest.md, "Parallel ingest in the browser").
    const { report, parallel } = await this.#worker.ingest(files, { options: { strict: false, maxIssues: ISSUES_KEPT }, releasePrevious: true, onProgress, ...(workers && { workers }) });
    this.lastParallel = parallel;
    return report;
  }

  /**
   * The mapping step's view of a file: the engine's inspection of its first 256 KiB (unpacked)
   * with these choices ({kind, mapping, epochUnit, dateOrder}): {input, inspection}.
   */
  inspect(file, options = {}) {
    return this.#worker.inspect(file, { ...options, name: file.name });
  }

  /** Scores the last ingest with the model: {summary, chart} (no report is built). */
  async rescore(model) {
    this.#exports = null;
    return this.#worker.rescore(model);
  }

  /** The last scoring's report without its per-account and per-user lists. */
  overview() {
    return this.#worker.overview();
  }

  /** One sorted page of accounts: {where, sort, descending, offset, limit} -> {total, offset, rows}. */
  rows(query) {
    return this.#worker.rows(query);
  }

  /** One account with its users and their tags, or null. */
  account(id) {
    return this.#worker.account(id);
  }

  /** One page of companies (the model's rollup of the last scoring): {enabled, key, total, rows, ...}. */
  companies(query) {
    return this.#worker.companies(query);
  }

  /** One company with its workspaces' scores. */
  company(id) {
    return this.#worker.company(id);
  }

  /** Signup cohorts, engagement by plan / stage / industry / owner, weekly active accounts. */
  management() {
    return this.#worker.management();
  }

  /** One account's score history with its segment moves (weekly), or null. */
  accountHistory(id) {
    return this.#worker.accountHistory(id);
  }

  /** Every account's activation and engagement as of each week (the spectrum's replay). */
  history() {
    return this.#worker.history();
  }

  /** Fetches the bundled example (served beside the page under example/) and ingests it. */
  async loadExample(onProgress) {
    const names = [['events.csv', 'events'], ['accounts.csv', 'accounts'], ['communications.csv', 'communications']];
    const [model, ...blobs] = await Promise.all([
      fetch('example/model.json').then((r) => r.json()),
      ...names.map(([name]) => fetch(`example/${name}`).then((r) => r.blob())),
    ]);
    const ingest = await this.ingest(blobs.map((file, i) => ({ file, name: names[i][0], kind: names[i][1] })), onProgress);
    return { model, ingest };
  }

  async #csvs() {
    this.#exports ??= this.#worker.exports();
    return this.#exports;
  }

  /** One row per account for a CRM (formula-escaped by the engine). */
  async accountsCsv() {
    return (await this.#csvs()).accountsCsv;
  }

  /** segment,change,account_id,name,reason (docs/report.md). */
  async alertsCsv() {
    return (await this.#csvs()).alertsCsv;
  }

  /** The report (byte-identical to `pqlscope score --out`) as a Blob. */
  reportBlob() {
    return this.#worker.reportBlob({ includeUsers: true });
  }

  /** A tool-ready export of the last scoring (docs/exports.md); options.salt hashes user ids from then on. */
  toolExport(tool, options) {
    return this.#worker.toolExport(tool, options);
  }

  /** The starter model for the last ingest. */
  starterModel() {
    return this.#worker.starterModel();
  }

  /** Fits the last scoring's model to an outcomes CSV (bytes): {report, modelText, model}. */
  calibrate(outcomes) {
    return this.#worker.calibrate(outcomes);
  }

  validateModel(model) {
    return this.#worker.validateModel(model, { unknownKeys: 'warning' });
  }
}
