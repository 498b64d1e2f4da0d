// Vite plugin: serves (dev) and emits (build) the bundled example under example/, straight
// from examples/ so the data is never duplicated in git. When a native CLI is at hand
// (build/native/pqlscope, or $PQLSCOPE_CLI) it also scores the example into example/report.json
// and example/accounts.csv: the dashboard's fallback while the WebAssembly scoring API is not
// in the package (see src/source.js).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const sources = {
  'example/events.csv': 'examples/data/events.csv',
  'example/accounts.csv': 'examples/data/accounts.csv',
  'example/communications.csv': 'examples/data/communications.csv',
  'example/model.json': 'examples/model.json',
};

function nativeReport() {
  const cli = process.env.PQLSCOPE_CLI ?? join(repo, 'build/native/pqlscope');
  if (!existsSync(cli)) return {};
  const dir = mkdtempSync(join(tmpdir(), 'pqlscope-example-'));
  try {
    execFileSync(cli, ['score', join(repo, sources['example/events.csv']),
      '--accounts', join(repo, sources['example/accounts.csv']),
      '--comms', join(repo, sources['example/communications.csv']),
      '--model', join(repo, sources['example/model.json']),
      '--out', join(dir, 'report.json'), '--csv', join(dir, 'crm.csv')], { stdio: 'ignore' });
    const report = readFileSync(join(dir, 'report.json'));
    // A CLI older than the personas/segments report is no use to the dashboard.
    if (!JSON.parse(report).personas) return {};
    return { 'example/report.json': report, 'example/crm.csv': readFileSync(join(dir, 'crm.csv')) };
  } catch {
    return {};
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function exampleAssets() {
  let scored = null;
  const files = () => {
    scored ??= nativeReport();
    const out = { ...scored };
    for (const [name, path] of Object.entries(sources)) out[name] = readFileSync(join(repo, path));
    return out;
  };
  return {
    name: 'pqlscope-example-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = decodeURIComponent((req.url ?? '').split('?')[0]).replace(/^\//, '');
        const all = files();
        if (!Object.hasOwn(all, name)) return next();
        res.setHeader('content-type', name.endsWith('.json') ? 'application/json' : 'text/csv');
        res.end(all[name]);
      });
    },
    generateBundle() {
      for (const [fileName, source] of Object.entries(files())) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
