// The PQL spectrum's "as of" replay: a slider over the score history's weeks and a play button
// that steps through them, redrawing every account at its activation and engagement as of that
// week (docs/metrics.md, "History"). Colours and sizes stay those of the scoring's own as-of
// day; only the positions replay. Self-contained: createSpectrumReplay(container, {load, draw,
// live}) adds its controls to the container; load() gives the engine's scoreHistory(), draw(columns)
// redraws the spectrum with chart columns, live() the scoring's own columns. reset() after a
// new scoring drops the loaded history and goes back to the as-of day.
import { h, clear } from '../dom.js';

const STEP_MS = 700;

export function createSpectrumReplay(container, { load, draw, live }) {
  // Until the history is loaded (on the first touch: it costs a pass over the data), the slider
  // has one step, the scoring day, at its right end.
  const slider = h('input', { type: 'range', id: 'replay-slider', min: '0', max: '1', value: '1', step: '1',
    'aria-label': 'As of week' });
  const play = h('button', { type: 'button', id: 'replay-play', text: '▶ Replay' });
  const day = h('span', { id: 'replay-day', class: 'muted', text: 'as of the scoring day' });
  const el = h('div', { class: 'replay', id: 'replay' }, play, h('label', {}, 'As of ', slider), day);
  el.style.cssText = 'display:flex;align-items:center;gap:0.6em;margin:0.3em 0';  // own layout: no shared CSS to merge
  clear(container, el);
  let history = null;   // the loaded ScoreHistory, for the scoring of `live()`
  let loading = null;
  let timer = null;

  async function ensure() {
    const columns = live();
    if (!columns) return null;
    if (history && history.ids.length === columns.ids.length && history.scoring === columns) return history;
    loading ??= load().then((loaded) => {
      history = { ...loaded, scoring: columns };
      slider.max = String(history.days.length - 1);
      slider.value = slider.max;
      loading = null;
      return history;
    }, (error) => {
      loading = null;
      day.textContent = error.message;
      return null;
    });
    return loading;
  }

  // Point k as chart columns: the scoring's own columns with that week's positions.
  function show(k) {
    const columns = live();
    if (!history || !columns) return;
    const n = history.ids.length;
    const last = k === history.days.length - 1;
    draw(last ? columns : { ...columns, activation: history.activation.subarray(k * n, (k + 1) * n),
      engagement: history.engagement.subarray(k * n, (k + 1) * n) });
    day.textContent = `as of ${history.days[k]}${last ? ' (the scoring day)' : ''}`;
    el.dataset.asOf = history.days[k];
    el.dataset.point = String(k);
  }

  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = '▶ Replay';
  }

  slider.addEventListener('pointerdown', () => { ensure(); });
  slider.addEventListener('focus', () => { ensure(); });
  slider.addEventListener('input', async () => {
    stop();
    if (await ensure()) show(Math.min(Number(slider.value), history.days.length - 1));
  });
  play.addEventListener('click', async () => {
    if (timer) return stop();
    if (!(await ensure())) return;
    let k = Number(slider.value) >= history.days.length - 1 ? 0 : Number(slider.value);
    play.textContent = '❚❚ Pause';
    slider.value = String(k);
    show(k);
    timer = setInterval(() => {
      k += 1;
      if (k >= history.days.length) return stop();
      slider.value = String(k);
      show(k);
    }, STEP_MS);
  });

  return {
    el,
    reset() {
      stop();
      history = null;
      slider.max = '1';
      slider.value = '1';
      day.textContent = 'as of the scoring day';
      delete el.dataset.asOf;
      delete el.dataset.point;
    },
    destroy: stop,
  };
}
