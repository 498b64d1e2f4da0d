// A host page for pqlscope's custom elements: scores the example data (examples/data, next to
// this folder) in the package's Worker and feeds the elements as wasm/README.md ("Custom
// elements") says. The last event is shown on the page; window.events keeps all of them (the
// repository's tests/web/elements.test.js reads it).
import { createWorkerClient } from 'pqlscope';
import 'pqlscope/elements';

const events = [];
for (const type of ['pql-account-select', 'pql-box-select', 'pql-cell-select', 'pql-persona-select', 'pql-account-load']) {
  document.addEventListener(type, (e) => {
    events.push({ type, target: e.target.id, detail: e.detail });
    document.getElementById('picked').textContent = `${type}: ${JSON.stringify(e.detail)}`;
  });
}
window.events = events;

async function start() {
  const client = createWorkerClient();
  const files = [['events.csv', 'events'], ['accounts.csv', 'accounts'], ['communications.csv', 'communications']];
  // new URL(..., import.meta.url): the bundler copies the files in as assets.
  const urls = {
    'events.csv': new URL('../data/events.csv', import.meta.url),
    'accounts.csv': new URL('../data/accounts.csv', import.meta.url),
    'communications.csv': new URL('../data/communications.csv', import.meta.url),
  };
  const [model, ...blobs] = await Promise.all([
    fetch(new URL('../model.json', import.meta.url)).then((r) => r.json()),
    ...files.map(([name]) => fetch(urls[name]).then((r) => r.blob())),
  ]);
  await client.ingest(blobs.map((file, i) => ({ file, name: files[i][0], kind: files[i][1] })));
  const { chart } = await client.rescore(model);
  const overview = await client.overview();
  document.getElementById('spectrum').draw(chart, { model });
  const grid = document.getElementById('grid');
  grid.model = model;
  grid.data = overview;
  document.getElementById('forecast').data = overview;
  const card = document.getElementById('card');
  card.overview = overview;
  card.source = client;
  card.accountId = 'acc_00001';
  window.scored = { ids: chart.ids, trialAccounts: overview.personas.trial_accounts, forecast: overview.personas.forecast.map((f) => f.persona) };
}
start().then(() => { document.body.dataset.ready = 'true'; }, (error) => {
  document.body.dataset.ready = 'error';
  document.getElementById('picked').textContent = String(error?.stack ?? error);
});
