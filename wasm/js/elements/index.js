// pqlscope/elements: framework-free custom elements that draw a scoring the way the dashboard
// does. Importing this module defines <pql-spectrum>, <pql-persona-grid>, <pql-forecast-table>
// and <pql-account-card> (once; a second copy of the package leaves the first definitions).
// ECharts is needed by this entry only (an optional peer dependency); `pqlscope` stays chart-free.
//
// Every module-level side effect of the entry is here, in the one file package.json lists under
// "sideEffects": bundlers drop top-level statements of the other (pure) modules.
import { echarts, ECHARTS_PARTS, PqlSpectrum } from './spectrum.js';
import { PqlPersonaGrid } from './persona-grid.js';
import { PqlForecastTable } from './forecast-table.js';
import { PqlAccountCard } from './account-card.js';
import { define } from './base.js';

echarts.use(ECHARTS_PARTS);
define('pql-spectrum', PqlSpectrum);
define('pql-persona-grid', PqlPersonaGrid);
define('pql-forecast-table', PqlForecastTable);
define('pql-account-card', PqlAccountCard);

export { PqlSpectrum, PqlPersonaGrid, PqlForecastTable, PqlAccountCard, echarts };
export { TABLE_ROWS } from './spectrum.js';
export { cellKey } from './persona-grid.js';
export { thresholdsOf, levelsOf, mostEngaged } from './spectrum-data.js';
export * from './vocabulary.js';
export { h, clear } from './dom.js';
