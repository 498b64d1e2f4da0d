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

// The DayCounts of a (day, entity, event)-sorted log with first <= day <= last.
inline std::span<const DayCount> day_slice(const std::vector<DayCount>& log, int64_t first, int64_t last) {
  if (last < first) return {};
  auto begin = std::partition_point(log.begin(), log.end(),
                                    [first](const DayCount& d) { return d.day < first; });
  auto end = std::partition_point(begin, log.end(), [last](const DayCount& d) { return d.day <= last; });
  return {log.data() + (begin - log.begin()), static_cast<std::size_t>(end - begin)};
}

}  // namespace pqlscope::metrics_detail
