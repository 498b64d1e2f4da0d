// The account page's score history: activation and engagement as of each week of the data
// (docs/metrics.md, "History"), with the weeks the account entered or left a segment marked.
// Self-contained: drawScoreHistory(container, history) draws into the container and returns
// {chart, dispose}; history is what the engine's accountHistory() gives.
import { h, clear } from '../dom.js';
import { echarts } from '../spectrum.js';
import { fmtNum, fmtPct } from '../format.js';

const ENTERED = '#009E73';
const LEFT = '#D55E00';

/**
 * @param {HTMLElement} container
 * @param {{days: string[], activation: (number|null)[], engagement: (number|null)[],
 *          moves?: {day: string, segment: string, label: string, change: string, reason: string}[]}} history
 */
export function drawScoreHistory(container, history) {
  const moves = history.moves ?? [];
  const box = h('div', { class: 'score-history-chart', role: 'img',
    'aria-label': `Activation and engagement as of each of ${history.days.length} weeks, ${moves.length} segment moves` });
  box.style.height = '240px';
  const list = h('ul', { class: 'moves' }, moves.map((m) => h('li', { class: m.change },
    `${m.day}: ${m.change} ${m.label}: ${m.reason}`)));
  clear(container, box, moves.length ? h('details', {}, h('summary', { text: `${moves.length} segment moves` }), list) : null);
  container.dataset.points = String(history.days.length);
  container.dataset.moves = String(moves.length);

  const at = new Map(history.days.map((d, k) => [d, k]));
  // Each move sits on the engagement line at its week; entries point up, exits down.
  const marks = (change) => moves.filter((m) => m.change === change).map((m) => ({
    value: [m.day, history.engagement[at.get(m.day)] ?? 0], move: m }));
  const chart = echarts.init(box);
  chart.setOption({
    animation: false,
    grid: { left: 36, right: 12, top: 28, bottom: 28 },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: {
      trigger: 'item', renderMode: 'richText', confine: true,
      formatter: (p) => (p.data?.move
        ? `${p.data.move.day}: ${p.data.move.change} ${p.data.move.label}\n${p.data.move.reason}`
        : `${p.name}: ${p.seriesName} ${p.seriesName === 'activation %' ? fmtPct(p.value) : fmtNum(p.value)}`),
    },
    xAxis: { type: 'category', data: history.days },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      { type: 'line', name: 'activation %', data: history.activation, step: 'end', symbolSize: 4 },
      { type: 'line', name: 'engagement', data: history.engagement, symbolSize: 4, areaStyle: { opacity: 0.1 } },
      { type: 'scatter', name: 'entered a segment', data: marks('entered'), symbol: 'triangle', symbolSize: 11, itemStyle: { color: ENTERED } },
      { type: 'scatter', name: 'left a segment', data: marks('left'), symbol: 'triangle', symbolRotate: 180, symbolSize: 11, itemStyle: { color: LEFT } },
    ],
  });
  return { chart, dispose: () => chart.dispose() };
}
