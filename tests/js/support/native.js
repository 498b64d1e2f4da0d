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
