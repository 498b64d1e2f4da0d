// The native CLI as the reference: same files, same names, its --out aggregates and summary.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
export const cliPath = process.env.PQLSCOPE_CLI ?? join(repo, 'build/native/pqlscope');
export const cliAvailable = existsSync(cliPath);

/** The bytes of one fixture file. */
export function fileBytes(file) {
  if (file.bytes) return new Uint8Array(file.bytes);
  if (file.path) return new Uint8Array(readFileSync(file.path));
  return new TextEncoder().encode(file.text);
}

/** Writes the case's files into a fresh folder and returns it. */
export function materialize(testCase) {
  const dir = mkdtempSync(join(tmpdir(), 'pqlscope-js-'));
  for (const file of testCase.files) {
    if (file.path) copyFileSync(file.path, join(dir, file.name));
    else writeFileSync(join(dir, file.name), fileBytes(file));
  }
  return dir;
}

/** Runs `pqlscope ingest` on the case; returns {aggregatesJson, totals} (totals from its summary line). */
export function runCli(testCase) {
  const dir = materialize(testCase);
  const args = ['ingest'];
  for (const file of testCase.files) {
    if (file.kind === 'accounts') args.push('--accounts', file.name);
    else if (file.kind === 'communications') args.push('--comms', file.name);
  }
  args.push(...testCase.cliArgs, '--out', 'out.json');
  args.push(...testCase.files.filter((f) => f.kind === 'events').map((f) => f.name));
  const stdout = execFileSync(cliPath, args, { cwd: dir, encoding: 'utf8' });
  const m = /^read (\d+) bytes, (\d+) rows: (\d+) events, (\d+) duplicates dropped, (\d+) rejected, (\d+) skipped$/m.exec(stdout);
  if (!m) throw new Error(`unexpected CLI summary:\n${stdout}`);
  const [bytes, rows, events, duplicates, rejected, skipped] = m.slice(1).map(Number);
  return {
    aggregatesJson: readFileSync(join(dir, 'out.json'), 'utf8'),
    totals: { bytes, rows, events, duplicates, rejected, skipped },
  };
}

const genPath = process.env.PQLSCOPE_GEN ?? join(repo, 'build/native/examples/generator/pqlscope-gen');
export const genAvailable = existsSync(genPath);

/**
 * Generated data in a fresh folder: `pqlscope-gen --format csv|ndjson --shape ...` with few
 * events. Returns the folder and the events file's name (accounts.csv, communications.csv beside).
 */
export function generate({ format = 'csv', shape = 'plain', events = 20000, accounts = 100, seed = 1 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `pqlscope-gen-${shape}-`));
  execFileSync(genPath, ['--events', String(events), '--accounts', String(accounts), '--seed', String(seed),
    '--format', format, '--shape', shape, '--out', dir, '--quiet']);
  return { dir, events: format === 'csv' ? 'events.csv' : 'events.ndjson' };
}

/**
 * Runs `pqlscope score` in `dir` on events + accounts.csv + communications.csv (when present)
 * and returns the bytes it wrote: {report, accountsCsv, alertsCsv} as strings.
 */
export function runCliScore(dir, eventsName, { model, asOf, noUsers = false } = {}) {
  const args = ['score', eventsName];
  if (existsSync(join(dir, 'accounts.csv'))) args.push('--accounts', 'accounts.csv');
  if (existsSync(join(dir, 'communications.csv'))) args.push('--comms', 'communications.csv');
  if (model !== undefined) args.push('--model', model);
  if (asOf !== undefined) args.push('--as-of', asOf);
  if (noUsers) args.push('--no-users');
  args.push('--out', 'cli-report.json', '--csv', 'cli-accounts.csv', '--alerts', 'cli-alerts.csv', '--top', '0');
  execFileSync(cliPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const read = (name) => readFileSync(join(dir, name), 'utf8');
  return { report: read('cli-report.json'), accountsCsv: read('cli-accounts.csv'), alertsCsv: read('cli-alerts.csv') };
}
