// The Companies and Management views on the bundled example: company rows expand into their
// workspaces, and the management charts draw. Expected companies come from the example's
// accounts file read here (accounts sharing a domain), not from the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repo, skip, serveAndLaunch, openPage, waitReady, shot } from './support.js';

const env = serveAndLaunch();

// The fields of one RFC 4180 line (quoted fields may hold commas and doubled quotes).
function fields(line) {
  const out = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) { out.push(cell); cell = ''; } else cell += c;
  }
  out.push(cell);
  return out;
}

// Account ids per domain of examples/data/accounts.csv (its domains are plain and lower case).
function workspacesByDomain() {
  const [header, ...lines] = readFileSync(`${repo}examples/data/accounts.csv`, 'utf8').trim().split('\n');
  const cols = fields(header);
  const id = cols.indexOf('account_id');
  const domain = cols.indexOf('domain');
  const by = new Map();
  for (const line of lines) {
    const cells = fields(line);
    const key = cells[domain].toLowerCase();
    by.set(key, [...(by.get(key) ?? []), cells[id]]);
  }
  return by;
}

test('companies: a company row expands into its workspaces', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, `${env.server.url}#companies`);
  await waitReady(page);
  const several = [...workspacesByDomain()].filter(([, ids]) => ids.length >= 2);
  assert.ok(several.length >= 1, 'the example has companies of several workspaces');
  await page.waitForSelector('#companies tr.company');
  assert.match(await page.textContent('#view h2'), /from 300 workspaces/);
  await page.locator('#company-several').check();
  await page.waitForFunction((n) => document.querySelectorAll('#companies tr.company').length === n, several.length);
  const shownIds = await page.$$eval('#companies tr.company', (rows) => rows.map((r) => r.dataset.company));
  assert.deepEqual([...shownIds].sort(), several.map(([domain]) => domain).sort());
  // Expand the first company: its workspaces appear under it, those of the accounts file.
  const first = shownIds[0];
  await page.click(`#companies tr.company[data-company="${first}"] button.expand`);
  await page.waitForSelector(`#companies tr.workspace[data-workspace-of="${first}"]`);
  const workspaces = await page.$$eval(`#companies tr.workspace[data-workspace-of="${first}"]`, (rows) => rows.map((r) => r.dataset.workspace));
  assert.deepEqual(workspaces, [...new Map(several).get(first)].sort());
  assert.equal(await page.getAttribute(`#companies tr.company[data-company="${first}"] button.expand`, 'aria-expanded'), 'true');
  await shot(page, '30-companies');
  // Collapsing removes them again.
  await page.click(`#companies tr.company[data-company="${first}"] button.expand`);
  assert.equal(await page.locator(`#companies tr.workspace[data-workspace-of="${first}"]`).count(), 0);
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('management: this month\'s signups, cohort, group and weekly charts draw', { skip, timeout: 120000 }, async () => {
  const { page, log } = await openPage(env.browser, `${env.server.url}#management`);
  await waitReady(page);
  await page.waitForSelector('#view[data-ready="true"]');
  for (const id of ['mgmt-cohorts-chart', 'mgmt-groups-chart', 'mgmt-weekly-chart']) {
    const points = Number(await page.getAttribute(`#${id}`, 'data-points'));
    assert.ok(points > 0, `${id} has points`);
    const size = await page.$eval(`#${id} canvas`, (c) => c.width * c.height);
    assert.ok(size > 0, `${id} drew on a canvas`);
  }
  assert.match(await page.textContent('#mgmt-this-month h2'), /^This month's signups \(\d{4}-\d{2}\)$/);
  // The plans of the example's accounts file are the groups of the default dimension.
  const plans = await page.$$eval('#mgmt-groups tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
  assert.deepEqual([...plans].sort(), ['churned', 'enterprise', 'free', 'self_serve', 'trial']);
  // The last week's active accounts are the headline's "active this week".
  const lastWeek = await page.$eval('#mgmt-weekly details tbody tr:first-child td:nth-child(2)', (c) => c.textContent);
  assert.equal(lastWeek, await page.textContent('[data-metric="active"] .v'));
  await page.selectOption('#mgmt-dimension', 'by_owner');
  await page.waitForFunction(() => /Engagement by owner/.test(document.querySelector('#mgmt-groups h2').textContent));
  assert.ok(Number(await page.getAttribute('#mgmt-groups-chart', 'data-points')) > 1);
  await shot(page, '31-management');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
