// The dashboard reads compressed exports as they come: a multi-member gzip of events and a ZIP
// holding a gzipped accounts file, dropped on the page, score like the plain example files.
// Fixtures are made here with Node's zlib (and tests/js/support/zip.js for the container).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { makeZip } from '../js/support/zip.js';
import { repo, skip, serveAndLaunch, openPage, waitReady, shot } from './support.js';

const env = serveAndLaunch();
const example = (name) => readFileSync(`${repo}examples/data/${name}`);

test('upload: a multi-member events.csv.gz and a ZIP of accounts.csv.gz score like the plain files', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, `${env.server.url}#data`);
  await waitReady(page);
  const events = example('events.csv');
  const cut = Math.floor(events.length / 2);  // anywhere, even inside a line (RFC 1952 2.2)
  const files = [
    { name: 'events.csv.gz', mimeType: 'application/gzip', buffer: Buffer.concat([gzipSync(events.subarray(0, cut)), gzipSync(events.subarray(cut))]) },
    { name: 'accounts.zip', mimeType: 'application/zip', buffer: makeZip([{ name: '__MACOSX/._accounts.csv.gz', data: 'x' }, { name: 'accounts.csv.gz', data: gzipSync(example('accounts.csv')) }]) },
    { name: 'communications.csv', mimeType: 'text/csv', buffer: example('communications.csv') },
  ];
  await page.setInputFiles('#file-input', files);
  assert.equal(await page.locator('#file-list tr').count(), 3);
  await page.waitForSelector('#file-list[data-ready="true"]');
  assert.equal(await page.locator('#file-list select.kind').nth(1).inputValue(), 'accounts');
  await page.locator('#keep-model').check();
  await page.click('#score-files');
  // Nothing rejected: the page goes to the spectrum, with the bundled example's accounts and PQLs.
  await page.waitForSelector('#spectrum[data-points="300"]', { timeout: 60000 });
  assert.equal(await page.textContent('[data-metric="pqls"] .v'), '51');
  assert.match(await page.textContent('#scored'), /events\.csv\.gz, accounts\.zip, communications\.csv/);
  // The Data tab lists the input files read: one per ZIP entry, the macOS metadata skipped.
  await page.evaluate(() => { location.hash = 'data'; });
  await page.waitForSelector('#ingest-result table');
  const rows = await page.$$eval('#ingest-result table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ['events.csv.gz', 'accounts.zip!accounts.csv.gz', 'communications.csv']);
  // The example's 25,078 events (tests/web/dashboard.test.js counts 25,079 with one more good row).
  assert.deepEqual(rows[0].slice(1), ['events', 'csv', '25,078', '25,078', '0']);
  await shot(page, '16-upload-compressed');
  assert.deepEqual(log.violations, []);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
