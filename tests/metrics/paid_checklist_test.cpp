// Separate activation checklists for trial and paid accounts (docs/model.md, "Which checklist"):
// a paid account (stage self_serve / enterprise on the as-of day) is scored on
// `activation.paid_steps`, every other account on `steps`; users follow their home account.
// Expected values are counted by hand from the fixture's rows and the two checklists; the
// history and the cache are checked against scoring afresh as of each day (their definition).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "metrics/metrics_test_util.hpp"
#include "pqlscope/metrics/history.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/model/model_json.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;

constexpr int32_t D = 19800;  // 2024-03-18

// Both accounts do exactly the same events on the same days, by one user each.
std::string same_events(std::string_view account, std::string_view user) {
  return rows(D, account, user, "create_project") + rows(D + 1, account, user, "invite", 2) +
         rows(D + 2, account, user, "upload") + rows(D + 3, account, user, "report");
}

// trialco is on the trial plan; paidco bought self_serve on D + 5 (still a trial before that).
Aggregates fixture() {
  return events(same_events("trialco", "t1") + same_events("paidco", "p1") + rows(D + 6, "trialco", "t1", "login"),
                "account_id,plan,converted_at\ntrialco,trial,\npaidco,self_serve," + format_day(D + 5) + "\n");
}

// Trial: create, invite x2, share (account level), no user-level step.
// Paid: upload, add_payment (account level), report (user level).
Model two_checklists() {
  Model m;
  m.activation.steps = {step("create", StepLevel::account, {"create_project"}),
                        step("invite", StepLevel::account, {"invite"}, 2),
                        step("share", StepLevel::account, {"share"})};
  m.activation.paid_steps = std::vector<ActivationStep>{step("upload", StepLevel::account, {"upload"}),
                                                        step("billing", StepLevel::account, {"add_payment"}),
                                                        step("report", StepLevel::user, {"report"})};
  return m;
}

bool same(double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; }

TEST(PaidChecklist, SameEventsDifferentChecklists) {
  const Aggregates a = fixture();
  const Metrics m = compute_metrics(a, two_checklists(), D + 6);
  const uint32_t trial = a.find_account("trialco"), paid = a.find_account("paidco");
  // Columns: trial's 3 account steps then paid's 2; trial's 0 user steps then paid's 1.
  EXPECT_EQ(m.account_steps, (std::vector<uint32_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(m.user_steps, (std::vector<uint32_t>{5}));
  EXPECT_FALSE(m.accounts.on_paid_checklist(trial));
  EXPECT_TRUE(m.accounts.on_paid_checklist(paid));

  // trialco: create (D) and invite x2 (D+1) done, share not: 2 of 3.
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[trial], 100.0 * 2 / 3);
  ASSERT_EQ(m.accounts.steps_of(trial).size(), 3u);
  EXPECT_EQ(m.account_step_ids_of(trial)[2], 2u);
  // paidco: upload (D+2) done, add_payment never: 1 of 2, whatever it did of the trial list.
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[paid], 50.0);
  ASSERT_EQ(m.accounts.steps_of(paid).size(), 2u);
  EXPECT_TRUE(m.accounts.steps_of(paid)[0].done);
  EXPECT_EQ(m.accounts.steps_of(paid)[0].completed_day, D + 2);
  EXPECT_FALSE(m.accounts.steps_of(paid)[1].done);
  EXPECT_EQ(m.account_step_ids_of(paid)[0], 3u);
  EXPECT_EQ(m.accounts.activated_day[paid], kNoDay);

  // Users: t1 is on the trial list, which has no user-level step (n/a); p1 on the paid list,
  // whose one user step (report, D+3) it did: 100 %, activated on D+3.
  const uint32_t t1 = user_index(a, "t1"), p1 = user_index(a, "p1");
  EXPECT_TRUE(std::isnan(m.users.activation_rate[t1]));
  EXPECT_DOUBLE_EQ(m.users.activation_rate[p1], 100.0);
  EXPECT_EQ(m.users.activated_day[p1], D + 3);
  EXPECT_EQ(m.activated_users[paid], 1u);
  EXPECT_EQ(m.activated_users[trial], 0u);
  EXPECT_DOUBLE_EQ(m.median_user_activation[paid], 100.0);
  EXPECT_TRUE(std::isnan(m.median_user_activation[trial]));
}

TEST(PaidChecklist, BeforeItsConversionAPaidAccountIsATrial) {
  const Aggregates a = fixture();
  const Metrics m = compute_metrics(a, two_checklists(), D + 4);  // converted on D + 5
  const uint32_t paid = a.find_account("paidco");
  EXPECT_FALSE(m.accounts.on_paid_checklist(paid));
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[paid], 100.0 * 2 / 3);
  EXPECT_TRUE(std::isnan(m.users.activation_rate[user_index(a, "p1")]));
  // No account is paid on D + 4, nor (stages only move towards paid) before: the paid columns
  // are not even counted, and the history as of D + 4 still equals scoring at each point.
  EXPECT_EQ(m.accounts.paid_step_count, 0u);
  EXPECT_EQ(m.accounts.step_count, 3u);
  const ScoreHistory h = compute_history(a, two_checklists(), m, {1});
  for (std::size_t k = 0; k < h.days.size(); ++k) {
    const Metrics at = compute_metrics(a, two_checklists(), h.days[k]);
    EXPECT_TRUE(same(h.accounts.activation_at(k, paid), at.accounts.activation_rate[paid])) << k;
  }
}

TEST(PaidChecklist, WithoutPaidStepsEveryAccountUsesSteps) {
  const Aggregates a = fixture();
  Model model = two_checklists();
  model.activation.paid_steps.reset();
  const Metrics m = compute_metrics(a, model, D + 6);
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[a.find_account("paidco")], 100.0 * 2 / 3);
  EXPECT_EQ(m.accounts.paid_step_count, 0u);
  EXPECT_TRUE(m.accounts.paid_checklist.empty());
}

TEST(PaidChecklist, AnEmptyPaidListLeavesPaidAccountsWithoutActivation) {
  const Aggregates a = fixture();
  Model model = two_checklists();
  model.activation.paid_steps = std::vector<ActivationStep>{};
  const Metrics m = compute_metrics(a, model, D + 6);
  EXPECT_TRUE(std::isnan(m.accounts.activation_rate[a.find_account("paidco")]));
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[a.find_account("trialco")], 100.0 * 2 / 3);
}

TEST(PaidChecklist, HistorySwitchesChecklistOnTheConversionDay) {
  const Aggregates a = fixture();
  const Model model = two_checklists();
  const ScoreHistory h = compute_history(a, model, compute_metrics(a, model, D + 6), {1});
  ASSERT_EQ(h.days, (std::vector<int32_t>{D, D + 1, D + 2, D + 3, D + 4, D + 5, D + 6}));
  const uint32_t paid = a.find_account("paidco");
  // Trial list up to D+4 (1/3 on D, 2/3 from D+1), the paid list from D+5 (upload done: 1/2).
  const double want[] = {100.0 / 3, 200.0 / 3, 200.0 / 3, 200.0 / 3, 200.0 / 3, 50.0, 50.0};
  for (std::size_t k = 0; k < 7; ++k) EXPECT_DOUBLE_EQ(h.accounts.activation_at(k, paid), want[k]) << k;
  const uint32_t p1 = user_index(a, "p1");
  EXPECT_TRUE(std::isnan(h.users.activation_at(4, p1)));
  EXPECT_EQ(h.users.activation_at(5, p1), 100.0);
  // And every point is what scoring as of its day gives, bit for bit.
  for (std::size_t k = 0; k < h.days.size(); ++k) {
    const Metrics at = compute_metrics(a, model, h.days[k]);
    for (std::size_t e = 0; e < a.accounts.size(); ++e) {
      EXPECT_TRUE(same(h.accounts.activation_at(k, e), at.accounts.activation_rate[e])) << k << " " << e;
    }
    for (std::size_t u = 0; u < a.users.size(); ++u) {
      EXPECT_TRUE(same(h.users.activation_at(k, u), at.users.activation_rate[u])) << k << " " << u;
    }
  }
}

// Many accounts, staggered conversions: each history point and the cache re-score equal a fresh score.
std::string many_events() {
  const char* names[] = {"login", "create_project", "invite", "upload", "share", "report", "add_payment"};
  uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  std::string out;
  for (int32_t day = D; day < D + 40; ++day) {
    for (int acc = 0; acc < 10; ++acc) {
      if (next() % 3 == 0) continue;
      for (int u = 0; u < 2; ++u) {
        const std::string account = "a" + std::to_string(acc);
        const int n = static_cast<int>(next() % 3);
        for (int i = 0; i < n; ++i) {
          out += at(day, acc * 200 + u * 40 + i) + "," + account + "," + account + "u" + std::to_string(u) + "," +
                 names[next() % 7] + "\n";
        }
      }
    }
  }
  return out;
}

Aggregates many() {
  // a0..a3 trials; a4..a6 converted to self_serve on D+8, D+16, D+24; a7 enterprise (no date:
  // paid all along); a8 free; a9 churned.
  std::string accounts = "account_id,plan,converted_at\n";
  for (int acc = 0; acc < 4; ++acc) accounts += "a" + std::to_string(acc) + ",trial,\n";
  for (int acc = 4; acc < 7; ++acc) accounts += "a" + std::to_string(acc) + ",self_serve," + format_day(D + 8 * (acc - 3)) + "\n";
  accounts += "a7,enterprise,\na8,free,\na9,churned,\n";
  return events(many_events(), accounts);
}

Model many_model() {
  Model m = two_checklists();
  m.activation.steps.push_back(step("reports", StepLevel::user, {"report"}, 2));
  m.activation.paid_steps->push_back(step("team_upload", StepLevel::account, {"upload"}, 3, 2));
  m.engagement.importance = {{"upload", 2}, {"report", 3}};
  return m;
}

TEST(PaidChecklist, HistoryEqualsScoringAsOfEachPoint) {
  const Aggregates a = many();
  const Model model = many_model();
  const ScoreHistory h = compute_history(a, model, compute_metrics(a, model, D + 39), {3});
  std::size_t paid_points = 0, switched = 0;
  for (std::size_t k = 0; k < h.days.size(); ++k) {
    const Metrics at = compute_metrics(a, model, h.days[k]);
    for (std::size_t e = 0; e < a.accounts.size(); ++e) {
      EXPECT_TRUE(same(h.accounts.activation_at(k, e), at.accounts.activation_rate[e])) << k << " " << e;
      paid_points += at.accounts.on_paid_checklist(e);
      switched += k > 0 && at.accounts.on_paid_checklist(e) && !on_paid_checklist(model, a.accounts[e].info, h.days[k - 1]);
    }
    for (std::size_t u = 0; u < a.users.size(); ++u) {
      EXPECT_TRUE(same(h.users.activation_at(k, u), at.users.activation_rate[u])) << k << " " << u;
    }
  }
  EXPECT_GT(paid_points, 0u);
  EXPECT_EQ(switched, 3u);  // a4, a5, a6 each switch once inside the span (not vacuous)
}

TEST(PaidChecklist, CacheReScoreEqualsAFreshScore) {
  const Aggregates a = many();
  const MetricsCache cache(a);
  for (const int32_t as_of : {D + 5, D + 20, D + 39}) {
    SCOPED_TRACE(as_of);
    const Model model = many_model();
    const Metrics fresh = compute_metrics(a, model, as_of);
    Metrics cached;
    compute_metrics(a, cache, model, as_of, cached);
    EXPECT_EQ(cached.account_steps, fresh.account_steps);
    EXPECT_EQ(cached.user_steps, fresh.user_steps);
    EXPECT_EQ(cached.accounts.paid_checklist, fresh.accounts.paid_checklist);
    EXPECT_EQ(cached.users.paid_checklist, fresh.users.paid_checklist);
    ASSERT_EQ(cached.accounts.steps.size(), fresh.accounts.steps.size());
    for (std::size_t i = 0; i < fresh.accounts.steps.size(); ++i) {
      EXPECT_EQ(cached.accounts.steps[i].done, fresh.accounts.steps[i].done);
      EXPECT_EQ(cached.accounts.steps[i].completed_day, fresh.accounts.steps[i].completed_day);
      EXPECT_EQ(cached.accounts.steps[i].users, fresh.accounts.steps[i].users);
    }
    for (std::size_t e = 0; e < a.accounts.size(); ++e) {
      EXPECT_TRUE(same(cached.accounts.activation_rate[e], fresh.accounts.activation_rate[e]));
      EXPECT_TRUE(same(cached.median_user_activation[e], fresh.median_user_activation[e]));
      EXPECT_EQ(cached.activated_users[e], fresh.activated_users[e]);
    }
    for (std::size_t u = 0; u < a.users.size(); ++u) {
      EXPECT_TRUE(same(cached.users.activation_rate[u], fresh.users.activation_rate[u]));
    }
  }
}

TEST(PaidChecklist, ModelRoundTripWithoutWarning) {
  const std::string text = R"({"activation": {
    "steps": [{"id": "create", "events": "create_project"}],
    "paid_steps": [{"id": "create", "label": "Billing set up", "events": ["add_payment"], "min_count": 2},
                   {"id": "report", "level": "user", "events": "report"}]}})";
  const ModelParseResult parsed = try_parse_model(text);
  ASSERT_TRUE(parsed.validation.ok()) << parsed.validation.to_string();
  EXPECT_TRUE(parsed.validation.warnings.empty()) << parsed.validation.to_string();  // applied now
  ASSERT_TRUE(parsed.model.activation.paid_steps.has_value());
  ASSERT_EQ(parsed.model.activation.paid_steps->size(), 2u);
  EXPECT_EQ((*parsed.model.activation.paid_steps)[0].min_count, 2);
  EXPECT_EQ((*parsed.model.activation.paid_steps)[1].level, StepLevel::user);
  const Model back = parse_model(model_to_json(parsed.model).dump());
  EXPECT_EQ(back, parsed.model);
  const Model formatted = parse_model(format_model(parsed.model));
  EXPECT_EQ(formatted, parsed.model);
  EXPECT_EQ(back.activation.combined_step(1).label, "Billing set up");
}

}  // namespace
}  // namespace pqlscope
