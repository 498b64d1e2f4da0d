// The WebAssembly module against the native CLI: the same inputs give byte-identical aggregates
// JSON and the same totals, whatever the chunking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from 'pqlscope';
import { cases } from './support/fixtures.js';
import { cliAvailable, cliPath, fileBytes, runCli } from './support/native.js';
import { ingestCase, randomChunks } from './support/feeding.js';

const engine = await createEngine();
// Without the CLI the parity tests are skipped locally, but never in CI (they would fail there).
const skip = !cliAvailable && !process.env.CI && `native CLI not built (${cliPath}): cmake --build --preset native`;

for (const testCase of cases()) {
  test(`parity: ${testCase.name}`, { skip }, () => {
    const native = runCli(testCase);
    const whole = ingestCase(engine, testCase, fileBytes);
    assert.equal(whole.aggregatesJson + '\n', native.aggregatesJson, 'aggregates JSON differs from `pqlscope ingest --out`');
    for (const key of Object.keys(native.totals)) {
      assert.equal(whole.report[key], native.totals[key], `report.${key}`);
    }
    const reportText = JSON.stringify(whole.report);
    for (let seed = 1; seed <= 6; ++seed) {
      const maxChunk = [1, 7, 64, 333, 4096, 65536][seed - 1];
      const chunked = ingestCase(engine, testCase, fileBytes, (bytes) => randomChunks(bytes, seed, maxChunk));
      assert.equal(chunked.aggregatesJson, whole.aggregatesJson, `aggregates, seed ${seed}, chunks <= ${maxChunk}`);
      assert.equal(JSON.stringify(chunked.report), reportText, `report, seed ${seed}, chunks <= ${maxChunk}`);
    }
  });
}

test('a tiny input buffer splits large chunks without changing anything', () => {
  const [testCase] = cases().filter((c) => c.name.startsWith('generated CSV, shuffled'));
  const big = ingestCase(engine, testCase, fileBytes);
  const tiny = ingestCase(engine, testCase, fileBytes, (bytes) => [bytes], { bufferBytes: 5 });
  assert.equal(tiny.aggregatesJson, big.aggregatesJson);
  assert.deepEqual(tiny.report, big.report);
});
