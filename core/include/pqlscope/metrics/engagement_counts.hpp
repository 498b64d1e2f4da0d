// EngagementCounts: each entity's event counts per engagement window, for one as-of day and one
// window layout, so that a re-score whose model changed only its importances (the dashboard's
// sliders) recomputes engagement without reading the logs or the cache again
// (docs/metrics.md, "Importance-only re-score").
//
// Engagement is the only family an importance reads, besides activity's default "active" events
// (importance > 0): with the same steps, features, windows and active events, every other metric
// stays what it was. Engagement's raw score of a window is then sum(importance x count) over the
// entity's (event, window) counts kept here, as exact integers, which are the same doubles as the
// pass over the cache and the logs give (the same integers, summed exactly; see
// MetricsCache). Memory: 4 bytes per (entity, event, window) with an event in it, and 4 per
// (entity, window).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope {

struct Aggregates;
struct Model;
class MetricsCache;

// An event's count in one window of an entity. Counts of kCountInOverflow and more are kept
// whole in EngagementCounts::Level::overflow (rare: one event of one entity that many times in
// one window).
struct EventCount {
  uint16_t event;
  uint16_t count;
};
static_assert(sizeof(EventCount) == 4, "keep the counts packed");
inline constexpr uint16_t kCountInOverflow = 0xFFFF;

class EngagementCounts {
 public:
  // The windows of `model` (window_days, history_windows) ending at `as_of_day`, read from the
  // cache (which must have been built from `aggregates`; std::invalid_argument otherwise).
  EngagementCounts(const Aggregates& aggregates, const MetricsCache& cache, const Model& model, int32_t as_of_day);

  // Whether these counts are the windows a scoring of `model` as of `as_of_day` reads, from this cache.
  bool serves(const MetricsCache& cache, const Model& model, int32_t as_of_day) const;
  std::size_t bytes() const;

  // Entity e's counts in window w: [offsets[e x windows + w], offsets[e x windows + w + 1]) of
  // `counts`, by event. `latest`: the counts in the latest window (a bound on the contributions).
  // `too_large`: more counts than 32-bit offsets reach; then the counts are not kept, and
  // rescore_engagement declines.
  struct Level {
    std::vector<uint32_t> offsets;
    std::vector<EventCount> counts;
    std::vector<std::pair<uint32_t, uint32_t>> overflow;  // (index in counts, count), by index
    std::size_t latest = 0;
    bool too_large = false;
  };
  const Level& accounts() const { return accounts_; }
  const Level& users() const { return users_; }

 private:
  const MetricsCache* cache_;
  int32_t as_of_day_;
  int window_days_, history_windows_;
  Level accounts_, users_;
};

// Whether `after` scores the same as `before` except engagement: they differ at most in their
// importances and, when neither decays by recency, their normalisation (method, percentile,
// lifespan), and the events counted as active (activity) are the same for every event name of
// the aggregates.
bool only_importances_or_normalisation_differ(const Aggregates& aggregates, const Model& before, const Model& after);

// Re-scores engagement into `metrics`, a result of `before` (only_importances_or_normalisation_differ(before,
// model)) as of the counts' day: raw scores, normalised scores, trends, contributions and the
// users' contributions to their accounts, the same doubles compute_metrics gives for `model`,
// written over the old ones (their vectors' capacity reused). False, having changed nothing,
// when exact integer sums cannot be guaranteed (an importance times the largest count past
// 2^53, or more counts than were kept); then compute_metrics is the way. Since these fields are
// a function of the model and the counts, re-scoring with `before` writes the old ones back.
// The two levels side by side on up to `threads` threads.
bool rescore_engagement(const Aggregates& aggregates, const MetricsCache& cache, const EngagementCounts& counts,
                        const Model& model, Metrics& metrics, unsigned threads = 1);

}  // namespace pqlscope
