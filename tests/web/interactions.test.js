// What a user does with the mouse: drop files on the page, brush a box on the spectrum to
// select accounts, zoom with the wheel. Real pointer and drag events in Chromium; the expected
// answers come from where the page says each account's point is (app.pointOf).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repo, skip, serveAndLaunch, settled, openPage, waitReady, shot } from './support.js';

const env = serveAndLaunch();

test('drag and drop: dropped files are listed with their kinds, scored, and drawn', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, `${env.server.url}#data`);
  await waitReady(page);
  const texts = Object.fromEntries(['events.csv', 'accounts.csv', 'communications.csv']
    .map((name) => [name, readFileSync(`${repo}examples/data/${name}`, 'utf8')]));
  // Only the first 40 accounts' events: a different dataset than the example on screen.
  const lines = texts['events.csv'].split('\n');
  const header = lines[0].split(',');
  const account = header.indexOf('account_id');
  const few = [lines[0], ...lines.slice(1).filter((l) => l && Number(l.split(',')[account].replace(/\D/g, '')) <= 40)].join('\n');
  const dataTransfer = await page.evaluateHandle(({ few, accounts, comms }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([few], 'my-events.csv', { type: 'text/csv' }));
    dt.items.add(new File([accounts], 'companies.csv', { type: 'text/csv' }));
    dt.items.add(new File([comms], 'tickets.csv', { type: 'text/csv' }));
    return dt;
  }, { few, accounts: texts['accounts.csv'], comms: texts['communications.csv'] });
  await page.dispatchEvent('#drop', 'dragover', { dataTransfer });
  assert.ok(await page.$('#drop.over'), 'the drop zone shows it will take the files');
  await page.dispatchEvent('#drop', 'drop', { dataTransfer });
  assert.equal(await page.locator('#file-list tr').count(), 3);
  // The kinds are the engine's guesses from each file's first rows (the names say nothing).
  await page.waitForSelector('#file-list[data-ready="true"]');
  assert.deepEqual(await page.$$eval('#file-list select.kind', (s) => s.map((x) => x.value)), ['events', 'accounts', 'communications']);
  assert.equal(await page.$('#drop.over'), null);
  await page.locator('#keep-model').check();
  await page.click('#score-files');
  await page.waitForSelector('#spectrum[data-points]', { timeout: 60000 });
  const points = Number(await page.getAttribute('#spectrum', 'data-points'));
  // Accounts of the events plus those only in the accounts file (every account is scored).
  assert.equal(points, 300);
  await page.waitForFunction(() => /my-events\.csv/.test(document.querySelector('#scored').textContent));
  assert.match(await page.textContent('[data-metric="accounts"] .v'), /^300$/);
  await shot(page, '13-dropped-files');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('brush: a box drawn on the spectrum selects exactly the accounts inside it', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, env.server.url);
  await waitReady(page);
  await page.waitForSelector('#spectrum[data-points="300"]');
  await settled(page, 'aside.side');
  // Take the brush tool as the toolbox button does, then drag a box with the mouse.
  await page.evaluate(() => window.pqlscopeApp.spectrumChart().dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'rect', brushMode: 'single' } }));
  const box = await page.$eval('#spectrum canvas', (c) => { const r = c.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  const from = { x: box.x + box.w * 0.45, y: box.y + box.h * 0.15 };
  const to = { x: box.x + box.w * 0.85, y: box.y + box.h * 0.6 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => /selected account/.test(document.querySelector('aside.side h2')?.textContent ?? ''), null, { timeout: 10000 });
  await settled(page, 'aside.side');
  const title = await page.textContent('aside.side h2');
  const selected = Number(/^(\d+) selected/.exec(title)[1]);
  // The accounts whose points lie inside the box (1 px of slack for points on its edge).
  const inside = await page.evaluate(({ from, to }) => {
    const app = window.pqlscopeApp;
    let sure = 0;
    let maybe = 0;
    for (const id of app.accountIds()) {
      const p = app.pointOf(id);
      const inner = p.x > from.x + 1 && p.x < to.x - 1 && p.y > from.y + 1 && p.y < to.y - 1;
      const outer = p.x >= from.x - 1 && p.x <= to.x + 1 && p.y >= from.y - 1 && p.y <= to.y + 1;
      if (inner) sure++;
      else if (outer) maybe++;
    }
    return { sure, maybe };
  }, { from, to });
  assert.ok(inside.sure > 5, `the box should hold some points (${JSON.stringify(inside)})`);
  assert.ok(selected >= inside.sure && selected <= inside.sure + inside.maybe, `${selected} selected, expected ${JSON.stringify(inside)}`);
  const rows = await page.locator('aside.side tbody tr').count();
  assert.equal(rows, Math.min(selected, 50));
  await shot(page, '14-brushed');
  await page.click('aside.side button:has-text("Clear selection")');
  await page.waitForFunction(() => /product-qualified leads/.test(document.querySelector('aside.side h2')?.textContent ?? ''));
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('zoom: the mouse wheel zooms the spectrum in around the pointer, and points spread apart', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, env.server.url);
  await waitReady(page);
  await page.waitForSelector('#spectrum[data-points="300"]');
  const ids = await page.evaluate(() => window.pqlscopeApp.accountIds());
  const spread = () => page.evaluate((list) => {
    const xs = list.map((id) => window.pqlscopeApp.pointOf(id)).filter(Boolean);
    return Math.max(...xs.map((p) => p.x)) - Math.min(...xs.map((p) => p.x));
  }, ids.slice(0, 300));
  const before = await spread();
  const box = await page.$eval('#spectrum canvas', (c) => { const r = c.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  await page.mouse.move(box.x + box.w / 2, box.y + box.h / 2);
  for (let i = 0; i < 5; i++) {
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(60);
  }
  await page.waitForFunction((b) => {
    const app = window.pqlscopeApp;
    const xs = app.accountIds().map((id) => app.pointOf(id).x);
    return Math.max(...xs) - Math.min(...xs) > b * 1.3;
  }, before, { timeout: 10000 });
  const zoom = await page.evaluate(() => window.pqlscopeApp.spectrumChart().getOption().dataZoom[0]);
  assert.ok(zoom.end - zoom.start < 100, `the x axis shows part of its range (${zoom.start}–${zoom.end})`);
  assert.ok(await spread() > before * 1.3);
  await shot(page, '15-zoomed');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('offline: once the page is loaded, files are scored and the model re-scored with the network gone', { skip, timeout: 120000 }, async () => {
  const { page, context, log } = await openPage(env.browser, `${env.server.url}#data`);
  await waitReady(page);
  await context.setOffline(true);
  const before = log.requests.length;
  await page.setInputFiles('#file-input', ['events.csv', 'accounts.csv'].map((name) => `${repo}examples/data/${name}`));
  await page.locator('#keep-model').check();
  await page.click('#score-files');
  await page.waitForFunction(() => /events\.csv, accounts\.csv/.test(document.querySelector('#scored')?.textContent ?? ''), null, { timeout: 60000 });
  await page.evaluate(() => { location.hash = 'model'; });
  await page.waitForSelector('#model-spectrum[data-points="300"]');
  const signature = await page.getAttribute('#model-spectrum', 'data-signature');
  const input = page.getByLabel('Importance of report_created');
  await input.fill('0');
  await input.press('Tab');
  await page.waitForFunction((sig) => document.querySelector('#model-spectrum').dataset.signature !== sig, signature);
  // The browser itself asks for the favicon again on navigation; the page asks for nothing.
  const offline = log.requests.slice(before).map((r) => r.url);
  const favicons = offline.filter((url) => /\/favicon[^/]*\.svg$/.test(url)).length;
  assert.deepEqual(offline.filter((url) => !/\/favicon[^/]*\.svg$/.test(url)), [], 'no request while offline');
  // Those favicon loads fail (as they should offline); nothing else does.
  const failed = log.errors.filter((e) => /ERR_INTERNET_DISCONNECTED/.test(e));
  assert.equal(failed.length, favicons);
  assert.deepEqual(log.errors.filter((e) => !failed.includes(e)), []);
  await context.close();
});

test('large mode: 6,000 accounts draw as one path per series, hover names a point, no page error', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, `${env.server.url}#data`);
  await waitReady(page);
  // 6,000 accounts with a spread of activity: some colour x size series stay empty.
  const rows = ['timestamp,account_id,user_id,event'];
  for (let a = 0; a < 6000; a++) {
    for (let k = 0; k <= a % 7; k++) rows.push(`2026-06-${String(1 + ((a + k) % 28)).padStart(2, '0')}T10:00:00Z,big_${a},u_${a}_${k % 3},${k % 2 ? 'report_created' : 'login'}`);
  }
  await page.setInputFiles('#file-input', [{ name: 'big-events.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) }]);
  await page.locator('#keep-model').check();
  await page.click('#score-files');
  await page.waitForSelector('#spectrum[data-points="6000"]', { timeout: 60000 });
  await settled(page, 'aside.side');
  await page.waitForTimeout(500);  // a few frames: ECharts paints after setOption
  const target = await page.evaluate(() => window.pqlscopeApp.pointOf('big_6'));
  await page.mouse.move(target.x, target.y);
  await page.waitForSelector('.tip', { timeout: 5000 });
  assert.match(await page.textContent('.tip'), /big_\d+/);
  await shot(page, '16-large-mode');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
