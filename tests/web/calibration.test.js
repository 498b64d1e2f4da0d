// The calibration panel in Chromium: an outcomes file for the bundled example (converted =
// the example's accounts file has a converted_at) is fitted in the Worker; the panel shows the
// held-out AUC before / after, the lift table by decile and the changes in words; the fitted
// model downloads with its `calibration` section and applies (re-scores the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repo, skip, serveAndLaunch, openPage, waitReady, shot } from './support.js';

const env = serveAndLaunch();

// FNV-1a 64 of the id's bytes, mod 100, below 30: the documented split (docs/segments.md),
// written here independently of the engine.
function heldOut(id) {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(id, 'utf8')) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h % 100n < 30n;
}

test('calibration: outcomes in, AUC and lift before / after, download and apply the fitted model', { skip, timeout: 180000 }, async () => {
  const lines = readFileSync(`${repo}examples/data/accounts.csv`, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const [idAt, convertedAt] = [header.indexOf('account_id'), header.indexOf('converted_at')];
  const rows = lines.slice(1).map((l) => l.split(',')).map((f) => ({ id: f[idAt], converted: f[convertedAt] !== '' }));
  const outcomes = `account_id,converted\n${rows.map((r) => `${r.id},${r.converted ? 'yes' : 'no'}`).join('\n')}\n`;
  const held = rows.filter((r) => heldOut(r.id));

  const { page, log } = await openPage(env.browser, `${env.server.url}#calibration`);
  await waitReady(page);
  await page.waitForSelector('#outcomes-input');
  const forecastBefore = await page.textContent('[data-metric="forecast"] .v');
  await page.setInputFiles('#outcomes-input', [{ name: 'outcomes.csv', mimeType: 'text/csv', buffer: Buffer.from(outcomes) }]);
  await page.waitForSelector('#calibration-result[data-ready="true"]', { timeout: 60000 });

  const caption = await page.textContent('#calibration-auc caption');
  assert.match(caption, new RegExp(`\\(${held.length} accounts, ${held.filter((r) => r.converted).length} converted\\)`));
  const after = Number(await page.textContent('#calibration-auc tr[data-score="Conversion probability"] td.after'));
  const before = Number(await page.textContent('#calibration-auc tr[data-score="Conversion probability"] td.before'));
  assert.ok(after >= 0 && after <= 1, `AUC after ${after}`);
  assert.ok(before >= 0 && before <= 1, `AUC before ${before}`);
  assert.equal(await page.locator('#calibration-lift tbody tr').count(), 10);
  const changes = await page.$$eval('#calibration-changes li', (items) => items.map((li) => li.textContent));
  assert.ok(changes.some((c) => c.startsWith('conversion probability: was the persona\'s odds; now a logistic fit')), changes.join('\n'));
  assert.ok(changes.some((c) => c.startsWith('held-out AUC')));
  await shot(page, '20-calibration');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-calibration')]);
  const model = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(typeof model.calibration.intercept, 'number');
  assert.equal(model.calibration.accounts, rows.length - held.length);

  await page.click('#apply-calibration');
  await page.waitForSelector('#calibration-result[data-applied="true"]', { timeout: 60000 });
  await page.waitForFunction((old) => document.querySelector('[data-metric="forecast"] .v').textContent !== old, forecastBefore, { timeout: 60000 });
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
