// The WebAssembly side of the comparison: what `pqlscope score FILE --out REPORT` does, through
// the npm package's API in Node: read the file in chunks into an ingest session, score with the
// starter model (as the CLI does without --model), stream the report to disk.
//   node bench/compare/wasm_score.mjs FILE REPORT.json
import fs from 'node:fs';
import { createEngine } from '../../wasm/js/index.node.js';

const [file, reportPath] = process.argv.slice(2);
if (!file || !reportPath) {
  console.error('usage: node wasm_score.mjs FILE REPORT.json');
  process.exit(2);
}
const CHUNK = 4 << 20;

const engine = await createEngine();
const session = engine.ingest();
session.addFile(file, 'events');  // the name as given, as the CLI reports it
const input = fs.openSync(file, 'r');
const buffer = new Uint8Array(CHUNK);
for (;;) {
  const n = fs.readSync(input, buffer, 0, CHUNK, null);
  if (n === 0) break;
  session.feed(buffer.subarray(0, n));
}
fs.closeSync(input);
session.endFile();
session.finish();
session.rescore(null);
const output = fs.openSync(reportPath, 'w');
for (const piece of session.reportPieceBytes()) fs.writeSync(output, piece);
fs.closeSync(output);
session.delete();
engine.dispose();
