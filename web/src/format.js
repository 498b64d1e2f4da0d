// The engine's names, in its order (Engine.vocabulary, core/include/pqlscope/session/vocabulary.hpp).
// The page is static, so it keeps a copy: tests/js/vocabulary.test.js proves each list equals
// the engine's. Views take names from here, never typing their own.
export const PERSONAS = ['golden_lead', 'silent_success', 'contrary_converter', 'positive_procrastinator', 'fizzler',
  'incompatible_ignoramus', 'heartbreaker', 'unclassified'];
export const LEVELS = ['low', 'medium', 'high'];
export const COMMUNICATION = ['low', 'active'];
export const SENTIMENT_MATCHES = ['any', 'positive', 'neutral', 'negative', 'not_positive', 'not_negative'];
export const DEAL_SIZES = ['small', 'mid', 'large'];
export const FILE_KINDS = ['events', 'accounts', 'communications'];
export const PERSONA_LABEL = {
  golden_lead: 'Golden Lead', silent_success: 'Silent Success', contrary_converter: 'Contrary Converter',
  positive_procrastinator: 'Positive Procrastinator', fizzler: 'Fizzler', incompatible_ignoramus: 'Incompatible Ignoramus',
  heartbreaker: 'Heartbreaker', unclassified: 'Unclassified', none: 'Not a trial',
};
// Colour-blind-friendly (Okabe-Ito) plus greys.
export const PERSONA_COLOUR = {
  golden_lead: '#E69F00', silent_success: '#009E73', contrary_converter: '#56B4E9', positive_procrastinator: '#CC79A7',
  fizzler: '#D55E00', incompatible_ignoramus: '#0072B2', heartbreaker: '#7a5195', unclassified: '#999999', none: '#c8c8c8',
};
export const GROUPS = ['sales', 'product_led', 'customer_success'];  // the engine's too
export const GROUP_LABEL = { sales: 'Sales', product_led: 'Product-led', customer_success: 'Customer success', none: 'No segment' };
export const GROUP_COLOUR = { sales: '#D55E00', product_led: '#0072B2', customer_success: '#009E73', none: '#c8c8c8' };

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export const fmtInt = (v) => (v === null || v === undefined ? '–' : int.format(v));
export const fmtNum = (v) => (v === null || v === undefined ? '–' : one.format(v));
export const fmtPct = (v) => (v === null || v === undefined ? '–' : `${one.format(v)}%`);
export const fmtMoney = (v) => (v === null || v === undefined ? '–' : money.format(v));
export const fmtSigned = (v) => (v === null || v === undefined ? '–' : `${v > 0 ? '+' : ''}${one.format(v)}`);
export function fmtBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1 << 20) return `${one.format(n / 1024)} KiB`;
  if (n < 1 << 30) return `${one.format(n / (1 << 20))} MiB`;
  return `${one.format(n / (1 << 30))} GiB`;
}
export const label = (id) => String(id ?? '').replaceAll('_', ' ');
