// The "For your tools" panel: HubSpot / Salesforce / traits downloads, "Copy for Slack" and the
// hashed-user-ids option, checked against the documented formats (docs/exports.md) and
// WebCrypto's SHA-256 in the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { skip, serveAndLaunch, openPage, waitReady, shot } from './support.js';

const env = serveAndLaunch();

test('tool exports: CRM files, Slack text on the clipboard, hashed user ids', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, env.server.url);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  await waitReady(page);
  await page.click('#tool-exports > summary');
  const save = async (id) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-tool-export="${id}"]`)]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const hubspot = await save('hubspot');
  assert.equal(hubspot.name, 'pqlscope-hubspot-companies.csv');
  assert.ok(hubspot.text.startsWith('Company Domain Name,Name,pqlscope account id,'));
  assert.equal(hubspot.text.trimEnd().split('\n').length, 301);  // the example's 300 accounts all have a domain
  const properties = JSON.parse((await save('hubspot-properties')).text);
  assert.ok(properties.inputs.every((p) => /^[a-z][a-z0-9_]*$/.test(p.name)));
  const salesforce = await save('salesforce');
  assert.ok(salesforce.text.startsWith('Account Name,Website,pqlscope_account_id__c,'));
  const blocks = JSON.parse((await save('slack-blocks')).text);
  assert.ok(blocks.blocks.length <= 50);

  await page.click('[data-tool-export="slack-copy"]');
  await page.waitForSelector('[data-tool-export="slack-copy"][data-copied]');
  const pasted = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(pasted, /^\*pqlscope: segment changes \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\*\n/);
  assert.ok(pasted.includes(' entered: '));

  // Raw ids first, then hashed with the salt: each is WebCrypto's SHA-256 of salt + raw id.
  const raw = (await save('user-traits')).text.split('\n')[1].split(',')[0];
  await page.check('#hash-user-ids');
  await page.fill('#user-id-salt', 'pepper');
  const hashedTraits = await save('user-traits');
  const hashed = hashedTraits.text.split('\n')[1].split(',')[0];
  const expected = await page.evaluate(async (id) => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`pepper${id}`));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, raw);
  assert.equal(hashed, expected);
  assert.ok(!hashedTraits.text.includes(raw));

  // An empty salt is refused with a message, not a file.
  await page.fill('#user-id-salt', '');
  await page.click('[data-tool-export="user-traits"]');
  await page.waitForSelector('#status[data-kind="error"]');
  assert.match(await page.textContent('#status'), /Enter a salt/);
  await shot(page, '20-tool-exports');
  assert.deepEqual(log.errors, []);
  // Nothing left the page: every request is to the page's own server.
  const origin = new URL(env.server.url).origin;
  const away = log.requests.filter((r) => !['blob:', 'data:'].includes(new URL(r.url).protocol) && new URL(r.url).origin !== origin);
  assert.deepEqual(away.map((r) => r.url), []);
  assert.deepEqual(log.violations, []);
  await page.context().close();
});
