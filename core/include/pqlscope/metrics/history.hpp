// The score history (docs/metrics.md, "History"): every account's and user's activation rate and
// engagement score as of each point of a series of as-of days (weekly by default) over the
// data's span, the last point being the scoring's own as-of day. Computed from the aggregates
// and the metrics of that last day, without re-reading any file and without re-scoring per
// point: each value equals what compute_metrics gives when scoring as of that point's day
// (tests/metrics/history_test.cpp checks this against re-scoring at each point).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope {

struct Aggregates;
struct Model;

struct HistoryOptions {
  // Days between two points. 7 (default): one point a week, ending at the as-of day.
  int interval_days = 7;
  // Natively, the points (and the entities' activation) computed on up to this many threads;
  // each point is its own computation, so the values are the same on any number.
  unsigned threads = 1;
  // The users' series too. Without them ScoreHistory::users is empty (size 0): the report
  // writes them only with --history-users, and the dashboard reads the accounts' only, while
  // at 100k users they were most of the history's time and memory (41 MB at 1M events).
  bool users = true;
};

inline constexpr int kMinHistoryInterval = 1;
inline constexpr int kMaxHistoryInterval = 366;

// One level's series, point-major: value of entity e at point k is [k * size + e].
struct LevelHistory {
  std::size_t size = 0;
  std::vector<double> activation;  // activation rate 0..100 (NaN: no steps of this level)
  std::vector<double> engagement;  // the latest-window engagement score 0..100 as of the point
  double activation_at(std::size_t k, std::size_t e) const { return activation[k * size + e]; }
  double engagement_at(std::size_t k, std::size_t e) const { return engagement[k * size + e]; }
};

struct ScoreHistory {
  int interval_days = 7;
  // The as-of day of each point, oldest first; days.back() is the scoring's as-of day. The
  // first point is the earliest one on or after the first event day (one point without events).
  std::vector<int32_t> days;
  LevelHistory accounts;
  LevelHistory users;  // empty (size 0) unless HistoryOptions::users
};

// The as-of days of the points: as_of, as_of - interval, ... back to the data's first day.
// Throws std::invalid_argument for an interval outside kMinHistoryInterval..kMaxHistoryInterval.
std::vector<int32_t> history_days(const Aggregates& aggregates, int32_t as_of_day, int interval_days);

// `metrics` must be compute_metrics(aggregates, model, metrics.as_of_day): the activation of a
// past point comes from its steps' completed days (completion is permanent and a step's window
// does not depend on the as-of day), the engagement from one pass over each point's window of
// the (day-sorted) logs, normalised per point like compute_metrics normalises its latest window.
ScoreHistory compute_history(const Aggregates& aggregates, const Model& model, const Metrics& metrics,
                             const HistoryOptions& options = {});

}  // namespace pqlscope
