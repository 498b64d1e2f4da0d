// The mapping step's memory: the choices made for a file (kind, role -> column, epoch unit,
// day/month order), kept in this browser's localStorage under a SHA-256 of the file's
// normalised header, so that the next export with the same columns opens with them. Nothing
// leaves the page: the key is a digest, the value names columns, never a row of data.
const PREFIX = 'pqlscope.mapping.';

/** The header as the signature sees it: the format and the columns, trimmed and lower-cased. */
export function normalisedHeader(inspection) {
  return `${inspection.format}\n${inspection.columns.map((c) => c.trim().toLowerCase()).join('\n')}`;
}

/** A hex SHA-256 of the normalised header (WebCrypto: the page is a secure context on 127.0.0.1 and https). */
export async function headerSignature(inspection) {
  const bytes = new TextEncoder().encode(normalisedHeader(inspection));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;  // storage disabled (a privacy setting): the step works, it just does not remember
  }
}

/** The remembered choices for this signature, or null. */
export function recall(signature) {
  try {
    const text = storage()?.getItem(PREFIX + signature);
    if (!text) return null;
    const choice = JSON.parse(text);
    return choice && typeof choice === 'object' && typeof choice.kind === 'string' ? choice : null;
  } catch {
    return null;
  }
}

/** Keeps {kind, mapping, epochUnit, dateOrder} for this signature. */
export function remember(signature, { kind, mapping = {}, epochUnit = '', dateOrder = '' }) {
  try {
    storage()?.setItem(PREFIX + signature, JSON.stringify({ kind, mapping, epochUnit, dateOrder }));
  } catch {
    // A full or disabled storage: nothing to do, the choice simply is not kept.
  }
}

export function forget(signature) {
  try {
    storage()?.removeItem(PREFIX + signature);
  } catch {
    // as above
  }
}
