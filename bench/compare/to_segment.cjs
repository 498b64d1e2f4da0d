#!/usr/bin/env node
// Rewrites a gen_events.cjs CSV as Segment track calls, one JSON document a line: the shape of a
// Segment S3 / warehouse export (the account under context.groupId, a messageId, a few
// properties), about 4.5 times the CSV's bytes.
//   node bench/compare/to_segment.cjs IN.csv OUT.ndjson
'use strict';
const fs = require('node:fs');
const readline = require('node:readline');

const [inPath, outPath] = process.argv.slice(2);
if (!inPath || !outPath) {
  console.error('usage: node to_segment.cjs IN.csv OUT.ndjson');
  process.exit(2);
}
const out = fs.createWriteStream(outPath);
let pending = '';
let index = 0;
let header = true;
readline.createInterface({ input: fs.createReadStream(inPath) })
  .on('line', (line) => {
    if (header) { header = false; return; }
    const [timestamp, account, user, event] = line.split(',');
    pending += JSON.stringify({
      type: 'track', event, userId: user, timestamp, messageId: `m-${(index++).toString(36)}`,
      context: { groupId: account, library: { name: 'analytics.js', version: '4.1.0' } },
      properties: { plan: 'trial', path: '/app' },
    }) + '\n';
    // Write in ~1 MB pieces rather than one write a line.
    if (pending.length > (1 << 20)) { out.write(pending); pending = ''; }
  })
  .on('close', () => { out.end(pending); });
