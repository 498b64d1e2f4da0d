// The alerts of a Session's scoring (session.hpp): the segments one engagement window before the
// as-of day (the baseline) against the scoring's. In a re-scoring session (one with a re-score
// cache) the baseline's metrics and facts are kept, so that after an importance-only re-score
// the baseline is re-scored the same way: engagement from its windows' counts and the trials'
// halves from theirs (docs/metrics.md, "Importance-only re-score"), instead of the whole
// scoring again.
#include <utility>

#include "pqlscope/metrics/engagement_counts.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/segments/alerts.hpp"
#include "pqlscope/segments/segment_report.hpp"
#include "pqlscope/segments/trial_shape.hpp"
#include "pqlscope/session/session.hpp"

namespace pqlscope {

struct Session::Baseline {
  const MetricsCache* cache;
  Model model;  // the model these metrics and facts are of (its importances)
  Metrics metrics;
  std::vector<AccountFacts> facts;
  std::unique_ptr<EngagementCounts> counts;  // built by the first importance-only re-score
  std::unique_ptr<TrialHalfCounts> halves;
};

void Session::BaselineDeleter::operator()(Baseline* b) const { delete b; }

const ScoreResult& Session::full_result() {
  if (!scored()) throw std::logic_error("IngestSession: score() first");
  if (!alerts_ready_) {
    result_->alerts = compute_alerts(alerts_baseline(), result_->segments);
    alerts_ready_ = true;
  }
  return *result_;
}

SegmentReport Session::alerts_baseline() {
  const Aggregates& aggregates = this->aggregates();
  const Model& model = *model_;
  const MetricsCache* cache = metrics_cache_.get();
  const int32_t day = result_->as_of_day - model.engagement.window_days;
  if (baseline_ && cache != nullptr && baseline_->cache == cache && baseline_->metrics.as_of_day == day &&
      only_importances_differ(aggregates, baseline_->model, model)) {
    try {
      Baseline& b = *baseline_;
      if (!b.counts || !b.counts->serves(*cache, model, day)) {
        b.counts.reset();
        b.counts = std::make_unique<EngagementCounts>(aggregates, *cache, model, day);
      }
      if (!b.halves) b.halves = std::make_unique<TrialHalfCounts>(trial_half_counts(*cache, b.facts));
      if (rescore_engagement(aggregates, *cache, *b.counts, model, b.metrics, threads_) &&
          reshape_trials(aggregates, *b.halves, model, b.metrics, b.facts)) {
        b.model = model;
        SegmentReport before = compute_segments_from_facts(aggregates, model, b.metrics, std::move(b.facts), threads_);
        b.facts = std::move(before.accounts);  // kept for the next one; the alerts do not read them
        ++importance_rescored_baselines_;
        return before;
      }
    } catch (...) {
      baseline_.reset();  // half re-scored: dropped, and the next alerts score it whole
      throw;
    }
  }
  // The whole baseline. Kept only in a re-scoring session (a one-shot scoring frees it at once).
  baseline_.reset();
  Metrics metrics;
  if (cache != nullptr) compute_metrics(aggregates, *cache, model, day, metrics, threads_);
  else compute_metrics(aggregates, model, day, metrics, threads_);
  SegmentReport before = compute_segments(aggregates, model, metrics, cache, threads_);
  if (cache != nullptr) {
    baseline_.reset(new Baseline{cache, model, std::move(metrics), std::move(before.accounts), {}, {}});
  }
  return before;
}

}  // namespace pqlscope
