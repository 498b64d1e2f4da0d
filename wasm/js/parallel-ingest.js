// @ts-check
// Worker-parallel ingest (docs/ingest.md, "Parallel ingest in the browser"): one uncompressed
// events file split at line ends into chunks, each read by its own engine (a Worker) into the
// core's chunk result, all merged by the primary Worker's session with the same checks and the
// same merge as the native threads. Whenever a chunked read could differ from one pass (a
// quoted field across a split, a message id in two chunks, a compressed file...) the core says
// why and the file is read on one Worker: the results are always those of one Worker.
import { unwrap } from './errors.js';
import { blobSlices, isGzip, isZip } from './decompress.js';
import { snakeCaseKeys } from './ingest-session.js';

/** The file's first bytes the plan is decided on (the core's kHeadBytes). */
export const HEAD_BYTES = 64 << 10;
/** No chunk is smaller (the core's ParallelOptions::min_chunk_bytes): it must hold more than the mapping's sample. */
export const MIN_CHUNK_BYTES = 8 << 20;

/** @param {Blob} blob @param {number} begin @param {number} end */
async function bytesOf(blob, begin, end) {
  return new Uint8Array(await blob.slice(begin, end).arrayBuffer());
}

/**
 * The file options of an ingest files[] entry, as the engine reads them.
 * @param {{ kind?: string, format?: string, mapping?: object, epochUnit?: string, dateOrder?: string }} entry
 */
export function fileOptionsJson({ kind = 'events', format, mapping, epochUnit, dateOrder }) {
  return JSON.stringify({ kind, ...snakeCaseKeys({ format, mapping, epochUnit, dateOrder }) });
}

/**
 * Where the chunks start: the first line end at or after each even split point past the header
 * line, exactly as the native split (core/src/ingest/parallel_ingest.cpp). [] when the file
 * makes fewer than two chunks.
 * @param {Blob} blob @param {number} headerEnd @param {number} wanted @param {number} minChunkBytes
 */
export async function chunkStarts(blob, headerEnd, wanted, minChunkBytes) {
  const size = blob.size;
  const count = Math.min(wanted, Math.max(1, Math.floor(size / Math.max(1, minChunkBytes))));
  const starts = [0];
  for (let k = 1; k < count; ++k) {
    let at = Math.max(Math.floor(size / count) * k, starts[starts.length - 1] + 1, headerEnd);
    let boundary = size;
    while (at < size) {
      const window = await bytesOf(blob, at, Math.min(size, at + HEAD_BYTES));
      if (window.length === 0) break;
      const lf = window.indexOf(10);
      if (lf >= 0) {
        boundary = at + lf + 1;
        break;
      }
      at += window.length;
    }
    if (boundary >= size) break;
    if (boundary > starts[starts.length - 1]) starts.push(boundary);
  }
  return starts.length < 2 ? [] : starts;
}

/**
 * The plan for one file: {fallback} when it is read on one Worker, else {head, starts} (chunk k
 * is starts[k] .. starts[k + 1], the last one to the end).
 * @param {any} core the Emscripten module
 * @param {Blob} file
 * @param {string} name
 * @param {object} entry the files[] entry (kind and file options)
 * @param {{ workers: number, minChunkBytes?: number }} options
 * @returns {Promise<{ fallback: string, head?: Uint8Array, starts?: number[] }>}
 */
export async function planChunks(core, file, name, entry, { workers, minChunkBytes = MIN_CHUNK_BYTES }) {
  const head = await bytesOf(file, 0, Math.min(file.size, HEAD_BYTES));
  if (isGzip(head) || isZip(head)) return { fallback: 'the file is compressed: it is unpacked on one Worker' };
  const plan = JSON.parse(unwrap(core.planWorkerChunks(head, name, fileOptionsJson(entry))));
  if (plan.fallback !== '') return { fallback: plan.fallback };
  const starts = await chunkStarts(file, plan.header_end, workers, minChunkBytes);
  if (starts.length === 0) return { fallback: 'the file is smaller than two chunks' };
  return { fallback: '', head, starts };
}

/**
 * Reads bytes begin .. end of `file` as chunk `index` and returns the core's chunk result.
 * @param {any} core
 * @param {{ file: Blob, name: string, entry: object, options?: object, head: Uint8Array, index: number, begin: number, end: number, sliceBytes: number, onRead?: (bytes: number) => void }} job
 */
export async function readChunk(core, { file, name, entry, options = {}, head, index, begin, end, sliceBytes, onRead = () => {} }) {
  const reader = new core.ChunkReader();
  try {
    unwrap(reader.start(name, fileOptionsJson(entry), JSON.stringify(snakeCaseKeys(options)), head, index, begin, end));
    // The next slice is read while this one is ingested (blobSlices reads one ahead).
    let at = begin;
    for await (const bytes of blobSlices(file, begin, end, sliceBytes)) {
      if (bytes.length === 0) throw new Error(`${name}: the file ended early while it was read`);
      // A fresh view for every piece: feeding may grow the memory, which detaches older views.
      reader.inputView(bytes.length).set(bytes);
      unwrap(reader.feedBuffered(bytes.length));
      at += bytes.length;
      onRead(at - begin);
    }
    if (at !== end) throw new Error(`${name}: the file ended early while it was read`);
    unwrap(reader.finish());
    return /** @type {Uint8Array} */ (reader.result());
  } finally {
    reader.delete();
  }
}
