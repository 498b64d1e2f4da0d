// @ts-check
// `using session = engine.ingest()` support. Node 20.4+ and TypeScript 5.2+ define
// Symbol.dispose; older runtimes get the registered symbol TypeScript's downlevel helper uses.
export const disposeSymbol = Symbol.dispose ?? Symbol.for('Symbol.dispose');
