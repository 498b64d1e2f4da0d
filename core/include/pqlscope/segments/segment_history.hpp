// Segment moves over the score history (docs/segments.md, "Segment moves"): for every account,
// the points of the history (metrics/history.hpp) at which it entered or left a segment, as the
// alerts compare two as-of days (alerts.hpp), here each point with the one before.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pqlscope {

struct Aggregates;
struct Model;
struct SegmentReport;
class MetricsCache;

struct SegmentMove {
  int32_t day = 0;        // the point's as-of day
  uint16_t segment = 0;   // index into SegmentHistory::segment_ids
  bool entered = false;   // false: left
  std::string reason;     // entered: why it is in the segment at `day`; left: why it was at the point before
};

struct SegmentHistory {
  std::vector<int32_t> days;                 // the points, oldest first
  std::vector<std::string> segment_ids;      // account segments, in the report's order
  std::vector<std::string> segment_labels;
  std::vector<uint32_t> offsets;             // accounts + 1: account a's moves are moves[offsets[a] .. offsets[a+1])
  std::vector<SegmentMove> moves;            // per account by day, then segment order; entries before exits

  std::span<const SegmentMove> moves_of(std::size_t account) const {
    return {moves.data() + offsets[account], offsets[account + 1] - offsets[account]};
  }
};

// Scores the aggregates as of each day of `days` (ascending) and compares each point's segments
// with the previous point's; at the first point, the segments an account is in are entries.
// `last`: the segments as of days.back() when already computed (the report's), else nullptr.
// `cache`: a MetricsCache of `aggregates` to score from (same results), or nullptr.
SegmentHistory compute_segment_history(const Aggregates& aggregates, const Model& model,
                                       const std::vector<int32_t>& days, const SegmentReport* last = nullptr,
                                       const MetricsCache* cache = nullptr);

}  // namespace pqlscope
