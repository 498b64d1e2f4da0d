// The trial's halves (trial_shape.hpp) read from the account log and from a MetricsCache must be
// the same numbers. The expected sums are worked out by hand below from the rule in
// docs/segments.md ("Personas"): a trial of `days` days (signup .. min(trial end, as-of)) has
// halves of days / 2 days each, the first from signup, the last ending on the trial's last day
// (an odd middle day is in neither), and each half sums importance x count of its days.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/segments/account_facts.hpp"
#include "pqlscope/segments/trial_shape.hpp"

namespace pqlscope {
namespace {

constexpr int32_t kDay0 = 19783;  // 2024-03-01

struct Fixture {
  Aggregates aggregates;
  Model model;
  Metrics metrics;
  std::vector<int32_t> signup, trial_end;

  Fixture() {
    aggregates.event_names = {"a", "b", "c"};
    for (const char* id : {"ten_day_trial", "open_trial", "odd_trial"}) {
      AccountRecord r;
      r.id = id;
      aggregates.accounts.push_back(r);
    }
    model.engagement.importance = {{"a", 3}, {"b", 0}, {"c", 2}};
    model.personas.shape.min_trial_days = 4;
    metrics.as_of_day = kDay0 + 20;
    // Account 0: days D0..D0+9 (10 days, halves of 5: D0..D0+4 and D0+5..D0+9).
    // Account 1: days D0+5..D0+20 (as-of; 16 days, halves of 8: D0+5..D0+12 and D0+13..D0+20).
    // Account 2: days D0+10..D0+20 (11 days, halves of 5: D0+10..D0+14 and D0+16..D0+20).
    signup = {kDay0, kDay0 + 5, kDay0 + 10};
    trial_end = {kDay0 + 9, kNoDay, kNoDay};
    // (day offset, account, event, count), day-sorted as the log is.
    const struct {
      int day;
      uint32_t account;
      uint16_t event;
      uint32_t count;
    } rows[] = {
        {0, 0, 0, 2},    // account 0 early: 3 x 2 = 6
        {3, 0, 1, 5},    // importance 0
        {3, 0, 2, 1},    // account 0 early: 2 x 1 = 2
        {5, 0, 0, 1},    // account 0 late: 3
        {5, 1, 0, 4},    // account 1 early: 12
        {9, 0, 2, 3},    // account 0 late: 6
        {10, 0, 0, 7},   // account 0: after its trial, in neither half
        {10, 2, 2, 2},   // account 2 early: 4
        {12, 1, 2, 1},   // account 1 early: 2
        {13, 1, 0, 1},   // account 1 late: 3
        {15, 2, 0, 10},  // account 2: the odd middle day, in neither half
        {20, 1, 2, 5},   // account 1 late: 10
        {20, 2, 2, 1},   // account 2 late: 2
        {21, 1, 0, 100}, // after the as-of day
    };
    for (const auto& r : rows) {
      aggregates.account_days.push_back({r.account, r.event, static_cast<uint16_t>(kDay0 + r.day), r.count});
    }
  }
};

void expect_hand_sums(const std::vector<TrialShape>& shapes) {
  ASSERT_EQ(shapes.size(), 3u);
  EXPECT_EQ(shapes[0].half_days, 5);
  EXPECT_EQ(shapes[0].early_raw, 8.0);
  EXPECT_EQ(shapes[0].late_raw, 9.0);
  EXPECT_EQ(shapes[1].half_days, 8);
  EXPECT_EQ(shapes[1].early_raw, 14.0);
  EXPECT_EQ(shapes[1].late_raw, 13.0);
  EXPECT_EQ(shapes[2].half_days, 5);
  EXPECT_EQ(shapes[2].early_raw, 4.0);
  EXPECT_EQ(shapes[2].late_raw, 2.0);
  // Tailed off: late <= fizzler_late_share (0.5) x early. 9 > 4 and 13 > 7; 2 <= 2.
  EXPECT_FALSE(shapes[0].tailed_off);
  EXPECT_FALSE(shapes[1].tailed_off);
  EXPECT_TRUE(shapes[2].tailed_off);
}

TEST(TrialShapeCache, LogHalvesMatchHandSums) {
  const Fixture f;
  expect_hand_sums(compute_trial_shapes(f.aggregates, f.model, f.metrics, f.signup, f.trial_end));
}

TEST(TrialShapeCache, CacheHalvesMatchHandSums) {
  const Fixture f;
  const MetricsCache cache(f.aggregates);
  expect_hand_sums(compute_trial_shapes(f.aggregates, f.model, f.metrics, f.signup, f.trial_end, &cache));
}

TEST(TrialShapeCache, CacheOfOtherAggregatesIsIgnored) {
  const Fixture f;
  Fixture other;
  other.aggregates.account_days.push_back({0, 0, static_cast<uint16_t>(kDay0 + 1), 50});
  const MetricsCache cache(other.aggregates);  // not built from f.aggregates: the log is read
  expect_hand_sums(compute_trial_shapes(f.aggregates, f.model, f.metrics, f.signup, f.trial_end, &cache));
}

TEST(TrialShapeCache, ShortTrialIsNotMeasured) {
  Fixture f;
  f.model.personas.shape.min_trial_days = 11;  // account 0 (10 days) is no longer measured
  const MetricsCache cache(f.aggregates);
  for (const MetricsCache* c : {static_cast<const MetricsCache*>(nullptr), &cache}) {
    const auto shapes = compute_trial_shapes(f.aggregates, f.model, f.metrics, f.signup, f.trial_end, c);
    EXPECT_FALSE(shapes[0].measured);
    EXPECT_EQ(shapes[0].early_raw, 0.0);
    EXPECT_EQ(shapes[0].late_raw, 0.0);
    EXPECT_EQ(shapes[1].early_raw, 14.0);
    EXPECT_EQ(shapes[2].late_raw, 2.0);
  }
}

// A trial of 101 days (D0 .. as-of D0+100, no trial end): halves of 50 days, D0..D0+49 and
// D0+51..D0+100, with D0+50 in neither. Long trials are summed by lookups in the cache's runs
// (short ones by walking their entries): both must agree with the log.
TEST(TrialShapeCache, LongTrialHalves) {
  Aggregates ag;
  ag.event_names = {"a", "c"};
  AccountRecord r;
  r.id = "long_trial";
  ag.accounts.push_back(r);
  const struct {
    int day;
    uint16_t event;
    uint32_t count;
  } rows[] = {{0, 0, 1}, {49, 1, 2}, {50, 0, 5}, {51, 0, 1}, {100, 1, 1}, {101, 0, 9}};
  for (const auto& x : rows) ag.account_days.push_back({0, x.event, static_cast<uint16_t>(kDay0 + x.day), x.count});
  Model model;
  model.engagement.importance = {{"a", 3}, {"c", 2}};
  Metrics metrics;
  metrics.as_of_day = kDay0 + 100;
  const std::vector<int32_t> signup{kDay0}, trial_end{kNoDay};
  const MetricsCache cache(ag);
  for (const MetricsCache* c : {static_cast<const MetricsCache*>(nullptr), &cache}) {
    const auto shapes = compute_trial_shapes(ag, model, metrics, signup, trial_end, c);
    ASSERT_EQ(shapes.size(), 1u);
    EXPECT_EQ(shapes[0].half_days, 50);
    EXPECT_EQ(shapes[0].early_raw, 3.0 * 1 + 2.0 * 2);  // days 0 and 49
    EXPECT_EQ(shapes[0].late_raw, 3.0 * 1 + 2.0 * 1);   // days 51 and 100 (50: middle; 101: after as-of)
  }
}

// A model that changed only its importances (the session's importance-only re-score) gets its
// halves from the per-(account, event) counts of the facts it started from: the hand sums again,
// from facts computed with other importances (event b counted there, not here).
TEST(TrialShapeCache, HalvesOfOtherImportancesComeFromTheCounts) {
  const Fixture f;
  const MetricsCache cache(f.aggregates);
  Model before = f.model;
  before.engagement.importance = {{"a", 1}, {"b", 4}, {"c", 7}};
  const std::vector<TrialShape> shapes = compute_trial_shapes(f.aggregates, before, f.metrics, f.signup, f.trial_end, &cache);
  std::vector<AccountFacts> facts(shapes.size());
  for (std::size_t a = 0; a < facts.size(); ++a) facts[a].signup_day = f.signup[a], facts[a].shape = shapes[a];
  const TrialHalfCounts counts = trial_half_counts(cache, facts);
  ASSERT_TRUE(reshape_trials(f.aggregates, counts, f.model, f.metrics, facts));
  std::vector<TrialShape> reshaped;
  for (const AccountFacts& x : facts) reshaped.push_back(x.shape);
  expect_hand_sums(reshaped);

  // Counts of other trials (account 0 no longer measured) are refused, and nothing changes.
  Model longer = f.model;
  longer.personas.shape.min_trial_days = 11;
  const std::vector<TrialShape> other = compute_trial_shapes(f.aggregates, longer, f.metrics, f.signup, f.trial_end, &cache);
  for (std::size_t a = 0; a < facts.size(); ++a) facts[a].shape = other[a];
  EXPECT_FALSE(reshape_trials(f.aggregates, counts, f.model, f.metrics, facts));
  EXPECT_FALSE(facts[0].shape.measured);
  EXPECT_EQ(facts[1].shape.early_raw, 14.0);
}

// Facts whose halves are marked (never sums of these rows), on the trials the fixture's model
// measures: whether compute_trial_shapes copied them or summed again shows in the result.
std::vector<AccountFacts> marked_facts(const Fixture& f, const Model& model) {
  const std::vector<TrialShape> shapes = compute_trial_shapes(f.aggregates, model, f.metrics, f.signup, f.trial_end);
  std::vector<AccountFacts> facts(shapes.size());
  for (std::size_t a = 0; a < facts.size(); ++a) {
    facts[a].signup_day = f.signup[a];
    facts[a].shape = shapes[a];
    facts[a].shape.early_raw = 1000.0 + static_cast<double>(a);
    facts[a].shape.late_raw = 2000.0 + static_cast<double>(a);
  }
  return facts;
}

// The same trials under the same importances: an earlier scoring's halves are taken as they are,
// whatever else the model changed (here a PQL threshold), and tailed_off is decided again.
TEST(TrialShapeCache, HalvesOfTheSameTrialsAreTakenFromEarlierFacts) {
  const Fixture f;
  const MetricsCache cache(f.aggregates);
  const std::vector<AccountFacts> earlier_facts = marked_facts(f, f.model);
  Model next = f.model;
  next.deal_size.pql_activation.small = 55;
  const EarlierFacts earlier{earlier_facts, f.model};
  for (const MetricsCache* c : {static_cast<const MetricsCache*>(nullptr), &cache}) {
    const auto shapes = compute_trial_shapes(f.aggregates, next, f.metrics, f.signup, f.trial_end, c, &earlier);
    for (std::size_t a = 0; a < shapes.size(); ++a) {
      EXPECT_EQ(shapes[a].early_raw, 1000.0 + static_cast<double>(a));
      EXPECT_EQ(shapes[a].late_raw, 2000.0 + static_cast<double>(a));
      EXPECT_FALSE(shapes[a].tailed_off);  // late > early here: from the copied halves
    }
  }
  // Real earlier facts (not marked) give the hand sums.
  std::vector<AccountFacts> real = earlier_facts;
  const auto sums = compute_trial_shapes(f.aggregates, f.model, f.metrics, f.signup, f.trial_end);
  for (std::size_t a = 0; a < real.size(); ++a) real[a].shape = sums[a];
  const EarlierFacts from_real{real, f.model};
  expect_hand_sums(compute_trial_shapes(f.aggregates, next, f.metrics, f.signup, f.trial_end, &cache, &from_real));
}

// Anything the halves depend on moved: the halves are summed again (the hand sums), never copied.
TEST(TrialShapeCache, HalvesOfOtherTrialsOrImportancesAreSummedAgain) {
  const Fixture f;
  const MetricsCache cache(f.aggregates);
  {  // Another importance for an event (b weighs 0 in the fixture's model): the sums again.
    Model before = f.model;
    before.engagement.importance["b"] = 4;
    const std::vector<AccountFacts> facts = marked_facts(f, before);
    const EarlierFacts earlier{facts, before};
    expect_hand_sums(compute_trial_shapes(f.aggregates, f.model, f.metrics, f.signup, f.trial_end, &cache, &earlier));
  }
  {  // Another minimum: account 0 was not measured then.
    Model before = f.model;
    before.personas.shape.min_trial_days = 11;
    const std::vector<AccountFacts> facts = marked_facts(f, before);
    ASSERT_FALSE(facts[0].shape.measured);
    const EarlierFacts earlier{facts, before};
    expect_hand_sums(compute_trial_shapes(f.aggregates, f.model, f.metrics, f.signup, f.trial_end, &cache, &earlier));
  }
  {  // Another trial length for one account (its trial ended a day later), the same signup.
    std::vector<AccountFacts> facts = marked_facts(f, f.model);
    facts[0].shape.days += 1;
    const EarlierFacts earlier{facts, f.model};
    expect_hand_sums(compute_trial_shapes(f.aggregates, f.model, f.metrics, f.signup, f.trial_end, &cache, &earlier));
  }
  {  // Another signup day for one account, the same length.
    std::vector<AccountFacts> facts = marked_facts(f, f.model);
    facts[2].signup_day -= 1;
    const EarlierFacts earlier{facts, f.model};
    expect_hand_sums(compute_trial_shapes(f.aggregates, f.model, f.metrics, f.signup, f.trial_end, &cache, &earlier));
  }
  {  // Facts of another number of accounts.
    std::vector<AccountFacts> facts = marked_facts(f, f.model);
    facts.pop_back();
    const EarlierFacts earlier{facts, f.model};
    expect_hand_sums(compute_trial_shapes(f.aggregates, f.model, f.metrics, f.signup, f.trial_end, &cache, &earlier));
  }
}

}  // namespace
}  // namespace pqlscope
