// Figures for the dashboard (not a pass/fail test): drop-to-spectrum time for generated events,
// re-score latency after a model edit, hover latency. Needs the generator (native build):
//   node tests/web/measure.mjs [--events 1000000] [--accounts 20000] [--dir DIR]
// Files are generated into DIR (default build/web-measure/<events>) unless already there.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { repo, startServer, launch, openPage, waitReady, shot } from './support.js';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const events = Number(opt('--events', 1000000));  // with --dir: what the files were generated with (reported as is)
const accounts = Number(opt('--accounts', 20000));
const dir = opt('--dir', `${repo}build/web-measure/${events}-${accounts}`);
const gen = process.env.PQLSCOPE_GEN ?? `${repo}build/native/examples/generator/pqlscope-gen`;
if (!existsSync(`${dir}/events.csv`)) execFileSync(gen, ['--events', String(events), '--accounts', String(accounts), '--out', dir, '--quiet'], { stdio: 'inherit' });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const browser = await launch();
try {
  const { page, log } = await openPage(browser, `${server.url}#data`);
  page.on('crash', () => console.error('page crashed'));
  page.on('console', (m) => console.error(`console.${m.type()}: ${m.text()}`));
  await waitReady(page);
  await page.setInputFiles('#file-input', ['events.csv', 'accounts.csv', 'communications.csv'].map((f) => `${dir}/${f}`));
  const bytes = ['events.csv', 'accounts.csv', 'communications.csv'].reduce((n, f) => n + statSync(`${dir}/${f}`).size, 0);
  const t0 = Date.now();
  await page.click('#score-files');
  await page.waitForFunction(() => Number(document.querySelector('#spectrum')?.dataset.points) > 1000, null, { timeout: 600000, polling: 20 });
  const dropToSpectrum = Date.now() - t0;
  const points = Number(await page.getAttribute('#spectrum', 'data-points'));
  const drawMs = Number(await page.getAttribute('#spectrum', 'data-draw-ms'));
  await page.waitForTimeout(500);
  await shot(page, `measure-spectrum-${events}`);
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);

  // Hover: synthetic pointer moves on the canvas, timed in the page until the tooltip names the point.
  const hover = await page.evaluate(async () => {
    const app = window.pqlscopeApp;
    const canvas = document.querySelector('#spectrum canvas');
    const ids = app.accountIds();
    const times = [];
    let last = '';
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    for (let k = 0; k < 30; k++) {
      const at = app.pointOf(ids[(k * 7919) % ids.length]);
      if (!at) continue;
      const t = performance.now();
      canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: at.x, clientY: at.y, bubbles: true }));
      let shown = false;
      for (let i = 0; i < 120 && !shown; i++) {
        const text = document.querySelector('.tip')?.textContent ?? '';
        shown = text !== '' && text !== last;
        if (shown) last = text;
        else await frame();
      }
      times.push(shown ? performance.now() - t : NaN);
      await frame();
    }
    return times;
  });
  await shot(page, `measure-hover-${events}`);

  // Re-score after an edit: summary + chart columns, then the full report.
  await page.evaluate(() => { location.hash = 'model'; });
  await page.waitForSelector('#model-spectrum[data-points]');
  const rescore = [];
  console.error('drop to spectrum', dropToSpectrum, 'ms; hover', JSON.stringify(hover));
  for (let k = 0; k < 3; k++) {
    await page.evaluate(() => { const i = document.querySelector('#rescore-info'); delete i.dataset.ms; delete i.dataset.fullMs; });
    const input = page.getByLabel('Importance of report_created');
    const v = (await input.inputValue()) === '9' ? '2' : '9';  // a change event needs a new value
    await input.fill(v);
    const t = Date.now();
    await input.press('Tab');
    await page.waitForFunction(() => document.querySelector('#rescore-info')?.dataset.fullMs || document.querySelector('#model-errors li'), null, { timeout: 120000 });
    const failed = await page.$('#model-errors li');
    if (failed) throw new Error(`re-score failed: ${await failed.textContent()}`);
    rescore.push({ quickMs: Number(await page.getAttribute('#rescore-info', 'data-ms')), fullMs: Number(await page.getAttribute('#rescore-info', 'data-full-ms')), wallMs: Date.now() - t });
  }
  const found = hover.filter((x) => !Number.isNaN(x));
  console.log(JSON.stringify({
    events, accounts: points, bytes, dropToSpectrumMs: dropToSpectrum, spectrumDrawMs: drawMs, mainHeapBytes: heap,
    hoverMs: { median: median(found), max: Math.max(...found), samples: found.length, missed: hover.length - found.length },
    rescore, errors: log.errors,
  }, null, 2));
} finally {
  await browser.close();
  server.stop();
}
