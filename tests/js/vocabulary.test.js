// One vocabulary: the engine lists its names (Engine.vocabulary, from
// core/include/pqlscope/session/vocabulary.hpp); every typed copy must equal it: the dashboard's
// lists (web/src/format.js) and the unions of the package's .d.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createEngine } from 'pqlscope';
import * as format from '../../web/src/format.js';
import { REASON_TEXT } from '../../web/src/views/mapping-step.js';

const engine = await createEngine();
const vocabulary = engine.vocabulary;
const dts = readFileSync(new URL('../../wasm/js/index.d.ts', import.meta.url), 'utf8');

/** The string literals of `export type Name = 'a' | 'b' ...;` in the .d.ts, in order. */
function union(name) {
  const match = new RegExp(`export type ${name} =([^;]*);`).exec(dts);
  assert.ok(match, `index.d.ts has no type ${name}`);
  return [...match[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
}

/** The property names of `export interface Name { ... }` in the .d.ts. */
function keys(name) {
  const match = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(dts);
  assert.ok(match, `index.d.ts has no interface ${name}`);
  return [...match[1].matchAll(/^\s+(?:readonly )?(\w+)\??:/gm)].map((m) => m[1]);
}

const snake = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

test('the .d.ts unions are the engine\'s lists, in its order', () => {
  assert.deepEqual(union('PersonaName'), vocabulary.personas);
  assert.deepEqual(union('StageName'), vocabulary.stages);
  assert.deepEqual(union('LevelName'), vocabulary.levels);
  assert.deepEqual(union('CommunicationLevelName'), vocabulary.communication);
  assert.deepEqual(union('NetSentimentName'), vocabulary.sentiments);
  assert.deepEqual(union('SentimentMatchName'), vocabulary.sentiment_matches);
  assert.deepEqual(union('SegmentGroupName'), vocabulary.groups);
  assert.deepEqual(union('FileKind'), vocabulary.file_kinds);
  assert.deepEqual(union('InputFormat'), vocabulary.formats);
  assert.deepEqual(union('IngestErrorCode'), vocabulary.error_codes);
  assert.deepEqual(union('EventRole'), vocabulary.roles.events);
  assert.deepEqual(union('ChoiceReason'), vocabulary.choice_reasons);
});

test('the .d.ts option keys are the engine\'s, camelCase', () => {
  assert.deepEqual(keys('IngestOptions').filter((k) => k !== 'bufferBytes').map(snake), vocabulary.ingest_options);
  assert.deepEqual(keys('FileOptions').map(snake), vocabulary.file_options);
  // "report" (the summary-only scoring) is the wrapper's choice between score() and rescore().
  assert.deepEqual(keys('ScoreOptions').map(snake), vocabulary.score_options.filter((k) => k !== 'report'));
});

test('the dashboard\'s lists are the engine\'s', () => {
  assert.deepEqual(format.PERSONAS, vocabulary.personas);
  assert.deepEqual(format.GROUPS, vocabulary.groups);
  assert.deepEqual(format.LEVELS, vocabulary.levels);
  assert.deepEqual(format.COMMUNICATION, vocabulary.communication);
  assert.deepEqual(format.SENTIMENT_MATCHES, vocabulary.sentiment_matches);
  assert.deepEqual(format.DEAL_SIZES, vocabulary.deal_sizes);
  assert.deepEqual(format.FILE_KINDS, vocabulary.file_kinds);
  assert.deepEqual(Object.keys(REASON_TEXT), vocabulary.choice_reasons);  // the mapping step words each reason
  // Display names and colours exist for every persona and group, plus 'none'.
  assert.deepEqual(Object.keys(format.PERSONA_LABEL).sort(), [...vocabulary.personas, 'none'].sort());
  assert.deepEqual(Object.keys(format.PERSONA_COLOUR).sort(), [...vocabulary.personas, 'none'].sort());
  assert.deepEqual(Object.keys(format.GROUP_LABEL).sort(), [...vocabulary.groups, 'none'].sort());
  assert.deepEqual(Object.keys(format.GROUP_COLOUR).sort(), [...vocabulary.groups, 'none'].sort());
});

test('chart labels are parts of the vocabulary; cells name every grid position once', () => {
  const { labels } = engine;
  assert.deepEqual(labels.personas, vocabulary.personas);
  assert.deepEqual(labels.cells, vocabulary.persona_cells);
  const positions = new Set(labels.cells.map((c) => `${c.activation}/${c.engagement}/${c.communication}`));
  assert.equal(positions.size, vocabulary.levels.length * vocabulary.levels.length * vocabulary.communication.length);
});

test('no JavaScript of the package or the page encodes a persona cell itself', () => {
  // The cell index is the engine's (persona_grid_cell in core/src/session/chart_columns.cpp):
  // code that multiplies levels by 6 would be a second copy of the formula.
  for (const dir of ['../../wasm/js/', '../../web/src/', '../../web/src/views/']) {
    for (const name of readdirSync(new URL(dir, import.meta.url)).filter((n) => n.endsWith('.js'))) {
      const text = readFileSync(new URL(dir + name, import.meta.url), 'utf8');
      assert.doesNotMatch(text, /\*\s*6\s*\+/, `${dir}${name}`);
    }
  }
});

test('the JS option names are the engine\'s keys camelCased: a misspelt one is named, not ignored', () => {
  assert.throws(() => engine.ingest({ maxIssue: 3 }), { name: 'TypeError', message: 'max_issue: unknown ingest option' });
  const session = engine.ingest({ maxIssues: 3, maxRecordBytes: 1 << 20, maxJsonDepth: 16, strict: false });
  try {
    assert.throws(() => session.addFile('a.csv', 'events', { epochUnits: 's' }), { name: 'TypeError', message: 'epoch_units: unknown file option' });
    session.addFile('a.csv', 'events', { format: 'csv', epochUnit: 's', mapping: { timestamp: 'timestamp' } });
    session.feed(new TextEncoder().encode('timestamp,account_id,event\n2024-01-01T00:00:00Z,a,x\n'));
    session.finish();
    assert.throws(() => session.score(null, { includeUser: false }), { name: 'TypeError', message: /^include_user: unknown score option/ });
    assert.equal(session.score(null, { asOf: '2024-01-01', includeUsers: false, maxContributions: 2 }).as_of, '2024-01-01');
  } finally {
    session.delete();
  }
});
