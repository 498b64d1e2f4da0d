// Projects a user would write, each installing the packed tarball (`npm pack`) into a fresh
// folder: Node ESM, TypeScript strict with DOM-only and Node-only libs (skipLibCheck: false),
// a Vite build and the Vite dev server (the .wasm served as application/wasm), webpack 5.
// Tools the repository has (typescript, vite) come from its node_modules; @types/node and
// webpack are installed from the npm registry into the temporary folder (about 10-30 s).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const wasmSize = statSync(join(repo, 'dist/pqlscope-core.wasm')).size;

let work;
let tarball;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'pqlscope-consumers-'));
  const [pack] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], repo));
  tarball = join(work, pack.filename);
});

/** A folder with package.json and the tarball installed (plus `registry` packages from the npm registry). */
function project(name, registry = []) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  // --prefer-offline: the package's own dependencies (pako) come from npm's cache when `npm ci`
  // left their registry documents there, else from the registry (an --offline install failed on a
  // machine whose cache held only the lockfile's tarballs).
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], dir);
  if (registry.length) run('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...registry], dir);
  return dir;
}

test('the package README is the JS API guide, not the repository\'s', () => {
  const dir = project('readme');
  const readme = readFileSync(join(dir, 'node_modules/pqlscope/README.md'), 'utf8');
  assert.equal(readme, readFileSync(join(repo, 'wasm/README.md'), 'utf8'));
  for (const topic of ['npm install pqlscope', 'createWorkerClient', 'wasm-unsafe-eval', 'optimizeDeps', 'dispose', 'IngestError']) {
    assert.ok(readme.includes(topic), `the package README does not mention ${topic}`);
  }
  // The repository's README is back in place after packing.
  assert.match(readFileSync(join(repo, 'README.md'), 'utf8'), /^# pqlscope\n/);
  assert.notEqual(readFileSync(join(repo, 'README.md'), 'utf8'), readme);
});

test('Node ESM: score, dispose, and clear errors for the Worker entry', () => {
  const dir = project('node-esm');
  writeFileSync(join(dir, 'use.mjs'), `
    import { createRequire } from 'node:module';
    import { createEngine, createWorkerClient, IngestError } from 'pqlscope';
    const engine = await createEngine();
    const session = engine.ingest({ strict: true });
    session.addFile('e.csv', 'events');
    session.feed(new TextEncoder().encode('timestamp,account_id,user_id,event\\n2024-01-01T00:00:00Z,a,u,login\\n2024-01-02T00:00:00Z,b,v,login\\n'));
    session.finish();
    const report = session.score(null);
    session.delete();
    const strict = engine.ingest({ strict: true });
    let issue = null;
    try { strict.addFile('bad.csv'); strict.feed(new TextEncoder().encode('timestamp,account_id,event\\n2024-02-30T00:00:00Z,a,x\\n')); strict.endFile(); }
    catch (error) { issue = error instanceof IngestError ? error.issue.code : String(error); }
    finally { strict.delete(); }
    engine.dispose();
    let afterDispose = '';
    try { engine.ingest(); } catch (error) { afterDispose = error.message; }
    const errors = {};
    try { await import('pqlscope/worker'); } catch (error) { errors.imported = error.message; }
    try { createRequire(import.meta.url)('pqlscope/worker'); } catch (error) { errors.required = error.message; }
    try { createWorkerClient(); } catch (error) { errors.client = error.message; }
    // engines says ^20.19 || >=22.12: where require() of this ES module works.
    const required = createRequire(import.meta.url)('pqlscope');
    const viaRequire = (await required.createEngine()).vocabulary.personas.length;
    console.log(JSON.stringify({ accounts: report.summary.accounts, issue, afterDispose, errors, viaRequire }));
  `);
  const out = JSON.parse(run('node', ['use.mjs'], dir));
  assert.equal(out.accounts, 2);
  assert.equal(out.viaRequire, 8);
  assert.equal(out.issue, 'invalid_timestamp');  // February 30th: an impossible date (docs/ingest.md)
  assert.match(out.afterDispose, /after dispose\(\)/);
  for (const message of [out.errors.imported, out.errors.required]) {
    assert.match(message, /pqlscope\/worker is a browser module Worker script .*createEngine\(\)/);
  }
  assert.match(out.errors.client, /createWorkerClient\(\) needs a browser module Worker; in Node use createEngine\(\)/);
});

// Every public type in use, the way the README shows it.
const consumerTs = `
import { createEngine, createWorkerClient, IngestError, ModelError } from 'pqlscope';
import type { AccountReport, PersonaName, ReportOverview, WorkerClient } from 'pqlscope';
import type { WorkerRequest, WorkerReply } from 'pqlscope/worker';

export async function inNode(bytes: Uint8Array): Promise<string> {
  const engine = await createEngine();
  const session = engine.ingest({ strict: false, maxIssues: 10 });
  try {
    session.addFile('events.csv', 'events', { format: 'csv', mapping: { timestamp: 'ts' } }).feed(bytes);
    session.finish();
    const report = session.score(null, { asOf: '2024-01-31' });
    const first: AccountReport | undefined = report.accounts[0];
    const persona: PersonaName | undefined = first?.persona?.persona;
    const overview: ReportOverview = session.overview();
    return \`\${persona} \${overview.persona_cells[0]?.personas.join('/')} \${engine.vocabulary.error_codes.length}\`;
  } catch (error) {
    if (error instanceof IngestError) return error.issue.code;
    if (error instanceof ModelError) return error.validation.errors[0]?.path ?? '';
    throw error;
  } finally {
    session.delete();
    engine.dispose();
  }
}

export async function inBrowser(file: Parameters<WorkerClient['ingest']>[0][number]['file']): Promise<number> {
  const client = createWorkerClient({ workerUrl: '/assets/worker.js', wasmUrl: 'https://cdn.example/pqlscope-core.wasm' });
  await client.ingest([{ file, kind: 'events' }], { onProgress: (p) => p.bytes / p.totalBytes });
  const page = await client.rows({ where: { cell: { activation: 'high', engagement: 'low', communication: 'active' } } });
  const blob = await client.reportBlob();
  const request: WorkerRequest = { id: 1, type: 'rows', payload: { limit: 5 } };
  const reply: WorkerReply = { id: 1, type: 'result', payload: page };
  void [request, reply];
  client.terminate();
  return page.rows.reduce((n, r) => n + (r.account.engagement.score ?? 0), 0) + blob.size;
}
`;

function typeCheck(dir, lib, types) {
  writeFileSync(join(dir, 'consumer.ts'), consumerTs);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib, types, skipLibCheck: false },
    files: ['consumer.ts'],
  }));
  run('node', [join(repo, 'node_modules/typescript/bin/tsc'), '-p', '.'], dir);
}

test('TypeScript strict, DOM-only libs, skipLibCheck false: the types compile alone', () => {
  typeCheck(project('ts-dom'), ['es2022', 'dom'], []);
});

test('TypeScript strict, Node-only (es2022 + @types/node), skipLibCheck false: the types compile alone', () => {
  typeCheck(project('ts-node', ['@types/node@22']), ['es2022'], ['node']);
});

test('TypeScript strict, bare es2022 (no DOM, no @types/node): the types compile alone', () => {
  typeCheck(project('ts-bare'), ['es2022'], []);
});

const page = {
  'index.html': '<!doctype html><script type="module" src="./main.js"></script>',
  'main.js': `
    import { createEngine, createWorkerClient } from 'pqlscope';
    window.start = async () => [await createEngine(), createWorkerClient()];
  `,
};

test('Vite dev server (with optimizeDeps.exclude as the README says) serves the .wasm as application/wasm', async () => {
  const dir = project('vite-dev');
  for (const [name, text] of Object.entries(page)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'vite.config.js'), "export default { optimizeDeps: { exclude: ['pqlscope'] }, logLevel: 'silent' };\n");
  const { createServer } = await import(join(repo, 'node_modules/vite/dist/node/index.js'));
  const server = await createServer({ root: dir, configFile: join(dir, 'vite.config.js'), server: { port: 0, host: '127.0.0.1' } });
  await server.listen();
  try {
    const base = server.resolvedUrls.local[0];
    const main = await (await fetch(new URL('main.js', base))).text();
    const entry = /from ["']([^"']*pqlscope[^"']*)["']/.exec(main)?.[1];
    assert.ok(entry, `main.js does not import the package: ${main}`);
    const glue = new URL('../../dist/pqlscope-core.mjs', new URL(entry, base));
    assert.equal((await fetch(glue)).status, 200, `${glue}`);
    const wasm = await fetch(new URL('pqlscope-core.wasm', glue));
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    assert.equal((await wasm.arrayBuffer()).byteLength, wasmSize);
  } finally {
    await server.close();
  }
});

test('webpack 5 build: the .wasm and the worker become assets', () => {
  const dir = project('webpack', ['webpack@5', 'webpack-cli@5']);
  writeFileSync(join(dir, 'main.js'), page['main.js']);
  writeFileSync(join(dir, 'webpack.config.js'), `
    export default { mode: 'production', entry: './main.js', output: { path: new URL('./dist/', import.meta.url).pathname, clean: true } };
  `);
  run('npx', ['webpack', '--config', 'webpack.config.js'], dir);
  const assets = readdirSync(join(dir, 'dist'));
  const wasm = assets.find((name) => name.endsWith('.wasm'));
  assert.ok(wasm, `no .wasm asset in the webpack build: ${assets}`);
  assert.equal(statSync(join(dir, 'dist', wasm)).size, wasmSize);
  const chunks = assets.filter((name) => name.endsWith('.js'));
  assert.ok(chunks.length >= 2, `no worker chunk in the webpack build: ${assets}`);
});
