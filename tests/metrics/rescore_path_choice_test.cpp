// The predicates that choose a Session's re-score path (docs/metrics.md): the importance-only
// path (only_importances_or_normalisation_differ, engagement_counts.hpp), the segments-only
// one (same_metrics_inputs, metrics.hpp) and the activation-only one
// (same_metrics_inputs_but_activation, metrics.hpp). reference_metrics_test.cpp checks that the models they
// let through do give the same metrics; these check what they let through, by hand.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/engagement_counts.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {
namespace {

// What only_importances_or_normalisation_differ lets through: importances, unless an event's
// default "active" (importance > 0) flips, and the normalisation, unless by recency; anything
// else changed is a whole re-score.
TEST(RescorePathChoice, OnlyImportancesOrNormalisationDifferOnlyWhenNothingElseChanged) {
  Aggregates ag;
  ag.event_names = {"login", "edit", "share"};
  Model before;
  before.engagement.importance = {{"edit", 3}, {"share", 5}};
  Model after = before;
  EXPECT_TRUE(only_importances_or_normalisation_differ(ag, before, after));
  after.engagement.importance["edit"] = 9;  // still > 0: the same active events
  EXPECT_TRUE(only_importances_or_normalisation_differ(ag, before, after));
  after.engagement.importance["edit"] = 0;  // no longer active by default
  EXPECT_FALSE(only_importances_or_normalisation_differ(ag, before, after));
  after.activity.active_events = std::vector<std::string>{"login"};
  Model listed = before;
  listed.activity.active_events = after.activity.active_events;
  EXPECT_TRUE(only_importances_or_normalisation_differ(ag, listed, after));  // listed: importances do not decide
  Model windows = listed;
  windows.engagement.window_days = 14;
  EXPECT_FALSE(only_importances_or_normalisation_differ(ag, listed, windows));
  Model steps = listed;
  steps.activation.steps.push_back(ActivationStep{});
  EXPECT_FALSE(only_importances_or_normalisation_differ(ag, listed, steps));
  Model default_on = before;
  default_on.engagement.default_importance = 1;  // login becomes active
  EXPECT_FALSE(only_importances_or_normalisation_differ(ag, before, default_on));
  // Normalisation reads the raw scores alone, unless by recency (which weighs each event's age).
  Model normalised = before;
  normalised.engagement.normalization.method = NormalizationMethod::min_max;
  EXPECT_TRUE(only_importances_or_normalisation_differ(ag, before, normalised));
  normalised.engagement.normalization = {NormalizationMethod::percentile_rank, 75, 9};
  EXPECT_TRUE(only_importances_or_normalisation_differ(ag, before, normalised));
  Model decayed = before;
  decayed.engagement.normalization.method = NormalizationMethod::recency_decay;
  EXPECT_FALSE(only_importances_or_normalisation_differ(ag, before, decayed));
  EXPECT_FALSE(only_importances_or_normalisation_differ(ag, decayed, before));
  Model shorter = decayed;
  shorter.engagement.normalization.lifespan_days = 10;
  EXPECT_FALSE(only_importances_or_normalisation_differ(ag, decayed, shorter));
}

// same_metrics_inputs sees a change to each of the metrics' inputs, and to the events and
// counts of a step or feature, but not to their ids and labels.
TEST(RescorePathChoice, SameMetricsInputsSeesEveryInputButNames) {
  Model base;
  base.engagement.importance = {{"edit", 3}, {"share", 5}};
  base.activation.steps.push_back(ActivationStep{"shared", "Shared", StepLevel::account, {"share"}, 2, 2, 14});
  base.adoption.key_features.push_back(Feature{"edits", "Edits", {"edit"}});
  ASSERT_TRUE(same_metrics_inputs(base, base));
  Model named = base;  // the step and the feature renamed
  named.activation.steps[0].id = "shared_twice", named.activation.steps[0].label = "Shared twice";
  named.adoption.key_features[0].label = "Editing";
  EXPECT_TRUE(same_metrics_inputs(base, named));
  Model paid = base;  // a paid checklist, then renamed, then another minimum
  paid.activation.paid_steps = base.activation.steps;
  Model paid_named = paid;
  paid_named.activation.paid_steps->front().label = "Paid: shared";
  EXPECT_TRUE(same_metrics_inputs(paid, paid_named));
  paid_named.activation.paid_steps->front().min_users = 3;
  EXPECT_FALSE(same_metrics_inputs(paid, paid_named));
  Model changed = base;
  changed.as_of_day = 19000;
  EXPECT_FALSE(same_metrics_inputs(base, changed));
  changed = base;
  changed.activation.steps.push_back(ActivationStep{});
  EXPECT_FALSE(same_metrics_inputs(base, changed));
  changed = base;
  changed.engagement.window_days += 1;
  EXPECT_FALSE(same_metrics_inputs(base, changed));
  changed = base;
  changed.adoption.window_days += 1;
  EXPECT_FALSE(same_metrics_inputs(base, changed));
  changed = base;
  changed.adoption.key_features.push_back(Feature{"f", "F", {"x"}});
  EXPECT_FALSE(same_metrics_inputs(base, changed));
  changed = base;
  changed.activation.paid_steps = std::vector<ActivationStep>{};
  EXPECT_FALSE(same_metrics_inputs(base, changed));
  changed = base;
  changed.activation.steps.push_back(ActivationStep{"s", "S", StepLevel::account, {"x"}, 1, 1, std::nullopt});
  Model renamed = changed;
  renamed.activation.steps.back().id = "t";
  EXPECT_TRUE(same_metrics_inputs(changed, renamed));
  renamed.activation.steps.back().min_count = 2;
  EXPECT_FALSE(same_metrics_inputs(changed, renamed));
  renamed = changed;
  renamed.activation.steps.back().events = {"y"};  // another event completes the step
  EXPECT_FALSE(same_metrics_inputs(changed, renamed));
  changed.adoption.key_features.push_back(Feature{"f", "F", {"x"}});
  renamed = changed;
  renamed.adoption.key_features.back().label = "G";
  EXPECT_TRUE(same_metrics_inputs(changed, renamed));
  renamed.adoption.key_features.back().events = {"y"};
  EXPECT_FALSE(same_metrics_inputs(changed, renamed));
  changed = base;
  changed.activity.active_events = std::vector<std::string>{"x"};
  EXPECT_FALSE(same_metrics_inputs(base, changed));
}

// same_metrics_inputs_but_activation lets through any change to the checklists (a minimum, a
// window, users, events, steps added or taken away, the paid checklist) and nothing else the
// metrics read.
TEST(RescorePathChoice, ActivationOnlyPathTakesChecklistsAndNothingElse) {
  Model base;
  base.engagement.importance = {{"edit", 3}, {"share", 5}};
  base.activation.steps.push_back(ActivationStep{"shared", "Shared", StepLevel::account, {"share"}, 2, 2, 14});
  base.adoption.key_features.push_back(Feature{"edits", "Edits", {"edit"}});
  EXPECT_TRUE(same_metrics_inputs_but_activation(base, base));
  Model checklist = base;
  checklist.activation.steps[0].min_count = 5;
  checklist.activation.steps[0].window_days = std::nullopt;
  checklist.activation.steps[0].min_users = 1;
  checklist.activation.steps[0].events = {"edit", "share"};
  checklist.activation.steps.push_back(ActivationStep{"u", "U", StepLevel::user, {"edit"}, 1, 1, 7});
  checklist.activation.paid_steps = std::vector<ActivationStep>{checklist.activation.steps.back()};
  EXPECT_TRUE(same_metrics_inputs_but_activation(base, checklist));
  EXPECT_FALSE(same_metrics_inputs(base, checklist));  // so the activation path, not the segments one
  Model emptied = base;
  emptied.activation.steps.clear();
  EXPECT_TRUE(same_metrics_inputs_but_activation(base, emptied));
  // Each other input the metrics read, with the checklist changed too or not.
  for (const bool with_checklist : {false, true}) {
    const Model& from = with_checklist ? checklist : base;
    Model changed = from;
    changed.as_of_day = 19000;
    EXPECT_FALSE(same_metrics_inputs_but_activation(base, changed));
    changed = from;
    changed.engagement.importance["edit"] = 4;
    EXPECT_FALSE(same_metrics_inputs_but_activation(base, changed));
    changed = from;
    changed.engagement.window_days += 1;
    EXPECT_FALSE(same_metrics_inputs_but_activation(base, changed));
    changed = from;
    changed.adoption.window_days += 1;
    EXPECT_FALSE(same_metrics_inputs_but_activation(base, changed));
    changed = from;
    changed.adoption.key_features[0].events = {"share"};
    EXPECT_FALSE(same_metrics_inputs_but_activation(base, changed));
    changed = from;
    changed.activity.active_events = std::vector<std::string>{"edit"};
    EXPECT_FALSE(same_metrics_inputs_but_activation(base, changed));
  }
  Model feature_renamed = checklist;  // names of features are not read
  feature_renamed.adoption.key_features[0].label = "Editing";
  EXPECT_TRUE(same_metrics_inputs_but_activation(base, feature_renamed));
}

}  // namespace
}  // namespace pqlscope
