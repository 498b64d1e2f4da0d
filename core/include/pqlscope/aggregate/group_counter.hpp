// A small open-addressing table from a packed 64-bit group key to a count. One lives per open
// day, so it stays cache-sized for time-ordered input (docs/performance.md: one big group table
// is where the peers lose their time).
#pragma once

#include <cstdint>
#include <vector>

#include "pqlscope/common/prefetch.hpp"

namespace pqlscope {

class GroupCounter {
 public:
  // Key and count side by side, so that an add touches one cache line, not two (separate
  // arrays cost a second miss per event once a day's table outgrows L1). Packed to 12 bytes:
  // the unordered-mode tables hold a slot per group of the whole input.
#pragma pack(push, 4)
  struct Slot {
    uint64_t key;
    uint32_t count;
  };
#pragma pack(pop)
  static_assert(sizeof(Slot) == 12);

  static constexpr uint64_t kEmpty = UINT64_MAX;

  void add(uint64_t key, uint32_t n = 1) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    uint64_t i = slot_of(key);
    while (slots_[i].key != kEmpty) {
      if (slots_[i].key == key) {
        slots_[i].count += n;
        return;
      }
      i = (i + 1) & mask_;
    }
    slots_[i].key = key;
    slots_[i].count = n;
    ++size_;
  }
  // A hint that add(key) follows soon (the ingest's batched loads, event_queue.cpp): asks for
  // the line(s) of the key's first slot. Never changes the table.
  template <class Hint = PrefetchNow>
  void prefetch(uint64_t key, Hint&& hint = {}) const {
    if (slots_.empty()) return;
    const char* slot = reinterpret_cast<const char*>(&slots_[slot_of(key)]);
    hint(slot);
    hint(slot + sizeof(Slot) - 1);
  }
  size_t size() const { return size_; }

  // Work space for drain_sorted. The day tables of EventAggregator share one, so that the
  // sort needs no buffers per table (8 open days x 3 tables would add ~17 MB peak RSS at 10M
  // events).
  struct SortBuffers {
    std::vector<Slot> items, spare;
  };

  // Appends (key, count) pairs sorted by key and empties the table (keeping its capacity).
  template <class Emit>
  void drain_sorted(Emit&& emit) { drain_sorted(own_buffers_, emit); }
  template <class Emit>
  void drain_sorted(SortBuffers& buffers, Emit&& emit);

 private:
  // Key and count side by side, so that an add touches one cache line, not two (separate
  // arrays cost a second miss per event once a day's table outgrows L1). Packed to 12 bytes:
  // the unordered-mode tables hold a slot per group of the whole input.

  uint64_t slot_of(uint64_t key) const {
    uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    return (h ^ (h >> 29)) & mask_;
  }
  void grow();
  static void radix_sort(std::vector<Slot>& items, std::vector<Slot>& buffer);

  std::vector<Slot> slots_;
  SortBuffers own_buffers_;
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace pqlscope

#include "pqlscope/aggregate/group_counter_inl.hpp"
