#pragma once

#include <algorithm>

namespace pqlscope {

inline void GroupCounter::grow() {
  const size_t capacity = keys_.empty() ? 4096 : keys_.size() * 2;
  std::vector<uint64_t> old_keys(capacity, kEmpty);
  std::vector<uint32_t> old_counts(capacity, 0);
  old_keys.swap(keys_);
  old_counts.swap(counts_);
  mask_ = capacity - 1;
  size_ = 0;
  for (size_t i = 0; i < old_keys.size(); ++i) {
    if (old_keys[i] != kEmpty) add(old_keys[i], old_counts[i]);
  }
}

template <class Emit>
void GroupCounter::drain_sorted(Emit&& emit) {
  // Sort (key, count) pairs by value, not indices through the table: no indirection.
  scratch_.clear();
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] != kEmpty) scratch_.push_back({keys_[i], counts_[i]});
  }
  std::sort(scratch_.begin(), scratch_.end(),
            [](const KeyCount& a, const KeyCount& b) { return a.key < b.key; });
  for (const KeyCount& kc : scratch_) emit(kc.key, kc.count);
  std::fill(keys_.begin(), keys_.end(), kEmpty);
  size_ = 0;
}

}  // namespace pqlscope
