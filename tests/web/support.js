// Shared by the dashboard's end-to-end tests: the built page served by web/serve.mjs on a free
// 127.0.0.1 port, Debian's Chromium driven by playwright-core, screenshots in build/web-artifacts/.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const artifacts = `${repo}build/web-artifacts`;
export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = existsSync(executablePath);
export const haveBuild = existsSync(`${repo}web/dist/index.html`);
// Locally a missing Chromium or build skips with the reason; in CI (CI=true) nothing may skip.
export const skip = process.env.CI ? false : !haveChromium ? 'chromium not installed' : !haveBuild ? 'web/dist not built (npx vite build web)' : false;
mkdirSync(artifacts, { recursive: true });

/** Starts web/serve.mjs (optionally on another folder); resolves {url, stop()}. */
export function startServer(dir) {
  const child = spawn(process.execPath, [`${repo}web/serve.mjs`, '--port', '0', ...(dir ? ['--dir', dir] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve({ url: m[0], stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
}

/**
 * One server and one browser for a test file, started before its tests and stopped after:
 * returns an object whose `server` and `browser` are set once they run.
 */
export function serveAndLaunch() {
  const shared = { server: null, browser: null };
  before(async () => {
    if (skip) return;
    shared.server = await startServer();
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    shared.server?.stop();
  });
  return shared;
}

/** Waits until the Worker-filled table under `selector` has drawn its last query. */
export const settled = (page, selector) =>
  page.waitForSelector(`${selector} .remote-table[aria-busy="false"], ${selector}.remote-table[aria-busy="false"]`);

export async function launch() {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records every request, CSP violation, console error and dialog. */
export async function openPage(browser, url, { viewport = { width: 1440, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const log = { requests: [], violations: [], errors: [], dialogs: [] };
  context.on('request', (req) => log.requests.push({ url: req.url(), method: req.method(), body: req.postDataBuffer() }));
  page.on('console', (msg) => { if (msg.type() === 'error') log.errors.push(msg.text()); });
  page.on('pageerror', (err) => log.errors.push(String(err)));
  page.on('dialog', (dialog) => { log.dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
  await page.exposeFunction('__cspViolation', (v) => log.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
  });
  await page.goto(url);
  return { page, context, log };
}

export async function waitReady(page) {
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60000 });
  const ready = await page.evaluate(() => document.body.dataset.ready);
  if (ready !== 'true') throw new Error(`page not ready: ${await page.textContent('#status')}`);
}

export const shot = (page, name) => page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: false });
