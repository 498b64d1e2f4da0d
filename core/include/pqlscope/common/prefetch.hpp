// A hint that the cache line holding `p` is read soon (the ingest's batched loads,
// core/src/aggregate/event_queue.cpp). `p` must point into a live allocation: in WebAssembly
// the hint is a real load.
#pragma once

#include <cstddef>

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

// Records and slots a batched load asks for, aligned to their size in WebAssembly so that each
// is one cache line: there each line is a load that waits (LoadBatch below). Natively the
// prefetches' second lines cost no wait, and the padding made the 1M CSV job about 3% slower
// (docs/performance-round-15.md), so they keep their natural alignment.
#if defined(__wasm__)
#define PQLSCOPE_ONE_LINE(bytes) alignas(bytes)
#else
#define PQLSCOPE_ONE_LINE(bytes)
#endif

// The address of a T, and of its last byte when it may span two cache lines.
template <class T, class Hint>
void hint_lines_of(const T& object, Hint&& hint) {
  const char* p = reinterpret_cast<const char*>(&object);
  hint(p);
  if constexpr (alignof(T) < sizeof(T)) hint(p + sizeof(T) - 1);
}

// The hint of the tables' prefetch helpers (StringInterner, GroupCounter, IdHashSet): asks for
// the line at once.
struct PrefetchNow {
  void operator()(const void* p) const { pqlscope::prefetch(p); }
};

// WebAssembly's batched loads (core/src/aggregate/event_queue.cpp): the helpers' addresses are
// gathered first and loaded in one short loop afterwards. A load's miss stalls the core once
// its reorder buffer is full, so loads asked for between an event's hashing and bounds checks
// overlapped only three or four at a time; loaded back to back, the core keeps all its line
// fill buffers busy (docs/performance-round-15.md).
template <size_t kCapacity>
class LoadBatch {
 public:
  void operator()(const void* p) {
    if (size_ == kCapacity) load_all();
    at_[size_++] = static_cast<const volatile unsigned char*>(p);
  }
  void load_all() {
    for (size_t i = 0; i < size_; ++i) (void)*at_[i];
    size_ = 0;
  }
  size_t size() const { return size_; }  // addresses not loaded yet

 private:
  const volatile unsigned char* at_[kCapacity];
  size_t size_ = 0;
};

}  // namespace pqlscope
