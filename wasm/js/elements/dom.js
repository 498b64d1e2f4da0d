// DOM from elements and text nodes only: uploaded names and every other string reach the
// document as textContent / text nodes, never as HTML. The one copy for the elements and the
// dashboard (web/src/dom.js re-exports it).

/** An element with props (class, text, dataset, on* listeners, DOM properties for non-strings, attributes) and children. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children. */
export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
