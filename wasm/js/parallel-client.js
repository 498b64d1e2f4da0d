// @ts-check
// The page's side of the Worker-parallel ingest (parallel-ingest.js has the engine's side): the
// primary Worker plans the split of the first file, it and workers - 1 helper Workers (started
// for this ingest, terminated after it: WebAssembly memory never shrinks) each read one chunk,
// and the primary merges their results as its first file, then reads the other files as usual.

/**
 * @typedef {(type: string, payload: any, onProgress?: (progress: any) => void, transfer?: ArrayBuffer[]) => Promise<any>} Requester
 * @typedef {{ request: Requester, terminate: () => void }} Helper
 */

/**
 * @param {Requester} request the primary Worker's
 * @param {() => Helper} startHelper
 * @param {any[]} files named files[] entries
 * @param {{ workers: number, minChunkBytes?: number, options?: any, sliceBytes?: number, onProgress?: (progress: any) => void, [key: string]: any }} options
 * @returns {Promise<any>} the 'ingest' reply, with `parallel`: {chunks, fallback}
 */
export async function ingestOnWorkers(request, startHelper, files, { workers, minChunkBytes, onProgress, ...rest }) {
  const first = files[0];
  const { file, name, kind = 'events', format, mapping, epochUnit, dateOrder } = first;
  const entry = { kind, format, mapping, epochUnit, dateOrder };
  // The kept data goes before the chunks are read, not after: one dataset's high-water mark.
  if (rest.releasePrevious) await request('release', {});
  const plan = await request('planChunks', { file, name, workers, minChunkBytes, ...entry });
  if (plan.fallback !== '') {
    const reply = await request('ingest', { files, ...rest }, onProgress);
    return { ...reply, parallel: { chunks: 1, fallback: plan.fallback } };
  }
  const starts = /** @type {number[]} */ (plan.starts);
  /** @type {Helper[]} */
  const helpers = [];
  try {
    for (let k = 1; k < starts.length; ++k) helpers.push(startHelper());
    const totalBytes = files.reduce((n, f) => n + f.file.size, 0);
    const read = starts.map(() => 0);
    const results = await Promise.all(starts.map((begin, k) => {
      const end = k + 1 < starts.length ? starts[k + 1] : file.size;
      const via = k === 0 ? request : helpers[k - 1].request;
      const head = plan.head.slice(0);  // each Worker gets its own copy
      const payload = { file, name, entry, options: rest.options, head, index: k, begin, end, sliceBytes: rest.sliceBytes };
      return via('ingestChunk', payload, (/** @type {{ bytes: number }} */ p) => {
        read[k] = p.bytes;
        onProgress?.({ file: name, fileIndex: 0, bytes: read.reduce((a, b) => a + b, 0), totalBytes, events: 0, rejected: 0 });
      }).then((/** @type {{ chunk: ArrayBuffer }} */ r) => r.chunk);
    }));
    for (const helper of helpers.splice(0)) helper.terminate();
    return await request('ingest', { files, ...rest, workerChunks: { head: plan.head, results } }, onProgress, [...results]);
  } finally {
    for (const helper of helpers) helper.terminate();
  }
}
