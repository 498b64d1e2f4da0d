// The published package: its contents, its metadata (publint, arethetypeswrong), its types
// (tsc), and a consumer that installs the packed tarball and uses it from Node and a Vite build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = (name) => join(repo, 'node_modules/.bin', name);
const run = (command, args, cwd = repo) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm pack ships only the module, the JS wrapper, its types, README and package.json', () => {
  const [pack] = JSON.parse(run('npm', ['pack', '--dry-run', '--json']));
  const paths = pack.files.map((f) => f.path).sort();
  const allowed = [/^README\.md$/, /^LICENSE(\.\w+)?$/, /^package\.json$/, /^dist\/pqlscope-core\.(mjs|wasm)$/, /^wasm\/js\/(elements\/)?[\w.-]+\.(js|d\.ts)$/];
  for (const path of paths) assert.ok(allowed.some((re) => re.test(path)), `unexpected file in the package: ${path}`);
  for (const required of ['dist/pqlscope-core.mjs', 'dist/pqlscope-core.wasm', 'wasm/js/index.browser.js',
    'wasm/js/index.node.js', 'wasm/js/worker.js', 'wasm/js/index.d.ts', 'wasm/js/worker.d.ts',
    'wasm/js/elements/index.js', 'wasm/js/elements/index.d.ts', 'wasm/js/elements/vocabulary.js', 'wasm/js/elements/vocabulary.d.ts']) {
    assert.ok(paths.includes(required), `missing from the package: ${required}`);
  }
  // Size budgets (docs/wasm-build.md, "Size"): 2 MiB as shipped, 700 kB gzip-compressed (what a
  // page downloads from a compressing server). Raised from 1.5 MiB raw when history,
  // calibration, the tool exports, SHA-256, the company level and Worker chunks joined the
  // module (1.15 -> 1.61 MB).
  const wasm = pack.files.find((f) => f.path === 'dist/pqlscope-core.wasm');
  assert.ok(wasm.size <= 2 * 1024 * 1024, `pqlscope-core.wasm is ${wasm.size} bytes (budget 2 MiB)`);
  const gzipped = gzipSync(readFileSync(join(repo, 'dist/pqlscope-core.wasm')), { level: 9 }).length;
  assert.ok(gzipped <= 700_000, `pqlscope-core.wasm is ${gzipped} bytes gzip-compressed (budget 700 kB)`);
});

// The scoring entry stays chart-free: walk the module graph of every entry but pqlscope/elements
// (each condition's file, then every relative import and re-export) and list the packages it
// imports. ECharts (and its renderer, zrender) may only be reached through pqlscope/elements.
test('importing "pqlscope", "pqlscope/worker" or "pqlscope/elements/vocabulary" never loads echarts', () => {
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const entries = [];
  for (const [path, target] of Object.entries(pkg.exports)) {
    if (path === './elements' || path === './package.json') continue;
    for (const file of typeof target === 'string' ? [target] : Object.values(target)) if (file.endsWith('.js')) entries.push(join(repo, file));
  }
  const seen = new Set();
  const packages = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Comments out first: JSDoc types name modules with import('...') that never load.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of text.matchAll(/(?:^|[;\n])\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) visit(join(file, '..', spec));
      else packages.add(spec.split('/')[0]);
    }
  };
  entries.forEach(visit);
  assert.ok(seen.size > 5, `the walk reached only ${[...seen]}`);
  assert.ok(seen.has(join(repo, 'wasm/js/elements/vocabulary.js')));
  const charts = [...packages].filter((p) => /echarts|zrender/.test(p));
  assert.deepEqual(charts, [], `chart packages reached from the scoring entries: ${charts}`);
  // ...and the elements entry does reach it (the walk would see it).
  seen.clear();
  packages.clear();
  visit(join(repo, pkg.exports['./elements'].default));
  assert.ok(packages.has('echarts'));
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
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, pack.filename)], app);

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
