#include "pqlscope/aggregate/id_set.hpp"

#include <cstring>

#include "pqlscope/aggregate/hash.hpp"
#include "pqlscope/common/prefetch.hpp"

namespace pqlscope {
namespace {

constexpr size_t kStride = IdHashSet::kStride;
constexpr uint64_t kLow48 = (uint64_t{1} << 48) - 1;
constexpr unsigned kMaxPartitionBits = 32;  // 2^32 partitions: far beyond any input

// Members are stored little-endian (native and WebAssembly are both little-endian).
uint64_t load(const uint8_t* p) {
  uint64_t v = 0;
  std::memcpy(&v, p, kStride);
  return v;
}
void store(uint8_t* p, uint64_t v) { std::memcpy(p, &v, kStride); }

}  // namespace

uint32_t IdHashSet::lower_bound(const Partition& part, uint64_t low48) const {
  const uint32_t n = part.size;
  if (n == 0) return 0;
  const uint8_t* d = part.data;
  // The low (64 - bits_) bits vary within a partition and are uniform: their top 16 bits
  // say where in the sorted run the value should sit.
  const unsigned width = 64 - bits_;
  const uint64_t local = low48 & ((uint64_t{1} << width) - 1);
  uint32_t pos = static_cast<uint32_t>(((local >> (width - 16)) * n) >> 16);
  if (pos >= n) pos = n - 1;
  if (load(d + size_t{pos} * kStride) < low48) {
    while (pos < n && load(d + size_t{pos} * kStride) < low48) ++pos;
  } else {
    while (pos > 0 && load(d + size_t{pos - 1} * kStride) >= low48) --pos;
  }
  return pos;
}

bool IdHashSet::contains(uint64_t hash) const {
  if (partitions_.empty()) return false;
  hash = mix64(hash);
  const Partition& part = partitions_[partition_of(hash)];
  const uint64_t low48 = hash & kLow48;
  const uint32_t pos = lower_bound(part, low48);
  return pos < part.size && load(part.data + size_t{pos} * kStride) == low48;
}

namespace {

// Whether two partitions' sorted 6-byte values share one.
template <class Partition>
bool sorted_runs_share(const Partition& a, const Partition& b) {
  uint32_t i = 0, j = 0;
  while (i < a.size && j < b.size) {
    const uint64_t x = load(a.data + size_t{i} * kStride), y = load(b.data + size_t{j} * kStride);
    if (x == y) return true;
    i += x < y ? 1 : 0;
    j += y < x ? 1 : 0;
  }
  return false;
}
constexpr size_t kPartitionsAhead = 8;

// The members of a set's partitions as mixed hashes, ascending (partitions in order, sorted
// within). A template so that it can walk the set's private partitions it is handed.
template <class Partitions>
class AscendingMembers {
 public:
  // The members of partitions [first, end).
  AscendingMembers(const Partitions& partitions, unsigned bits, size_t first, size_t end)
      : partitions_(partitions), shift_(64 - bits), end_(end), p_(first) {
    settle();
  }
  bool done() const { return p_ >= end_; }
  uint64_t value() const {
    return (static_cast<uint64_t>(p_) << shift_) | load(partitions_[p_].data + size_t{i_} * kStride);
  }
  void next() {
    ++i_;
    settle();
  }

 private:
  void settle() {  // past exhausted partitions to the next member, if any
    while (p_ < end_ && i_ >= partitions_[p_].size) {
      ++p_;
      i_ = 0;
      // Each partition is its own block of a few dozen bytes: fetched a few partitions ahead,
      // or every one is a cache miss.
      if (p_ + kAhead < end_ && partitions_[p_ + kAhead].data != nullptr) pqlscope::prefetch(partitions_[p_ + kAhead].data);
    }
  }
  static constexpr size_t kAhead = 8;
  const Partitions& partitions_;
  unsigned shift_;
  size_t end_;
  size_t p_;
  uint32_t i_ = 0;
};

}  // namespace

bool IdHashSet::shares_member_with(const IdHashSet& other) const { return shares_member_in_slice(other, 0, 1); }

bool IdHashSet::shares_member_in_slice(const IdHashSet& other, unsigned slice, unsigned slices) const {
  if (partitions_.empty() || other.partitions_.empty()) return false;
  // The slice's top-16-bit range, as partitions of each set (bits_ >= 16, so whole partitions).
  constexpr uint64_t kTop = uint64_t{1} << kFirstPartitionBits;
  const uint64_t from = kTop * slice / slices, to = kTop * (slice + 1) / slices;
  const auto first = [&](const IdHashSet& set, uint64_t top) { return static_cast<size_t>(top << (set.bits_ - kFirstPartitionBits)); };
  if (bits_ == other.bits_) {
    // The usual case (the chunks of one file hold sets of about the same size): partition p of
    // one holds the same hashes as partition p of the other, so the partitions are compared
    // pair by pair, each a merge walk whose steps do not branch on the order (the walk below
    // mispredicted about every other step: 18 ms for the two 500k-id halves of a file).
    const size_t end = first(*this, to);
    for (size_t p = first(*this, from); p < end; ++p) {
      if (p + kPartitionsAhead < end) {  // each partition is a block of its own: fetched ahead
        const uint8_t* const mine = partitions_[p + kPartitionsAhead].data;
        const uint8_t* const theirs = other.partitions_[p + kPartitionsAhead].data;
        if (mine != nullptr) pqlscope::prefetch(mine);
        if (theirs != nullptr) pqlscope::prefetch(theirs);
      }
      if (sorted_runs_share(partitions_[p], other.partitions_[p])) return true;
    }
    return false;
  }
  // Both sets are sorted as mixed hashes: one walk of both, in step, finds a common member (a
  // lookup per member missed the cache: 46 ms for the two 500k-id halves of a file,
  // docs/performance-round-4.md).
  AscendingMembers a(partitions_, bits_, first(*this, from), first(*this, to));
  AscendingMembers b(other.partitions_, other.bits_, first(other, from), first(other, to));
  while (!a.done() && !b.done()) {
    const uint64_t x = a.value(), y = b.value();
    if (x == y) return true;
    if (x < y) a.next();
    else b.next();
  }
  return false;
}

std::vector<uint64_t> IdHashSet::mixed_members() const {
  std::vector<uint64_t> out;
  out.reserve(static_cast<size_t>(size_));
  for (size_t p = 0; p < partitions_.size(); ++p) {
    const Partition& part = partitions_[p];
    for (uint32_t i = 0; i < part.size; ++i) {
      out.push_back((static_cast<uint64_t>(p) << (64 - bits_)) | load(part.data + size_t{i} * kStride));
    }
  }
  return out;  // partitions in order, sorted within: ascending
}

// mix64 is a bijection: no two members collide that did not already, and members spread
// evenly over the partitions and within them even when callers pass sequential numbers.
uint64_t IdHashSet::mixed(uint64_t hash) { return mix64(hash); }

bool IdHashSet::insert(uint64_t hash) { return insert_mixed(mix64(hash)); }

bool IdHashSet::place_guess(uint64_t hash, const uint8_t*& place, const uint8_t*& end) const {
  if (partitions_.empty()) return false;
  const Partition& part = partitions_[partition_of(hash)];
  const uint32_t n = part.size;
  if (n == 0) return false;
  // lower_bound's first probe, without its walk.
  const unsigned width = 64 - bits_;
  const uint64_t local = hash & ((uint64_t{1} << width) - 1);
  uint32_t pos = static_cast<uint32_t>(((local >> (width - 16)) * n) >> 16);
  if (pos >= n) pos = n - 1;
  place = part.data + size_t{pos} * kStride;
  end = part.data + size_t{n} * kStride;
  return true;
}

void IdHashSet::free_block(size_t p, Partition& part) {
  if (part.data == nullptr) return;
  if (in_first_blocks(p, part)) {
    if (--in_first_blocks_ == 0) {  // every partition has outgrown its slot
      first_blocks_.reset();
      data_bytes_ -= partitions_.size() * kFirstCapacity * kStride;
    }
  } else {
    delete[] part.data;
    data_bytes_ -= size_t{part.capacity} * kStride;
  }
  part.data = nullptr;
}

void IdHashSet::take(IdHashSet& other) noexcept {
  split_at_ = other.split_at_;
  partitions_ = std::move(other.partitions_);
  first_blocks_ = std::move(other.first_blocks_);
  in_first_blocks_ = other.in_first_blocks_;
  bits_ = other.bits_;
  size_ = other.size_;
  data_bytes_ = other.data_bytes_;
  other.partitions_.clear();
  other.in_first_blocks_ = 0;
  other.bits_ = kFirstPartitionBits;
  other.size_ = 0;
  other.data_bytes_ = 0;
}

bool IdHashSet::insert_mixed(uint64_t hash) {
  if (partitions_.empty()) {
    partitions_.resize(size_t{1} << bits_);
    // Not zeroed: a slot's bytes are written before they are read, as a block's are.
    first_blocks_.reset(new uint8_t[partitions_.size() * kFirstCapacity * kStride]);
    data_bytes_ += partitions_.size() * kFirstCapacity * kStride;
  }
  const size_t p = partition_of(hash);
  Partition& part = partitions_[p];
  const uint64_t low48 = hash & kLow48;
  const uint32_t pos = lower_bound(part, low48);
  if (pos < part.size && load(part.data + size_t{pos} * kStride) == low48) return false;
  if (part.capacity == 0 && first_blocks_) {
    part.data = first_blocks_.get() + p * kFirstCapacity * kStride;  // its slot
    part.capacity = kFirstCapacity;
    ++in_first_blocks_;
  } else if (part.size == part.capacity) {
    // Grow by a quarter: the slack stays small (~11% on average) and a partition is a few
    // hundred bytes, so copying it is cheap.
    const uint32_t capacity = part.capacity < kFirstCapacity ? kFirstCapacity : part.capacity + part.capacity / 4;
    auto* data = new uint8_t[size_t{capacity} * kStride];
    if (part.size > 0) std::memcpy(data, part.data, size_t{part.size} * kStride);
    free_block(p, part);
    data_bytes_ += size_t{capacity} * kStride;
    part.data = data;
    part.capacity = capacity;
  }
  uint8_t* at = part.data + size_t{pos} * kStride;
  std::memmove(at + kStride, at, size_t{part.size - pos} * kStride);
  store(at, low48);
  ++part.size;
  ++size_;
  if (size_ > split_at_ * partitions_.size() && bits_ < kMaxPartitionBits) split_all();
  return true;
}

void IdHashSet::split_all() {
  // The next hash bit is bit (63 - bits_), inside the stored 48 bits since bits_ >= 16. Within
  // a partition every higher stored bit is equal, so members with that bit clear come first.
  const uint64_t next_bit = uint64_t{1} << (63 - bits_);
  std::vector<Partition> split(partitions_.size() * 2);
  auto copy = [](const uint8_t* from, uint32_t n) {
    Partition p;
    if (n == 0) return p;
    p.capacity = n + n / 8 + 1;
    p.data = new uint8_t[size_t{p.capacity} * kStride];
    std::memcpy(p.data, from, size_t{n} * kStride);
    p.size = n;
    return p;
  };
  size_t split_bytes = 0;
  for (size_t i = 0; i < partitions_.size(); ++i) {
    Partition& old = partitions_[i];
    const uint8_t* d = old.data;
    uint32_t lo = 0, hi = old.size;  // first member with next_bit set
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      if (load(d + size_t{mid} * kStride) & next_bit) hi = mid; else lo = mid + 1;
    }
    split[2 * i] = copy(d, lo);
    split[2 * i + 1] = copy(d + size_t{lo} * kStride, old.size - lo);
    split_bytes += size_t{split[2 * i].capacity + split[2 * i + 1].capacity} * kStride;
    free_block(i, old);  // freed now: growth never holds two copies of the set
  }
  partitions_ = std::move(split);
  first_blocks_.reset();  // the split partitions have blocks of their own
  in_first_blocks_ = 0;
  data_bytes_ = split_bytes;
  ++bits_;
}

size_t IdHashSet::memory_bytes() const {
  return partitions_.capacity() * sizeof(Partition) + data_bytes_;
}

void IdHashSet::clear() {
  for (size_t p = 0; p < partitions_.size(); ++p) free_block(p, partitions_[p]);
  partitions_ = std::vector<Partition>();
  first_blocks_.reset();
  in_first_blocks_ = 0;
  bits_ = kFirstPartitionBits;
  size_ = 0;
  data_bytes_ = 0;
}

}  // namespace pqlscope
