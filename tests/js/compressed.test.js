// gzip and ZIP files through the package (wasm/js/decompress.js in the Worker handler) against
// the native CLI (core/src/io/native/): byte-identical aggregates, the same files, totals and
// errors. Fixtures are made here with Node's zlib and tests/js/support/zip.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createEngine, connectWorker, IngestError } from 'pqlscope';
import { fakeWorker as workerOn } from './support/fake-worker.js';
import { inputFiles } from '../../wasm/js/decompress.js';
import { cliAvailable, cliPath } from './support/native.js';
import { makeZip } from './support/zip.js';

const engine = await createEngine();
const skip = !cliAvailable && !process.env.CI && `native CLI not built (${cliPath}): cmake --build --preset native`;

// Amplitude's export: one JSON-lines file per hour, each gzipped, all in one ZIP (field names
// as Amplitude documents its export: event_type, event_time, user_id, groups).
const hours = [
  '{"event_type":"chart_saved","user_id":"a1","event_time":"2024-06-30 22:15:00.000000","groups":{"company":["acme"]},"insert_id":"x1"}\n' +
  '{"event_type":"dashboard_viewed","user_id":"a2","event_time":"2024-06-30 22:40:00.000000","groups":{"company":["acme"]},"insert_id":"x2"}\n',
  '{"event_type":"chart_saved","user_id":"b1","event_time":"2024-06-30 23:05:00.000000","groups":{"company":["globex"]},"insert_id":"x3"}\n' +
  '{"event_type":"chart_saved","user_id":"a1","event_time":"2024-06-30 23:59:59.999999","groups":{"company":["acme"]},"insert_id":"x4"}\n',
];
const csv = 'timestamp,account_id,user_id,event\n2024-03-01T09:00:00Z,acme,alice,login\n2024-03-02T09:00:00Z,acme,bob,report_created\n2024-03-03T09:00:00Z,globex,carol,login\n';

const fixtures = {
  'events.csv.gz': gzipSync(csv),
  // Two members, split inside a line: `cat a.gz b.gz` (RFC 1952 2.2).
  'multi.csv.gz': Buffer.concat([gzipSync(csv.slice(0, 70)), gzipSync(csv.slice(70))]),
  'export.zip': makeZip([
    { name: 'export/', data: '', deflate: false },
    { name: 'export/2024-06-30_22#0.json.gz', data: gzipSync(hours[0]), deflate: false },
    { name: '__MACOSX/export/._2024-06-30_22#0.json.gz', data: 'junk' },
    { name: 'export/2024-06-30_23#0.json.gz', data: gzipSync(hours[1]) },
    { name: 'export/plain.csv', data: csv },
    // A name that is not UTF-8 (0xE9 is "é" in Latin-1): both builds read it as Latin-1.
    { name: Buffer.from('export/caf\xe9.csv', 'latin1'), data: csv },
  ]),
  // Compressed with bzip2 (magic "BZh" + block size digit): not unpacked, one file error.
  'events.csv.bz2': Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.from([0x01, 0x0a, 0xff, 0x00, 0x0a])]),
};

function cli(dir, names) {
  const run = spawnSync(cliPath, ['ingest', '--out', 'out.json', ...names], { cwd: dir, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, aggregatesJson: run.status === 0 ? readFileSync(join(dir, 'out.json'), 'utf8') : null };
}

function folderWith(files) {
  const dir = mkdtempSync(join(tmpdir(), 'pqlscope-compressed-'));
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

async function viaWorker(files) {
  const client = connectWorker(workerOn(engine));
  try {
    const progress = [];
    const result = await client.ingest(Object.entries(files).map(([name, bytes]) => ({ file: new File([bytes], name), kind: 'events' })),
      { sliceBytes: 64, returnAggregates: true, onProgress: (p) => progress.push(p) });
    return { ...result, progress };
  } finally {
    client.terminate();
  }
}

for (const name of Object.keys(fixtures)) {
  test(`compressed parity: ${name}`, { skip }, async () => {
    const dir = folderWith({ [name]: fixtures[name] });
    const native = cli(dir, [name]);
    const js = await viaWorker({ [name]: fixtures[name] });
    if (name.endsWith('.bz2')) {
      // Nothing read: the CLI may exit non-zero (and then writes no aggregates).
      assert.equal(js.report.issues[0]?.code, 'unsupported_compression');
    } else {
      assert.equal(native.status, 0, native.stderr);
      assert.equal(js.aggregatesJson + '\n', native.aggregatesJson, 'aggregates JSON differs from `pqlscope ingest --out`');
    }
    // Every file line of the CLI's summary is the report's file, in order.
    const lines = js.report.files.map((f) => `  ${f.name} (${f.kind}, ${f.format || '-'}): ${f.rows} rows, ${f.accepted} accepted, ${f.rejected} rejected, ${f.duplicates} duplicates, ${f.skipped} skipped`);
    assert.deepEqual(native.stdout.split('\n').filter((l) => l.startsWith('  ') && l.includes(' rows, ')), lines);
    const notes = native.stderr.split('\n').filter((l) => l.startsWith('note: ')).map((l) => l.slice(6));
    assert.deepEqual(js.progress.filter((p) => p.notice).map((p) => p.notice), notes);
    for (const issue of js.report.issues) assert.ok((native.stdout + native.stderr).includes(`${issue.file}:${issue.line}:${issue.column}: ${issue.code}: ${issue.message}`), issue.message);
  });
}

test('the unpacked files hold the events of the plain files', { skip }, async () => {
  const js = await viaWorker({ 'export.zip': fixtures['export.zip'], 'events.csv.gz': fixtures['events.csv.gz'], 'multi.csv.gz': fixtures['multi.csv.gz'] });
  assert.deepEqual(js.report.files.map((f) => f.name), ['export.zip!export/2024-06-30_22#0.json.gz', 'export.zip!export/2024-06-30_23#0.json.gz',
    'export.zip!export/plain.csv', 'export.zip!export/café.csv', 'events.csv.gz', 'multi.csv.gz']);
  // Hand-counted: 4 Amplitude events + 3 CSV rows. The CSV comes four times with the same bytes
  // once unpacked (plain.csv, café.csv, events.csv.gz, multi.csv.gz): the later three are
  // skipped as copies (docs/ingest.md, "The same file twice").
  assert.equal(js.report.rows, 4 + 3);
  assert.equal(js.report.copies_skipped, 3);
  assert.deepEqual(js.report.files.filter((f) => f.copy_skipped).map((f) => f.same_as),
    ['export.zip!export/plain.csv', 'export.zip!export/plain.csv', 'export.zip!export/plain.csv']);
  assert.equal(js.report.rejected, 0);
  const plain = await viaWorker({ 'a.json': hours[0] + hours[1], 'b.csv': csv });
  assert.equal(js.aggregatesJson === undefined, false);
  assert.deepEqual(JSON.parse(js.aggregatesJson).accounts, JSON.parse(plain.aggregatesJson).accounts);
  // Progress counts the bytes of the files given, not the unpacked bytes.
  assert.equal(js.progress.at(-1).totalBytes, fixtures['export.zip'].length + fixtures['events.csv.gz'].length + fixtures['multi.csv.gz'].length);
  assert.ok(js.progress.every((p) => p.bytes <= p.totalBytes));
});

const broken = (() => {
  const gz = gzipSync(csv);
  const flipped = Buffer.from(gz);
  flipped[20] ^= 0xff;
  flipped[21] ^= 0xff;
  const zip = makeZip([{ name: 'a.csv', data: csv, deflate: false }]);
  const crc = Buffer.from(zip);
  crc[crc.indexOf('acme')] = 0x41;
  return {
    'cut.csv.gz': gz.subarray(0, gz.length - 4),
    'flipped.csv.gz': flipped,
    'junk.csv.gz': Buffer.concat([gz, Buffer.from('trailing text')]),
    'cut.zip': zip.subarray(0, zip.length - 30),
    'crc.zip': crc,
  };
})();

for (const name of Object.keys(broken)) {
  test(`broken compressed data: ${name} fails with the CLI's error`, { skip }, async () => {
    const native = cli(folderWith({ [name]: broken[name] }), [name]);
    assert.equal(native.status, 2);
    const error = await viaWorker({ [name]: broken[name] }).then(() => null, (e) => e);
    assert.ok(error instanceof IngestError, String(error));
    assert.equal(`pqlscope: ${error.message}\n`, native.stderr);
    assert.equal(error.issue.code, 'corrupt_compressed_data');
    assert.ok(error.issue.file.startsWith(name));
  });
}

test('inputFiles reads a Blob, bytes and a stream alike', async () => {
  const read = async (source) => {
    const out = [];
    for await (const input of inputFiles(source, 'export.zip', { chunkBytes: 5, onNotice: (t) => out.push(t) })) {
      const parts = [];
      for await (const chunk of input.chunks) parts.push(Buffer.from(chunk));
      out.push(`${input.name}=${Buffer.concat(parts).toString()}`);
    }
    return out;
  };
  const bytes = fixtures['export.zip'];
  const fromBlob = await read(new Blob([bytes]));
  assert.deepEqual(await read(bytes), fromBlob);
  assert.deepEqual(await read(new Blob([bytes]).stream()), fromBlob);
  // A stream whose first chunks are shorter than the ZIP magic number.
  const trickle = new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 3) controller.enqueue(new Uint8Array(bytes.subarray(at, at + 3)));
      controller.close();
    },
  });
  assert.deepEqual(await read(trickle), fromBlob);
  assert.deepEqual(fromBlob, [
    'export.zip: skipped export/ (a folder)',
    'export.zip: skipped __MACOSX/export/._2024-06-30_22#0.json.gz (macOS metadata)',
    `export.zip!export/2024-06-30_22#0.json.gz=${hours[0]}`,
    `export.zip!export/2024-06-30_23#0.json.gz=${hours[1]}`,
    `export.zip!export/plain.csv=${csv}`,
    `export.zip!export/café.csv=${csv}`,
  ]);
  const multi = [];
  for await (const input of inputFiles(new Blob([fixtures['multi.csv.gz']]).stream(), 'multi.csv.gz', { chunkBytes: 3 })) {
    for await (const chunk of input.chunks) multi.push(Buffer.from(chunk));
  }
  assert.equal(Buffer.concat(multi).toString(), csv);
});

test('gzip fed to the byte-level API is one file-level error, as natively', () => {
  const session = engine.ingest();
  try {
    session.addFile('events.csv.gz', 'events').feed(fixtures['events.csv.gz']).endFile();
    const report = session.finish();
    assert.equal(report.rejected, 1);
    assert.equal(report.issues[0].code, 'unsupported_compression');
  } finally {
    session.delete();
  }
});
