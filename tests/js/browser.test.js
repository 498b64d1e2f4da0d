// The package in a real browser: Chromium (when installed: apt-get install chromium) loads the
// browser entry under a strict CSP, runs the engine on the main thread and in pqlscope/worker,
// and the results must equal Node's. No test dependency: a tiny server and the page's POST.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from 'pqlscope';
import { sortedCsv } from './browser/data.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
// What a deployed page would send: no eval, WebAssembly compilation allowed (docs/wasm-build.md, pitfall 8).
const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'";

function serve(onReport) {
  const server = createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/report') {
      let body = '';
      for await (const chunk of req) body += chunk;
      res.end('ok');
      onReport(JSON.parse(body));
      return;
    }
    const path = normalize(join(repo, decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname)));
    if (!path.startsWith(repo)) return res.writeHead(403).end();
    try {
      let data = await readFile(path);
      // Browsers (and module Workers, which import maps do not reach) need a path for the
      // package's one dependency: rewrite it as a CDN or a bundler does.
      if (path.startsWith(join(repo, 'wasm/js/'))) data = String(data).replaceAll("from 'pako'", "from '/node_modules/pako/dist/pako.mjs'");
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'content-security-policy': csp });
      res.end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('browser: main thread and module Worker under a strict CSP match Node', { skip: !existsSync(chromium) && !process.env.CI && `${chromium} not installed`, timeout: 120000 }, async () => {
  let reported;
  const report = new Promise((resolve) => { reported = resolve; });
  const server = await serve(reported);
  const profile = mkdtempSync(join(tmpdir(), 'pqlscope-chromium-'));
  const browser = spawn(chromium, ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
    `http://127.0.0.1:${server.address().port}/tests/js/browser/page.html`], { stdio: 'ignore' });
  try {
    const out = await report;
    assert.equal(out.error, undefined, out.error);
    const engine = await createEngine();
    const session = engine.ingest();
    session.addFile('events.csv', 'events').feed(new TextEncoder().encode(sortedCsv(100000)));
    const node = { report: session.finish(), aggregatesJson: session.aggregatesJson() };
    session.delete();
    assert.deepEqual(out.main.report, node.report);
    assert.equal(out.main.aggregatesJson, node.aggregatesJson);
    assert.deepEqual(out.worker.report, node.report);
    assert.equal(out.worker.aggregatesJson, node.aggregatesJson);
    assert.equal(out.progress.at(-1), node.report.bytes);
    assert.ok(out.progress.length >= Math.floor(node.report.bytes / (1 << 20)));
    assert.deepEqual(out.strictError, {
      isIngestError: true, line: 2, message: "bad.csv:2:6: invalid_timestamp: invalid date: '2024-13-01' (field 'timestamp')",
    });
  } finally {
    browser.kill();
    server.close();
  }
});
