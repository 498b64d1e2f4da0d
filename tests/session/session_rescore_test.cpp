// Re-scoring in one session reads the metrics from a MetricsCache built at the second score()
// (session.hpp); a fresh session's first score reads the logs. Both must give the same bytes:
// the report text, the overview and the chart columns, for models the cache serves and for a
// recency_decay model it refuses (the session then falls back to the logs), at several as-of
// days, on the bundled example and on a generated dataset. The expected values are the fresh
// sessions' first scores, which never touch the cache (metrics_cache_bytes() == 0 proves it).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/session/model_choice.hpp"
#include "pqlscope/session/session.hpp"
#include "support/files.hpp"
#include "support/rng.hpp"

namespace pqlscope {
namespace {

using pqlscope::testing::read_whole_file;

std::string report_text(Session& session) {
  ReportOptions options;
  options.include_users = true;
  session.begin_report(options);
  std::string text;  // each piece is appended
  while (session.next_report_piece(text, 64)) {
  }
  return text;
}

// Bitwise, so NaN columns compare equal to NaN columns.
template <typename T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

void expect_same_columns(const ChartColumns& a, const ChartColumns& b) {
  EXPECT_TRUE(same_bits(a.activation, b.activation));
  EXPECT_TRUE(same_bits(a.engagement, b.engagement));
  EXPECT_TRUE(same_bits(a.deal_value, b.deal_value));
  EXPECT_TRUE(same_bits(a.expected_revenue, b.expected_revenue));
  EXPECT_TRUE(same_bits(a.persona, b.persona));
  EXPECT_TRUE(same_bits(a.persona_cell, b.persona_cell));
  EXPECT_TRUE(same_bits(a.pql, b.pql));
  EXPECT_TRUE(same_bits(a.stage, b.stage));
  EXPECT_TRUE(same_bits(a.segment_group, b.segment_group));
}

// Variants of `base`: changed importances, every normalization (recency_decay among them, which
// the cache refuses), other windows.
std::vector<Model> model_variants(const Model& base) {
  std::vector<Model> models{base};
  Model heavier = base;
  heavier.engagement.default_importance = 2;
  for (auto& [event, importance] : heavier.engagement.importance) importance = (importance * 3 + 1) % 11;
  models.push_back(heavier);
  Model decay = base;
  decay.engagement.normalization.method = NormalizationMethod::recency_decay;
  decay.engagement.normalization.lifespan_days = 20;
  models.push_back(decay);
  Model rank = heavier;
  rank.engagement.normalization.method = NormalizationMethod::percentile_rank;
  rank.engagement.window_days = 14;
  rank.engagement.history_windows = 4;
  models.push_back(rank);
  Model min_max = base;
  min_max.engagement.normalization.method = NormalizationMethod::min_max;
  min_max.engagement.window_days = 3;
  models.push_back(min_max);
  return models;
}

// Scores every variant at every as-of day in one session, and compares each scoring with a
// fresh session's first score of the same model.
void expect_rescores_match_first_scores(const Aggregates& aggregates, const Model& base,
                                        const std::vector<std::optional<int32_t>>& as_of_days) {
  Session rescoring{Aggregates(aggregates)};
  size_t scorings = 0, cached = 0;
  for (const std::optional<int32_t>& as_of : as_of_days) {
    for (const Model& variant : model_variants(base)) {
      const Model model = choose_model(aggregates, variant, as_of);
      SCOPED_TRACE("scoring " + std::to_string(scorings) + ", as-of " +
                   (as_of ? format_day(*as_of) : std::string("default")));
      rescoring.score(model);
      ++scorings;
      // Built at the first re-score whose model the cache serves, then kept.
      if (scorings > 1 && model.engagement.normalization.method != NormalizationMethod::recency_decay) {
        EXPECT_GT(rescoring.metrics_cache_bytes(), 0u);
      }
      if (rescoring.metrics_cache_bytes() > 0) ++cached;

      Session fresh{Aggregates(aggregates)};
      fresh.score(model);
      EXPECT_EQ(fresh.metrics_cache_bytes(), 0u);
      // The columns first: they come from the result without its alerts.
      expect_same_columns(rescoring.chart_columns(), fresh.chart_columns());
      EXPECT_EQ(rescoring.overview_json().dump(), fresh.overview_json().dump());
      EXPECT_TRUE(report_text(rescoring) == report_text(fresh));
      EXPECT_EQ(fresh.metrics_cache_bytes(), 0u);  // its alerts did not build one either
    }
  }
  EXPECT_EQ(cached, scorings - 1);  // every scoring but the first read the cache
}

// The bundled example's events, accounts and communications, ingested.
Aggregates bundled_example() {
  const std::string dir = std::string(PQLSCOPE_SOURCE_DIR) + "/examples/data/";
  Ingestor ingest;
  ingest.begin_file("examples/data/events.csv");
  ingest.feed(read_whole_file(dir + "events.csv"));
  ingest.end_file();
  for (const auto& [name, kind] : {std::pair{"accounts.csv", FileKind::accounts},
                                   std::pair{"communications.csv", FileKind::communications}}) {
    ingest.begin_file(std::string("examples/data/") + name, FileOptions{kind, InputFormat::auto_detect, {}});
    ingest.feed(read_whole_file(dir + name));
    ingest.end_file();
  }
  return ingest.finish();
}

TEST(SessionRescore, BundledExampleRescoresToTheFirstScoresBytes) {
  const std::string dir = std::string(PQLSCOPE_SOURCE_DIR) + "/examples/";
  const Aggregates aggregates = bundled_example();
  const std::optional<Model> base = model_from_text(read_whole_file(dir + "model.json"));
  ASSERT_TRUE(base.has_value());
  const int32_t last = *aggregates.last_day();
  // The default as-of, one a few weeks back, and one before most accounts signed up.
  expect_rescores_match_first_scores(aggregates, *base, {std::nullopt, last - 23, last - 150});
}

using pqlscope::testing::Rng;

// 120 accounts, 600 users, ~30k events over 120 days of 12 event names; some accounts start
// late and some stop early, so windows and steps differ by as-of day.
std::string generated_events() {
  Rng rng{12};
  const char* names[] = {"login", "open", "edit", "share", "invite", "report",
                         "export", "comment", "upload", "search", "alert", "api"};
  std::string csv = "timestamp,account_id,user_id,event\n";
  const int64_t first_day = 20000;  // 2024-10-04
  for (int a = 0; a < 120; ++a) {
    const int start = static_cast<int>(rng.below(60)), stop = 60 + static_cast<int>(rng.below(60));
    const int events = static_cast<int>(rng.below(500));
    for (int i = 0; i < events; ++i) {
      const int64_t day = first_day + start + static_cast<int64_t>(rng.below(static_cast<uint64_t>(stop - start + 1)));
      const int user = a * 5 + static_cast<int>(rng.below(5));
      const int event = static_cast<int>(rng.below(rng.below(12) + 1));  // skewed to the first names
      csv += format_millis(day * 86'400'000 + static_cast<int64_t>(rng.below(86'400'000)));
      csv += ",acc" + std::to_string(a) + ",u" + std::to_string(user) + "," + names[event] + "\n";
    }
  }
  return csv;
}

Aggregates generated_aggregates() {
  Ingestor ingest;
  ingest.begin_file("generated.csv");
  ingest.feed(generated_events());
  ingest.end_file();
  return ingest.finish();
}

TEST(SessionRescore, GeneratedDatasetRescoresToTheFirstScoresBytes) {
  const Aggregates aggregates = generated_aggregates();
  ASSERT_EQ(aggregates.accounts.size(), 120u);
  const std::optional<Model> base = model_from_text(
      R"({"name": "generated", "activation": {"steps": [)"
      R"({"id": "shared", "label": "Shared", "level": "account", "events": ["share", "invite"], "min_count": 2, "min_users": 2},)"
      R"({"id": "reported", "label": "Reported", "level": "user", "events": ["report"], "min_count": 3}]},)"
      R"("engagement": {"importance": {"login": 0, "open": 1, "edit": 3, "share": 5, "report": 7, "api": 10},)"
      R"("default_importance": 1, "window_days": 7, "history_windows": 6}})");
  ASSERT_TRUE(base.has_value());
  const int32_t last = *aggregates.last_day();
  expect_rescores_match_first_scores(aggregates, *base, {std::nullopt, last - 10, last - 45, last - 100});
}

// The dashboard's model editor: a run of re-scores that change only importances (one event at a
// time, several at once, the default) or the normalisation (but recency decay) takes the
// importance-only path (Session::importance_rescores); one that changes nothing the metrics read
// (the PQL thresholds, the personas' levels, probabilities and trials, the segments' rules, a
// step's name) keeps the metrics and runs the segments stage alone (Session::segment_rescores);
// one that changes only the checklists (a step's minimum, window or users, a step added or taken
// away, the paid checklist) computes activation alone again (Session::activation_rescores);
// anything else takes the whole path.
// Each gives a fresh session's first score's bytes, and the next slider move after a change of
// windows uses counts of the new windows. `events`: four events with an importance in `base`,
// the first two of them active, and base.activation.steps not empty.
enum class Path { whole, importances, segments, activation };

void expect_slider_rescores_match_first_scores(const Aggregates& aggregates, const Model& base,
                                               const std::vector<std::string>& events) {
  std::vector<std::pair<Model, Path>> steps;  // each model, and the path it takes
  Model model = choose_model(aggregates, base, std::nullopt);
  steps.emplace_back(model, Path::whole);
  steps.emplace_back(model, Path::segments);  // the same model: nothing to compute but the segments
  for (const int value : {2, 9, 4}) {  // the first builds the cache, then the counts from it
    model.engagement.importance[events[0]] = value;
    steps.emplace_back(model, Path::importances);
  }
  model.engagement.importance[events[1]] = 1, model.engagement.importance[events[2]] = 8;
  steps.emplace_back(model, Path::importances);
  // Events without an importance of their own (if the data has any) become active.
  bool all_listed = true;
  for (const std::string& name : aggregates.event_names) all_listed = all_listed && base.engagement.importance.count(name) > 0;
  model.engagement.default_importance = 4;
  steps.emplace_back(model, all_listed || base.engagement.default_importance > 0 ? Path::importances : Path::whole);
  model.engagement.window_days = 14;
  steps.emplace_back(model, Path::whole);
  model.engagement.importance[events[3]] = 2;
  steps.emplace_back(model, Path::importances);  // counts of the 14-day windows
  model.engagement.importance[events[1]] = 0;  // no longer active: activity changes
  steps.emplace_back(model, Path::whole);
  model.activation.steps[0].min_count += 1;
  steps.emplace_back(model, Path::activation);
  model.engagement.importance[events[0]] = 6;
  steps.emplace_back(model, Path::importances);
  // The checklist editor: a step's window, a step of users added, an account step that needs two
  // users, the paid accounts' own checklist, a step taken away; then a slider move on those.
  model.activation.steps[0].window_days = 10;
  steps.emplace_back(model, Path::activation);
  model.activation.steps.push_back(ActivationStep{"users_step", "Users' step", StepLevel::user, {events[1], events[2]}, 2, 1, std::nullopt});
  steps.emplace_back(model, Path::activation);
  model.activation.steps.push_back(ActivationStep{"two_users", "Two users", StepLevel::account, {events[0]}, 1, 2, 30});
  steps.emplace_back(model, Path::activation);
  model.activation.paid_steps = std::vector<ActivationStep>{model.activation.steps.back(), model.activation.steps.front()};
  steps.emplace_back(model, Path::activation);
  model.activation.steps.erase(model.activation.steps.begin());
  steps.emplace_back(model, Path::activation);
  model.engagement.importance[events[3]] = 4;
  steps.emplace_back(model, Path::importances);
  // Both at once: the whole path.
  model.activation.steps.back().min_count += 2;
  model.engagement.importance[events[3]] = 6;
  steps.emplace_back(model, Path::whole);
  // Other trials: other halves, which the next move must sum from counts of these trials.
  model.personas.shape.min_trial_days += 3;
  model.segments.trial.trial_length_days += 9;
  steps.emplace_back(model, Path::segments);
  model.engagement.importance[events[2]] = 3;
  steps.emplace_back(model, Path::importances);
  // The editor's other controls: the PQL thresholds, the personas' levels and probabilities, a
  // row of their table, the number of top accounts; then a slider move on those facts.
  model.deal_size.pql_activation = {50, 40, 20};
  steps.emplace_back(model, Path::segments);
  model.personas.activation_levels.high -= 10;
  model.personas.engagement_levels.low += 5;
  steps.emplace_back(model, Path::segments);
  model.personas.probabilities[1] = 0.5;
  model.personas.table.front().persona = Persona::heartbreaker;
  model.segments.product_led.top_accounts = 7;
  steps.emplace_back(model, Path::segments);
  model.engagement.importance[events[3]] = 9;
  steps.emplace_back(model, Path::importances);
  // The normalisation's controls: raw scores normalised again from the same counts.
  model.engagement.normalization.method = NormalizationMethod::min_max;
  steps.emplace_back(model, Path::importances);
  model.engagement.normalization.method = NormalizationMethod::percentile_rank;
  model.engagement.normalization.percentile = 75;
  steps.emplace_back(model, Path::importances);
  // A step renamed: the metrics know steps by index; the report and the reasons show the name.
  model.activation.steps[0].label = "Renamed step";
  model.activation.steps[0].id = "renamed_step";
  steps.emplace_back(model, Path::segments);
  model.engagement.normalization.method = NormalizationMethod::recency_decay;  // not from counts
  steps.emplace_back(model, Path::whole);
  model.engagement.normalization.method = NormalizationMethod::p90;
  steps.emplace_back(model, Path::whole);
  model.name = "renamed";
  model.as_of_day = *aggregates.last_day() - 3;  // another day: the metrics are read again
  steps.emplace_back(model, Path::whole);

  Session sliding{Aggregates(aggregates)};
  uint32_t expected_importances = 0, expected_segments = 0, expected_activations = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    SCOPED_TRACE("scoring " + std::to_string(i));
    const auto& [next, path] = steps[i];
    sliding.score(next);
    expected_importances += path == Path::importances ? 1 : 0;
    expected_segments += path == Path::segments ? 1 : 0;
    expected_activations += path == Path::activation ? 1 : 0;
    EXPECT_EQ(sliding.importance_rescores(), expected_importances);
    EXPECT_EQ(sliding.segment_rescores(), expected_segments);
    EXPECT_EQ(sliding.activation_rescores(), expected_activations);
    Session fresh{Aggregates(aggregates)};
    fresh.score(next);
    expect_same_columns(sliding.chart_columns(), fresh.chart_columns());
    EXPECT_EQ(sliding.overview_json().dump(), fresh.overview_json().dump());
    EXPECT_TRUE(report_text(sliding) == report_text(fresh));
    // The trials' halves, which the report shows only through a Fizzler's reason.
    const std::vector<AccountFacts>& got = sliding.result().segments.accounts;
    const std::vector<AccountFacts>& want = fresh.result().segments.accounts;
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t a = 0; a < got.size(); ++a) {
      EXPECT_EQ(got[a].shape.early_raw, want[a].shape.early_raw) << a;
      EXPECT_EQ(got[a].shape.late_raw, want[a].shape.late_raw) << a;
      EXPECT_EQ(got[a].shape.tailed_off, want[a].shape.tailed_off) << a;
      EXPECT_TRUE(same_bits(std::vector<double>{got[a].priority}, std::vector<double>{want[a].priority})) << a;
    }
  }
  EXPECT_GT(sliding.engagement_counts_bytes(), 0u);
}

TEST(SessionRescore, ImportanceOnlyRescoresGiveTheFirstScoresBytes) {
  const Aggregates aggregates = generated_aggregates();
  std::optional<Model> base = model_from_text(
      R"({"name": "sliders", "activation": {"steps": [)"
      R"({"id": "shared", "label": "Shared", "level": "account", "events": ["share", "invite"], "min_count": 2, "min_users": 2}]},)"
      R"("engagement": {"importance": {"login": 1, "open": 1, "edit": 3, "share": 5, "report": 7, "api": 10},)"
      R"("default_importance": 1, "window_days": 7, "history_windows": 6}})");
  ASSERT_TRUE(base.has_value());
  expect_slider_rescores_match_first_scores(aggregates, *base, {"edit", "login", "share", "report"});
}

// The bundled example has accounts with signups and trials, so personas read the trials' halves
// (re-shaped from their counts on the importance-only path, trial_shape.hpp).
TEST(SessionRescore, ImportanceOnlyRescoresOfTheBundledExampleGiveTheFirstScoresBytes) {
  const std::string dir = std::string(PQLSCOPE_SOURCE_DIR) + "/examples/";
  const Aggregates aggregates = bundled_example();
  const std::optional<Model> base = model_from_text(read_whole_file(dir + "model.json"));
  ASSERT_TRUE(base.has_value());
  expect_slider_rescores_match_first_scores(aggregates, *base,
                                            {"project_created", "dashboard_viewed", "report_created", "user_invited"});
}

}  // namespace
}  // namespace pqlscope
