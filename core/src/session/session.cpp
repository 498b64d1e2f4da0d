#include "pqlscope/session/session.hpp"

#include <stdexcept>

#include "pqlscope/metrics/engagement_counts.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/segments/segment_report.hpp"
#include "pqlscope/segments/trial_shape.hpp"
#include "pqlscope/session/companies.hpp"
#include "pqlscope/session/model_choice.hpp"

namespace pqlscope {

Session::Session(IngestOptions options) : ingestor_(std::make_unique<InputIngest>(options)) {}

Session::Session(Aggregates aggregates) : aggregates_(std::move(aggregates)) {}

Session::~Session() = default;

void Session::begin_file(std::string name, FileOptions options) {
  if (finished()) throw std::logic_error("IngestSession: addFile() after finish()");
  ingestor_->begin_file(std::move(name), std::move(options));
}

uint8_t* Session::input_buffer(size_t capacity) {
  if (input_.size() < capacity) {
    input_ = {};  // release first: the old and new buffers never coexist
    input_.resize(capacity);
  }
  return input_.data();
}

void Session::feed_buffered(size_t bytes) {
  if (bytes > input_.size()) throw std::out_of_range("IngestSession: feed of more bytes than the input buffer holds");
  feed(std::string_view(reinterpret_cast<const char*>(input_.data()), bytes));
}

void Session::feed(std::string_view bytes) {
  if (finished()) throw std::logic_error("IngestSession: feed() after finish()");
  ingestor_->feed(bytes);
}

void Session::end_file() {
  if (finished()) throw std::logic_error("IngestSession: endFile() after finish()");
  ingestor_->end_file();
}

IngestProgress Session::progress() const {
  const IngestReport& r = finished() ? aggregates_->report : ingestor_->report();
  return {static_cast<double>(r.bytes), static_cast<double>(r.rows), static_cast<double>(r.events),
          static_cast<double>(r.rejected), static_cast<double>(r.duplicates)};
}

const IngestReport& Session::finish() {
  if (finished()) throw std::logic_error("IngestSession: finish() called twice");
  aggregates_ = ingestor_->finish();
  metrics_cache_.reset();  // of other aggregates, if any
  engagement_counts_.reset();
  trial_half_counts_.reset();
  ingestor_.reset();  // its per-day state is no longer needed
  input_ = {};
  return aggregates_->report;
}

const Aggregates& Session::aggregates() const {
  if (!finished()) throw std::logic_error("IngestSession: aggregates are available after finish()");
  return *aggregates_;
}

const MetricsCache* Session::metrics_cache_for(const Model& model) {
  const Aggregates& aggregates = this->aggregates();
  if (metrics_cache_ && !metrics_cache_->built_from(aggregates)) {  // stale
    metrics_cache_.reset();
    engagement_counts_.reset();  // a new cache may take the old one's address
    trial_half_counts_.reset();
  }
  // Not for the first scoring (a one-shot score must not pay for it), nor built for a model it
  // cannot serve: recency decay sums fractions, whose order the cache would change (it falls
  // back to the logs for such a model anyway; importances are integers by the model's type).
  if (!metrics_cache_ && scorings_ > 0 &&
      model.engagement.normalization.method != NormalizationMethod::recency_decay) {
    metrics_cache_ = std::make_unique<MetricsCache>(aggregates);
  }
  return metrics_cache_.get();
}

const ScoreResult& Session::score(Model model) { return score(std::move(model), false); }

const ScoreResult& Session::score_with_alerts(Model model) { return score(std::move(model), true); }

const ScoreResult& Session::score(Model model, bool with_alerts) {
  const Aggregates& aggregates = this->aggregates();
  auto next_model = std::make_unique<Model>(std::move(model));
  // The cheapest path that gives the same result: the segments stage alone, then activation or
  // engagement and what follows them, then the whole scoring. The first builds no cache (it
  // reads no metrics).
  std::optional<ScoreResult> quick = with_alerts ? std::nullopt : rescore_segments(*next_model);
  const bool segments_only = quick.has_value();
  const MetricsCache* cache = segments_only ? nullptr : metrics_cache_for(*next_model);
  if (!quick && !with_alerts) quick = rescore_activation(*next_model, cache);
  if (!quick && !with_alerts) quick = rescore_importances(*next_model, cache);
  const std::optional<EarlierFacts> earlier = quick || with_alerts ? std::nullopt : last_facts();
  ScoreResult next = quick                  ? std::move(*quick)
                     : with_alerts ? pqlscope::score_on_threads(aggregates, *next_model, threads_, cache)
                                   : pqlscope::score_without_alerts(aggregates, *next_model, cache, threads_,
                                                                    earlier ? &*earlier : nullptr);
  // They are of the last result's trials, which this one may move (a segments-only change may
  // be to the trials themselves).
  if (!quick || segments_only) trial_half_counts_.reset();
  ++scorings_;
  report_writer_.reset();  // it reads the result being replaced
  chart_.reset();
  companies_.reset();
  history_.reset();
  result_.reset();  // drop the old result before the model its persona rules point into
  model_ = std::move(next_model);
  result_ = std::move(next);
  alerts_ready_ = with_alerts;
  return *result_;
}

// The last result's metrics with engagement computed again for `model`, and the segments of
// that; nullopt when `model` changed more than importances since the last scoring (or the sums
// could not be exact), and the whole scoring is the way. Engagement is written over the last
// result's (no second copy at the peak: the windows' counts are the only memory this path adds);
// should anything fail after that, the last result's engagement is written back from its own
// model, so that a failed score() leaves the last scoring as it was.
std::optional<ScoreResult> Session::rescore_importances(const Model& model, const MetricsCache* cache) {
  if (cache == nullptr || !result_ || !model_) return std::nullopt;
  const Aggregates& aggregates = this->aggregates();
  if (resolve_as_of_day(aggregates, model) != result_->as_of_day ||
      !only_importances_or_normalisation_differ(aggregates, *model_, model)) {
    return std::nullopt;
  }
  Metrics& metrics = result_->metrics;
  std::vector<AccountFacts>& facts = result_->segments.accounts;
  if (!engagement_counts_ || !engagement_counts_->serves(*cache, model, metrics.as_of_day)) {
    engagement_counts_.reset();  // the old counts go before the new ones are built
    trial_half_counts_.reset();  // of the trials as of that day
    engagement_counts_ = std::make_unique<EngagementCounts>(aggregates, *cache, model, metrics.as_of_day);
  }
  // The trials' halves are the facts' (signup, trial end and as-of day), which importances do not move.
  if (!trial_half_counts_) trial_half_counts_ = std::make_unique<TrialHalfCounts>(trial_half_counts(*cache, facts));
  try {
    if (!rescore_engagement(aggregates, *cache, *engagement_counts_, model, metrics, threads_)) return std::nullopt;
    ScoreResult next;
    if (reshape_trials(aggregates, *trial_half_counts_, model, metrics, facts)) {
      next.segments = compute_segments_from_facts(aggregates, model, metrics, std::move(facts), threads_);
    } else {
      next.segments = compute_segments(aggregates, model, metrics, cache, threads_);
    }
    next.as_of_day = result_->as_of_day;
    next.metrics = std::move(metrics);  // the caller replaces the last result with this one
    ++importance_rescores_;
    return next;
  } catch (...) {
    // Engagement and the trials' shapes are functions of the model and the counts: the last
    // model's are written back (facts moved into a failed segments stage are gone: recomputed).
    try {
      rescore_engagement(aggregates, *cache, *engagement_counts_, *model_, metrics, threads_);
      if (facts.size() != aggregates.accounts.size() ||
          !reshape_trials(aggregates, *trial_half_counts_, *model_, metrics, facts)) {
        facts = compute_account_facts(aggregates, *model_, metrics, cache);
      }
    } catch (...) {
      forget_scoring();  // not even that: no half-updated scoring is left to read
    }
    throw;
  }
}

// The last result's metrics with activation computed again for `model` (recompute_activation),
// and the segments of that; nullopt unless `model` changed only its checklists since the last
// scoring (or the cache's counts could differ from the logs'). Activation is written over the
// last result's (the other metrics stay); should anything fail after that, the last model's
// activation is written back, so that a failed score() leaves the last scoring as it was.
std::optional<ScoreResult> Session::rescore_activation(const Model& model, const MetricsCache* cache) {
  if (cache == nullptr || !result_ || !model_ || !same_metrics_inputs_but_activation(*model_, model)) {
    return std::nullopt;
  }
  const Aggregates& aggregates = this->aggregates();
  Metrics& metrics = result_->metrics;
  try {
    if (!recompute_activation(aggregates, *cache, model, metrics, threads_)) return std::nullopt;
    ScoreResult next;
    const std::optional<EarlierFacts> earlier = last_facts();  // the signup days are kept
    next.segments = compute_segments(aggregates, model, metrics, cache, threads_, earlier ? &*earlier : nullptr);
    next.as_of_day = result_->as_of_day;
    next.metrics = std::move(metrics);  // the caller replaces the last result with this one
    // Of the last result's facts; the new segments' facts are built afresh.
    trial_half_counts_.reset();
    ++activation_rescores_;
    return next;
  } catch (...) {
    try {
      if (!recompute_activation(aggregates, *cache, *model_, metrics, threads_)) forget_scoring();
    } catch (...) {
      forget_scoring();  // not even that: no half-updated scoring is left to read
    }
    throw;
  }
}

// The last result's metrics with the segments stage run for `model`; nullopt unless `model`
// changed nothing the metrics read since the last scoring. The metrics move into the new result
// only once its segments are computed: a failure leaves the last scoring as it was.
std::optional<ScoreResult> Session::rescore_segments(const Model& model) {
  if (!result_ || !model_ || !same_metrics_inputs(*model_, model)) return std::nullopt;
  const Aggregates& aggregates = this->aggregates();
  const MetricsCache* cache = metrics_cache_ && metrics_cache_->built_from(aggregates) ? metrics_cache_.get() : nullptr;
  ScoreResult next;
  const std::optional<EarlierFacts> earlier = last_facts();
  next.segments = compute_segments(aggregates, model, result_->metrics, cache, threads_, earlier ? &*earlier : nullptr);
  next.as_of_day = result_->as_of_day;
  next.metrics = std::move(result_->metrics);
  ++segment_rescores_;
  return next;
}

std::optional<EarlierFacts> Session::last_facts() const {
  if (!result_ || !model_) return std::nullopt;
  return EarlierFacts{result_->segments.accounts, *model_};
}

void Session::forget_scoring() {
  report_writer_.reset();
  chart_.reset();
  companies_.reset();
  history_.reset();
  result_.reset();
  model_.reset();
  alerts_ready_ = false;
}

const ScoreResult& Session::score(std::string_view model_json, std::optional<int32_t> as_of_day) {
  std::optional<Model> given = model_from_text(model_json);  // before aggregates(): a bad model says so
  return score(choose_model(aggregates(), std::move(given), as_of_day));
}

const Model& Session::model() const {
  if (!scored()) throw std::logic_error("IngestSession: score() first");
  return *model_;
}

const ScoreResult& Session::result() const {
  if (!scored()) throw std::logic_error("IngestSession: score() first");
  return *result_;
}

const ScoreResult& Session::full_result() {
  if (!scored()) throw std::logic_error("IngestSession: score() first");
  if (!alerts_ready_) {
    add_alerts(aggregates(), *model_, *result_, metrics_cache_.get(), threads_);
    alerts_ready_ = true;
  }
  return *result_;
}

const ChartColumns& Session::chart_columns() {
  if (!chart_) chart_ = pqlscope::chart_columns(aggregates(), result());
  return *chart_;
}

size_t Session::metrics_cache_bytes() const { return metrics_cache_ ? metrics_cache_->bytes() : 0; }

size_t Session::engagement_counts_bytes() const { return engagement_counts_ ? engagement_counts_->bytes() : 0; }

void Session::begin_report(const ReportOptions& options) {
  report_writer_ = std::make_unique<ReportWriter>(aggregates(), model(), full_result(), options);
}

bool Session::next_report_piece(std::string& out, size_t batch) {
  if (!report_writer_) throw std::logic_error("IngestSession: no report being written (beginReport() first; a new scoring ends the previous one)");
  if (report_writer_->next(out, batch)) return true;
  report_writer_.reset();
  return false;
}

}  // namespace pqlscope
