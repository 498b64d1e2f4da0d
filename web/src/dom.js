// The only way this page builds DOM: h() and clear() are the elements' (wasm/js/elements/dom.js:
// elements and text nodes, never HTML strings), plus downloads.
import { h, clear } from 'pqlscope/elements';

export { h, clear };

/** Saves text or a Blob as a file (a blob: URL the browser downloads; nothing is sent anywhere). */
export function download(name, content, type) {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A sortable table. columns: [{key, label, value(row), render?(row) -> Node|string, numeric?}].
 * Headers are buttons (keyboard: Tab + Enter/Space); aria-sort tells the order.
 */
export function sortableTable(columns, rows, { sortKey, descending = true, caption, onRow, rowLabel } = {}) {
  let key = sortKey ?? columns[0].key;
  let desc = descending;
  const tbody = h('tbody');
  const heads = columns.map((c) => {
    const button = h('button', { type: 'button', class: 'sort', text: c.label, onclick: () => {
      desc = key === c.key ? !desc : c.numeric !== false;
      key = c.key;
      draw();
    } });
    return h('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, button);
  });
  const table = h('table', { class: 'data' }, caption ? h('caption', { text: caption }) : null, h('thead', {}, h('tr', {}, heads)), tbody);
  function draw() {
    const col = columns.find((c) => c.key === key);
    const sorted = [...rows].sort((a, b) => {
      const va = col.value(a);
      const vb = col.value(b);
      const cmp = typeof va === 'number' || typeof vb === 'number' ? (va ?? -Infinity) - (vb ?? -Infinity) : String(va ?? '').localeCompare(String(vb ?? ''));
      return desc ? -cmp : cmp;
    });
    columns.forEach((c, i) => heads[i].setAttribute('aria-sort', c.key === key ? (desc ? 'descending' : 'ascending') : 'none'));
    const limit = 2000;
    clear(tbody, sorted.slice(0, limit).map((row) => tableRow(columns, row, { onRow, rowLabel })), sorted.length > limit ? h('tr', {}, h('td', { colspan: columns.length, text: `… ${sorted.length - limit} more (export the CSV for all)` })) : null);
  }
  draw();
  return table;
}

/**
 * One <tr> of a data table: a cell per column (render(row), else value(row) formatted). With
 * onRow the row is focusable and opens on click (outside its links) or Enter.
 */
export function tableRow(columns, row, { onRow, rowLabel } = {}) {
  const tr = h('tr', {}, columns.map((c) => h('td', { class: c.numeric ? 'num' : undefined }, c.render ? c.render(row) : fmtCell(c.value(row)))));
  if (onRow) {
    tr.tabIndex = 0;
    tr.classList.add('clickable');
    if (rowLabel) tr.setAttribute('aria-label', rowLabel(row));
    tr.addEventListener('click', (e) => { if (!e.target.closest?.('a')) onRow(row); });
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') onRow(row); });
  }
  return tr;
}

function fmtCell(v) {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(1);
  return String(v);
}
