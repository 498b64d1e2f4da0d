// Rough timings of the company level (first and next companies() page, one company) and the
// management views: node wasm/bench/views.mjs DIR, DIR holding events.csv, accounts.csv and
// communications.csv (e.g. from pqlscope-gen --accounts 20000 --events 2000000 --out DIR).
import { readFileSync } from 'node:fs';
import { createEngine } from 'pqlscope';
const dir = process.argv[2];
const engine = await createEngine();
const s = engine.ingest();
for (const [n, k] of [['events.csv', 'events'], ['accounts.csv', 'accounts'], ['communications.csv', 'communications']]) s.addFile(n, k).feed(readFileSync(`${dir}/${n}`)).endFile();
s.finish();
const model = JSON.parse(readFileSync('examples/model.json', 'utf8'));
let t = performance.now();
s.rescore(model);
const rescore = performance.now() - t;
t = performance.now();
const page = s.companies({ limit: 100 });
const first = performance.now() - t;
t = performance.now();
s.companies({ limit: 100, sort: 'act' });
const second = performance.now() - t;
t = performance.now();
const detail = s.company(page.rows.find((r) => r.workspaces > 1)?.id ?? page.rows[0].id);
const one = performance.now() - t;
t = performance.now();
const m = s.management();
const mgmt = performance.now() - t;
console.log(JSON.stringify({ accounts: page.workspaces, companies: page.companies, several: page.several, rescore_ms: Math.round(rescore), companies_first_ms: Math.round(first), companies_next_ms: Math.round(second), company_ms: Math.round(one), management_ms: Math.round(mgmt), weeks: m.weekly_active.length, cohorts: m.cohorts.length, workspaces_of_one: detail.workspaces.length }));
