// A sortable, paged table of accounts whose rows the Worker filters, sorts and slices
// (source.rows): the page holds one page of rows, whatever the number of accounts. Headers are
// buttons (keyboard: Tab + Enter/Space) with aria-sort; Previous / Next move by a page.
import { h, clear, tableRow } from './dom.js';
import { state } from './state.js';
import { fmtInt } from './format.js';

/**
 * columns: [{key, label, sort? (a RowSortKey; omitted: not sortable), numeric?, render(row)}],
 * rows being {account, member?} (wasm/js/report-view.js). where: the rows query's filter.
 * title(total): the heading. Returns {el, ready} (ready: a promise of the first page drawn).
 */
export function remoteTable(source, { columns, where = {}, sortKey = 'eng', descending = true, pageSize = 100, title, onRow, rowLabel, id }) {
  let key = sortKey;
  let desc = descending;
  let offset = 0;
  let asked = 0;
  const heading = h('h2', { text: title ? title(null) : '' });
  const tbody = h('tbody');
  const pager = h('div', { class: 'pager controls' });
  const heads = columns.map((c) => {
    const content = c.sort ? h('button', { type: 'button', class: 'sort', text: c.label, onclick: () => {
      desc = key === c.sort ? !desc : c.numeric === true;
      key = c.sort;
      offset = 0;
      load();
    } }) : c.label;
    return h('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, content);
  });
  const table = h('table', { class: 'data' }, h('thead', {}, h('tr', {}, heads)), tbody);
  const el = h('div', { class: 'remote-table', id, 'aria-busy': 'true' }, heading, table, pager);

  function draw(page) {
    if (title) clear(heading, title(page.total));
    columns.forEach((c, i) => heads[i].setAttribute('aria-sort', c.sort && c.sort === key ? (desc ? 'descending' : 'ascending') : 'none'));
    clear(tbody, page.rows.map((row) => tableRow(columns, row, { onRow, rowLabel })));
    const last = Math.min(page.total, offset + page.rows.length);
    clear(pager, page.total > pageSize ? [
      h('button', { type: 'button', text: 'Previous', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - pageSize); load(); } }),
      h('span', { class: 'muted', text: `${fmtInt(offset + 1)}–${fmtInt(last)} of ${fmtInt(page.total)}` }),
      h('button', { type: 'button', text: 'Next', disabled: last >= page.total, onclick: () => { offset += pageSize; load(); } }),
    ] : null);
    el.dataset.total = String(page.total);
  }

  // Only the latest request of the latest scoring is drawn.
  function load() {
    const mine = ++asked;
    const generation = state.generation;
    el.setAttribute('aria-busy', 'true');
    return source.rows({ where, sort: key, descending: desc, offset, limit: pageSize }).then((page) => {
      if (mine !== asked || generation !== state.generation) return;
      draw(page);
      el.setAttribute('aria-busy', 'false');
    }, (error) => {
      if (mine !== asked) return;
      clear(tbody, h('tr', {}, h('td', { colspan: columns.length, class: 'errors', text: error.message })));
      el.setAttribute('aria-busy', 'false');
    });
  }
  return { el, ready: load() };
}
