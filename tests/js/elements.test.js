// pqlscope/elements outside a browser: the pure parts (which accounts the spectrum's text
// table lists, the model's lines) with hand-computed answers, the shared vocabulary's
// completeness, and that importing the entry where there is no DOM (server-side rendering)
// defines nothing and throws nothing. The elements themselves run in tests/web/elements.test.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mostEngaged, thresholdsOf, levelsOf, layout } from '../../wasm/js/elements/spectrum-data.js';
import { PERSONAS, PERSONA_LABEL, PERSONA_COLOUR, GROUPS, GROUP_LABEL, GROUP_COLOUR, COLOUR_BY } from 'pqlscope/elements/vocabulary';

test('mostEngaged: highest engagement first, ties by higher activation, then by chart order', () => {
  const data = { n: 6, y: [5, 9, 9, 1, 9, 7], x: [0, 1, 2, 0, 1, 3] };
  // By hand: y=9 at 1 (x1), 2 (x2), 4 (x1) -> 2, then 1 and 4 in chart order; then 5 (y7), 0 (y5), 3 (y1).
  assert.deepEqual(mostEngaged(data, 6), [2, 1, 4, 5, 0, 3]);
  assert.deepEqual(mostEngaged(data, 3), [2, 1, 4]);
  assert.deepEqual(mostEngaged(data, 10), [2, 1, 4, 5, 0, 3]);
  assert.deepEqual(mostEngaged({ n: 0, x: [], y: [] }, 5), []);
});

test('the model\'s lines: PQL activation thresholds by deal size, engagement levels', () => {
  const model = { deal_size: { pql_activation: { small: 40, mid: 60, large: 80 } }, personas: { engagement_levels: { high: 70, low: 30 } } };
  assert.deepEqual(thresholdsOf(model), [{ size: 'small', value: 40 }, { size: 'mid', value: 60 }, { size: 'large', value: 80 }]);
  assert.deepEqual(levelsOf(model), [{ name: 'high ≥ 70', value: 70 }, { name: 'low < 30', value: 30 }]);
  assert.deepEqual(thresholdsOf(null), []);
  assert.deepEqual(levelsOf({}), []);
});

test('layout: one point per account, counted under its colour; NaN activation drawn at 0', () => {
  const chart = {
    ids: ['a', 'b', 'c', 'd'], activation: Float64Array.of(10, NaN, 50, 90), engagement: Float64Array.of(20, 30, 40, 50),
    dealValue: Float64Array.of(100, 200, 300, 400), persona: Uint8Array.of(0, 255, 1, 0), pql: Uint8Array.of(1, 0, 0, 1),
    segmentGroup: Uint8Array.of(255, 0, 2, 2),
    // Label order as the engine may give it; the layout maps names, not indexes.
    labels: { personas: ['silent_success', 'golden_lead'], groups: ['sales', 'product_led', 'customer_success'] },
  };
  const byPersona = layout(chart, 'persona');
  const count = (l, key) => l.perKey[l.cats.keys.indexOf(key)];
  assert.equal(count(byPersona, 'silent_success'), 2);
  assert.equal(count(byPersona, 'golden_lead'), 1);
  assert.equal(count(byPersona, 'none'), 1);
  assert.equal(byPersona.data.x[1], 0);
  const byGroup = layout(chart, 'group');
  assert.deepEqual(['sales', 'product_led', 'customer_success', 'none'].map((k) => count(byGroup, k)), [1, 0, 2, 1]);
  const byPql = layout(chart, 'pql');
  assert.deepEqual([count(byPql, 'pql'), count(byPql, 'not')], [2, 2]);
  // Every account is in exactly one series.
  assert.equal(byPersona.members.reduce((n, m) => n + m.length, 0), 4);
});

test('one vocabulary: a label and a colour for every persona and group, and for "none"', () => {
  for (const p of [...PERSONAS, 'none']) {
    assert.ok(PERSONA_LABEL[p], p);
    assert.match(PERSONA_COLOUR[p], /^#[0-9a-fA-F]{6}$/, p);
  }
  for (const g of [...GROUPS, 'none']) {
    assert.ok(GROUP_LABEL[g], g);
    assert.match(GROUP_COLOUR[g], /^#[0-9a-fA-F]{6}$/, g);
  }
  assert.deepEqual(COLOUR_BY, ['persona', 'group', 'pql']);
});

test('importing pqlscope/elements without a DOM (server-side rendering) throws nothing and defines nothing', async () => {
  const elements = await import('pqlscope/elements');
  assert.equal(typeof elements.PqlSpectrum, 'function');
  assert.equal(typeof elements.PqlAccountCard, 'function');
  assert.equal(globalThis.customElements, undefined);
});
