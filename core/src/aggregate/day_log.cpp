#include "pqlscope/aggregate/day_log.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

namespace pqlscope {

namespace {

// The first chunk starts small and doubles up to kChunkSize (small inputs stay small); later
// chunks are allocated at full size.
constexpr std::size_t kFirstCapacity = 256;

DayCount* allocate(std::size_t n) {
  void* p = std::malloc(n * sizeof(DayCount));
  if (p == nullptr) throw std::bad_alloc();
  return static_cast<DayCount*>(p);
}

// (day, entity, event) as one number: day_order is one compare, and the checks that walk whole
// logs with it inline it (as three compares it stayed a call: 2.6% of the CSV job's samples).
inline uint64_t group_key(const DayCount& d) {
  return uint64_t{d.day} << 48 | uint64_t{d.entity} << 16 | d.event;
}

inline bool day_order(const DayCount& a, const DayCount& b) { return group_key(a) < group_key(b); }

inline bool same_group(const DayCount& a, const DayCount& b) { return group_key(a) == group_key(b); }

// One day's entries p[0..n) in day_order, i.e. by (entity, event): a least-significant-digit
// radix sort over the key's bytes that vary, through `buffer`. After a merge re-keys a chunk's
// entities every day of it is out of order, and std::sort of the days was a quarter of the
// merge after a parallel ingest (docs/performance.md). Equal keys may end in another order than
// std::sort leaves them, which nothing sees: sort_and_merge sums them next.
void sort_one_day(DayCount* p, std::size_t n, std::vector<DayCount>& buffer) {
  if (n < 64) {
    std::sort(p, p + n, day_order);
    return;
  }
  auto key = [](const DayCount& d) { return uint64_t{d.entity} << 16 | d.event; };
  uint64_t all_or = 0, all_and = ~uint64_t{0};
  for (std::size_t i = 0; i < n; ++i) {
    all_or |= key(p[i]);
    all_and &= key(p[i]);
  }
  const uint64_t varying = all_or ^ all_and;
  buffer.resize(n);
  DayCount* from = p;
  DayCount* to = buffer.data();
  for (int shift = 0; shift < 48; shift += 8) {
    if (((varying >> shift) & 0xFF) == 0) continue;
    std::size_t offsets[256] = {};
    for (std::size_t i = 0; i < n; ++i) ++offsets[(key(from[i]) >> shift) & 0xFF];
    std::size_t sum = 0;
    for (std::size_t& o : offsets) {
      const std::size_t count = o;
      o = sum;
      sum += count;
    }
    for (std::size_t i = 0; i < n; ++i) to[offsets[(key(from[i]) >> shift) & 0xFF]++] = from[i];
    std::swap(from, to);
  }
  if (from != p) std::copy(from, from + n, p);
}

}  // namespace

// ---- DayLog ------------------------------------------------------------------------------

DayLog::DayLog(std::initializer_list<DayCount> counts) {
  for (const DayCount& d : counts) push_back(d);
}

DayLog::DayLog(const DayLog& other) {
  if (other.size_ == 0) return;
  const std::size_t chunks = (other.size_ + kChunkMask) >> kChunkShift;
  chunks_.reserve(chunks);
  try {
    for (std::size_t c = 0; c < chunks; ++c) {
      const std::size_t n = c + 1 < chunks ? kChunkSize : other.size_ - (c << kChunkShift);
      DayCount* chunk = allocate(n);
      std::memcpy(chunk, other.chunks_[c], n * sizeof(DayCount));
      chunks_.push_back(chunk);
      capacity_ += n;
      last_capacity_ = n;
    }
  } catch (...) {
    release();
    throw;
  }
  size_ = other.size_;
}

DayLog::DayLog(DayLog&& other) noexcept
    : chunks_(std::move(other.chunks_)),
      size_(other.size_),
      capacity_(other.capacity_),
      last_capacity_(other.last_capacity_) {
  other.chunks_.clear();
  other.size_ = other.capacity_ = other.last_capacity_ = 0;
}

DayLog& DayLog::operator=(const DayLog& other) {
  if (this != &other) {
    DayLog copy(other);
    *this = std::move(copy);
  }
  return *this;
}

DayLog& DayLog::operator=(DayLog&& other) noexcept {
  if (this != &other) {
    release();
    chunks_ = std::move(other.chunks_);
    size_ = other.size_;
    capacity_ = other.capacity_;
    last_capacity_ = other.last_capacity_;
    other.chunks_.clear();
    other.size_ = other.capacity_ = other.last_capacity_ = 0;
  }
  return *this;
}

void DayLog::release() {
  for (DayCount* chunk : chunks_) std::free(chunk);
  chunks_.clear();
  chunks_.shrink_to_fit();
  size_ = capacity_ = last_capacity_ = 0;
}

void DayLog::grow() {
  if (!chunks_.empty() && last_capacity_ < kChunkSize) {  // the last chunk is not full size yet
    const std::size_t cap = std::min(kChunkSize, std::max(kFirstCapacity, last_capacity_ * 2));
    void* p = std::realloc(chunks_.back(), cap * sizeof(DayCount));
    if (p == nullptr) throw std::bad_alloc();
    chunks_.back() = static_cast<DayCount*>(p);
    capacity_ += cap - last_capacity_;
    last_capacity_ = cap;
    return;
  }
  const std::size_t cap = chunks_.empty() ? kFirstCapacity : kChunkSize;
  chunks_.reserve(chunks_.size() + 1);
  chunks_.push_back(allocate(cap));
  capacity_ += cap;
  last_capacity_ = cap;
}

void DayLog::truncate(std::size_t n) {
  if (n >= size_) return;
  if (n == 0) {
    release();
    return;
  }
  const std::size_t keep = (n + kChunkMask) >> kChunkShift;
  if (keep < chunks_.size()) {
    for (std::size_t c = keep; c < chunks_.size(); ++c) std::free(chunks_[c]);
    chunks_.resize(keep);
    last_capacity_ = kChunkSize;  // a chunk that had a successor is full size
    capacity_ = keep << kChunkShift;
  }
  size_ = n;
}

void DayLog::shrink_to_fit() {
  if (size_ == 0) {
    release();
    return;
  }
  const std::size_t in_last = size_ - ((chunks_.size() - 1) << kChunkShift);
  if (in_last == last_capacity_) return;
  void* p = std::realloc(chunks_.back(), in_last * sizeof(DayCount));
  if (p == nullptr) return;  // keeping the larger block is fine
  chunks_.back() = static_cast<DayCount*>(p);
  capacity_ -= last_capacity_ - in_last;
  last_capacity_ = in_last;
}

bool operator==(const DayLog& a, const DayLog& b) {
  if (a.size_ != b.size_) return false;
  for (std::size_t c = 0; c < a.chunks_.size(); ++c) {
    const std::size_t n = std::min(DayLog::kChunkSize, a.size_ - (c << DayLog::kChunkShift));
    if (!std::equal(a.chunks_[c], a.chunks_[c] + n, b.chunks_[c])) return false;
  }
  return true;
}

// ---- sort and merge ----------------------------------------------------------------------

void sort_and_merge(std::vector<DayCount>& log) {
  std::sort(log.begin(), log.end(), day_order);
  size_t out = 0;
  for (size_t i = 0; i < log.size(); ++i) {
    if (out > 0 && same_group(log[out - 1], log[i])) {
      log[out - 1].count += log[i].count;
    } else {
      log[out++] = log[i];
    }
  }
  log.resize(out);
}

void sort_and_merge(DayLog& log) {
  const std::size_t n = log.size();
  if (n == 0) return;
  // Where each day starts, and whether the log is in day order at all (ingest's logs are, and
  // so is a log whose entities were re-keyed, like rollup's).
  std::vector<std::size_t> day_starts{0};
  bool by_day = true, sorted = true;
  {
    std::size_t i = 0;
    const DayCount* prev = nullptr;
    log.for_each_span([&](std::span<const DayCount> span) {
      for (const DayCount& d : span) {
        if (prev != nullptr) {
          if (d.day != prev->day) {
            if (d.day < prev->day) by_day = false;
            day_starts.push_back(i);
          } else if (!day_order(*prev, d)) {
            sorted = false;
          }
        }
        prev = &d;
        ++i;
      }
    });
    day_starts.push_back(n);
  }
  if (!by_day) {
    std::sort(log.begin(), log.end(), day_order);
  } else if (!sorted) {
    // Day by day: a day's entries are sorted where they lie when they are in one chunk, else in
    // a scratch copy (one day's worth).
    std::vector<DayCount> scratch, buffer;
    for (std::size_t k = 0; k + 1 < day_starts.size(); ++k) {
      const std::size_t first = day_starts[k], last = day_starts[k + 1];
      if (last - first < 2) continue;
      if ((first >> DayLog::kChunkShift) == ((last - 1) >> DayLog::kChunkShift)) {
        DayCount* p = &log[first];
        if (!std::is_sorted(p, p + (last - first), day_order)) sort_one_day(p, last - first, buffer);
      } else {
        scratch.assign(log.begin() + static_cast<std::ptrdiff_t>(first), log.begin() + static_cast<std::ptrdiff_t>(last));
        if (std::is_sorted(scratch.begin(), scratch.end(), day_order)) continue;
        sort_one_day(scratch.data(), scratch.size(), buffer);
        std::copy(scratch.begin(), scratch.end(), log.begin() + static_cast<std::ptrdiff_t>(first));
      }
    }
  }
  // Merge equal groups in place (the write position never passes the read position).
  std::size_t out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const DayCount d = log[i];
    if (out > 0 && same_group(log[out - 1], d)) {
      log[out - 1].count += d.count;
    } else {
      log[out++] = d;
    }
  }
  log.truncate(out);
}

DayLog merge_sorted(DayLog&& a, DayLog&& b) {
  if (b.empty()) return std::move(a);
  // `a`'s entries before b's first stay where they are: when the inputs follow each other in
  // time (the chunks of a time-ordered file, a warehouse's history and a recent file) only the
  // day they share is merged, instead of copying both logs entry by entry (the parallel ingest's
  // merge was a third of its serial step, docs/performance.md "The merge after parallel ingest").
  const auto split = std::lower_bound(a.begin(), a.end(), b.front(), day_order);
  const std::vector<DayCount> tail(split, a.end());
  a.truncate(split.index());
  DayLog& out = a;
  auto emit = [&](const DayCount& d) {
    if (!out.empty()) {
      DayCount& last = out.back();
      if (same_group(last, d)) {
        last.count += d.count;
        return;
      }
    }
    out.push_back(d);
  };
  // Frees the chunk of `b` that `j` has just left.
  auto advance = [&b](std::size_t& j) {
    ++j;
    if ((j & DayLog::kChunkMask) == 0 || j == b.size_) {
      DayCount*& chunk = b.chunks_[(j - 1) >> DayLog::kChunkShift];
      std::free(chunk);
      chunk = nullptr;
    }
  };
  std::size_t i = 0, j = 0;
  while (i < tail.size() && j < b.size_) {
    if (day_order(b[j], tail[i])) {
      emit(b[j]);
      advance(j);
    } else {
      emit(tail[i++]);
    }
  }
  while (i < tail.size()) emit(tail[i++]);
  while (j < b.size_) {
    emit(b[j]);
    advance(j);
  }
  b.release();
  return std::move(a);
}

}  // namespace pqlscope
