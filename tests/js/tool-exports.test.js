// The package's tool-ready exports (docs/exports.md): the same bytes as the CLI's files, within
// each tool's documented rules, and user ids hashed as WebCrypto's SHA-256 of salt + id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, connectWorker } from 'pqlscope';
import { createWorkerHandler } from '../../wasm/js/worker-handler.js';
import { cliAvailable, cliPath } from './support/native.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const data = join(repo, 'examples/data');
const FILES = [['events.csv', 'events'], ['accounts.csv', 'accounts'], ['communications.csv', 'communications']];
const model = readFileSync(join(repo, 'examples/model.json'), 'utf8');
const engine = await createEngine();

function scoredExample() {
  const session = engine.ingest();
  for (const [name, kind] of FILES) session.addFile(name, kind).feed(readFileSync(join(data, name))).endFile();
  session.finish();
  session.score(model, { report: false });
  return session;
}

async function webCryptoHex(text) {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Buffer.from(digest).toString('hex');
}

test('every tool export is byte-identical to the CLI file, hashed ids included', () => {
  assert.ok(cliAvailable, `the native CLI is needed (${cliPath}): build it first`);
  const dir = mkdtempSync(join(tmpdir(), 'pqlscope-tool-exports-'));
  const session = scoredExample();
  try {
    execFileSync(cliPath, ['score', join(data, 'events.csv'), '--accounts', join(data, 'accounts.csv'),
      '--comms', join(data, 'communications.csv'), '--model', join(repo, 'examples/model.json'), '--top', '0',
      '--hubspot', 'hs.csv', '--salesforce', 'sf.csv', '--slack', 'digest.json', '--user-traits', 'users.csv',
      '--hash-user-ids', 'pepper'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    const read = (name) => readFileSync(join(dir, name), 'utf8');
    session.setUserIdSalt('pepper');
    const hubspot = session.toolExport('hubspot');
    assert.equal(hubspot.csv, read('hs.csv'));
    assert.equal(hubspot.properties, read('hs.properties.json'));
    const salesforce = session.toolExport('salesforce');
    assert.equal(salesforce.csv, read('sf.csv'));
    assert.equal(salesforce.fields, read('sf.fields.csv'));
    const slack = session.toolExport('slack');
    assert.equal(slack.blocks, read('digest.json'));
    assert.equal(slack.markdown, read('digest.txt'));
    assert.equal(session.toolExport('userTraits').csv, read('users.csv'));
  } finally {
    session.delete();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('hashed user ids are WebCrypto SHA-256 of salt then id, in the report and the traits', async () => {
  const session = scoredExample();
  try {
    const raw = session.toolExport('userTraits').csv.split('\n').slice(1, 4).map((line) => line.split(',')[0]);
    session.setUserIdSalt('pepper');
    const hashed = session.toolExport('userTraits').csv.split('\n').slice(1, 4).map((line) => line.split(',')[0]);
    assert.deepEqual(hashed, await Promise.all(raw.map((id) => webCryptoHex(`pepper${id}`))));
    const report = session.reportText({ includeUsers: true });
    for (const id of raw) assert.ok(!report.includes(`"${id}"`), id);
    assert.ok(report.includes(hashed[0]));
    session.setUserIdSalt(null);
    assert.deepEqual(session.toolExport('userTraits').csv.split('\n').slice(1, 4).map((line) => line.split(',')[0]), raw);
    assert.throws(() => session.toolExport('marketo'), TypeError);
  } finally {
    session.delete();
  }
});

test('the Slack digest keeps Block Kit limits; HubSpot and Salesforce start with the importers\' columns', () => {
  const session = scoredExample();
  try {
    const slack = session.toolExport('slack');
    const message = JSON.parse(slack.blocks);
    // Slack's Block Kit reference: <= 50 blocks, header text <= 150, section text <= 3,000 characters.
    assert.ok(message.blocks.length <= 50);
    assert.ok(message.text.length > 0);
    for (const block of message.blocks) {
      if (block.type === 'header') assert.ok(block.text.text.length <= 150);
      if (block.type === 'section') assert.ok(block.text.text.length <= 3000);
    }
    assert.ok(slack.entries > 0);
    assert.ok(session.toolExport('hubspot').csv.startsWith('Company Domain Name,Name,'));
    assert.ok(session.toolExport('salesforce').csv.startsWith('Account Name,Website,pqlscope_account_id__c,'));
  } finally {
    session.delete();
  }
});

test('worker: toolExport gives the session\'s bytes and keeps a salt for later outputs', async () => {
  const { port1, port2 } = new MessageChannel();
  const handle = createWorkerHandler(Promise.resolve(engine), (message, transfer) => port2.postMessage(message, transfer));
  port2.on('message', (message) => handle(message));
  port1.start();
  const client = connectWorker(port1);
  const session = scoredExample();
  try {
    await client.ingest(FILES.map(([name, kind]) => ({ file: new File([readFileSync(join(data, name))], name), kind })));
    await client.rescore(model);
    assert.deepEqual(await client.toolExport('slack'), session.toolExport('slack'));
    session.setUserIdSalt('pepper');
    assert.deepEqual(await client.toolExport('userTraits', { salt: 'pepper' }), session.toolExport('userTraits'));
    assert.deepEqual(await client.toolExport('hubspot'), session.toolExport('hubspot'));
  } finally {
    session.delete();
    port1.close();
    port2.close();
  }
});
