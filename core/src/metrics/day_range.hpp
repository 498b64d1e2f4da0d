// Internal to the metrics stage: day arithmetic and day-range slices of the sorted logs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"

namespace pqlscope::metrics_detail {

inline constexpr int64_t kMsPerDay = 86'400'000;

inline int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Entries first .. last-1 of a log: a range of days (see day_slice).
struct DayRange {
  const DayLog* log = nullptr;
  std::size_t first = 0, last = 0;

  std::size_t size() const { return last - first; }
  bool empty() const { return last == first; }
  const DayCount& operator[](std::size_t i) const { return (*log)[first + i]; }
  // f(std::span<const DayCount>) per contiguous piece, in order.
  template <class F>
  void for_each_span(F&& f) const {
    if (log != nullptr) log->for_each_span(first, last, f);
  }
};

// The DayCounts of a (day, entity, event)-sorted log with first <= day <= last.
inline DayRange day_slice(const DayLog& log, int64_t first, int64_t last) {
  if (last < first) return {};
  auto begin = std::partition_point(log.begin(), log.end(),
                                    [first](const DayCount& d) { return d.day < first; });
  auto end = std::partition_point(begin, log.end(), [last](const DayCount& d) { return d.day <= last; });
  return {&log, begin.index(), end.index()};
}

}  // namespace pqlscope::metrics_detail
