// The mapping step's card for one chosen file, as CSV importers lay out column matching: one
// row per role of the file's kind with the column chosen for it (a select over the file's
// columns), why it was chosen, and that column's first values; then the timestamp choices the
// values leave open (epoch unit, day/month order), and the first rows as a preview. Everything
// shown comes from the engine's inspection (Engine.inspect, docs/ingest.md "Inspecting a
// file"); every uploaded string reaches the page as text (dom.js h()), never as HTML.
import { h } from '../dom.js';

const PREVIEW_COLUMNS = 40;  // wide exports (Snowplow: ~130 columns) scroll; the rest are in the selects
const EPOCH_UNITS = [['s', 'seconds'], ['ms', 'milliseconds'], ['us', 'microseconds'], ['ns', 'nanoseconds']];

/** Why a column fills a role, in words, for each of the engine's reasons (vocabulary.choice_reasons). */
export const REASON_TEXT = {
  chosen_by_you: (inspection, remembered) => (remembered ? 'remembered' : 'your choice'),
  known_source: (inspection) => `documented column of ${inspection.source_name}`,
  header_name: () => 'its name',
  values: () => 'its values fit (another column with a likely name did not)',
};

function why(role, inspection, remembered) {
  if (!role.field) return role.required ? 'nothing found: choose a column' : 'not in this file';
  return (REASON_TEXT[role.reason] ?? REASON_TEXT.header_name)(inspection, remembered);
}

/** The first values of a column in the preview rows. */
function firstValues(inspection, field) {
  const at = inspection.columns.indexOf(field);
  if (at < 0) return '';
  return inspection.preview.map((row) => row[at]).filter((v) => v !== '').slice(0, 3).join(' · ');
}

function select(label, options, value, onChange) {
  const s = h('select', { 'aria-label': label }, options.map(([v, text]) => h('option', { value: v, text })));
  s.value = value;
  s.addEventListener('change', () => onChange(s.value));
  return s;
}

/**
 * One file's card. p: {file, inspection, input, epochUnit, dateOrder, remembered, readProblem,
 * status, error}. on: {role(role, column), epochUnit(v), dateOrder(v), forget()}.
 */
export function mappingCard(p, on) {
  const name = p.file.name;
  const x = p.inspection;
  const card = h('section', { class: 'card map-file', dataset: { file: name, status: p.status }, 'aria-label': `Mapping of ${name}` });
  card.append(h('h3', {}, name, p.input && p.input !== name ? h('span', { class: 'muted', text: ` (first entry: ${p.input})` }) : null,
    p.remembered ? h('span', { class: 'badge remembered', text: 'remembered' }) : null));
  if (p.readProblem) card.append(problemBox(p.readProblem));
  if (p.status === 'inspecting') {
    card.append(h('p', { class: 'muted', text: 'Looking at the first rows…' }));
    return card;
  }
  if (p.status === 'error') {
    card.append(h('div', { class: 'errors', role: 'alert' }, h('p', { text: `This file cannot be read: ${p.error}` }),
      h('p', { text: 'What to do: remove it, or unpack / re-export it as CSV, TSV or JSON lines.' })));
    return card;
  }
  if (x.problem) {
    card.append(h('div', { class: 'errors problem', role: 'alert' }, h('p', { text: `Nothing can be read from this file: ${x.problem}.` }),
      h('p', { text: adviceForProblem(x.problem) })));
    return card;
  }
  card.append(h('p', { class: 'kind-reason', text: `${x.kind === x.kind_guessed ? 'Guessed' : `Read as ${x.kind}; guessed`} ${x.kind_guessed}: ${x.kind_reason}` }));
  card.append(h('p', { class: 'source', text: x.source ? `Recognised: ${x.source_name} (${x.source_reason})` : 'No known export recognised: columns are chosen by their names and values.' }));
  const notices = [...x.notices, ...(x.row_rule ? [x.row_rule] : [])];
  if (notices.length) card.append(h('ul', { class: 'notices muted' }, notices.map((n) => h('li', { text: n }))));
  if (x.day_counts) return card;  // aggregates from a warehouse: nothing to map (the notice says so)
  if (x.missing) card.append(h('p', { class: 'errors missing', role: 'alert', text: `Choose a column for: ${x.missing} (required for ${x.kind} files).` }));

  const options = x.columns.map((c) => [c, c]);
  card.append(h('table', { class: 'data roles' },
    h('caption', { text: `Columns used from ${name}` }),
    h('thead', {}, h('tr', {}, ['Role', 'Column', 'Why', 'First values'].map((t) => h('th', { scope: 'col', text: t })))),
    h('tbody', {}, x.roles.map((r) => h('tr', { dataset: { role: r.role } },
      h('th', { scope: 'row', text: `${r.role}${r.required ? ' (required)' : ''}` }),
      h('td', {}, select(`Column for ${r.role} in ${name}`, r.field ? options : [['', '— none —'], ...options], r.field, (v) => on.role(r.role, v))),
      h('td', { class: 'why', title: r.detail || undefined, text: why(r, x, p.remembered) }),
      h('td', { class: 'values', text: r.field ? firstValues(x, r.field) : '' }))))));

  const time = [];
  if (x.epoch_unit) {
    time.push(h('label', {}, 'Numbers in the time column are ',
      select(`Epoch unit of ${name}`, [['', `as detected (${x.epoch_unit})`], ...EPOCH_UNITS.map(([v, t]) => [v, t])], p.epochUnit ?? '', on.epochUnit),
      ' since 1970'));
  }
  if (x.slash_dates) {
    time.push(h('label', {}, 'Dates like 03/01/2024 are ',
      select(`Day/month order of ${name}`, [['', x.date_order ? `as the values show (${x.date_order})` : 'not decided'], ['mdy', 'month/day (March 1)'], ['dmy', 'day/month (3 January)']],
        p.dateOrder ?? '', on.dateOrder)));
  }
  if (time.length) card.append(h('div', { class: 'controls time' }, time));
  if (x.date_order_ambiguous && !p.dateOrder) {
    card.append(h('p', { class: 'errors ambiguous', role: 'alert', text: 'No date in the first rows has a part above 12, so 03/01 could be March 1 or 3 January: choose the order above, or rows with such dates are rejected.' }));
  }
  if (x.timestamps_sampled > 0 && x.timestamps_parsed < x.timestamps_sampled && !x.date_order_ambiguous) {
    card.append(h('p', { class: 'errors', text: `${x.timestamps_sampled - x.timestamps_parsed} of the first ${x.timestamps_sampled} values of the time column are not times: check the column chosen for timestamp.` }));
  }

  const shown = x.columns.slice(0, PREVIEW_COLUMNS);
  card.append(h('div', { class: 'preview' }, h('table', { class: 'data' },
    h('caption', { text: `First rows of ${name}${x.columns.length > shown.length ? ` (first ${shown.length} of ${x.columns.length} columns)` : ''}` }),
    h('thead', {}, h('tr', {}, shown.map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, x.preview.map((row) => h('tr', {}, shown.map((c, i) => h('td', { text: row[i] }))))))));
  if (p.remembered) {
    card.append(h('p', { class: 'muted' }, 'These choices were remembered for files with these columns (kept in this browser only). ',
      h('button', { type: 'button', class: 'forget', text: 'Forget and guess again', 'aria-label': `Forget the remembered mapping of ${name}`, onclick: on.forget })));
  }
  return card;
}

function adviceForProblem(problem) {
  if (/compress|gzip|zip|bzip2|zstd|xz|7z|rar|tar|brotli/i.test(problem)) return 'What to do: unpack it and choose the file inside (gzip and ZIP are unpacked here; other formats are not).';
  if (/empty|no rows|no records/.test(problem)) return 'What to do: remove it, or export it again with its rows.';
  return 'What to do: check that it is a CSV, TSV or JSON export, or remove it.';
}

// What to do for each reason rows were rejected (the engine's error codes, docs/ingest.md).
const ADVICE = {
  missing_column: 'choose a column for each required role above',
  wrong_column_count: 'the rows do not have as many fields as the header: check the delimiter and quoting of the export',
  unknown_timestamp_format: 'choose the column that holds the time of each row (its first values are shown), or set the epoch unit',
  invalid_timestamp: 'choose the column that holds the time of each row, or the day/month order',
  timestamp_out_of_range: 'the times are before 1970 or after 2149: check the epoch unit of the time column',
  missing_timestamp: 'the time column is empty in those rows: choose another column for timestamp',
  missing_event_name: 'the event column is empty in those rows: choose the column that names the event',
  missing_entity: 'rows need a user or an account: choose the columns for user and account',
  missing_account_id: 'choose the column that holds the account id',
  ambiguous_date: 'choose the day/month order of the dates above',
  conflicting_date_order: 'the dates mix day/month and month/day: choose the order above, or fix the export',
  invalid_json: 'the file is not JSON lines: check its format',
  not_an_object: 'the JSON records are not objects: check the export',
  invalid_utf8: 'save the file as UTF-8 (or Windows-1252) text',
  header_only: 'the file has a header but no rows: export it again with its rows',
  empty_file: 'the file is empty: remove it',
};

/** The box shown in a file's card when reading it gave nothing: the top reasons and what to do. */
function problemBox(problem) {
  return h('div', { class: 'errors read-problem', role: 'alert' },
    h('p', { text: problem.text }),
    problem.reasons.length ? h('ul', {}, problem.reasons.map((r) => h('li', { text: `${r.code} (${r.count}): ${r.example}${ADVICE[r.code] ? ` — what to do: ${ADVICE[r.code]}.` : ''}` }))) : null,
    h('p', { text: 'Change the mapping below and score again, or remove the file.' }));
}

/**
 * The top reasons (by code, most rows first) among the report's kept issues of these input
 * files: [{code, count, example}].
 */
export function topReasons(issues, names, limit = 3) {
  const byCode = new Map();
  for (const issue of issues) {
    if (!names.includes(issue.file)) continue;
    const entry = byCode.get(issue.code) ?? { code: issue.code, count: 0, example: `line ${issue.line}: ${issue.message}` };
    entry.count += 1;
    byCode.set(issue.code, entry);
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}
