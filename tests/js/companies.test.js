// The company level (rollup) and the management views in the package: IngestSession.companies(),
// company(), management() and the same through the Worker RPC. Expected values are worked out
// by hand from the small files below (comments per number).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import { createEngine, connectWorker } from 'pqlscope';
import { createWorkerHandler } from '../../wasm/js/worker-handler.js';

const engine = await createEngine();
const encode = (text) => new TextEncoder().encode(text);

// acme.com has two workspaces: acme-eng created a project, acme-sales invited. solo.io created
// three projects. Checklist create + invite: each acme workspace 50 %, the company 100 %.
const EVENTS = 'timestamp,account_id,user_id,event\n' +
  '2024-03-01T12:00:00Z,acme-eng,ann,create_project\n' +
  '2024-03-02T12:00:00Z,acme-sales,bob,invite\n' +
  '2024-03-02T12:00:00Z,solo,cat,create_project\n2024-03-02T12:00:01Z,solo,cat,create_project\n2024-03-02T12:00:02Z,solo,cat,create_project\n';
const ACCOUNTS = 'account_id,domain,name,plan,industry,owner\n' +
  'acme-eng,https://www.acme.com,Acme Engineering,trial,Fintech,Ann\n' +
  'acme-sales,acme.com,Acme Sales,trial,fintech,Bob\n' +
  'solo,solo.io,Solo,trial,Retail,Ann\n';
const MODEL = {
  activation: { steps: [{ id: 'create', events: 'create_project' }, { id: 'invite', events: 'invite' }] },
  engagement: { importance: { create_project: 1, invite: 1 } },
};

function scoredSession(t) {
  const session = engine.ingest();
  t.after(() => session.delete());
  session.addFile('events.csv', 'events').feed(encode(EVENTS)).endFile();
  session.addFile('accounts.csv', 'accounts').feed(encode(ACCOUNTS)).endFile();
  session.finish();
  session.rescore(MODEL);
  return session;
}

test('companies(): workspaces rolled up by domain and scored on their union', (t) => {
  const session = scoredSession(t);
  const page = session.companies();
  assert.deepEqual([page.enabled, page.key, page.workspaces, page.companies, page.several, page.total], [true, 'domain', 3, 2, 1, 2]);
  // Engagement, importance 1 each: raw acme 2, solo 3; p90 of two values is the larger, 3:
  // solo 100, acme 66.6667 (descending by default).
  assert.deepEqual(page.rows.map((r) => [r.id, r.workspaces, r.engagement.score]), [['solo.io', 1, 100], ['acme.com', 2, 66.6667]]);
  assert.equal(page.rows[1].activation.rate, 100);
  assert.equal(page.rows[1].info.name, 'Acme Engineering');  // the primary workspace's name
  const several = session.companies({ several: true, sort: 'name', descending: false });
  assert.deepEqual(several.rows.map((r) => r.id), ['acme.com']);
  assert.throws(() => session.companies({ sort: 'size' }), TypeError);
});

test('company(): a company with its workspaces at the account level', (t) => {
  const session = scoredSession(t);
  const detail = session.company('acme.com');
  assert.equal(detail.company.workspaces, 2);
  assert.deepEqual(detail.workspaces.map((w) => [w.id, w.activation.rate]), [['acme-eng', 50], ['acme-sales', 50]]);
  assert.throws(() => session.company('nope.com'), /no company "nope.com"/);
});

test('management(): this month\'s signups, engagement by owner, weekly active accounts', (t) => {
  const session = scoredSession(t);
  const m = session.management();
  assert.equal(m.as_of, '2024-03-02');
  // All three started in March (first events): activation 50 each (one step of two). Account
  // engagement: raws 1, 1, 3; p90 of three is the 3rd value, 3: 33.33, 33.33, 100, mean 500 / 9.
  assert.deepEqual(m.this_month, { month: '2024-03', accounts: 3, with_checklist: 3, mean_activation: 50, activated: 0, mean_engagement: 55.5556 });
  // Owners: Ann (acme-eng 33.33, solo 100: mean 66.6667) and Bob (acme-sales).
  assert.deepEqual(m.by_owner.map((g) => [g.value, g.accounts, g.mean_engagement]), [['Ann', 2, 66.6667], ['Bob', 1, 33.3333]]);
  assert.deepEqual(m.by_industry.map((g) => [g.value, g.accounts]), [['Fintech', 2], ['Retail', 1]]);
  assert.deepEqual(m.weekly_active, [{ week_end: '2024-03-02', active: 3, existing: 3 }]);
});

// A Worker stand-in: port1 is the client's "worker", port2 runs the handler.
function fakeWorker() {
  const { port1, port2 } = new MessageChannel();
  const handle = createWorkerHandler(Promise.resolve(engine), (message, transfer) => port2.postMessage(message, transfer));
  port2.on('message', (message) => handle(message));
  port1.terminate = () => { port1.close(); port2.close(); };
  port1.start();
  return port1;
}

test('worker: companies, company and management answer as the session does', async (t) => {
  const client = connectWorker(fakeWorker());
  t.after(() => client.terminate());
  await assert.rejects(client.companies(), /no finished ingest/);
  await client.ingest([{ file: new Blob([EVENTS]), name: 'events.csv', kind: 'events' }, { file: new Blob([ACCOUNTS]), name: 'accounts.csv', kind: 'accounts' }]);
  await client.rescore(MODEL);
  const direct = scoredSession(t);
  assert.deepEqual(await client.companies({ limit: 1 }), direct.companies({ limit: 1 }));
  assert.deepEqual(await client.company('acme.com'), direct.company('acme.com'));
  assert.deepEqual(await client.management(), direct.management());
});
