// The score history in the dashboard: the account page's weekly chart with segment moves, and
// the spectrum's "as of" replay. Expected numbers come from the example's events file (its
// first and last event days give the weekly points) and from the page's own live spectrum
// (the replay's last week must redraw exactly the scoring's points).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repo, skip, serveAndLaunch, openPage, waitReady, shot } from './support.js';

const env = serveAndLaunch();

// Weekly points back from the as-of day (the last event's day; the example model has no as_of)
// to the first event day (docs/metrics.md, "History").
function expectedWeeks() {
  const lines = readFileSync(`${repo}examples/data/events.csv`, 'utf8').trim().split('\n').slice(1);
  const days = lines.map((l) => Date.parse(l.slice(0, 10)) / 86400000);
  const first = Math.min(...days);
  const last = Math.max(...days);
  const count = Math.floor((last - first) / 7) + 1;
  return { count, firstDay: new Date((last - (count - 1) * 7) * 86400000).toISOString().slice(0, 10),
    lastDay: new Date(last * 86400000).toISOString().slice(0, 10) };
}

test('account page: the score history draws one point a week and marks the segment moves', { skip, timeout: 120000 }, async () => {
  const weeks = expectedWeeks();
  const { page, log } = await openPage(env.browser, `${env.server.url}#account/acc_00001`);
  await waitReady(page);
  await page.waitForSelector('#score-history[data-points] canvas', { timeout: 60000 });
  assert.equal(Number(await page.getAttribute('#score-history', 'data-points')), weeks.count);
  // Every segment the account is in today was entered at some week, so it has at least as
  // many moves as segments, and its list names each of them as entered.
  const segments = await page.$$eval('#account-name ~ p .badge', (b) => b.map((x) => x.textContent));
  const moves = Number(await page.getAttribute('#score-history', 'data-moves'));
  assert.ok(moves >= segments.length, `${moves} moves, ${segments.length} segments`);
  const listed = await page.$$eval('#score-history li.entered', (li) => li.map((x) => x.textContent));
  for (const s of segments.filter((x) => !/meets PQL criteria/.test(x))) {
    assert.ok(listed.some((t) => t.includes(`entered ${s}`)), `no entry into ${s} among ${listed.length}`);
  }
  for (const t of listed) assert.match(t, /^\d{4}-\d{2}-\d{2}: entered /);
  await shot(page, '20-score-history');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});

test('spectrum: the as-of replay moves the points week by week and ends on the scoring day', { skip, timeout: 120000 }, async () => {
  const weeks = expectedWeeks();
  const { page, log } = await openPage(env.browser, env.server.url);
  await waitReady(page);
  await page.waitForSelector('#spectrum[data-points="300"]');
  const live = await page.getAttribute('#spectrum', 'data-signature');
  await page.click('#replay-play');
  // The first week: most accounts had not started, so the points are elsewhere.
  await page.waitForSelector('#replay[data-point="0"]', { timeout: 30000 });
  assert.equal(await page.getAttribute('#replay', 'data-as-of'), weeks.firstDay);
  const first = await page.getAttribute('#spectrum', 'data-signature');
  assert.notEqual(first, live);
  await page.waitForSelector('#replay[data-point="1"]');
  const second = await page.getAttribute('#spectrum', 'data-signature');
  assert.notEqual(second, first);
  // Drag the slider to the last week: the scoring's own points again.
  await page.evaluate(() => { document.querySelector('#replay-play').click(); });  // pause
  await page.evaluate((last) => {
    const s = document.querySelector('#replay-slider');
    s.value = String(last);
    s.dispatchEvent(new Event('input'));
  }, weeks.count - 1);
  await page.waitForSelector(`#replay[data-point="${weeks.count - 1}"]`);
  assert.equal(await page.getAttribute('#replay', 'data-as-of'), weeks.lastDay);
  assert.equal(await page.getAttribute('#spectrum', 'data-signature'), live);
  assert.equal(Number(await page.getAttribute('#replay-slider', 'max')), weeks.count - 1);
  await shot(page, '21-spectrum-replay');
  assert.deepEqual(log.errors, []);
  await page.context().close();
});
