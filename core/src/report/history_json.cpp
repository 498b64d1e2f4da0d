// The report's "history" section (history_json.hpp), written as bytes; the DOM form is the same
// text parsed, so the two can never differ.
#include "pqlscope/report/history_json.hpp"

#include <stdexcept>
#include <string>

#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"

namespace pqlscope {
namespace {

void write_series(JsonWriter& json, const LevelHistory& level, std::size_t points, std::size_t e) {
  json.key("activation");
  json.begin_array();
  for (std::size_t k = 0; k < points; ++k) json.number(level.activation_at(k, e));
  json.end_array();
  json.key("engagement");
  json.begin_array();
  for (std::size_t k = 0; k < points; ++k) json.number(level.engagement_at(k, e));
  json.end_array();
}

void write_moves(JsonWriter& json, const SegmentHistory& moves, std::size_t account, bool labels) {
  json.key("moves");
  json.begin_array();
  for (const SegmentMove& m : moves.moves_of(account)) {
    json.begin_object();
    json.member_string("day", format_day(m.day));
    json.member_string("segment", moves.segment_ids[m.segment]);
    if (labels) json.member_string("label", moves.segment_labels[m.segment]);
    json.member_string("change", m.entered ? "entered" : "left");
    json.member_string("reason", m.reason);
    json.end_object();
  }
  json.end_array();
}

void write_days(JsonWriter& json, const std::vector<int32_t>& days) {
  json.key("days");
  json.begin_array();
  for (int32_t day : days) json.string(format_day(day));
  json.end_array();
}

}  // namespace

ReportHistory compute_report_history(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                                     const HistoryOptions& series, bool moves, const MetricsCache* cache) {
  ReportHistory history;
  history.series = compute_history(aggregates, model, result.metrics, series);
  if (moves) {
    history.has_moves = true;
    history.moves = compute_segment_history(aggregates, model, history.series.days, &result.segments, cache);
  }
  return history;
}

ReportHistory compute_report_history(const Aggregates& aggregates, const Model& model, const ScoreResult& result,
                                     const ReportOptions& options) {
  const HistoryOptions series{options.history_interval_days, options.history_threads, options.history_users};
  return compute_report_history(aggregates, model, result, series, options.history_moves);
}

void write_history_member(JsonWriter& json, const Aggregates& aggregates, const ReportHistory& history, bool users) {
  const ScoreHistory& series = history.series;
  const std::size_t points = series.days.size();
  json.key("history");
  json.begin_object();
  json.member_integer("interval_days", series.interval_days);
  write_days(json, series.days);
  json.key("accounts");
  json.begin_array();
  for (std::size_t a = 0; a < aggregates.accounts.size(); ++a) {
    json.begin_object();
    json.member_string("id", aggregates.accounts[a].id);
    write_series(json, series.accounts, points, a);
    if (history.has_moves) write_moves(json, history.moves, a, false);
    json.end_object();
  }
  json.end_array();
  if (users) {
    // A history computed without them (HistoryOptions::users) has none to write.
    if (series.users.size != aggregates.users.size()) {
      throw std::logic_error("write_history_member: the history was computed without the users' series");
    }
    json.key("users");
    json.begin_array();
    for (std::size_t u = 0; u < aggregates.users.size(); ++u) {
      json.begin_object();
      json.member_string("id", aggregates.users[u].id);
      write_series(json, series.users, points, u);
      json.end_object();
    }
    json.end_array();
  }
  json.end_object();
}

nlohmann::ordered_json history_json(const Aggregates& aggregates, const ReportHistory& history, bool users) {
  std::string text;
  JsonWriter json(false);
  json.set_output(text);
  json.begin_object();
  write_history_member(json, aggregates, history, users);
  json.end_object();
  json.flush();
  return nlohmann::ordered_json::parse(text)["history"];
}

nlohmann::ordered_json account_history_json(const Aggregates& aggregates, const ReportHistory& history,
                                            std::size_t account) {
  std::string text;
  JsonWriter json(false);
  json.set_output(text);
  json.begin_object();
  json.member_string("id", aggregates.accounts.at(account).id);
  json.member_integer("interval_days", history.series.interval_days);
  write_days(json, history.series.days);
  write_series(json, history.series.accounts, history.series.days.size(), account);
  if (history.has_moves) write_moves(json, history.moves, account, true);
  json.end_object();
  json.flush();
  return nlohmann::ordered_json::parse(text);
}

}  // namespace pqlscope
