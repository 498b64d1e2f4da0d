// The names, labels and colours every pqlscope view shares: the dashboard (web/) and the custom
// elements import them from here, so a persona is one colour and one label everywhere. No DOM,
// no chart library: `pqlscope/elements/vocabulary` is safe to import anywhere (Node included).
//
// The name lists are the engine's, in its order (core/include/pqlscope/session/vocabulary.hpp);
// tests/js/vocabulary.test.js proves each equals Engine.vocabulary.
export const PERSONAS = ['golden_lead', 'silent_success', 'contrary_converter', 'positive_procrastinator', 'fizzler',
  'incompatible_ignoramus', 'heartbreaker', 'unclassified'];
export const LEVELS = ['low', 'medium', 'high'];
export const COMMUNICATION = ['low', 'active'];
export const SENTIMENT_MATCHES = ['any', 'positive', 'neutral', 'negative', 'not_positive', 'not_negative'];
export const DEAL_SIZES = ['small', 'mid', 'large'];
export const FILE_KINDS = ['events', 'accounts', 'communications'];
export const GROUPS = ['sales', 'product_led', 'customer_success'];

export const PERSONA_LABEL = {
  golden_lead: 'Golden Lead', silent_success: 'Silent Success', contrary_converter: 'Contrary Converter',
  positive_procrastinator: 'Positive Procrastinator', fizzler: 'Fizzler', incompatible_ignoramus: 'Incompatible Ignoramus',
  heartbreaker: 'Heartbreaker', unclassified: 'Unclassified', none: 'Not a trial',
};
// Colour-blind-friendly (Okabe-Ito) plus greys. Elements let a page override each through a CSS
// custom property (--pql-persona-golden-lead, ...; wasm/README.md "Custom elements").
export const PERSONA_COLOUR = {
  golden_lead: '#E69F00', silent_success: '#009E73', contrary_converter: '#56B4E9', positive_procrastinator: '#CC79A7',
  fizzler: '#D55E00', incompatible_ignoramus: '#0072B2', heartbreaker: '#7a5195', unclassified: '#999999', none: '#c8c8c8',
};
export const GROUP_LABEL = { sales: 'Sales', product_led: 'Product-led', customer_success: 'Customer success', none: 'No segment' };
export const GROUP_COLOUR = { sales: '#D55E00', product_led: '#0072B2', customer_success: '#009E73', none: '#c8c8c8' };
/** The spectrum's third colouring: in the `pql` segment or not. */
export const PQL_LABEL = { pql: 'PQL', not: 'Not a PQL' };
export const PQL_COLOUR = { pql: '#D55E00', not: '#8aa1b1' };
/** What the spectrum can colour its points by (the `colour-by` attribute). */
export const COLOUR_BY = ['persona', 'group', 'pql'];

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export const fmtInt = (v) => (v === null || v === undefined ? '–' : int.format(v));
export const fmtNum = (v) => (v === null || v === undefined ? '–' : one.format(v));
export const fmtPct = (v) => (v === null || v === undefined ? '–' : `${one.format(v)}%`);
export const fmtMoney = (v) => (v === null || v === undefined ? '–' : money.format(v));
export const fmtSigned = (v) => (v === null || v === undefined ? '–' : `${v > 0 ? '+' : ''}${one.format(v)}`);
export const label = (id) => String(id ?? '').replaceAll('_', ' ');
