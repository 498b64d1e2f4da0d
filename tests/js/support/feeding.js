// Feeding helpers: the whole file at once, or random chunk sizes (with empty chunks), seeded.

/** mulberry32: a small deterministic PRNG, so a failing seed can be replayed. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* randomChunks(bytes, seed, maxChunk) {
  const next = rng(seed);
  for (let at = 0; at < bytes.length; ) {
    const size = next() < 0.1 ? 0 : 1 + Math.floor(next() * maxChunk);
    const n = Math.min(size, bytes.length - at);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

/** Ingests a fixture case through the JS API; `chunks(bytes)` decides the feeding. */
export function ingestCase(engine, testCase, fileBytes, chunks = (bytes) => [bytes], options = {}) {
  const session = engine.ingest(options);
  try {
    for (const file of testCase.files) {
      session.addFile(file.name, file.kind, file.kind === 'events' ? testCase.event : undefined);
      for (const chunk of chunks(fileBytes(file))) session.feed(chunk);
      session.endFile();
    }
    const report = session.finish();
    return { report, aggregatesJson: session.aggregatesJson() };
  } finally {
    session.delete();
  }
}
