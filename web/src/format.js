// The names, labels, colours and number formats come from the package's shared vocabulary
// (wasm/js/elements/vocabulary.js), which the custom elements use too: one table for the
// dashboard and for pages that embed <pql-spectrum> and friends.
export {
  PERSONAS, LEVELS, COMMUNICATION, SENTIMENT_MATCHES, DEAL_SIZES, FILE_KINDS, GROUPS,
  PERSONA_LABEL, PERSONA_COLOUR, GROUP_LABEL, GROUP_COLOUR, PQL_LABEL, PQL_COLOUR,
  fmtInt, fmtNum, fmtPct, fmtMoney, fmtSigned, label,
} from 'pqlscope/elements/vocabulary';

const one = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
export function fmtBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1 << 20) return `${one.format(n / 1024)} KiB`;
  if (n < 1 << 30) return `${one.format(n / (1 << 20))} MiB`;
  return `${one.format(n / (1 << 30))} GiB`;
}
