// What the page shows: the current model and the report scored with it, plus lookups built once
// per report. Views subscribe and redraw when a new report arrives.
const listeners = new Set();

export const state = {
  model: null,
  report: null,
  /** the engine's typed chart columns of the same scoring (null in fallback mode) */
  chart: null,
  /** true between a new dataset's quick scoring (chart, summary) and its full report */
  stale: false,
  scoreMs: null,
  /** account id -> index in report.accounts */
  byId: new Map(),
  /** account id -> [user rows] (report.users, when the report has them) */
  usersByAccount: new Map(),
  /** account id -> {power: Set, problem: Set} */
  userTags: new Map(),
  /** segment id -> Set of account ids that entered it since the previous period */
  entered: new Map(),
  /** where the data came from: 'example' | 'upload' */
  dataset: 'example',
  fileNames: [],
};

export function setReport(report, chart, scoreMs) {
  state.report = report;
  state.chart = chart ?? null;
  state.scoreMs = scoreMs;
  state.byId = new Map(report.accounts.map((a, i) => [a.id, i]));
  state.usersByAccount = new Map();
  for (const u of report.users ?? []) {
    let list = state.usersByAccount.get(u.account);
    if (!list) state.usersByAccount.set(u.account, (list = []));
    list.push(u);
  }
  state.userTags = new Map();
  for (const seg of report.user_segments ?? []) {
    const tag = seg.id.startsWith('power') ? 'power' : seg.id.startsWith('problem') ? 'problem' : seg.id;
    for (const m of seg.members) {
      let tags = state.userTags.get(m.account);
      if (!tags) state.userTags.set(m.account, (tags = new Map()));
      tags.set(m.user, tag);
    }
  }
  state.entered = new Map((report.alerts?.segments ?? []).map((s) => [s.segment, new Set(s.entered.map((m) => m.account))]));
  for (const fn of listeners) fn(report);
}

const previewListeners = new Set();
/** A re-score's fast result ({summary, chart}) before the full report arrives. */
export function setPreview(preview) {
  for (const fn of previewListeners) fn(preview);
}
export function onPreview(fn) {
  previewListeners.add(fn);
  return () => previewListeners.delete(fn);
}

export function onReport(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export const account = (id) => state.report?.accounts[state.byId.get(id)];
export const accountName = (id) => account(id)?.info?.name || id;
