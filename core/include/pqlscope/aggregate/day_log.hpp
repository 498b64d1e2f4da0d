// DayLog: the storage of Aggregates::account_days / ::user_days. A sequence of DayCounts kept
// in fixed-size chunks (kChunkSize entries, 768 KiB) instead of one contiguous buffer, so that
// growing it never reallocates nor copies what is already stored. A vector that grows by
// doubling holds up to 3x its size while it copies, and in WebAssembly, where memory never
// shrinks, its old buffers stay part of the heap for good: with chunks, ingest's high-water
// is the groups themselves plus one partly filled chunk per log.
//
// It reads like a std::vector<DayCount> (size, [], front / back, random-access iterators,
// push_back, ==); loops that care about speed walk it as contiguous spans, one per chunk
// (for_each_span), which a chunk boundary splits into two.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <span>
#include <type_traits>
#include <vector>

namespace pqlscope {

// Count of one event name for one entity on one UTC day. Entities are indices into
// Aggregates::accounts or ::users, events into ::event_names, days count from 1970-01-01.
struct DayCount {
  uint32_t entity;
  uint16_t event;
  uint16_t day;
  uint32_t count;

  friend bool operator==(const DayCount&, const DayCount&) = default;
};
static_assert(sizeof(DayCount) == 12, "DayCount is the unit of memory: keep it packed");

class DayLog {
 public:
  static constexpr std::size_t kChunkShift = 16;
  static constexpr std::size_t kChunkSize = std::size_t{1} << kChunkShift;  // DayCounts per chunk
  static constexpr std::size_t kChunkMask = kChunkSize - 1;

  template <bool kConst>
  class Iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = DayCount;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<kConst, const DayCount*, DayCount*>;
    using reference = std::conditional_t<kConst, const DayCount&, DayCount&>;

    Iterator() = default;
    Iterator(DayCount* const* chunks, std::size_t index) : chunks_(chunks), i_(index) {}
    // iterator -> const_iterator, as with std::vector.
    template <bool kOther, class = std::enable_if_t<kConst && !kOther>>
    Iterator(const Iterator<kOther>& other) : chunks_(other.chunks_), i_(other.i_) {}  // NOLINT

    reference operator*() const { return chunks_[i_ >> kChunkShift][i_ & kChunkMask]; }
    pointer operator->() const { return &**this; }
    reference operator[](difference_type n) const { return *(*this + n); }
    std::size_t index() const { return i_; }

    Iterator& operator++() { ++i_; return *this; }
    Iterator operator++(int) { Iterator t = *this; ++i_; return t; }
    Iterator& operator--() { --i_; return *this; }
    Iterator operator--(int) { Iterator t = *this; --i_; return t; }
    Iterator& operator+=(difference_type n) { i_ += static_cast<std::size_t>(n); return *this; }
    Iterator& operator-=(difference_type n) { i_ -= static_cast<std::size_t>(n); return *this; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const Iterator& a, const Iterator& b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.i_ == b.i_; }
    friend bool operator!=(const Iterator& a, const Iterator& b) { return a.i_ != b.i_; }
    friend bool operator<(const Iterator& a, const Iterator& b) { return a.i_ < b.i_; }
    friend bool operator>(const Iterator& a, const Iterator& b) { return a.i_ > b.i_; }
    friend bool operator<=(const Iterator& a, const Iterator& b) { return a.i_ <= b.i_; }
    friend bool operator>=(const Iterator& a, const Iterator& b) { return a.i_ >= b.i_; }

   private:
    template <bool>
    friend class Iterator;
    DayCount* const* chunks_ = nullptr;
    std::size_t i_ = 0;
  };

  using value_type = DayCount;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = DayCount&;
  using const_reference = const DayCount&;
  using iterator = Iterator<false>;
  using const_iterator = Iterator<true>;

  DayLog() = default;
  DayLog(std::initializer_list<DayCount> counts);
  DayLog(const DayLog& other);
  DayLog(DayLog&& other) noexcept;
  DayLog& operator=(const DayLog& other);
  DayLog& operator=(DayLog&& other) noexcept;
  ~DayLog() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t capacity() const { return capacity_; }

  DayCount& operator[](std::size_t i) { return chunks_[i >> kChunkShift][i & kChunkMask]; }
  const DayCount& operator[](std::size_t i) const { return chunks_[i >> kChunkShift][i & kChunkMask]; }
  DayCount& front() { return chunks_[0][0]; }
  const DayCount& front() const { return chunks_[0][0]; }
  DayCount& back() { return (*this)[size_ - 1]; }
  const DayCount& back() const { return (*this)[size_ - 1]; }

  iterator begin() { return {chunks_.data(), 0}; }
  iterator end() { return {chunks_.data(), size_}; }
  const_iterator begin() const { return {chunks_.data(), 0}; }
  const_iterator end() const { return {chunks_.data(), size_}; }
  const_iterator cbegin() const { return begin(); }
  const_iterator cend() const { return end(); }

  void push_back(const DayCount& d) {
    if (size_ == capacity_) grow();
    chunks_[size_ >> kChunkShift][size_ & kChunkMask] = d;
    ++size_;
  }
  // Keeps the first n entries (n <= size()) and frees the chunks past them.
  void truncate(std::size_t n);
  // Frees the unused tail of the last chunk.
  void shrink_to_fit();
  void clear() { release(); }

  // The entries first .. last-1 as contiguous spans, in order: f(std::span<const DayCount>).
  template <class F>
  void for_each_span(std::size_t first, std::size_t last, F&& f) const {
    while (first < last) {
      const std::size_t offset = first & kChunkMask;
      const std::size_t n = last - first < kChunkSize - offset ? last - first : kChunkSize - offset;
      f(std::span<const DayCount>(chunks_[first >> kChunkShift] + offset, n));
      first += n;
    }
  }
  template <class F>
  void for_each_span(F&& f) const { for_each_span(0, size_, f); }

  friend bool operator==(const DayLog& a, const DayLog& b);

 private:
  friend DayLog merge_sorted(DayLog&& a, DayLog&& b);
  void grow();
  void release();

  std::vector<DayCount*> chunks_;  // all full-size (kChunkSize) but the last
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  std::size_t last_capacity_ = 0;  // of the last chunk
};

// Sorts DayCounts by (day, entity, event) and merges equal groups. Exposed for tests and for
// aggregates that come from outside (a warehouse need not send them sorted). The DayLog form
// needs no second copy of the log: a log already in day order (ingest's, a re-keyed one) is
// sorted day by day, anything else in place.
void sort_and_merge(std::vector<DayCount>& log);
void sort_and_merge(DayLog& log);

// The union of two logs sorted and merged as above, equal groups summed; a and b are consumed:
// a's entries before b's first stay in place (the result is a's storage), the rest of a is
// merged with b, whose chunks are freed as the merge passes them (no second copy of both).
DayLog merge_sorted(DayLog&& a, DayLog&& b);

}  // namespace pqlscope
