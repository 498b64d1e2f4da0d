// The mapping step in Chromium: a wrong guess corrected by the user and then scored right, the
// choice remembered on the next load (and forgotten on request), a file from which nothing is
// read sent back to the step with its reasons (never "scored"), and the warning shown before
// the results when more than half of a file's rows are rejected. Every expected count is
// counted by hand from the rows written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { skip, serveAndLaunch, openPage, waitReady, shot } from './support.js';

const env = serveAndLaunch();
const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

// Events whose event name sits in a column no export uses ("activity"), beside a "channel"
// column: a time and a channel and no event name look like a communications file, so the
// engine guesses communications. 6 rows, 3 accounts (acme, globex, initech), 4 users.
const wrongGuess = csv('product-usage.csv', [
  'date,account_id,user_id,activity,channel',
  '2026-06-01T10:00:00Z,acme,u1,login,web',
  '2026-06-01T11:00:00Z,acme,u2,report_created,web',
  '2026-06-02T09:30:00Z,globex,u3,login,ios',
  '2026-06-02T10:00:00Z,globex,<img src=x onerror=alert(1)>,login,ios',
  '2026-06-03T08:00:00Z,initech,u4,login,web',
  '2026-06-03T08:05:00Z,initech,u4,dashboard_viewed,web',
].join('\n') + '\n');

async function addFiles(page, files) {
  await page.setInputFiles('#file-input', files);
  await page.waitForSelector('#file-list[data-ready="true"]');
}

test('mapping step: a wrong guess is corrected, scores right, is remembered on reload and can be forgotten', { skip, timeout: 180000 }, async () => {
  const { page, log } = await openPage(env.browser, `${env.server.url}#data`);
  await waitReady(page);
  await addFiles(page, [wrongGuess]);
  const card = page.locator('section.map-file[data-file="product-usage.csv"]');
  assert.equal(await page.inputValue('select[aria-label="Kind of product-usage.csv"]'), 'communications');
  // The first rows are shown as text: the planted tag is a cell's text, not an element.
  assert.equal(await card.locator('.preview img').count(), 0);
  assert.equal(await card.locator('.preview tbody tr').count(), 5);
  assert.equal(await card.locator('.preview tbody tr').nth(3).locator('td').nth(2).textContent(), '<img src=x onerror=alert(1)>');

  // Events: the event name is not found, and the step says so before anything is read.
  await page.selectOption('select[aria-label="Kind of product-usage.csv"]', 'events');
  await page.waitForSelector('#file-list[data-ready="true"]');
  assert.match(await card.locator('.missing').textContent(), /Choose a column for: event/);
  assert.equal(await page.isDisabled('#score-files'), true);
  assert.match(await page.textContent('#step-blocked'), /product-usage\.csv needs a column for event/);
  assert.equal(await page.inputValue('select[aria-label="Column for timestamp in product-usage.csv"]'), 'date');
  assert.equal(await page.inputValue('select[aria-label="Column for account in product-usage.csv"]'), 'account_id');
  assert.equal(await page.inputValue('select[aria-label="Column for user in product-usage.csv"]'), 'user_id');

  await page.selectOption('select[aria-label="Column for event in product-usage.csv"]', 'activity');
  await page.waitForSelector('#file-list[data-ready="true"]');
  assert.equal(await card.locator('tr[data-role="event"] .why').textContent(), 'your choice');
  assert.equal(await card.locator('tr[data-role="event"] .values').textContent(), 'login · report_created · login');
  assert.equal(await card.locator('.missing').count(), 0);
  await shot(page, '17-mapping-step-corrected');

  await page.locator('#keep-model').check();
  await page.click('#score-files');
  await page.waitForSelector('#spectrum[data-points="3"]', { timeout: 60000 });
  assert.equal(await page.textContent('[data-metric="accounts"] .v'), '3');
  await page.evaluate(() => { location.hash = 'data'; });
  await page.waitForSelector('#ingest-result table');
  const rows = await page.$$eval('#ingest-result table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(rows, [['product-usage.csv', 'events', 'csv', '6', '6', '0']]);

  // Remembered under the SHA-256 of the normalised header (format, then each column lower-cased
  // on its own line), computed here independently; the value names columns, no row data.
  const signature = createHash('sha256').update('csv\ndate\naccount_id\nuser_id\nactivity\nchannel').digest('hex');
  const stored = await page.evaluate((key) => localStorage.getItem(key), `pqlscope.mapping.${signature}`);
  assert.deepEqual(JSON.parse(stored), { kind: 'events', mapping: { event: 'activity' }, epochUnit: '', dateOrder: '' });

  // The next load: the same header opens with the remembered choices, marked as such.
  await page.reload();
  await waitReady(page);
  await page.evaluate(() => { location.hash = 'data'; });
  await addFiles(page, [wrongGuess]);
  assert.equal(await page.inputValue('select[aria-label="Kind of product-usage.csv"]'), 'events');
  assert.equal(await page.inputValue('select[aria-label="Column for event in product-usage.csv"]'), 'activity');
  assert.equal(await card.locator('.badge.remembered').count(), 1);
  assert.equal(await card.locator('tr[data-role="event"] .why').textContent(), 'remembered');
  assert.equal(await page.isDisabled('#score-files'), false);
  await shot(page, '18-mapping-step-remembered');

  // Forgetting: the engine's guess again, and nothing kept.
  await page.click('button[aria-label="Forget the remembered mapping of product-usage.csv"]');
  await page.waitForSelector('#file-list[data-ready="true"]');
  assert.equal(await page.inputValue('select[aria-label="Kind of product-usage.csv"]'), 'communications');
  assert.equal(await card.locator('.badge.remembered').count(), 0);
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), `pqlscope.mapping.${signature}`), null);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.dialogs, []);
  await page.context().close();
});

test('mapping step: a file from which nothing is read opens the step with the reasons, never "scored"', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, `${env.server.url}#data`);
  await waitReady(page);
  // A header and no rows: seen in the step already, and scoring is held back.
  await addFiles(page, [csv('header-only.csv', 'timestamp,account_id,user_id,event\n')]);
  assert.match(await page.textContent('section.map-file[data-file="header-only.csv"] .problem'), /the file has a header but no rows/);
  assert.equal(await page.isDisabled('#score-files'), true);
  assert.match(await page.textContent('#step-blocked'), /nothing can be read from header-only\.csv/);
  await page.click('button[aria-label="Remove header-only.csv"]');

  // Two rows whose times are words: the columns map, the reading gives nothing.
  await addFiles(page, [csv('words.csv', 'timestamp,account_id,user_id,event\nyesterday,acme,u1,login\nlast week,acme,u2,login\n')]);
  await page.locator('#keep-model').check();
  await page.click('#score-files');
  await page.waitForSelector('section.map-file[data-file="words.csv"] .read-problem', { timeout: 60000 });
  const problem = await page.textContent('section.map-file[data-file="words.csv"] .read-problem');
  assert.match(problem, /Nothing was read from words\.csv: 2 rows, 2 rejected/);
  assert.match(problem, /unknown_timestamp_format \(2\)/);
  assert.match(problem, /what to do/);
  const status = await page.textContent('#status');
  assert.match(status, /Nothing could be read from words\.csv/);
  assert.doesNotMatch(status, /\bscored\b/i);
  assert.equal(await page.getAttribute('#status', 'data-kind'), 'error');
  assert.match(await page.textContent('#scored'), /Example data/);  // the header still names the last scoring
  await shot(page, '19-mapping-step-nothing-read');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('more than half of a file\'s rows rejected: a warning shown before the results', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, `${env.server.url}#data`);
  await waitReady(page);
  // 4 rows, 3 with a time that is not one: 3 of 4 rejected, 1 event.
  await addFiles(page, [csv('half-bad.csv', 'timestamp,account_id,user_id,event\n2026-06-01T10:00:00Z,acme,u1,login\nnope,acme,u1,login\nnope,acme,u2,login\nnope,acme,u2,login\n')]);
  await page.locator('#keep-model').check();
  await page.click('#score-files');
  await page.waitForSelector('#rejected-warning', { timeout: 60000 });
  assert.match(await page.textContent('#rejected-warning'), /More than half of the rows of half-bad\.csv were rejected \(3 of 4\)/);
  // Before the numbers it qualifies, in document order.
  const before = await page.evaluate(() => {
    const warning = document.querySelector('#rejected-warning');
    const table = document.querySelector('#ingest-result table');
    return Boolean(warning.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.equal(before, true);
  await page.waitForFunction(() => document.querySelector('#status')?.dataset.kind === 'warning', null, { timeout: 60000 });
  assert.match(await page.textContent('#status'), /more than half of the rows of a file were rejected/);
  assert.deepEqual((await page.$$eval('#ingest-result table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent))))[0],
    ['half-bad.csv', 'events', 'csv', '4', '1', '3']);
  await shot(page, '20-rejected-warning');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

// The day-count table of docs/aggregates.md (version 1 header), as a warehouse exports it: 2
// accounts (acme: 3 logins over 2 days, globex: 1), 2 users. Nothing to map: the card says so
// and Score goes straight on; the spectrum then has the 2 accounts.
test('mapping step: a day-count file from a warehouse is recognised, needs no mapping and scores', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, `${env.server.url}#data`);
  await waitReady(page);
  await addFiles(page, [csv('counts.csv', [
    'level,entity_id,account_id,event,day,count',
    'account,acme,acme,login,2026-06-01,2',
    'account,acme,acme,login,2026-06-02,1',
    'account,globex,globex,login,2026-06-02,1',
    'user,u1,acme,login,2026-06-01,2',
    'user,u1,acme,login,2026-06-02,1',
    'user,u3,globex,login,2026-06-02,1',
  ].join('\n') + '\n')]);
  const card = page.locator('section.map-file[data-file="counts.csv"]');
  assert.match(await card.locator('.notices').textContent(), /Day counts \(aggregates from a warehouse\)/);
  assert.equal(await card.locator('table.roles').count(), 0);
  assert.equal(await page.isDisabled('#score-files'), false);
  await page.locator('#keep-model').check();
  await page.click('#score-files');
  await page.waitForSelector('#spectrum[data-points="2"]', { timeout: 60000 });
  assert.equal(await page.textContent('[data-metric="accounts"] .v'), '2');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
