// The dashboard's spectrum is the package's <pql-spectrum> element (pqlscope/elements,
// wasm/js/elements/spectrum.js): one implementation for this page and for pages that embed it.
// createSpectrum() keeps the views' small API around it.
import { echarts, thresholdsOf, levelsOf } from 'pqlscope/elements';

export { echarts, thresholdsOf, levelsOf };

/**
 * Mounts a <pql-spectrum> in `el`. onOpen(accountId) on click/Enter; onSelect(ids) after a brush.
 * Returns {update(chartColumns, {colourBy, model}), pointOf(id), resize(), chart, element}.
 */
export function createSpectrum(el, { onOpen, onSelect, compact = false } = {}) {
  const spectrum = document.createElement('pql-spectrum');
  spectrum.compact = compact;
  el.append(spectrum);
  if (onOpen) spectrum.addEventListener('pql-account-select', (e) => onOpen(e.detail.id));
  if (onSelect) spectrum.addEventListener('pql-box-select', (e) => onSelect(e.detail.ids));

  function update(columns, { colourBy = 'persona', model = null } = {}) {
    spectrum.draw(columns, { colourBy, model });
    // What is drawn, on the view's box too (tests and the "changed" cue read it there).
    el.dataset.points = spectrum.dataset.points;
    el.dataset.signature = spectrum.dataset.signature;
  }
  return {
    update,
    pointOf: (id) => spectrum.pointOf(id),
    resize: () => spectrum.chart?.resize(),
    get chart() { return spectrum.chart; },
    element: spectrum,
  };
}
