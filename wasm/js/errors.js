// @ts-check
// Failed Outcomes from the WebAssembly side become JavaScript errors carrying the core's
// message (wasm/boundary.hpp produces them; no C++ exception ever reaches JS).

/** A rejected row in strict mode: `message` is "file:line:column: code: message". */
export class IngestError extends Error {
  /** @param {string} message @param {import('./index.js').IngestIssue} issue */
  constructor(message, issue) {
    super(message);
    this.name = 'IngestError';
    /** { code, file, line, column, byte_offset, field, message } */
    this.issue = issue;
  }
}

/** score() with an invalid model: `validation` lists every problem with its JSON path. */
export class ModelError extends Error {
  /** @param {string} message @param {import('./index.js').ModelValidation} validation */
  constructor(message, validation) {
    super(message);
    this.name = 'ModelError';
    /** { ok: false, errors: [{ path, message, line, column }], warnings } */
    this.validation = validation;
  }
}

/** @type {Record<string, ErrorConstructor>} */
const kinds = { TypeError, RangeError };

/**
 * Builds the Error described by a failed Outcome's text ({name, message, issue?}).
 * @param {string} text
 */
export function errorFromOutcome(text) {
  let described;
  try {
    described = JSON.parse(text);
  } catch {
    return new Error(text || 'pqlscope: unknown WebAssembly error');
  }
  return errorFromDescription(described);
}

/**
 * Also used by the Worker client: errors cross postMessage as plain {name, message, issue}.
 * @param {import('./worker.js').WorkerError} description
 * @returns {Error}
 */
export function errorFromDescription({ name, message, issue, validation }) {
  if (name === 'IngestError' && issue !== undefined) return new IngestError(message, issue);
  if (name === 'ModelError' && validation !== undefined) return new ModelError(message, validation);
  const Kind = kinds[name] ?? Error;
  return new Kind(message);
}

/**
 * The plain, structured-clonable form of any error (for postMessage).
 * @param {unknown} error
 * @returns {import('./worker.js').WorkerError}
 */
export function describeError(error) {
  if (error instanceof IngestError) return { name: error.name, message: error.message, issue: error.issue };
  if (error instanceof ModelError) return { name: error.name, message: error.message, validation: error.validation };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/**
 * Returns the Outcome's text, or throws its error.
 * @param {{ ok: boolean, text: string }} outcome
 */
export function unwrap(outcome) {
  if (outcome.ok) return outcome.text;
  throw errorFromOutcome(outcome.text);
}
