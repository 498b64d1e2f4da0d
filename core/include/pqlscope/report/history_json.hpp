// The report's "history" section (docs/report.md, "History"): the score history's as-of days
// once, then per account its activation and engagement series and its segment moves, and per
// user the two series (when the report has its users).
#pragma once

#include <cstddef>
#include <optional>

#include <nlohmann/json.hpp>

#include "pqlscope/metrics/history.hpp"
#include "pqlscope/report/json_writer.hpp"
#include "pqlscope/report/report.hpp"
#include "pqlscope/segments/segment_history.hpp"

namespace pqlscope {

struct ReportHistory {
  ScoreHistory series;
  bool has_moves = false;
  SegmentHistory moves;  // when has_moves
};

// The history of a scoring: the series from its metrics (`series`: the interval, the threads,
// whether the users' series too) and, with `moves`, the segment moves by scoring each point
// again (`cache`: a MetricsCache of `aggregates` to score them from, or nullptr).
ReportHistory compute_report_history(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                                     const HistoryOptions& series, bool moves, const MetricsCache* cache = nullptr);
// As the report writes it: options.history_interval_days, .history_moves, .history_threads, and
// the users' series only with options.history_users.
ReportHistory compute_report_history(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                                     const ReportOptions& options);

// The member "history": {interval_days, days, accounts: [{id, activation, engagement, moves
// (when has_moves)}], users: [{id, activation, engagement}] (only when `users`)}.
void write_history_member(JsonWriter& json, const Aggregates& aggregates, const ReportHistory& history, bool users);
// The same value as a DOM (build_report()).
nlohmann::ordered_json history_json(const Aggregates& aggregates, const ReportHistory& history, bool users);
// One account's history for the API: {days, activation, engagement, moves: [{day, segment,
// label, change, reason}]}.
nlohmann::ordered_json account_history_json(const Aggregates& aggregates, const ReportHistory& history,
                                            std::size_t account);

}  // namespace pqlscope
