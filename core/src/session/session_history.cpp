// The score history queries of a Session (session.hpp): computed on the first request after a
// score() and kept until the next one; the segment moves only when asked for (they score every
// point again), from the session's re-score cache when it has one.
#include <stdexcept>
#include <string>

#include "pqlscope/session/session.hpp"

namespace pqlscope {

const ReportHistory& Session::history(int interval_days, bool moves) {
  const ScoreResult& scored = result();
  const bool same_interval = history_ && history_->series.interval_days == interval_days;
  if (!same_interval) {
    HistoryOptions series;
    series.interval_days = interval_days;
    series.users = false;  // its callers (the API, the dashboard) read the accounts' series
    history_ = std::make_unique<ReportHistory>(
        compute_report_history(aggregates(), model(), scored, series, moves, metrics_cache_.get()));
  } else if (moves && !history_->has_moves) {
    history_->moves = compute_segment_history(aggregates(), model(), history_->series.days, &scored.segments,
                                              metrics_cache_.get());
    history_->has_moves = true;
  }
  return *history_;
}

nlohmann::ordered_json Session::account_history_json(size_t index, int interval_days) {
  if (index >= aggregates().accounts.size()) {
    throw std::out_of_range("account index " + std::to_string(index) + " out of range");
  }
  return pqlscope::account_history_json(aggregates(), history(interval_days, true), index);
}

}  // namespace pqlscope
