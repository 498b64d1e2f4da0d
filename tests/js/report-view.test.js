// The per-view queries (report-view.js) and the streamed report, checked against the whole
// report of the same scoring: every answer must be what a page would have computed from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, connectWorker, ReportView } from 'pqlscope';
import { fakeWorker as workerOn } from './support/fake-worker.js';


const repo = fileURLToPath(new URL('../../', import.meta.url));
const FILES = [['events.csv', 'events'], ['accounts.csv', 'accounts'], ['communications.csv', 'communications']];
const bytesOf = (name) => readFileSync(join(repo, 'examples/data', name));
const model = readFileSync(join(repo, 'examples/model.json'), 'utf8');
const engine = await createEngine();

function scoredExample() {
  const session = engine.ingest();
  for (const [name, kind] of FILES) session.addFile(name, kind).feed(bytesOf(name)).endFile();
  session.finish();
  const report = session.score(model);  // with users
  return { session, report };
}

const byEngagementDesc = (accounts) => accounts.map((a, i) => ({ a, i }))
  .sort((x, y) => ((y.a.engagement.score ?? -Infinity) - (x.a.engagement.score ?? -Infinity)) || x.i - y.i).map((x) => x.a);

test('report pieces join to the report text; a new scoring ends an unfinished iteration', () => {
  const { session } = scoredExample();
  try {
    for (const includeUsers of [false, true]) {
      const whole = session.reportText({ includeUsers });
      const pieces = [...session.reportPieces({ includeUsers }, { batch: 7 })];
      assert.ok(pieces.length > 40);
      assert.equal(pieces.join(''), whole);
      // The same pieces as UTF-8 bytes, and their concatenation is reportBytes().
      const bytes = [...session.reportPieceBytes({ includeUsers }, { batch: 7 })];
      assert.equal(bytes.length, pieces.length);
      bytes.forEach((b, i) => assert.equal(new TextDecoder().decode(b), pieces[i]));
      assert.deepEqual(Buffer.concat(bytes), Buffer.from(session.reportBytes({ includeUsers })));
    }
    const it = session.reportPieces({}, { batch: 1 });
    it.next();
    session.rescore(model);
    assert.throws(() => it.next(), /no report being written/);
  } finally {
    session.delete();
  }
});

test('view: overview, sorted pages, filters and one account agree with the whole report', () => {
  const { session, report } = scoredExample();
  try {
    const view = new ReportView(session);
    const overview = view.refresh();
    const { accounts, users, segments, user_segments: userSegments, alerts, history, ...head } = report;
    for (const [key, value] of Object.entries(head)) assert.deepEqual(overview[key], value, key);
    assert.equal(overview.accounts, undefined);
    assert.equal(overview.users, undefined);
    assert.equal(overview.history, undefined);  // asked for per account (accountHistory) or as columns (scoreHistory)
    // One account's history equals the report's history element of that account.
    const e = 3;
    const traced = view.accountHistory(report.accounts[e].id);
    assert.deepEqual([traced.days, traced.activation, traced.engagement],
      [history.days, history.accounts[e].activation, history.accounts[e].engagement]);
    assert.ok(traced.moves.every((m) => history.days.includes(m.day) && ['entered', 'left'].includes(m.change)));
    const columns = session.scoreHistory();
    const n = report.accounts.length;
    const k = history.days.length - 1;
    assert.equal(columns.activation.length, history.days.length * n);
    // The report rounds to 4 decimals; the columns are the engine's doubles.
    assert.ok(Math.abs(columns.engagement[k * n + e] - history.accounts[e].engagement[k]) < 1e-4);
    assert.equal(columns.days.at(-1), report.as_of);
    assert.equal(view.accountHistory('no-such-account'), null);
    assert.deepEqual(overview.segments.map((s) => [s.id, s.count, s.members]), segments.map((s) => [s.id, s.count, undefined]));
    const pqlAlerts = alerts.segments.find((s) => s.segment === 'pql');
    assert.equal(overview.segments.find((s) => s.id === 'pql').entered, pqlAlerts.entered.length);
    assert.equal(overview.alerts.persona_changes, alerts.personas.length);

    // All accounts, by engagement, in pages.
    const sorted = byEngagementDesc(accounts);
    const first = view.rows({ limit: 50 });
    assert.equal(first.total, accounts.length);
    assert.deepEqual(first.rows.map((r) => r.account), sorted.slice(0, 50));
    const third = view.rows({ offset: 100, limit: 50 });
    assert.deepEqual(third.rows.map((r) => r.account.id), sorted.slice(100, 150).map((a) => a.id));
    const byName = view.rows({ sort: 'name', descending: false, limit: 5000 }).rows.map((r) => r.account.info.name || r.account.id);
    assert.deepEqual(byName, [...byName].sort(new Intl.Collator().compare));

    // A segment keeps its members' order, values, reasons and "new" flags.
    const pql = segments.find((s) => s.id === 'pql');
    const rows = view.rows({ where: { segment: 'pql' }, sort: 'rank', descending: false, limit: 5000 }).rows;
    assert.equal(rows.length, pql.members.length);
    assert.deepEqual(rows.map((r) => [r.account.id, r.member.value, r.member.reason]), pql.members.map((m) => [m.account, m.value, m.reason]));
    const entered = new Set(pqlAlerts.entered.map((m) => m.account));
    assert.deepEqual(rows.filter((r) => r.member.entered).map((r) => r.account.id).sort(), [...entered].sort());
    const byValue = view.rows({ where: { segment: 'pql' }, sort: 'value', limit: 5000 }).rows.map((r) => r.member.value);
    assert.deepEqual(byValue, pql.members.map((m) => m.value).sort((a, b) => b - a));
    const power = userSegments.find((s) => s.members.length > 0);
    const userRows = view.rows({ where: { segment: power.id }, sort: 'rank', descending: false, limit: 5000 }).rows;
    assert.deepEqual(userRows.map((r) => [r.account.id, r.member.user]), power.members.map((m) => [m.account, m.user]));

    // Persona, persona-grid cell, ids and search filters.
    for (const persona of ['golden_lead', 'fizzler', 'unclassified']) {
      const expected = accounts.filter((a) => a.persona?.persona === persona).length;
      assert.equal(view.rows({ where: { persona }, limit: 0 }).total, expected, persona);
    }
    for (const cell of report.personas.grid) {
      const where = { cell: { activation: cell.activation, engagement: cell.engagement, communication: cell.communication } };
      const got = view.rows({ where, limit: 5000 }).rows;
      assert.equal(got.length, cell.accounts);
      assert.ok(got.every((r) => r.account.persona.levels.activation === cell.activation && r.account.persona.levels.communication === cell.communication));
    }
    const ids = [accounts[5].id, 'no-such-account', accounts[2].id, accounts[5].id];
    assert.deepEqual(view.rows({ where: { ids }, sort: 'name' }).rows.map((r) => r.account.id).sort(), [accounts[2].id, accounts[5].id].sort());
    const named = accounts.find((a) => a.info?.name);
    const q = named.info.name.slice(1, 6).toUpperCase();
    const found = view.rows({ where: { search: q }, limit: 5000 }).rows.map((r) => r.account.id);
    assert.deepEqual(found.sort(), accounts.filter((a) => a.id.toLowerCase().includes(q.toLowerCase()) || (a.info?.name ?? '').toLowerCase().includes(q.toLowerCase())).map((a) => a.id).sort());

    // One account with its users and their tags.
    const busiest = [...accounts].sort((a, b) => b.users.count - a.users.count)[0];
    const one = view.account(busiest.id);
    assert.deepEqual(one.account, busiest);
    assert.deepEqual(one.users, users.filter((u) => u.account === busiest.id));
    const tags = Object.fromEntries(userSegments.flatMap((s) => s.members.filter((m) => m.account === busiest.id)
      .map((m) => [m.user, s.id.startsWith('power') ? 'power' : s.id.startsWith('problem') ? 'problem' : s.id])));
    assert.deepEqual(one.userTags, tags);
    assert.equal(view.account('no-such-account'), null);

    assert.throws(() => view.rows({ sort: 'bogus' }), RangeError);
    assert.throws(() => view.rows({ limit: 1e6 }), RangeError);
    assert.throws(() => view.rows({ where: { segment: 'nope' } }), /no segment/);
    assert.throws(() => view.rows({ where: { cell: { activation: 'hgih', engagement: 'low', communication: 'low' } } }), /no persona grid cell/);
  } finally {
    session.delete();
  }
});

test('worker: overview, rows, account and the report as a Blob, after scoring and after a re-score', async (t) => {
  const client = connectWorker(workerOn(engine));
  t.after(() => client.terminate());
  await client.ingest(FILES.map(([name, kind]) => ({ file: new File([bytesOf(name)], name), kind })));
  const { chart } = await client.rescore(model);
  assert.equal(chart.names.length, chart.ids.length);
  assert.equal(chart.expectedRevenue.length, chart.ids.length);
  const { session, report } = scoredExample();
  try {
    const overview = await client.overview();
    assert.deepEqual(overview.summary, report.summary);
    // rescore() leaves the alerts for later; the overview computes them: the same as score()'s.
    const { alerts } = report;
    assert.deepEqual(overview.alerts, { from: alerts.from, to: alerts.to, entered: alerts.entered, left: alerts.left, persona_changes: alerts.personas.length });
    assert.deepEqual(overview.segments.map((s) => [s.id, s.entered, s.left]),
      report.segments.map((s) => [s.id, alerts.segments.find((a) => a.segment === s.id)?.entered.length ?? 0, alerts.segments.find((a) => a.segment === s.id)?.left.length ?? 0]));
    const { accountsCsv, alertsCsv } = await client.exports();
    assert.equal(alertsCsv, session.alertsCsv());
    assert.equal(accountsCsv, session.accountsCsv());
    const page = await client.rows({ where: { persona: 'golden_lead' }, sort: 'exp', limit: 3 });
    const golden = report.accounts.filter((a) => a.persona?.persona === 'golden_lead');
    assert.equal(page.total, golden.length);
    assert.deepEqual(page.rows.map((r) => r.account.persona.expected_revenue),
      golden.map((a) => a.persona.expected_revenue).sort((a, b) => b - a).slice(0, 3));
    assert.deepEqual((await client.account(report.accounts[0].id)).account, report.accounts[0]);
    const blob = await client.reportBlob({ includeUsers: false });
    assert.equal(await blob.text(), session.reportText({ includeUsers: false }));

    // A re-score with another model: the next query answers for it, not the previous one.
    const edited = JSON.parse(model);
    edited.deal_size.pql_activation = { small: 0, mid: 0, large: 0 };
    await client.rescore(edited);
    const after = await client.overview();
    session.rescore(JSON.stringify(edited));
    assert.equal(after.summary.pqls, session.overview().summary.pqls);
    assert.notEqual(after.summary.pqls, overview.summary.pqls);
  } finally {
    session.delete();
  }
});
