// Unpacks gzip and ZIP input files before their bytes reach the core, streamed: the
// WebAssembly build has no zlib, so this is the JavaScript twin of core/src/io/native/ (the
// CLI's reader). Same decisions, names, order and messages, so the ingest report of a
// compressed file is byte-identical natively and here (docs/ingest.md, "Compressed files").
//
// Why pako (one dependency) rather than the platform's DecompressionStream: Chromium's
// DecompressionStream('gzip') fails at the second member of a multi-member file (`cat a.gz
// b.gz`; tried with Chromium 156), and a stream cannot say where a member ended, so it cannot
// be restarted per member. fflate reads members but checks neither CRC-32 nor length (a
// flipped byte decodes to wrong text without an error). pako is a port of zlib itself, with
// zlib's low-level API: the loops below are those of gzip_decoder.cpp and zip_reader.cpp, so
// the same bytes are accepted and rejected in both builds. The ZIP container is read here
// from its central directory (APPNOTE.TXT) with Blob.slice(), as the native reader seeks.
// Named imports only: bundlers then leave pako's deflate side out.
import { ZStream, zlibInflate, zlibInflateInit2, zlibInflateReset } from 'pako';
import { IngestError } from './errors.js';

// zlib.h's values.
const Z_OK = 0, Z_STREAM_END = 1, Z_BUF_ERROR = -5, Z_NO_FLUSH = 0;

export const DEFAULT_CHUNK_BYTES = 4 << 20;
// Inflated output comes in pieces of at most this size, whatever the input slices.
const OUTPUT_BYTES = 1 << 20;

// The messages of core/src/io/native/gzip_decoder.hpp and zip_reader.hpp: keep in step.
const GZIP_CORRUPT = 'the gzip data is corrupt: it cannot be decompressed';
const GZIP_TRUNCATED = 'the gzip data ends in the middle of a member (a truncated file?)';
const ZIP_DIRECTORY_CORRUPT = 'the ZIP archive is corrupt or truncated: its central directory cannot be read';
const ZIP_ENTRY_CORRUPT = 'the ZIP entry is corrupt or truncated: it does not decompress to the size and CRC-32 the archive records';
const ZIP_ENTRY_ENCRYPTED = 'the ZIP entry is encrypted; pqlscope reads unencrypted entries only';

/** The error the CLI prints for the same input file (IngestIssue::to_string in the core). */
function fileError(code, file, message) {
  const issue = { code, file, line: 1, column: 1, byte_offset: 0, field: '', message };
  return new IngestError(`${file}:1:1: ${code}: ${message}`, issue);
}

export const isGzip = (head) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
// PK\3\4 (a local header) or PK\5\6 (the end record of an archive with no entries).
export const isZip = (head) => head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));

// ---- Random access to the source: a Blob is read in slices; bytes are already in memory.
function randomAccess(source) {
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    return { size: source.size, read: async (at, n) => new Uint8Array(await source.slice(at, at + n).arrayBuffer()) };
  }
  const bytes = source instanceof Uint8Array ? source
    : source instanceof ArrayBuffer ? new Uint8Array(source)
    : ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : null;
  if (bytes === null) throw new TypeError('inputFiles() takes a Blob (File), bytes (Uint8Array, ArrayBuffer, Buffer) or a ReadableStream');
  return { size: bytes.length, read: async (at, n) => bytes.subarray(at, at + n) };
}

// Sequential chunks of [start, end), one slice read ahead while the previous is used.
async function* sequential(access, start, end, chunkBytes) {
  // A read left behind by an early stop must not become an unhandled rejection.
  const readAt = (at) => {
    const promise = access.read(at, Math.min(chunkBytes, end - at));
    promise.catch(() => {});
    return promise;
  };
  let pending = start < end ? readAt(start) : null;
  for (let at = start; at < end; at += chunkBytes) {
    const bytes = await pending;
    const next = at + chunkBytes;
    pending = next < end ? readAt(next) : null;
    yield bytes;
  }
}

/**
 * Bytes begin .. end of a Blob in slices of `sliceBytes`, the next slice read while the caller
 * uses the previous one (the browser reads a File off the Worker's thread).
 * @param {Blob} blob @param {number} begin @param {number} end @param {number} sliceBytes
 * @returns {AsyncGenerator<Uint8Array>}
 */
export function blobSlices(blob, begin, end, sliceBytes) {
  return sequential(randomAccess(blob), begin, end, sliceBytes);
}

// ---- zlib's inflate loop (gzip_decoder.cpp: GzipDecoder::feed), for gzip (15 + 16) or raw deflate (-15).
class Inflater {
  #z = new ZStream();
  #chunkBytes;

  constructor(windowBits, chunkBytes) {
    this.#chunkBytes = chunkBytes;
    if (zlibInflateInit2(this.#z, windowBits) !== Z_OK) throw new Error('pqlscope: inflateInit2 failed');
  }

  /**
   * Inflates `input`, yielding each output piece as it is made (nothing piles up); returns
   * {status, left}: status Z_STREAM_END when a stream ended with `left` input bytes unused.
   * Throws corrupt() when zlib reports bad data.
   */
  *run(input, corrupt) {
    const z = this.#z;
    z.input = input;
    z.next_in = 0;
    z.avail_in = input.length;
    for (;;) {
      z.output = new Uint8Array(this.#chunkBytes);
      z.next_out = 0;
      z.avail_out = this.#chunkBytes;
      const status = zlibInflate(z, Z_NO_FLUSH);
      if (status !== Z_OK && status !== Z_STREAM_END && status !== Z_BUF_ERROR) throw corrupt();
      if (z.next_out > 0) yield z.output.subarray(0, z.next_out);
      if (status === Z_STREAM_END) return { status, left: z.avail_in };
      if ((z.avail_in === 0 && z.avail_out > 0) || status === Z_BUF_ERROR) return { status, left: 0 };
    }
  }

  reset() {
    zlibInflateReset(this.#z);
  }
}

/** Every member of a (multi-member) gzip stream, as GzipDecoder does it. */
async function* gunzip(chunks, name, chunkBytes) {
  const inflater = new Inflater(15 + 16, Math.min(chunkBytes, OUTPUT_BYTES));
  let inMember = false;
  for await (let input of chunks) {
    while (input.length > 0) {
      inMember = true;
      const { status, left } = yield* inflater.run(input, () => fileError('corrupt_compressed_data', name, GZIP_CORRUPT));
      if (status !== Z_STREAM_END) break;
      // End of one member; whatever follows must be the next member's header.
      inflater.reset();
      inMember = false;
      input = input.subarray(input.length - left);
    }
  }
  if (inMember) throw fileError('corrupt_compressed_data', name, GZIP_TRUNCATED);
}

/** The bytes unchanged, or gunzipped when their first two bytes are gzip's (MaybeGzip). */
async function* maybeGunzip(chunks, name, chunkBytes) {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = new Uint8Array(0);
  const pending = [];
  while (head.length < 2) {
    const { value, done } = await iterator.next();
    if (done) break;
    pending.push(value);
    const joined = new Uint8Array(head.length + value.length);
    joined.set(head);
    joined.set(value, head.length);
    head = joined.length > 2 ? joined.subarray(0, 2) : joined;
  }
  const all = (async function* () {
    yield* pending;
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) return;
      yield value;
    }
  })();
  if (isGzip(head)) yield* gunzip(all, name, chunkBytes);
  else yield* all;
}

// ---- CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zlib's crc32().
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; ++n) {
    let c = n;
    for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(crc, bytes) {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; ++i) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// ---- ZIP (zip_reader.cpp): the central directory, then each entry from its local header.
const le = (b, at, n) => {
  let v = 0;
  for (let i = n - 1; i >= 0; --i) v = v * 256 + b[at + i];
  return v;
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
// UTF-8 when valid, else each byte read as Latin-1 (zip_reader.cpp: entry_name).
function entryName(raw) {
  try {
    return utf8.decode(raw);
  } catch {
    return String.fromCharCode(...raw);
  }
}

async function readZipDirectory(access, archive) {
  const corrupt = () => fileError('corrupt_compressed_data', archive, ZIP_DIRECTORY_CORRUPT);
  const readExactly = async (at, n) => {
    if (at < 0 || at + n > access.size) throw corrupt();
    const bytes = await access.read(at, n);
    if (bytes.length !== n) throw corrupt();
    return bytes;
  };
  const END_BYTES = 22;
  if (access.size < END_BYTES) throw corrupt();
  const tailSize = Math.min(access.size, END_BYTES + 0xffff);
  const tail = await readExactly(access.size - tailSize, tailSize);
  let at = tailSize - END_BYTES + 1;
  let found = false;
  while (at-- > 0) {
    if (le(tail, at, 4) === 0x06054b50) {
      found = true;
      break;
    }
  }
  if (!found) throw corrupt();
  let count = le(tail, at + 10, 2);
  let directorySize = le(tail, at + 12, 4);
  let directoryOffset = le(tail, at + 16, 4);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const endOffset = access.size - tailSize + at;
    if (endOffset < 20) throw corrupt();
    const locator = await readExactly(endOffset - 20, 20);
    if (le(locator, 0, 4) !== 0x07064b50) throw corrupt();
    const record = await readExactly(le(locator, 8, 8), 56);
    if (le(record, 0, 4) !== 0x06064b50) throw corrupt();
    count = le(record, 32, 8);
    directorySize = le(record, 40, 8);
    directoryOffset = le(record, 48, 8);
  }
  if (directoryOffset > access.size || directorySize > access.size - directoryOffset) throw corrupt();
  if (count > Math.floor(directorySize / 46)) throw corrupt();
  const directory = directorySize > 0 ? await readExactly(directoryOffset, directorySize) : new Uint8Array(0);
  const entries = [];
  let pos = 0;
  for (let i = 0; i < count; ++i) {
    if (directory.length - pos < 46 || le(directory, pos, 4) !== 0x02014b50) throw corrupt();
    const nameLen = le(directory, pos + 28, 2), extraLen = le(directory, pos + 30, 2), commentLen = le(directory, pos + 32, 2);
    if (directory.length - pos - 46 < nameLen + extraLen + commentLen) throw corrupt();
    const entry = {
      name: entryName(directory.subarray(pos + 46, pos + 46 + nameLen)),
      flags: le(directory, pos + 8, 2),
      method: le(directory, pos + 10, 2),
      crc: le(directory, pos + 16, 4),
      compressedSize: le(directory, pos + 20, 4),
      size: le(directory, pos + 24, 4),
      localOffset: le(directory, pos + 42, 4),
    };
    // Zip64 extended information: the 8-byte values of the fields set to 0xFFFFFFFF.
    const extra = pos + 46 + nameLen;
    for (let x = 0; x + 4 <= extraLen;) {
      const id = le(directory, extra + x, 2), len = le(directory, extra + x + 2, 2);
      if (x + 4 + len > extraLen) break;
      if (id === 0x0001) {
        let f = x + 4;
        for (const field of ['size', 'compressedSize', 'localOffset']) {
          if (entry[field] !== 0xffffffff) continue;
          if (f + 8 > x + 4 + len) throw corrupt();
          entry[field] = le(directory, extra + f, 8);
          f += 8;
        }
      }
      x += 4 + len;
    }
    entries.push(entry);
    pos += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

async function* zipEntryData(access, entry, name, chunkBytes, onRead) {
  const corrupt = () => fileError('corrupt_compressed_data', name, ZIP_ENTRY_CORRUPT);
  if (entry.localOffset + 30 > access.size) throw corrupt();
  const local = await access.read(entry.localOffset, 30);
  if (local.length !== 30 || le(local, 0, 4) !== 0x04034b50) throw corrupt();
  const dataOffset = entry.localOffset + 30 + le(local, 26, 2) + le(local, 28, 2);
  if (dataOffset + entry.compressedSize > access.size) throw corrupt();
  const deflated = entry.method === 8;
  const inflater = deflated ? new Inflater(-15, Math.min(chunkBytes, OUTPUT_BYTES)) : null;
  let produced = 0;
  let crc = 0;
  let streamEnd = !deflated;
  const check = (bytes) => {
    produced += bytes.length;
    if (produced > entry.size) throw corrupt();
    crc = crc32(crc, bytes);
    return bytes;
  };
  const end = dataOffset + entry.compressedSize;
  let at = dataOffset;
  for await (const input of sequential(access, dataOffset, end, chunkBytes)) {
    at += input.length;
    onRead(at);
    if (!deflated) {
      if (input.length > 0) yield check(input);
      continue;
    }
    let status = Z_OK;
    for (const piece = inflater.run(input, corrupt); ;) {
      const { value, done } = piece.next();
      if (done) {
        status = value.status;
        break;
      }
      yield check(value);
    }
    if (status === Z_STREAM_END) {
      streamEnd = true;  // bytes after it are ignored: the size and CRC-32 decide
      break;
    }
  }
  if (!streamEnd || produced !== entry.size || crc !== entry.crc) throw corrupt();
}

const isMacosMetadata = (name) => name.startsWith('__MACOSX/') || name.includes('/__MACOSX/') || name.slice(name.lastIndexOf('/') + 1) === '.DS_Store';

async function* zipInputFiles(access, archive, chunkBytes, onNotice, onRead) {
  const inputs = [];
  for (const entry of await readZipDirectory(access, archive)) {
    const name = `${archive}!${entry.name}`;
    if (entry.name.endsWith('/')) onNotice(`${archive}: skipped ${entry.name} (a folder)`);
    else if (isMacosMetadata(entry.name)) onNotice(`${archive}: skipped ${entry.name} (macOS metadata)`);
    else if (entry.flags & 1) throw fileError('unsupported_compression', name, ZIP_ENTRY_ENCRYPTED);
    else if (entry.method !== 0 && entry.method !== 8) {
      throw fileError('unsupported_compression', name, `the ZIP entry uses compression method ${entry.method}; pqlscope reads stored (0) and deflate (8) entries`);
    } else inputs.push(entry);
  }
  if (inputs.length === 0) {
    // The archive itself becomes the (empty) input, so the report says so like any empty file.
    onNotice(`${archive}: the ZIP archive holds no files`);
    yield { name: archive, chunks: (async function* () {})() };
    return;
  }
  for (const entry of inputs) {
    const name = `${archive}!${entry.name}`;
    yield { name, chunks: maybeGunzip(zipEntryData(access, entry, name, chunkBytes, onRead), name, chunkBytes) };
  }
}

async function* streamChunks(stream) {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * The input files inside `source` (a Blob or File, bytes, or a ReadableStream of bytes):
 * itself, its gunzipped bytes (every member), or each entry of a ZIP archive (named
 * "archive.zip!entry", gunzipped when the entry is gzip). Decided by the first bytes, never
 * by the name. Yields {name, chunks} where chunks is an async iterable of Uint8Array; read
 * each file's chunks before asking for the next file. onNotice(text): a ZIP entry skipped on
 * purpose; onRead(bytes): bytes of `source` read so far. Throws IngestError
 * (corrupt_compressed_data, unsupported_compression) naming the input file. A ZIP given as a
 * stream is first collected into a Blob: its directory is at the end.
 * @param {Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>} source
 * @param {string} name
 * @param {{ chunkBytes?: number, onNotice?: (text: string) => void, onRead?: (bytes: number) => void }} [options]
 * @returns {AsyncGenerator<{ name: string, chunks: AsyncIterable<Uint8Array> }>}
 */
export async function* inputFiles(source, name, { chunkBytes = DEFAULT_CHUNK_BYTES, onNotice = (text) => {}, onRead = (bytes) => {} } = {}) {
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) {
    // The first four bytes decide, however the stream is chunked.
    const iterator = streamChunks(source);
    const first = [];
    let seen = 0;
    while (seen < 4) {
      const { value, done } = await iterator.next();
      if (done) break;
      first.push(value);
      seen += value.length;
    }
    const head = new Uint8Array(Math.min(seen, 4));
    for (let at = 0, i = 0; at < head.length; ++i) {
      const part = first[i].subarray(0, head.length - at);
      head.set(part, at);
      at += part.length;
    }
    let read = 0;
    const counted = (async function* () {
      for (const chunk of [first, iterator]) {
        for await (const bytes of chunk) {
          read += bytes.length;
          onRead(read);
          yield bytes;
        }
      }
    })();
    if (isZip(head)) {
      const parts = [];
      for await (const chunk of counted) parts.push(chunk);
      yield* inputFiles(new Blob(parts), name, { chunkBytes, onNotice, onRead: () => {} });
      return;
    }
    yield { name, chunks: maybeGunzip(counted, name, chunkBytes) };
    return;
  }
  const access = randomAccess(source);
  const head = await access.read(0, Math.min(4, access.size));
  if (isZip(head)) {
    yield* zipInputFiles(access, name, chunkBytes, onNotice, onRead);
    return;
  }
  const chunks = (async function* () {
    let read = 0;
    for await (const bytes of sequential(access, 0, access.size, chunkBytes)) {
      read += bytes.length;
      onRead(read);
      yield bytes;
    }
  })();
  yield { name, chunks: maybeGunzip(chunks, name, chunkBytes) };
}
