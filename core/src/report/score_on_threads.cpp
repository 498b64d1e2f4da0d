// score() on threads (report.hpp): the alerts compare the segments as of the as-of day with the
// segments one engagement window earlier, two whole scorings that share nothing but their
// read-only inputs (the metrics keep their scratch per thread), so they run side by side. The
// calls are the ones score_without_alerts() and add_alerts() make, so the doubles are the same.
#include <utility>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"
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

}  // namespace

ScoreResult score_on_threads(const Aggregates& aggregates, const Model& model, unsigned threads,
                             const MetricsCache* cache) {
  ScoreResult result;
  result.as_of_day = resolve_as_of_day(aggregates, model);
  Metrics baseline;
  SegmentReport before;
  // Each scoring gets half the threads for its own passes (metrics.hpp): none left idle, none
  // oversubscribed.
  const unsigned each = threads / 2 > 1 ? threads / 2 : 1;
  JobErrors errors(2);
  run_on_threads(2, threads, [&](std::size_t job) {
    errors.run(job, [&] {
      if (job == 0) {
        metrics_into(aggregates, model, result.as_of_day, cache, each, result.metrics);
        result.segments = compute_segments(aggregates, model, result.metrics);
      } else {
        metrics_into(aggregates, model, result.as_of_day - model.engagement.window_days, cache, each, baseline);
        before = compute_segments(aggregates, model, baseline);
      }
    });
  });
  errors.rethrow_first();
  result.alerts = compute_alerts(before, result.segments);
  return result;
}

}  // namespace pqlscope
