// score() on threads (report.hpp): the alerts compare the segments as of the as-of day with the
// segments one engagement window earlier. The two scorings run one after the other, each on all
// the threads (compute_metrics splits its own passes), and the baseline is cut down to what the
// alerts read (its segments and personas) before the as-of day's scoring starts: run side by
// side, both scorings' metrics and scratch were alive at once, 40 MB more at the peak of 1M
// events for no gain in time (docs/performance-round-7.md). The calls are the ones
// score_without_alerts() and add_alerts() make, so the doubles are the same.
#include <utility>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/segments/segment_report.hpp"

namespace pqlscope {
namespace {

// The metrics as of one day, from the cache when there is one (as score_without_alerts does),
// on `threads` threads.
void metrics_into(const Aggregates& aggregates, const Model& model, int32_t as_of_day, const MetricsCache* cache,
                  unsigned threads, Metrics& out) {
  if (cache == nullptr) {
    compute_metrics(aggregates, model, as_of_day, out, threads);
  } else {
    compute_metrics(aggregates, *cache, model, as_of_day, out, threads);
  }
}

// The segments one engagement window before `as_of_day`, holding only what compute_alerts reads.
SegmentReport alerts_baseline(const Aggregates& aggregates, const Model& model, int32_t as_of_day,
                              const MetricsCache* cache, unsigned threads) {
  Metrics baseline;
  metrics_into(aggregates, model, as_of_day - model.engagement.window_days, cache, threads, baseline);
  SegmentReport before = compute_segments(aggregates, model, baseline, cache, threads);
  std::vector<AccountFacts>().swap(before.accounts);
  return before;
}

}  // namespace

ScoreResult score_on_threads(const Aggregates& aggregates, const Model& model, unsigned threads,
                             const MetricsCache* cache) {
  ScoreResult result;
  result.as_of_day = resolve_as_of_day(aggregates, model);
  const SegmentReport before = alerts_baseline(aggregates, model, result.as_of_day, cache, threads);
  metrics_into(aggregates, model, result.as_of_day, cache, threads, result.metrics);
  result.segments = compute_segments(aggregates, model, result.metrics, cache, threads);
  result.alerts = compute_alerts(before, result.segments);
  return result;
}

}  // namespace pqlscope
