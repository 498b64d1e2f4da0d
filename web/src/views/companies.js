// Companies: the scoring's workspaces rolled up by the model's rollup key (domain by default)
// and scored on their union (docs/segments.md, "Workspace rollup"). One row per company; its
// button expands the company into its workspaces' own scores. The Worker sorts, filters and
// pages (source.companies); the page holds one page of companies at a time.
import { h, clear } from '../dom.js';
import { state } from '../state.js';
import { fmtInt, fmtMoney, fmtNum, fmtPct, PERSONA_LABEL } from '../format.js';

const PAGE = 100;
const SORTS = [['eng', 'Engagement'], ['act', 'Activation'], ['workspaces', 'Workspaces'], ['deal', 'Deal value'], ['name', 'Name']];

const nameOf = (a) => a.info?.name || a.id;

function scoreCells(a) {
  return [
    h('td', { class: 'num', text: fmtPct(a.activation?.rate) }),
    h('td', { class: 'num', text: fmtNum(a.engagement?.score) }),
    h('td', { text: a.facts?.stage ?? '' }),
    h('td', { text: a.facts?.pql?.qualified ? 'meets' : '' }),
    h('td', { class: 'num', text: fmtMoney(a.facts?.deal_value) }),
    h('td', { text: a.persona ? PERSONA_LABEL[a.persona.persona] : '' }),
  ];
}

export function companiesView(root, app) {
  const search = h('input', { type: 'search', id: 'company-search', placeholder: 'Find a company by name or key', 'aria-label': 'Find a company' });
  const several = h('input', { type: 'checkbox', id: 'company-several' });
  const sort = h('select', { id: 'company-sort', 'aria-label': 'Sort companies by' }, SORTS.map(([v, t]) => h('option', { value: v, text: t })));
  const heading = h('h2', { text: 'Companies' });
  const note = h('p', { class: 'muted', id: 'company-note' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', id: 'company-more', text: 'Show more', hidden: true });
  const table = h('table', { class: 'data', id: 'companies' },
    h('thead', {}, h('tr', {}, ['', 'Company', 'Workspaces', 'Activation', 'Engagement', 'Stage', 'PQL criteria', 'Deal value', 'Persona']
      .map((t, i) => h('th', { scope: 'col', class: i === 2 || i === 3 || i === 4 || i === 7 ? 'num' : undefined, text: t })))), tbody);
  root.append(h('div', { class: 'card' }, heading, note,
    h('div', { class: 'controls' }, search, h('label', {}, several, ' only companies of 2+ workspaces'), h('label', {}, 'Sort by ', sort)),
    table, more));

  let asked = 0;
  let offset = 0;

  // The workspaces of one company, as rows under it (account-level scores, each opens its page).
  async function expand(row, button, company) {
    const open = button.getAttribute('aria-expanded') === 'true';
    for (const r of tbody.querySelectorAll(`tr[data-workspace-of="${CSS.escape(company.id)}"]`)) r.remove();
    button.setAttribute('aria-expanded', open ? 'false' : 'true');
    button.textContent = open ? '▸' : '▾';
    if (open) return;
    const generation = state.generation;
    const detail = await app.source.company(company.id);
    if (generation !== state.generation || button.getAttribute('aria-expanded') !== 'true') return;
    const rows = detail.workspaces.map((w) => h('tr', { class: 'workspace', dataset: { workspaceOf: company.id, workspace: w.id } },
      h('td'), h('td', {}, '↳ ', h('a', { href: `#account/${encodeURIComponent(w.id)}`, text: nameOf(w) })), h('td', { class: 'num muted', text: 'workspace' }), ...scoreCells(w)));
    row.after(...rows);
  }

  function companyRow(c) {
    const button = h('button', { type: 'button', class: 'expand', text: '▸', 'aria-expanded': 'false', 'aria-label': `Show the workspaces of ${nameOf(c)}` });
    const row = h('tr', { class: 'company', dataset: { company: c.id } },
      h('td', {}, button), h('td', {}, h('strong', { text: nameOf(c) }), c.id !== nameOf(c) ? h('span', { class: 'muted', text: ` ${c.id}` }) : null),
      h('td', { class: 'num', text: fmtInt(c.workspaces) }), ...scoreCells(c));
    button.addEventListener('click', () => expand(row, button, c).catch((error) => app.say(error.message, 'error')));
    return row;
  }

  async function load(append = false) {
    const mine = ++asked;
    if (!append) offset = 0;
    const query = { sort: sort.value, descending: sort.value !== 'name', offset, limit: PAGE, several: several.checked, search: search.value.trim() };
    const page = await app.source.companies(query);
    if (mine !== asked) return;
    heading.textContent = `Companies: ${fmtInt(page.companies)} from ${fmtInt(page.workspaces)} workspaces (${fmtInt(page.several)} with several)`;
    note.textContent = page.enabled
      ? `Workspaces sharing a ${page.key} are one company, scored on all their events together (not averaged). ${fmtInt(page.total)} shown by this filter.`
      : 'The model\'s rollup is off (rollup.enabled = false): every workspace is its own company.';
    if (!append) clear(tbody);
    tbody.append(...page.rows.map(companyRow));
    offset = page.offset + page.rows.length;
    more.hidden = offset >= page.total;
    root.dataset.companies = String(tbody.querySelectorAll('tr.company').length);
  }

  let timer = null;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => load().catch((e) => app.say(e.message, 'error')), 150); });
  for (const control of [several, sort]) control.addEventListener('change', () => load().catch((e) => app.say(e.message, 'error')));
  more.addEventListener('click', () => load(true).catch((e) => app.say(e.message, 'error')));

  return { update: () => load().catch((e) => app.say(e.message, 'error')) };
}
