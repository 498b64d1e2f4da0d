// recompute_activation (metrics_cache.hpp), the activation-only re-score of the dashboard's
// checklist editor: metrics computed for one model, then activation computed again from the
// cache for a model whose checklists alone differ, must hold the very bits of the whole
// computation for that model over the logs (compute_metrics without a cache: an independent
// path that never reads the cache) in every field, on any number of threads, edit after edit on
// the same Metrics, at several as-of days. The bundled example has paid accounts (its plans),
// trials and signups, so the paid checklist and the step windows are exercised.
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "metrics/metrics_compare.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/aggregate/day_log.hpp"
#include "pqlscope/ingest/ingestor.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/model/model.hpp"
#include "support/example_data.hpp"

namespace pqlscope {
namespace {

using pqlscope::testing::example_aggregates;
using pqlscope::testing::example_model;
using pqlscope::testing::expect_same;

// The editor's moves, each applied to the model the one before left.
std::vector<std::pair<std::string, std::function<void(Model&)>>> checklist_edits() {
  return {
      {"a higher minimum", [](Model& m) { m.activation.steps[0].min_count += 2; }},
      {"a step window", [](Model& m) { m.activation.steps[1].window_days = 5; }},
      {"another event completes a step", [](Model& m) { m.activation.steps[2].events.push_back("report_created"); }},
      {"a users' step added",
       [](Model& m) {
         m.activation.steps.push_back(
             ActivationStep{"users_report", "Report", StepLevel::user, {"report_created", "dashboard_viewed"}, 2, 1, 20});
       }},
      {"an account step of three users",
       [](Model& m) {
         m.activation.steps.push_back(
             ActivationStep{"three_users", "Three users", StepLevel::account, {"dashboard_viewed"}, 1, 3, std::nullopt});
       }},
      {"the paid accounts' own checklist",
       [](Model& m) {
         m.activation.paid_steps =
             std::vector<ActivationStep>{m.activation.steps.back(), m.activation.steps.front(),
                                         ActivationStep{"paid_user", "Paid user", StepLevel::user, {"project_created"}, 1, 1, 3}};
       }},
      {"a step taken away", [](Model& m) { m.activation.steps.erase(m.activation.steps.begin() + 1); }},
      {"the paid checklist emptied", [](Model& m) { m.activation.paid_steps->clear(); }},
      {"no paid checklist", [](Model& m) { m.activation.paid_steps.reset(); }},
      {"no steps at all", [](Model& m) { m.activation.steps.clear(); }},
      {"one step again", [](Model& m) {
         m.activation.steps.push_back(ActivationStep{"first", "First", StepLevel::account, {"project_created"}, 1, 2, 30});
       }},
  };
}

TEST(ActivationRescore, ChecklistEditsGiveTheWholeComputationsBits) {
  const Aggregates a = example_aggregates();
  const MetricsCache cache(a);
  const Model base = example_model();
  ASSERT_GE(base.activation.steps.size(), 3u);
  const int32_t last = default_as_of_day(a);
  for (const int32_t as_of : {last, last - 7, last - 60}) {
    for (const unsigned threads : {1u, 2u, 3u, 7u}) {
      Model model = base;
      Metrics metrics = compute_metrics(a, model, as_of);
      for (const auto& [what, edit] : checklist_edits()) {
        Model next = model;
        edit(next);
        ASSERT_TRUE(same_metrics_inputs_but_activation(model, next)) << what;
        ASSERT_FALSE(same_metrics_inputs(model, next)) << what;
        ASSERT_TRUE(recompute_activation(a, cache, next, metrics, threads)) << what;
        const std::string where = what + " as of " + std::to_string(as_of) + " on " + std::to_string(threads) + " threads";
        expect_same(metrics, compute_metrics(a, next, as_of), where);
        model = std::move(next);
      }
    }
  }
}

// Against the account log read directly (independent of both passes): a step that any of the
// account's events completes counts every event of the account up to the as-of day, and is done
// exactly when there is one; a minimum nobody reaches leaves every account's step undone.
TEST(ActivationRescore, ChecklistEditsCountWhatTheAccountLogHolds) {
  const Aggregates a = example_aggregates();
  const MetricsCache cache(a);
  Model model = example_model();
  const int32_t as_of = default_as_of_day(a) - 20;
  Metrics metrics = compute_metrics(a, model, as_of);
  model.activation.paid_steps.reset();
  std::vector<std::string> every_event(a.event_names.begin(), a.event_names.end());
  model.activation.steps = {ActivationStep{"any", "Any", StepLevel::account, every_event, 1, 1, std::nullopt}};
  ASSERT_TRUE(recompute_activation(a, cache, model, metrics, 2));
  std::vector<uint64_t> events_up_to(a.accounts.size(), 0);
  for (const DayCount& d : a.account_days) {
    if (d.day <= as_of) events_up_to[d.entity] += d.count;
  }
  ASSERT_EQ(metrics.accounts.step_count, 1u);
  std::size_t done = 0;
  for (std::size_t i = 0; i < a.accounts.size(); ++i) {
    EXPECT_EQ(metrics.accounts.steps[i].count, events_up_to[i]) << i;
    EXPECT_EQ(metrics.accounts.steps[i].done, events_up_to[i] > 0) << i;
    EXPECT_EQ(metrics.accounts.activation_rate[i], events_up_to[i] > 0 ? 100.0 : 0.0) << i;
    done += metrics.accounts.steps[i].done ? 1 : 0;
  }
  EXPECT_GT(done, 0u);
  EXPECT_LT(done, a.accounts.size());  // some accounts have no event 20 days before the end
  model.activation.steps[0].min_count = 1'000'000'000;
  ASSERT_TRUE(recompute_activation(a, cache, model, metrics, 2));
  for (std::size_t i = 0; i < a.accounts.size(); ++i) {
    EXPECT_FALSE(metrics.accounts.steps[i].done) << i;
    EXPECT_EQ(metrics.accounts.steps[i].count, events_up_to[i]) << i;
  }
}

TEST(ActivationRescore, ACacheOfOtherAggregatesIsRefused) {
  const Aggregates a = example_aggregates();
  const Aggregates b = example_aggregates();
  const MetricsCache cache_of_b(b);
  const Model model = example_model();
  Metrics metrics = compute_metrics(a, model, default_as_of_day(a));
  EXPECT_THROW(recompute_activation(a, cache_of_b, model, metrics), std::invalid_argument);
}

}  // namespace
}  // namespace pqlscope
