// What the page knows about the current scoring: the model, the overview (the report without
// its per-account and per-user lists) and the chart columns. Everything per account stays in
// the Worker and is asked for one view at a time (source.rows / source.account), so the page
// holds the same few megabytes at 300 accounts or 100k. Views subscribe and redraw.
const listeners = new Set();
const previewListeners = new Set();

export const state = {
  model: null,
  /** the report without "accounts" and "users"; segments carry counts, not member lists */
  overview: null,
  /** the engine's typed chart columns of the same scoring, with ids and names */
  chart: null,
  /** true between a scoring's chart (drawn at once) and its overview */
  stale: false,
  /** counts scorings: a reply to a query made before the latest one is dropped */
  generation: 0,
  scoreMs: null,
  /** where the data came from: 'example' | 'upload' */
  dataset: 'example',
  fileNames: [],
};

/** A scoring's overview arrived: views redraw. */
export function setOverview(overview, scoreMs) {
  state.overview = overview;
  state.scoreMs = scoreMs;
  state.stale = false;
  for (const fn of listeners) fn(overview);
}

/** A scoring's chart and summary ({summary, chart}) before its overview. */
export function setPreview(preview) {
  state.chart = preview.chart;
  state.generation += 1;
  state.stale = true;
  for (const fn of previewListeners) fn(preview);
}

export function onOverview(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function onPreview(fn) {
  previewListeners.add(fn);
  return () => previewListeners.delete(fn);
}

/** The label of a segment id (account or user segment), or the id. */
export function segmentLabel(id) {
  const all = [...(state.overview?.segments ?? []), ...(state.overview?.user_segments ?? [])];
  return all.find((s) => s.id === id)?.label ?? id;
}
