// calibrate() in the package against `pqlscope calibrate`: on the bundled example with an
// outcomes file (converted = the accounts file has a converted_at), the WebAssembly fit gives
// the same report and the same fitted model text as the native CLI; bad outcomes are errors.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from 'pqlscope';
import { cliAvailable, cliPath } from './support/native.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const exampleDir = join(repo, 'examples/data');
const engine = await createEngine();
const skip = !cliAvailable && !process.env.CI && `native CLI not built (${cliPath}): cmake --build --preset native`;
const dir = mkdtempSync(join(tmpdir(), 'pqlscope-calibrate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function outcomesOfExample() {
  const lines = readFileSync(join(exampleDir, 'accounts.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const [id, converted] = [header.indexOf('account_id'), header.indexOf('converted_at')];
  return `account_id,converted\n${lines.slice(1).map((l) => l.split(',')).map((f) => `${f[id]},${f[converted] ? 'yes' : 'no'}`).join('\n')}\n`;
}

function exampleSession() {
  const session = engine.ingest();
  for (const [name, kind] of [['events.csv', 'events'], ['accounts.csv', 'accounts'], ['communications.csv', 'communications']]) {
    session.addFile(name, kind).feed(readFileSync(join(exampleDir, name))).endFile();
  }
  session.finish();
  return session;
}

test('calibrate(): the same report and fitted model as pqlscope calibrate', { skip }, () => {
  for (const name of ['events.csv', 'accounts.csv', 'communications.csv']) copyFileSync(join(exampleDir, name), join(dir, name));
  copyFileSync(join(repo, 'examples/model.json'), join(dir, 'model.json'));
  const outcomes = outcomesOfExample();
  writeFileSync(join(dir, 'outcomes.csv'), outcomes);
  execFileSync(cliPath, ['calibrate', 'events.csv', '--accounts', 'accounts.csv', '--comms', 'communications.csv',
    '--model', 'model.json', '--outcomes', 'outcomes.csv', '--out', 'fitted.json', '--report', 'fit.json'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });

  const session = exampleSession();
  try {
    session.score(readFileSync(join(dir, 'model.json'), 'utf8'), { report: false });
    const result = session.calibrate(new TextEncoder().encode(outcomes));
    assert.deepEqual(result.report, JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8')));
    assert.equal(result.modelText, readFileSync(join(dir, 'fitted.json'), 'utf8'));
    assert.equal(typeof result.model.calibration.intercept, 'number');
    // Scored with the fitted model, each trial account's conversion_probability is the
    // calibrated one, and the forecast adds deal value x it.
    const report = session.score(result.model);
    let forecast = 0;
    let rounding = 0.01;  // the report's probabilities are rounded to 4 decimals
    for (const account of report.accounts) {
      if (account.persona === null) assert.equal(account.conversion_probability, null);
      else {
        forecast += account.persona.deal_value * account.conversion_probability;
        rounding += account.persona.deal_value * 0.00005;
      }
    }
    assert.ok(Math.abs(forecast - report.summary.forecast_revenue) <= rounding, `${forecast} vs ${report.summary.forecast_revenue}`);
  } finally {
    session.delete();
  }
});

test('calibrate(): bad outcomes rows and options are errors naming them', () => {
  const session = exampleSession();
  try {
    session.score(null, { report: false });
    assert.throws(() => session.calibrate('account_id,converted\nacc_00001,perhaps\n'), /line 2: converted: expected yes or no, got "perhaps"/);
    assert.throws(() => session.calibrate(outcomesOfExample(), { heldOutPercent: 95 }), /held_out_percent must be a number from 0 to 90/);
    assert.throws(() => session.calibrate(outcomesOfExample(), { bias: 1 }), /unknown key bias/);
  } finally {
    session.delete();
  }
});
