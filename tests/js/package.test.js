// The published package: its contents, its metadata (publint, arethetypeswrong), its types
// (tsc), and a consumer that installs the packed tarball and uses it from Node and a Vite build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name) => join(repo, 'node_modules/.bin', name);
const run = (command, args, cwd = repo) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm pack ships only the module, the JS wrapper, its types, README and package.json', () => {
  const [pack] = JSON.parse(run('npm', ['pack', '--dry-run', '--json']));
  const paths = pack.files.map((f) => f.path).sort();
  const allowed = [/^README\.md$/, /^LICENSE(\.\w+)?$/, /^package\.json$/, /^dist\/pqlscope-core\.(mjs|wasm)$/, /^wasm\/js\/[\w.-]+\.(js|d\.ts)$/];
  for (const path of paths) assert.ok(allowed.some((re) => re.test(path)), `unexpected file in the package: ${path}`);
  for (const required of ['dist/pqlscope-core.mjs', 'dist/pqlscope-core.wasm', 'wasm/js/index.browser.js',
    'wasm/js/index.node.js', 'wasm/js/worker.js', 'wasm/js/index.d.ts', 'wasm/js/worker.d.ts']) {
    assert.ok(paths.includes(required), `missing from the package: ${required}`);
  }
  const wasm = pack.files.find((f) => f.path === 'dist/pqlscope-core.wasm');
  assert.ok(wasm.size <= 1.5 * 1024 * 1024, `pqlscope-core.wasm is ${wasm.size} bytes (budget 1.5 MiB)`);
});

test('publint and arethetypeswrong (ESM-only profile) find no problem', () => {
  run(bin('publint'), ['--strict']);
  run(bin('attw'), ['--pack', '.', '--profile', 'esm-only']);
});

test('the hand-written declarations type-check against their usage', () => {
  run(bin('tsc'), ['-p', 'tests/js']);
});

test('the package\'s JavaScript type-checks against its declarations (the Worker protocol\'s request / reply pairs)', () => {
  run(bin('tsc'), ['-p', 'tests/js/tsconfig.checkjs.json']);
});

test('a consumer installs the tarball and uses it from Node and from a Vite build', () => {
  const work = mkdtempSync(join(tmpdir(), 'pqlscope-consumer-'));
  const [pack] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work]));
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, pack.filename)], app);

  writeFileSync(join(app, 'node-use.mjs'), `
    import { createEngine } from 'pqlscope';
    const engine = await createEngine();
    const session = engine.ingest();
    session.addFile('e.csv', 'events');
    session.feed(new TextEncoder().encode('timestamp,account_id,event\\n2024-01-01T00:00:00Z,a,login\\n'));
    const report = session.finish();
    console.log(JSON.stringify({ events: report.events, names: session.aggregates().event_names }));
    session.delete();
  `);
  assert.deepEqual(JSON.parse(run('node', ['node-use.mjs'], app)), { events: 1, names: ['login'] });

  writeFileSync(join(app, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>');
  writeFileSync(join(app, 'main.js'), `
    import { createEngine, createWorkerClient } from 'pqlscope';
    window.start = async () => [await createEngine(), createWorkerClient()];
  `);
  run('node', [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], app);
  const assets = readdirSync(join(app, 'dist/assets'));
  const wasm = assets.find((name) => /^pqlscope-core-.*\.wasm$/.test(name));
  assert.ok(wasm, `no .wasm asset in the Vite build: ${assets}`);
  assert.equal(statSync(join(app, 'dist/assets', wasm)).size, statSync(join(repo, 'dist/pqlscope-core.wasm')).size);
  const worker = assets.find((name) => /^worker-.*\.js$/.test(name));
  assert.ok(worker, `no worker chunk in the Vite build: ${assets}`);
  assert.match(readFileSync(join(app, 'dist/assets', worker), 'utf8'), /pqlscope-core-[\w-]+\.wasm/);
});
