// A hint that the cache line holding `p` is read soon (the ingest's batched loads,
// core/src/aggregate/event_queue.cpp). `p` must point into a live allocation: in WebAssembly
// the hint is a real load.
#pragma once

namespace pqlscope {

inline void prefetch(const void* p) {
#if defined(__wasm__)
  // WebAssembly has no prefetch instruction (__builtin_prefetch compiles to nothing), so the
  // queue of sixteen events overlapped no misses there. A load whose value nothing waits for
  // does the job on the CPU that runs the module: the out-of-order core issues it and goes on,
  // and the misses of the queued events overlap (docs/performance-round-10.md).
  (void)*static_cast<const volatile unsigned char*>(p);
#else
  __builtin_prefetch(p);
#endif
}

}  // namespace pqlscope
