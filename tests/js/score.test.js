// Scoring through the WebAssembly module against the native CLI: for the bundled example and
// generated data in every format, the report text is byte-identical to `pqlscope score --out`
// (and the CSVs to --csv / --alerts); re-scoring with another model equals a fresh scoring with
// it; the chart columns agree with the report.
import { after, afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, ModelError } from 'pqlscope';
import { cliAvailable, cliPath, genAvailable, generate, runCliScore } from './support/native.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const exampleDir = join(repo, 'examples/data');
const exampleModelPath = join(repo, 'examples/model.json');
const exampleModel = readFileSync(exampleModelPath, 'utf8');
const engine = await createEngine();
const skip = !cliAvailable && !process.env.CI && `native CLI not built (${cliPath}): cmake --build --preset native`;
const skipGen = skip || (!genAvailable && !process.env.CI && 'generator not built: cmake --build --preset native --target pqlscope-gen');

// Sessions a test made, freed after it whatever happened (Node 20 has no `using`).
const live = [];
const owned = (session) => (live.push(session), session);
afterEach(() => { for (const session of live.splice(0)) session.delete(); });

// The CLI writes into its working folder: it runs on a copy of the example, never in the repo.
let exampleCopy = null;
after(() => exampleCopy !== null && rmSync(exampleCopy, { recursive: true, force: true }));  // at top level: after all tests
function copyExample() {
  if (exampleCopy === null) {
    exampleCopy = mkdtempSync(join(tmpdir(), 'pqlscope-example-'));
    for (const name of ['events.csv', 'accounts.csv', 'communications.csv']) copyFileSync(join(exampleDir, name), join(exampleCopy, name));
  }
  return exampleCopy;
}

/** A session holding the folder's events (+ accounts, communications) after finish(). */
function ingestDir(dir, eventsName) {
  const session = engine.ingest();
  try {
    for (const [name, kind] of [[eventsName, 'events'], ['accounts.csv', 'accounts'], ['communications.csv', 'communications']]) {
      if (!existsSync(join(dir, name))) continue;
      session.addFile(name, kind);
      session.feed(readFileSync(join(dir, name)));
      session.endFile();
    }
    session.finish();
    return session;
  } catch (error) {
    session.delete();
    throw error;
  }
}

/** The example model with other importances: a different scoring of the same data. */
function changedModel(text = exampleModel) {
  const model = JSON.parse(text);
  const importance = model.engagement.importance;
  for (const name of Object.keys(importance)) importance[name] = (importance[name] * 3 + 1) % 11;
  model.name = 'changed importances';
  return model;
}

/** The report's number form (round to 4 decimals, NaN -> null) for a typed-array value. */
const reportNumber = (v) => (Number.isNaN(v) ? null : Math.round(v * 1e4) / 1e4);

function assertChartMatchesReport(chart, report) {
  assert.equal(chart.ids.length, report.accounts.length);
  for (const key of ['activation', 'engagement', 'dealValue', 'expectedRevenue', 'persona', 'personaCell', 'pql', 'stage', 'segmentGroup', 'priority']) {
    assert.equal(chart[key].length, report.accounts.length, key);
  }
  report.accounts.forEach((account, i) => {
    const at = `account ${i} (${account.id})`;
    assert.equal(chart.ids[i], account.id, at);
    assert.equal(reportNumber(chart.activation[i]), account.activation.rate, `${at} activation`);
    assert.ok(Math.abs(reportNumber(chart.engagement[i]) - account.engagement.score) < 1e-9 ||
      (account.engagement.score === null && Number.isNaN(chart.engagement[i])), `${at} engagement`);
    assert.equal(reportNumber(chart.dealValue[i]), account.facts.deal_value, `${at} deal value`);
    const persona = chart.persona[i] === 255 ? null : chart.labels.personas[chart.persona[i]];
    assert.equal(persona, account.persona?.persona ?? null, `${at} persona`);
    assert.equal(chart.pql[i], account.segments.includes('pql') ? 1 : 0, `${at} pql`);
    assert.equal(chart.labels.stages[chart.stage[i]], account.facts.stage, `${at} stage`);
    assert.equal(reportNumber(chart.expectedRevenue[i]), account.persona?.expected_revenue ?? 0, `${at} expected revenue`);
    const levels = account.persona?.levels;
    // The cell index names the account's levels through the engine's list of cells.
    const cell = chart.personaCell[i] === 255 ? null : chart.labels.cells[chart.personaCell[i]];
    assert.deepEqual(cell && { ...cell }, levels ? { activation: levels.activation, engagement: levels.engagement, communication: levels.communication } : null, `${at} persona cell`);
    const group = report.segments.find((s) => account.segments.includes(s.id))?.group;
    assert.equal(chart.segmentGroup[i] === 255 ? undefined : chart.labels.groups[chart.segmentGroup[i]], group, `${at} segment group`);
    assert.equal(reportNumber(chart.priority[i]), account.priority, `${at} priority`);
  });
  assert.equal(chart.pql.reduce((n, v) => n + v, 0), report.summary.pqls);
  assert.equal(chart.persona.filter((v) => v !== 255).length, report.summary.trial_accounts);
}

test('score parity: bundled example, its model', { skip }, () => {
  const native = runCliScore(copyExample(), 'events.csv', { model: exampleModelPath });
  const session = owned(ingestDir(exampleDir, 'events.csv'));
  const text = session.scoreText(exampleModel);
  assert.equal(text, native.report, 'report differs from `pqlscope score --out`');
  assert.equal(session.accountsCsv(), native.accountsCsv, 'accounts CSV differs from --csv');
  assert.equal(session.alertsCsv(), native.alertsCsv, 'alerts CSV differs from --alerts');
  assertChartMatchesReport(session.chartData(), JSON.parse(text));
});


test('score parity: bundled example with --as-of, --no-users, and the starter model', { skip }, () => {
  const dir = copyExample();
  const session = owned(ingestDir(exampleDir, 'events.csv'));
  const pastNoUsers = runCliScore(dir, 'events.csv', { model: exampleModelPath, asOf: '2026-05-15', noUsers: true });
  assert.equal(session.scoreText(exampleModel, { asOf: '2026-05-15', includeUsers: false }), pastNoUsers.report);
  assert.equal(session.accountsCsv(), pastNoUsers.accountsCsv);
  assert.equal(session.alertsCsv(), pastNoUsers.alertsCsv);
  const starter = runCliScore(dir, 'events.csv');
  assert.equal(session.scoreText(null), starter.report, 'starter model (score without --model)');
  assert.equal(session.accountsCsv(), starter.accountsCsv);
  // reportText() re-renders the last scoring with other report options.
  const withUsers = session.scoreText(undefined);
  assert.equal(session.reportText(), withUsers);
  // Compact by default, two-space indentation with pretty: both as JSON.stringify writes them.
  const withoutUsers = (({ users, ...rest }) => rest)(JSON.parse(withUsers));
  assert.equal(session.reportText({ includeUsers: false }), JSON.stringify(withoutUsers) + '\n');
  assert.equal(session.reportText({ includeUsers: false, pretty: true }), JSON.stringify(withoutUsers, null, 2) + '\n');
  assert.equal(withUsers, JSON.stringify(JSON.parse(withUsers)) + '\n', 'the report is compact by default');
});

const generatedCases = [
  { format: 'csv', shape: 'plain' },
  { format: 'ndjson', shape: 'plain' },
  { format: 'ndjson', shape: 'segment' },
  { format: 'ndjson', shape: 'mixpanel' },
  { format: 'ndjson', shape: 'amplitude' },
  { format: 'ndjson', shape: 'posthog' },
];

for (const { format, shape } of generatedCases) {
  test(`score parity: generated ${format} (${shape}), 20k events, 100 accounts`, { skip: skipGen }, (t) => {
    const { dir, events } = generate({ format, shape, events: 20000, accounts: 100 });
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const changedPath = join(dir, 'changed-model.json');
    writeFileSync(changedPath, JSON.stringify(changedModel()));
    const native = runCliScore(dir, events, { model: exampleModelPath });
    const nativeChanged = runCliScore(dir, events, { model: changedPath });
    const nativeStarter = runCliScore(dir, events, { noUsers: true });
    const session = owned(ingestDir(dir, events));
    const text = session.scoreText(exampleModel);
    assert.equal(text, native.report, 'report differs from `pqlscope score --out`');
    assert.equal(session.accountsCsv(), native.accountsCsv, 'accounts CSV differs from --csv');
    assert.equal(session.alertsCsv(), native.alertsCsv, 'alerts CSV differs from --alerts');
    const report = JSON.parse(text);
    assert.ok(report.ingest.events > 15000 && report.ingest.rejected === 0, `events read: ${report.ingest.events}`);
    assert.ok(report.summary.accounts >= 100 && report.summary.pqls > 0, 'a non-trivial scoring');
    assertChartMatchesReport(session.chartData(), report);
    // Re-scoring the kept aggregates with another model (an object this time).
    const changed = session.scoreText(changedModel());
    assert.notEqual(changed, text);
    assert.equal(changed, nativeChanged.report, 'rescored report differs from the CLI with that model');
    assert.equal(session.accountsCsv(), nativeChanged.accountsCsv);
    assertChartMatchesReport(session.chartData(), JSON.parse(changed));
    assert.equal(session.scoreText(null, { includeUsers: false }), nativeStarter.report, 'starter model, --no-users');
    assert.equal(session.scoreText(exampleModel), text, 'back to the first model');
  });
}

test('rescoring equals a fresh scoring with the new model; chart copies outlive rescoring and delete()', () => {
  const session = ingestDir(exampleDir, 'events.csv');
  const first = session.scoreText(exampleModel);
  const firstChart = session.chartData();
  const snapshot = firstChart.engagement.slice();
  const summary = session.rescore(changedModel());
  const rescored = session.scoreText(changedModel());
  const rescoredChart = session.chartData();
  assert.deepEqual(firstChart.engagement, snapshot, 'an earlier chart copy is not touched by re-scoring');
  session.delete();
  assert.equal(firstChart.engagement.length, snapshot.length, 'copies survive delete()');

  const fresh = owned(ingestDir(exampleDir, 'events.csv'));
  assert.equal(fresh.scoreText(changedModel()), rescored);
  assert.deepEqual(fresh.chartData(), rescoredChart);
  const report = JSON.parse(rescored);
  assert.deepEqual(summary, {
    as_of: report.as_of, accounts: report.summary.accounts, users: report.summary.users,
    pqls: report.summary.pqls, trial_accounts: report.summary.trial_accounts, forecast_revenue: report.summary.forecast_revenue,
  });
  assert.notEqual(rescored, first);
  assert.ok(firstChart.engagement.some((v, i) => v !== rescoredChart.engagement[i]), 'the new importances change engagement');
});

test('score errors: before finish, invalid model (ModelError, kept scoring intact), bad options, chartData before score', () => {
  const session = owned(engine.ingest());
  assert.throws(() => session.score(exampleModel), { name: 'Error', message: /after finish\(\)/ });
  session.addFile('e.csv').feed(new TextEncoder().encode('timestamp,account_id,user_id,event\n2024-01-01,a,u,x\n')).endFile();
  session.finish();
  assert.throws(() => session.chartData(), { name: 'Error', message: /score\(\) first/ });
  assert.throws(() => session.accountsCsv(), { message: /score\(\) first/ });
  const good = session.scoreText({ engagement: { importance: { x: 5 } } });
  assert.throws(() => session.score({ activation: { steps: 3 }, nope: 1 }), (error) => {
    assert.ok(error instanceof ModelError);
    assert.match(error.message, /^the model is not valid:\nerror: /);
    assert.deepEqual(error.validation.errors.map((e) => e.path).sort(), ['/activation/steps', '/nope']);
    return true;
  });
  assert.throws(() => session.score('{"activation": '), (error) => error instanceof ModelError && error.validation.errors[0].line === 1);
  assert.equal(session.reportText(), good, 'a failed scoring keeps the previous one');
  assert.throws(() => session.score(null, { asOf: '2024-02-30' }), { name: 'TypeError', message: "as_of: expected a date YYYY-MM-DD, got '2024-02-30'" });
  assert.throws(() => session.score(null, { includeUsers: 'yes' }), { name: 'TypeError', message: /^include_users: / });
  assert.throws(() => session.score(42), TypeError);
  assert.equal(JSON.parse(session.scoreText(null, { asOf: new Date(Date.UTC(2024, 0, 5, 13)) })).as_of, '2024-01-05');
  assert.deepEqual(session.accountIds(), ['a']);
  assert.equal(session.starterModel().pqlscope_model, 1);
  assert.deepEqual(engine.labels.stages, ['trial', 'free', 'self_serve', 'enterprise', 'churned']);
  assert.equal(engine.labels.personas.length, 8);
});

test('scoring memory is returned by delete()', () => {
  // The warm-up makes the same calls, so that the engine's reused scratch buffers (the
  // normalisation's, sized by the windows of the last call) are in the same state.
  const warm = ingestDir(exampleDir, 'events.csv');
  warm.scoreText(exampleModel);
  warm.rescore(changedModel());
  warm.delete();
  const before = engine.memory().allocatedBytes;
  const session = ingestDir(exampleDir, 'events.csv');
  session.scoreText(exampleModel);
  session.rescore(changedModel());
  session.chartData();
  assert.ok(engine.memory().allocatedBytes > before);
  session.delete();
  assert.equal(engine.memory().allocatedBytes, before);
});
