#pragma once

#include <algorithm>

namespace pqlscope {

inline void GroupCounter::grow() {
  const size_t capacity = slots_.empty() ? 4096 : slots_.size() * 2;
  std::vector<Slot> old(capacity, Slot{kEmpty, 0});
  old.swap(slots_);
  mask_ = capacity - 1;
  size_ = 0;
  for (const Slot& s : old) {
    if (s.key != kEmpty) add(s.key, s.count);
  }
}

// LSD radix sort by key, one pass per byte in which the keys differ. Group keys use few of
// their 64 bits (entity << 16 | event: the event's high byte and the entity's top bytes are
// the same for every key), so a day's table needs 3-4 passes. Closing days with std::sort
// took ~15% of ingest time at 1M events (perf); this takes a fraction of that. Keys in the
// table are distinct, so the result equals any other sort's.
inline void GroupCounter::radix_sort(std::vector<Slot>& items, std::vector<Slot>& buffer) {
  // Small tables: not worth the passes. Huge ones (the unordered-mode tables at finish()):
  // sorted in place, since the radix buffer would add 12 bytes per group to peak memory.
  if (items.size() < 64 || items.size() > (size_t{1} << 22)) {
    std::sort(items.begin(), items.end(), [](const Slot& a, const Slot& b) { return a.key < b.key; });
    return;
  }
  uint64_t all_or = 0, all_and = ~uint64_t{0};
  for (const Slot& s : items) {
    all_or |= s.key;
    all_and &= s.key;
  }
  const uint64_t varying = all_or ^ all_and;
  buffer.resize(items.size());
  for (int shift = 0; shift < 64; shift += 8) {
    if (((varying >> shift) & 0xFF) == 0) continue;
    size_t offsets[256] = {};
    for (const Slot& s : items) ++offsets[(s.key >> shift) & 0xFF];
    size_t sum = 0;
    for (size_t& o : offsets) {
      const size_t count = o;
      o = sum;
      sum += count;
    }
    for (const Slot& s : items) buffer[offsets[(s.key >> shift) & 0xFF]++] = s;
    items.swap(buffer);
  }
}

template <class Emit>
void GroupCounter::drain_sorted(SortBuffers& buffers, Emit&& emit) {
  // Sort (key, count) pairs by value, not indices through the table: no indirection. Slots
  // are emptied as they are read, which saves a second pass over the table.
  std::vector<Slot>& items = buffers.items;
  items.clear();
  for (Slot& s : slots_) {
    if (s.key != kEmpty) {
      items.push_back(s);
      s.key = kEmpty;
    }
  }
  radix_sort(items, buffers.spare);
  for (const Slot& kc : items) emit(kc.key, kc.count);
  size_ = 0;
}

}  // namespace pqlscope
