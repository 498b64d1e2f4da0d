// A minimal ZIP writer for test fixtures, from PKWARE APPNOTE.TXT 4.3 (local file header,
// data, central directory header, end of central directory record), with Node's zlib for
// raw deflate and CRC-32. Not the code under test: wasm/js/decompress.js only reads ZIPs.
import { crc32, deflateRawSync } from 'node:zlib';

function le(value, bytes) {
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; ++i) out[i] = Math.floor(value / 2 ** (8 * i)) & 0xff;
  return out;
}

/** entries: [{name: string (written as UTF-8) or Buffer (raw bytes), data: Buffer|string, deflate = true}] -> the archive. */
export function makeZip(entries) {
  const parts = [];
  const directory = [];
  let offset = 0;
  for (const { name, data, deflate = true } of entries) {
    const raw = Buffer.from(data);
    const stored = deflate ? deflateRawSync(raw) : raw;
    const nameBytes = Buffer.isBuffer(name) ? name : Buffer.from(name, 'utf8');
    const common = [le(20, 2), le(0x0800, 2), le(deflate ? 8 : 0, 2), le(0, 2), le(0x5821, 2), le(crc32(raw), 4),
      le(stored.length, 4), le(raw.length, 4), le(nameBytes.length, 2), le(0, 2)];
    const local = Buffer.concat([le(0x04034b50, 4), ...common, nameBytes, stored]);
    directory.push(Buffer.concat([le(0x02014b50, 4), le(20, 2), ...common, le(0, 2), le(0, 2), le(0, 2), le(0, 4), le(offset, 4), nameBytes]));
    parts.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.concat([le(0x06054b50, 4), le(0, 2), le(0, 2), le(entries.length, 2), le(entries.length, 2),
    le(dir.length, 4), le(offset, 4), le(0, 2)]);
  return Buffer.concat([...parts, dir, end]);
}
