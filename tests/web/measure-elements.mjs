// How long <pql-spectrum>.draw() takes for N synthetic accounts (not a test: no figure is
// asserted). Builds examples/elements (in the repository, so `pqlscope` resolves to it), serves
// it with web/serve.mjs and times draw() in Chromium.
//   node tests/web/measure-elements.mjs [--accounts 100000] [--runs 5]
import { execFileSync } from 'node:child_process';
import { repo, startServer, launch, openPage } from './support.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : fallback; };
const accounts = opt('--accounts', 100000);
const runs = opt('--runs', 5);

execFileSync(process.execPath, [`${repo}node_modules/vite/bin/vite.js`, 'build', `${repo}examples/elements`, '--logLevel', 'warn'], { stdio: 'inherit' });
const server = await startServer(`${repo}examples/elements/dist`);
const browser = await launch();
try {
  const { page } = await openPage(browser, server.url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60000 });
  const times = await page.evaluate(({ n, runs }) => {
    const el = document.getElementById('spectrum');
    // A deterministic spread of accounts over the chart, every persona, stage and group.
    const personas = ['golden_lead', 'silent_success', 'contrary_converter', 'positive_procrastinator', 'fizzler', 'incompatible_ignoramus', 'heartbreaker', 'unclassified'];
    const chart = {
      ids: Array.from({ length: n }, (_, i) => `acc_${i}`), names: Array.from({ length: n }, (_, i) => `Account ${i}`),
      activation: Float64Array.from({ length: n }, (_, i) => (i * 37) % 101), engagement: Float64Array.from({ length: n }, (_, i) => (i * 61) % 100),
      dealValue: Float64Array.from({ length: n }, (_, i) => 1000 + ((i * 7919) % 50000)),
      persona: Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 255 : i % 8)), pql: Uint8Array.from({ length: n }, (_, i) => i % 5 === 0),
      stage: new Uint8Array(n), expectedRevenue: new Float64Array(n), personaCell: new Uint8Array(n).fill(255), segmentGroup: Uint8Array.from({ length: n }, (_, i) => i % 4 === 3 ? 255 : i % 4),
      labels: { personas, stages: ['trial', 'free', 'self_serve', 'enterprise', 'churned'], levels: ['low', 'medium', 'high'], communication: ['low', 'active'], groups: ['sales', 'product_led', 'customer_success'], cells: [] },
    };
    const out = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      el.draw(chart, { colourBy: r % 2 ? 'group' : 'persona' });
      out.push(performance.now() - t0);
    }
    return out;
  }, { n: accounts, runs });
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`<pql-spectrum>.draw(), ${accounts} accounts: median ${sorted[Math.floor(runs / 2)].toFixed(1)} ms (runs: ${times.map((t) => t.toFixed(1)).join(', ')})`);
} finally {
  await browser.close();
  server.stop();
}
