// Adoption (SCORING.md §2): which key features each account and user used in the adoption window
// (window_days ending at the as-of day, inclusive) and at any time up to it; rate = features
// used / key features x 100 (NaN when the model has no key features).
#include <cmath>
#include <limits>

#include "metrics/day_range.hpp"
#include "metrics/plan.hpp"
#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope::metrics_detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void mark(std::span<const DayCount> slice, const ScoringPlan& plan, std::vector<uint8_t>& used) {
  const std::size_t k = plan.feature_count;
  const EventIndex& idx = plan.feature_events;
  for (const DayCount& d : slice) {
    for (uint32_t i = idx.offsets[d.event]; i < idx.offsets[d.event + 1u]; ++i) {
      used[d.entity * k + idx.items[i]] = 1;
    }
  }
}

std::vector<double> rates(const std::vector<uint8_t>& used, std::size_t size, std::size_t k) {
  std::vector<double> out(size, kNaN);
  if (k == 0) return out;
  for (std::size_t e = 0; e < size; ++e) {
    std::size_t n = 0;
    for (std::size_t f = 0; f < k; ++f) n += used[e * k + f];
    out[e] = 100.0 * static_cast<double>(n) / static_cast<double>(k);
  }
  return out;
}

void level(const std::vector<DayCount>& log, const ScoringPlan& plan, int32_t as_of, LevelMetrics& out) {
  const std::size_t k = plan.feature_count;
  out.feature_count = k;
  out.feature_used.assign(out.size * k, 0);
  out.feature_used_all_time.assign(out.size * k, 0);
  if (k != 0) {
    mark(day_slice(log, int64_t{as_of} - plan.adoption_window_days + 1, as_of), plan, out.feature_used);
    mark(day_slice(log, 0, as_of), plan, out.feature_used_all_time);
  }
  out.adoption_rate = rates(out.feature_used, out.size, k);
  out.adoption_rate_all_time = rates(out.feature_used_all_time, out.size, k);
}

}  // namespace

void compute_adoption(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, Metrics& out) {
  level(ag.account_days, plan, as_of, out.accounts);
  level(ag.user_days, plan, as_of, out.users);
}

}  // namespace pqlscope::metrics_detail
