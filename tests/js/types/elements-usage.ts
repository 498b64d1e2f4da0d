// Compiled by `tsc --noEmit -p tests/js` only: pqlscope/elements used as wasm/README.md
// ("Custom elements") shows, so its hand-written .d.ts is checked against real usage.
import { createWorkerClient } from 'pqlscope';
import { PqlSpectrum, PERSONA_COLOUR, PERSONA_LABEL, fmtMoney, thresholdsOf } from 'pqlscope/elements';
import type { CellSelectDetail } from 'pqlscope/elements';
import { GROUPS, COLOUR_BY } from 'pqlscope/elements/vocabulary';

export async function elements(model: object): Promise<string[]> {
  const client = createWorkerClient();
  const { chart } = await client.rescore(model);
  const spectrum = document.createElement('pql-spectrum');
  const sameClass: PqlSpectrum = spectrum;
  if (chart) spectrum.draw(chart, { model: { deal_size: { pql_activation: { small: 40 } } }, colourBy: 'group' });
  spectrum.colourBy = COLOUR_BY[2];
  const point: { x: number; y: number } | null = spectrum.pointOf('acc_1');
  spectrum.addEventListener('pql-account-select', (e) => console.log(e.detail.id, e.detail.name));
  spectrum.addEventListener('pql-box-select', (e) => console.log(e.detail.ids?.length ?? 'cleared'));

  const overview = await client.overview();
  const grid = document.querySelector('pql-persona-grid');
  if (grid) {
    grid.data = overview;
    grid.addEventListener('pql-cell-select', (e) => {
      const detail: CellSelectDetail = e.detail;
      console.log(detail.key, detail.personas.map((p) => PERSONA_LABEL[p]));
    });
  }
  const forecast = document.createElement('pql-forecast-table');
  forecast.data = overview;
  forecast.addEventListener('pql-persona-select', (e) => console.log(PERSONA_COLOUR[e.detail.persona]));

  const card = document.createElement('pql-account-card');
  card.source = client;
  card.accountId = 'acc_1';
  card.addEventListener('pql-account-load', (e) => console.log(e.detail.found));
  card.data = await client.account('acc_1');
  void [sameClass, point];
  return [...GROUPS, fmtMoney(1), ...thresholdsOf(null).map((t) => t.size)];
}
