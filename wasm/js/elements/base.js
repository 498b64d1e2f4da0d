// What every pqlscope element shares: an open shadow root styled by constructable stylesheets
// (allowed under a strict CSP: no <style> element, no style attribute), DOM built from nodes
// and text (never HTML strings: account names come from uploaded files), theme colours read
// from CSS custom properties, events that cross the shadow boundary, and a redraw when the
// container resizes.
import { PERSONA_COLOUR, GROUP_COLOUR, PQL_COLOUR } from './vocabulary.js';

/** The base class: HTMLElement in a browser, a stand-in elsewhere so that importing never throws (SSR). */
export const ElementBase = globalThis.HTMLElement ?? class {};

export { h, clear } from './dom.js';

const sheets = new Map();
/** One CSSStyleSheet per CSS text, shared by every instance of an element. */
export function sheet(css) {
  let s = sheets.get(css);
  if (!s) {
    s = new CSSStyleSheet();
    s.replaceSync(css);
    sheets.set(css, s);
  }
  return s;
}

// The theme: every colour and the font are CSS custom properties with these defaults, so a host
// page sets e.g. `pql-spectrum { --pql-accent: #5b21b6 }` (the full list: wasm/README.md).
export const BASE_CSS = `
:host { display: block; box-sizing: border-box; font: var(--pql-font, 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--pql-fg, #1d2430); }
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
:focus-visible { outline: 3px solid var(--pql-focus, #f0a500); outline-offset: 2px; }
h2 { font-size: 16px; margin: 0 0 8px; }
.muted { color: var(--pql-muted, #5b6676); margin: 0; font-size: 12px; }
button { font: inherit; color: inherit; border: 1px solid var(--pql-line, #d9dee5); background: var(--pql-card-bg, #fff);
  border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button:hover { border-color: var(--pql-accent, #0b5cad); }
table.data { border-collapse: collapse; width: 100%; font-size: 13px; }
table.data th, table.data td { padding: 4px 6px; border-bottom: 1px solid var(--pql-line, #d9dee5); text-align: left; vertical-align: top; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
table.data caption { text-align: left; font-weight: 600; padding: 4px 0; }
tr.clickable { cursor: pointer; }
tr.clickable:hover, tr.clickable:focus { background: var(--pql-hover-bg, #eef4fb); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; vertical-align: baseline; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; background: var(--pql-badge-bg, #e7f0fa);
  color: var(--pql-accent, #0b5cad); margin-left: 4px; }
`;

const cssName = (key) => key.replaceAll('_', '-');
/** A theme value: the host's CSS custom property, else the default. */
export function themed(host, property, fallback) {
  const v = getComputedStyle(host).getPropertyValue(property).trim();
  return v || fallback;
}
export const personaColour = (host, persona) => themed(host, `--pql-persona-${cssName(persona)}`, PERSONA_COLOUR[persona]);
export const groupColour = (host, group) => themed(host, `--pql-group-${cssName(group)}`, GROUP_COLOUR[group]);
export const pqlColour = (host, key) => themed(host, key === 'pql' ? '--pql-pql' : '--pql-not-pql', PQL_COLOUR[key]);

// Colours set through CSSOM properties (el.style.x = ...), which a strict CSP allows (it blocks
// style attributes written as text). Each value is checked by the browser's CSS parser.
export function paint(el, property, value) {
  el.style.setProperty(property, value);
  return el;
}

/** Adds a sheet to a document or shadow root once (light-DOM elements style themselves this way). */
export function adoptInto(root, s) {
  if (root && 'adoptedStyleSheets' in root && !root.adoptedStyleSheets.includes(s)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
}

/** Fires a CustomEvent that bubbles out of the shadow root (composed) so frameworks' listeners see it. */
export function emit(host, type, detail) {
  return host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/** Makes a row (or any element) act as a button: focusable, click, Enter and Space. */
export function activatable(el, action, label) {
  el.tabIndex = 0;
  if (el.tagName !== 'TR' && el.tagName !== 'BUTTON') el.setAttribute('role', 'button');
  if (label) el.setAttribute('aria-label', label);
  el.classList.add('clickable');
  el.addEventListener('click', action);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      action(e);
    }
  });
  return el;
}

/**
 * The base element: a shadow root with the shared sheet plus the element's own, a `data`
 * property that redraws, and render() called when connected and when data changes.
 */
export class PqlElement extends ElementBase {
  #data = null;
  /** css: the element's own sheet; shadow: false draws in the light DOM (the element adopts its sheet). */
  constructor(css, { shadow = true } = {}) {
    super();
    if (shadow) {
      this.root = this.attachShadow({ mode: 'open' });
      this.root.adoptedStyleSheets = [sheet(BASE_CSS), sheet(css)];
    } else {
      this.root = this;
    }
  }
  get data() {
    return this.#data;
  }
  set data(value) {
    this.#data = value ?? null;
    if (this.isConnected) this.render();
  }
  connectedCallback() {
    this.render();
  }
  /** Redraws from data (override). */
  render() {}
}

/** Defines a custom element once (a second import of the package, or a page that defined it first, is fine). */
export function define(name, constructor) {
  if (globalThis.customElements && !customElements.get(name)) customElements.define(name, constructor);
}
