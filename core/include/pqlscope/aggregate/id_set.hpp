// A set of 64-bit hashes in about 7 bytes per member, for the message ids of every event read
// (docs/ingest.md, "Duplicates"). A hash table of uint64 needs 10-20 bytes per member (load
// factor, doubling); here the top bits of a (re-mixed) hash choose one of 2^p partitions and only the low
// 48 bits are stored (6 bytes), kept sorted in the partition. No bit is lost: p starts at 16,
// so the stored 48 bits and the partition's 16+ bits together are the whole hash. A partition
// holds ~150-250 members, found by interpolation (the hashes are uniform), so a lookup touches
// one or two cache lines and an insert moves at most a few hundred bytes. When partitions
// average more than kSplitAt members, each splits in two (by its next hash bit, which is the
// top varying bit of its sorted members: a split is a cut, no sorting), one at a time, so growth
// never holds two copies of the set. Every partition's first block (8 members) is its slot in
// one allocation for all of them: most partitions of a chunk's set never outgrow it at 1M
// events, and freeing a set was a free per block, on one thread (docs/performance-round-8.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "pqlscope/common/prefetch.hpp"

namespace pqlscope {

class IdHashSet {
 public:
  static constexpr unsigned kFirstPartitionBits = 16;
  static constexpr size_t kSplitAt = 256;  // mean members per partition before splitting
  static constexpr size_t kStride = 6;     // bytes per stored member (its low 48 hash bits)

  // split_at: mean members per partition before splitting (smaller only in tests, to split
  // without millions of members).
  explicit IdHashSet(size_t split_at = kSplitAt) : split_at_(split_at) {}
  IdHashSet(IdHashSet&& other) noexcept { take(other); }
  IdHashSet& operator=(IdHashSet&& other) noexcept {
    if (this != &other) {
      clear();
      take(other);
    }
    return *this;
  }
  ~IdHashSet() { clear(); }

  bool insert(uint64_t hash);  // false when already present
  // The ingest's batches (docs/performance.md, "Batched loads") mix a hash once, ask for its
  // partition's header early, for its place in the partition's data a few rows later (which
  // reads the header), and insert last. Prefetches are hints: they never change the set.
  static uint64_t mixed(uint64_t hash);
  template <class Hint = PrefetchNow>
  void prefetch_partition(uint64_t mixed_hash, Hint&& hint = {}) const {
    if (!partitions_.empty()) hint(&partitions_[partition_of(mixed_hash)]);
  }
  // Natively the lines an insert moves are hinted too (below); in WebAssembly, where a hint is a
  // load, that measured no faster (10M Segment events: 13.1-13.2 against 13.0 s), so only the place.
#if defined(__wasm__)
  static constexpr int kPlaceLines = 1;
#else
  static constexpr int kPlaceLines = 8;
#endif
  template <class Hint = PrefetchNow>
  void prefetch_place(uint64_t mixed_hash, Hint&& hint = {}) const {
    const uint8_t* place = nullptr;
    const uint8_t* end = nullptr;
    if (!place_guess(mixed_hash, place, end)) return;
    // An insert moves every member after its place one slot on (memmove, from the partition's
    // end back), so the lines from the place on are asked for, at most kPlaceLines of them, and
    // the last: at 10M Segment events with ids, memmove waiting on those lines was 7% of the
    // JSON-lines job (docs/performance-round-17.md).
    for (int line = 0; line < kPlaceLines && place < end; ++line, place += 64) hint(place);
    if (kPlaceLines > 1) hint(end - 1);
  }
  bool insert_mixed(uint64_t mixed_hash);  // insert(h) is insert_mixed(mixed(h))
  bool contains(uint64_t hash) const;
  // True when some member is in `other` too (parallel ingest: an id seen in two parts).
  bool shares_member_with(const IdHashSet& other) const;
  // The same for the members in slice `slice` of `slices` equal slices of the hash space (by
  // their top 16 bits; slices <= 2^16): the slices of one comparison can run side by side, and
  // two sets share a member exactly when some slice does.
  bool shares_member_in_slice(const IdHashSet& other, unsigned slice, unsigned slices) const;
  // The members as mixed hashes, ascending: what a Worker sends for the parallel ingest's
  // "seen in an earlier part" comparison (ingest/chunk_exchange.hpp); equal sets give equal lists.
  std::vector<uint64_t> mixed_members() const;
  uint64_t size() const { return size_; }
  unsigned partition_bits() const { return bits_; }
  size_t memory_bytes() const;
  void clear();

 private:
  struct Partition {
    uint8_t* data = nullptr;  // sorted 6-byte little-endian low-48-bit values: its slot in
                              // first_blocks_, or a block of its own (new[])
    uint32_t size = 0;
    uint32_t capacity = 0;
  };
  static constexpr uint32_t kFirstCapacity = 8;
  bool in_first_blocks(size_t p, const Partition& part) const {
    return first_blocks_ && part.data == first_blocks_.get() + p * kFirstCapacity * kStride;
  }
  // Frees a partition's block unless it is its slot in first_blocks_.
  void free_block(size_t p, Partition& part);
  void take(IdHashSet& other) noexcept;
  size_t partition_of(uint64_t hash) const { return static_cast<size_t>(hash >> (64 - bits_)); }
  // Where lower_bound would probe first for `mixed_hash` (prefetch_place) and where its
  // partition's data ends; false when the partition is empty.
  bool place_guess(uint64_t mixed_hash, const uint8_t*& place, const uint8_t*& end) const;
  // First position in `part` whose value is >= low48 (interpolation, then a short walk).
  uint32_t lower_bound(const Partition& part, uint64_t low48) const;
  void split_all();

  size_t split_at_;
  std::vector<Partition> partitions_;  // allocated at the first insert
  std::unique_ptr<uint8_t[]> first_blocks_;  // partitions_.size() slots of kFirstCapacity members
  size_t in_first_blocks_ = 0;            // partitions whose data is their slot there
  unsigned bits_ = kFirstPartitionBits;
  uint64_t size_ = 0;
  size_t data_bytes_ = 0;  // capacity of all partitions, in bytes
};

}  // namespace pqlscope
