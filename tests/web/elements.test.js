// pqlscope/elements from the packed tarball, as a fresh project uses it: `npm pack`, install the
// tarball in an empty project (with echarts, the entry's optional peer), build a host page
// (examples/elements/: its own header and button beside the four elements) with Vite,
// serve it with web/serve.mjs's strict Content-Security-Policy header, and check in Chromium
// that each element draws, fires its events on click and on the keyboard, takes the host's
// theme, follows its container's size, and that the spectrum is the chart the dashboard shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, skip, startServer, launch, openPage, shot } from './support.js';

const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const env = { app: null, dashboard: null, browser: null };

before(async () => {
  if (skip) return;
  const work = mkdtempSync(join(tmpdir(), 'pqlscope-elements-'));
  const [pack] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], repo));
  const app = join(work, 'app');
  cpSync(join(repo, 'examples/elements'), app, { recursive: true, filter: (src) => !/\/(dist|node_modules)$/.test(src) });
  run('npm', ['init', '-y'], app);
  run('npm', ['pkg', 'set', 'type=module'], app);
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, pack.filename)], app);
  // echarts and its two dependencies as `npm install echarts` lays them out (copied from the
  // repository's node_modules: the tests run without a registry).
  for (const name of ['echarts', 'zrender', 'tslib']) cpSync(join(repo, 'node_modules', name), join(app, 'node_modules', name), { recursive: true });
  // The example data where the page finds it, as in the repository: ../data and ../model.json.
  cpSync(join(repo, 'examples/data'), join(work, 'data'), { recursive: true });
  cpSync(join(repo, 'examples/model.json'), join(work, 'model.json'));
  run('node', [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], app);
  env.app = await startServer(join(app, 'dist'));
  env.dashboard = await startServer();
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  env.app?.stop();
  env.dashboard?.stop();
});

async function openHost() {
  const opened = await openPage(env.browser, env.app.url);
  const { page } = opened;
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await page.textContent('#picked'));
  return opened;
}
const eventCount = (page) => page.evaluate(() => window.events.length);
/** The first event of `type` fired after the first `before` events (the card's load may land in between). */
async function nextEvent(page, before, type) {
  const find = ({ n, t }) => window.events.slice(n).find((e) => e.type === t) ?? null;
  await page.waitForFunction(find, { n: before, t: type }, { timeout: 5000 });
  return page.evaluate(find, { n: before, t: type });
}

// The example's account acc_00001, read from the file the page scores.
const accountsCsv = readFileSync(`${repo}examples/data/accounts.csv`, 'utf8').split('\n');
const header = accountsCsv[0].split(',');
const first = accountsCsv.find((line) => line.startsWith('acc_00001,')).split(',');
const firstName = first[header.indexOf('name')];

test('the served page has a strict CSP and the elements break none of it', { skip, timeout: 180000 }, async () => {
  const response = await fetch(env.app.url);
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|style-src/);
  const { page, log } = await openHost();
  await page.waitForSelector('#card #account-name');
  await shot(page, '30-elements-host');
  assert.deepEqual(log.violations, []);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('<pql-spectrum> draws the dashboard\'s chart, and fires pql-account-select on click and keys', { skip, timeout: 180000 }, async () => {
  const { page, log } = await openHost();
  await page.waitForSelector('#spectrum[data-points="300"]');
  const inked = await page.$eval('#spectrum canvas', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200)) n++;
    return n;
  });
  assert.ok(inked > 1000, `spectrum canvas looks empty (${inked} coloured pixels)`);

  // The same chart as the dashboard: same points, positions and colours (the signature sums them).
  const dash = await openPage(env.browser, env.dashboard.url);
  await dash.page.waitForSelector('#spectrum[data-points="300"]', { timeout: 60000 });
  const dashboardSignature = await dash.page.getAttribute('#spectrum', 'data-signature');
  await dash.context.close();
  assert.equal(await page.getAttribute('#spectrum', 'data-signature'), dashboardSignature);

  // The text alternative: the colour key counts every account; the table lists the most engaged.
  const keyCounts = await page.$$eval('#spectrum details table:first-of-type tbody td.num', (tds) => tds.map((td) => Number(td.textContent.replace(/,/g, ''))));
  assert.equal(keyCounts.reduce((a, b) => a + b, 0), 300);
  assert.equal(await page.locator('#spectrum details table:nth-of-type(2) tbody tr').count(), 200);
  // The host's theme reaches the key: Golden Lead's swatch is the host's magenta.
  const swatch = await page.$eval('#spectrum details tbody tr:first-child .swatch', (s) => getComputedStyle(s).backgroundColor);
  assert.equal(swatch, 'rgb(255, 0, 255)');

  // Click: the event names the account under the pointer.
  const ids = await page.evaluate(() => window.scored.ids);
  const target = await page.evaluate((id) => document.getElementById('spectrum').pointOf(id), ids[0]);
  let n = await eventCount(page);
  await page.mouse.click(target.x, target.y);
  const clicked = await nextEvent(page, n, 'pql-account-select');
  assert.equal(clicked.type, 'pql-account-select');
  assert.equal(clicked.target, 'spectrum');
  const at = await page.evaluate((id) => document.getElementById('spectrum').pointOf(id), clicked.detail.id);
  assert.ok(Math.hypot(at.x - target.x, at.y - target.y) < 12, `clicked at ${JSON.stringify(target)}, event names ${clicked.detail.id} at ${JSON.stringify(at)}`);

  // Keyboard on the table: open the details with Enter, Tab to the first row, Enter; Space on the next.
  const rowIds = await page.$$eval('#spectrum details table:nth-of-type(2) tbody tr', (trs) => trs.map((tr) => tr.dataset.id));
  await page.focus('#spectrum summary');
  await page.keyboard.press('Enter');
  assert.ok(await page.$eval('#spectrum details', (d) => d.open));
  await page.focus('#spectrum details table:nth-of-type(2) tbody tr:first-child');
  n = await eventCount(page);
  await page.keyboard.press('Enter');
  assert.deepEqual((await nextEvent(page, n, 'pql-account-select')).detail.id, rowIds[0]);
  await page.keyboard.press('Tab');
  n = await eventCount(page);
  await page.keyboard.press(' ');
  assert.deepEqual((await nextEvent(page, n, 'pql-account-select')).detail.id, rowIds[1]);

  // Keyboard on the chart: arrows step through the most engaged accounts, Enter selects.
  await page.focus('#spectrum .pql-chart');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  n = await eventCount(page);
  await page.keyboard.press('Enter');
  assert.equal((await nextEvent(page, n, 'pql-account-select')).detail.id, rowIds[1]);

  // Sized by its container: a wider box, a wider canvas.
  const before = await page.$eval('#spectrum canvas', (c) => c.getBoundingClientRect().width);
  await page.$eval('#spectrum-box', (box) => box.style.setProperty('width', '1200px'));
  await page.waitForFunction((w) => document.querySelector('#spectrum canvas').getBoundingClientRect().width > w + 200, before);
  await shot(page, '31-elements-spectrum');
  assert.deepEqual(log.violations, []);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('<pql-spectrum> fires pql-box-select with the accounts in a dragged box', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openHost();
  await page.waitForSelector('#spectrum[data-points="300"]');
  await page.evaluate(() => document.getElementById('spectrum').chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'rect', brushMode: 'single' } }));
  const box = await page.$eval('#spectrum canvas', (c) => { const r = c.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
  const from = { x: box.x + box.w * 0.45, y: box.y + box.h * 0.15 };
  const to = { x: box.x + box.w * 0.85, y: box.y + box.h * 0.6 };
  const n = await eventCount(page);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction((k) => window.events.slice(k).some((e) => e.type === 'pql-box-select' && e.detail.ids?.length), n, { timeout: 10000 });
  await page.waitForTimeout(400);  // the brush event is debounced: take the last one
  const event = await page.evaluate(() => window.events.filter((e) => e.type === 'pql-box-select').at(-1));
  // Every account whose point lies inside the box (1 px slack) is in the event, none far outside.
  const expected = await page.evaluate(({ from, to }) => {
    const el = document.getElementById('spectrum');
    const sure = [];
    const maybe = [];
    for (const id of window.scored.ids) {
      const p = el.pointOf(id);
      if (p.x > from.x + 1 && p.x < to.x - 1 && p.y > from.y + 1 && p.y < to.y - 1) sure.push(id);
      else if (p.x >= from.x - 1 && p.x <= to.x + 1 && p.y >= from.y - 1 && p.y <= to.y + 1) maybe.push(id);
    }
    return { sure, maybe };
  }, { from, to });
  assert.ok(expected.sure.length > 5);
  for (const id of expected.sure) assert.ok(event.detail.ids.includes(id), `${id} is inside the box but not in the event`);
  const where = (id) => page.evaluate((i) => document.getElementById('spectrum').pointOf(i), id);
  for (const id of event.detail.ids) assert.ok(expected.sure.includes(id) || expected.maybe.includes(id), `${id} at ${JSON.stringify(await where(id))} is outside the box ${JSON.stringify({ from, to, range: event.detail.box })}`);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('<pql-persona-grid> draws 18 cells and fires pql-cell-select on click, Enter and Space', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openHost();
  await page.waitForSelector('#grid button[data-cell]');
  assert.equal(await page.locator('#grid button[data-cell]').count(), 18);
  const trial = await page.evaluate(() => window.scored.trialAccounts);
  const total = await page.$$eval('#grid button[data-cell] .n', (els) => els.reduce((s, el) => s + Number(el.textContent.replace(/,/g, '')), 0));
  assert.equal(total, trial);
  assert.match(await page.textContent('#grid h2'), new RegExp(`${trial} trial accounts`));
  // Theme: the cells the model gives Golden Lead carry the host's colour.
  const golden = await page.$$eval('#grid button[data-cell]', (bs) => bs.filter((b) => /Golden Lead/.test(b.getAttribute('aria-label'))).map((b) => getComputedStyle(b).borderLeftColor));
  assert.ok(golden.length > 0 && golden.every((c) => c === 'rgb(255, 0, 255)'), JSON.stringify(golden));

  let n = await eventCount(page);
  await page.click('#grid [data-cell="high/high/active"]');
  let e = await nextEvent(page, n, 'pql-cell-select');
  assert.equal(e.type, 'pql-cell-select');
  assert.deepEqual({ ...e.detail, personas: undefined, accounts: undefined }, { key: 'high/high/active', activation: 'high', engagement: 'high', communication: 'active', personas: undefined, accounts: undefined });
  assert.equal(await page.getAttribute('#grid [data-cell="high/high/active"]', 'aria-pressed'), 'true');
  for (const key of ['Enter', ' ']) {
    await page.focus('#grid [data-cell="low/medium/low"]');
    n = await eventCount(page);
    await page.keyboard.press(key);
    e = await nextEvent(page, n, 'pql-cell-select');
    assert.equal(e.detail.key, 'low/medium/low');
  }
  assert.match(await page.getAttribute('#grid [data-cell="low/medium/low"]', 'aria-label'), /^activation low, engagement medium, communication low: \d+ accounts/);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('<pql-forecast-table> lists the forecast and fires pql-persona-select on Enter and click', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openHost();
  await page.waitForSelector('#forecast tbody tr');
  const personas = await page.evaluate(() => window.scored.forecast);
  assert.equal(await page.locator('#forecast tbody tr').count(), personas.length);
  assert.match(await page.textContent('#forecast h2'), /^Forecast: \$[\d,]+ expected of \$[\d,]+$/);
  const rows = await page.$$eval('#forecast tbody tr', (trs) => trs.map((tr) => tr.dataset.persona));
  await page.focus('#forecast tbody tr:nth-child(2)');
  let n = await eventCount(page);
  await page.keyboard.press('Enter');
  assert.deepEqual((await nextEvent(page, n, 'pql-persona-select')).detail.persona, rows[1]);
  n = await eventCount(page);
  await page.click('#forecast tbody tr:first-child');
  const e = await nextEvent(page, n, 'pql-persona-select');
  assert.deepEqual([e.type, e.target, e.detail.persona], ['pql-persona-select', 'forecast', rows[0]]);
  // Sorting by a header button (keyboard too): Accounts, descending first.
  await page.focus('#forecast th:nth-child(2) button');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#forecast th:nth-child(2)', 'aria-sort'), 'descending');
  const counts = await page.$$eval('#forecast tbody tr td:nth-child(2)', (tds) => tds.map((td) => Number(td.textContent.replace(/,/g, ''))));
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('<pql-account-card> fetches its account from the Worker client and shows it', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openHost();
  await page.locator('#card #account-name', { hasText: firstName }).waitFor();
  assert.equal(await page.textContent('#card #account-name'), firstName);
  const text = await page.textContent('#card dl');
  for (const term of ['Activation', 'Engagement', 'Adoption', 'Activity', 'Persona', 'Signed up']) assert.match(text, new RegExp(term));
  const load = await page.evaluate(() => window.events.find((e) => e.type === 'pql-account-load'));
  assert.deepEqual(load.detail, { id: 'acc_00001', found: true });
  // Another id: the card fetches it; an unknown one says so.
  await page.$eval('#card', (card) => card.setAttribute('account-id', 'no_such_account'));
  await page.locator('#card', { hasText: 'No account no_such_account in this data.' }).waitFor();
  // A synchronous source (a ReportView over a main-thread session answers account(id) at once),
  // with a hand-written account; the text is text (no markup is parsed).
  await page.$eval('#card', (card) => {
    const account = { id: 'hand_1', info: { name: '<b>Hand</b> & Co' }, facts: { stage: 'trial', deal_size: 'small', deal_value: 1200 }, segments: ['pql'],
      activation: { rate: 60 }, engagement: { score: 42 }, persona: { persona: 'golden_lead', probability: 0.5, expected_revenue: 600, reason: 'by hand' } };
    card.source = { account: (id) => (id === 'hand_1' ? { account, users: [], userTags: {} } : null) };
    card.accountId = 'hand_1';
  });
  await page.locator('#card #account-name', { hasText: '<b>Hand</b> & Co' }).waitFor();
  assert.match(await page.textContent('#card dl'), /Golden Lead \(50% to convert, expected \$600\): by hand/);
  assert.equal(await page.locator('#card b').count(), 0);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
