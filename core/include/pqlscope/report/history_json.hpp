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

// The history of a scoring at options.history_interval_days: the series from its metrics and,
// with `moves`, the segment moves by scoring each point again (`cache`: a MetricsCache of
// `aggregates` to score them from, or nullptr); the series' points on up to `threads` threads
// (HistoryOptions::threads).
ReportHistory compute_report_history(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                                     int interval_days, bool moves, const MetricsCache* cache = nullptr,
                                     unsigned threads = 1);
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
