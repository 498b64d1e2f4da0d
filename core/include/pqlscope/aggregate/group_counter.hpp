// A small open-addressing table from a packed 64-bit group key to a count. One lives per open
// day, so it stays cache-sized for time-ordered input (PERFORMANCE.md: one big group table is
// where the peers lose their time).
#pragma once

#include <cstdint>
#include <vector>

namespace pqlscope {

class GroupCounter {
 public:
  static constexpr uint64_t kEmpty = UINT64_MAX;

  void add(uint64_t key, uint32_t n = 1) {
    if ((size_ + 1) * 2 > keys_.size()) grow();
    uint64_t i = slot_of(key);
    while (keys_[i] != kEmpty) {
      if (keys_[i] == key) {
        counts_[i] += n;
        return;
      }
      i = (i + 1) & mask_;
    }
    keys_[i] = key;
    counts_[i] = n;
    ++size_;
  }
  size_t size() const { return size_; }

  // Appends (key, count) pairs sorted by key and empties the table (keeping its capacity).
  template <class Emit>
  void drain_sorted(Emit&& emit);

 private:
  uint64_t slot_of(uint64_t key) const {
    uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    return (h ^ (h >> 29)) & mask_;
  }
  void grow();

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> counts_;
  struct KeyCount {
    uint64_t key;
    uint32_t count;
  };
  std::vector<KeyCount> scratch_;
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace pqlscope

#include "pqlscope/aggregate/group_counter_inl.hpp"
