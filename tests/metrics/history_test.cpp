// The score history (pqlscope/metrics/history.hpp) against its definition: each point's
// activation and engagement must be what scoring the same aggregates as of that point's day
// gives (compute_metrics with as_of = the point: the independent reference), plus a small case
// computed by hand from docs/metrics.md.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "metrics/metrics_test_util.hpp"
#include "pqlscope/metrics/history.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;

constexpr int32_t kStart = 19800;

// Deterministic pseudo-random events: 8 accounts with staggered starts, 3 users each, 60 days.
std::string generated_events() {
  const char* names[] = {"login", "create_project", "invite", "upload", "share", "report", "comment"};
  uint64_t state = 987654321;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  std::string out;
  for (int32_t day = kStart; day < kStart + 60; ++day) {
    for (int a = 0; a < 8; ++a) {
      if (next() % 3 == 0 || day < kStart + a * 6) continue;
      for (int u = 0; u < 3; ++u) {
        const int n = static_cast<int>(next() % 4);
        for (int i = 0; i < n; ++i) {
          const std::string account = "acct" + std::to_string(a);
          out += at(day, a * 300 + u * 50 + i) + "," + account + "," + account + "_u" + std::to_string(u) + "," +
                 names[next() % 7] + "\n";
        }
      }
    }
  }
  return out;
}

Model generated_model(NormalizationMethod method) {
  Model model;
  model.engagement.importance = {{"create_project", 5}, {"invite", 8}, {"upload", 3}, {"share", 4},
                                 {"report", 6},         {"comment", 1}};
  model.engagement.normalization.method = method;
  model.engagement.normalization.lifespan_days = 10;
  ActivationStep windowed = step("upload_early", StepLevel::account, {"upload"}, 3);
  windowed.window_days = 10;
  model.activation.steps = {step("create", StepLevel::account, {"create_project"}),
                            step("invite", StepLevel::account, {"invite"}, 4, 2), windowed,
                            step("share", StepLevel::user, {"share"}, 3),
                            step("report", StepLevel::user, {"report"}, 2)};
  return model;
}

// Same double, or both NaN: the history promises the scoring's own values, not approximations.
bool same(double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; }

void check_against_rescoring(const Aggregates& ag, const Model& model, int32_t as_of, int interval) {
  const Metrics last = compute_metrics(ag, model, as_of);
  const ScoreHistory h = compute_history(ag, model, last, {interval});
  ASSERT_EQ(h.days.back(), as_of);
  ASSERT_GE(h.days.size(), 3u);
  std::size_t moving = 0;  // entity-points whose value differs from the last point's (not vacuous)
  for (std::size_t k = 0; k < h.days.size(); ++k) {
    SCOPED_TRACE("point " + format_day(h.days[k]));
    const Metrics at = compute_metrics(ag, model, h.days[k]);
    for (std::size_t a = 0; a < ag.accounts.size(); ++a) {
      EXPECT_TRUE(same(h.accounts.activation_at(k, a), at.accounts.activation_rate[a])) << ag.accounts[a].id;
      EXPECT_TRUE(same(h.accounts.engagement_at(k, a), at.accounts.latest_score(a))) << ag.accounts[a].id;
      moving += h.accounts.activation_at(k, a) != last.accounts.activation_rate[a];
      moving += h.accounts.engagement_at(k, a) != last.accounts.latest_score(a);
    }
    for (std::size_t u = 0; u < ag.users.size(); ++u) {
      EXPECT_TRUE(same(h.users.activation_at(k, u), at.users.activation_rate[u])) << ag.users[u].id;
      EXPECT_TRUE(same(h.users.engagement_at(k, u), at.users.latest_score(u))) << ag.users[u].id;
    }
  }
  EXPECT_GT(moving, ag.accounts.size());
}

TEST(ScoreHistory, EachPointEqualsScoringAsOfItsDay) {
  const Aggregates ag = events(generated_events(), "account_id,signup_at\nacct2," + format_day(kStart + 3) + "\n");
  for (NormalizationMethod method : {NormalizationMethod::p90, NormalizationMethod::percentile_rank,
                                     NormalizationMethod::min_max, NormalizationMethod::recency_decay}) {
    SCOPED_TRACE(to_string(method));
    const Model model = generated_model(method);
    check_against_rescoring(ag, model, kStart + 59, 7);   // weekly: windows side by side
    check_against_rescoring(ag, model, kStart + 59, 3);   // overlapping windows
    check_against_rescoring(ag, model, kStart + 44, 10);  // as of a past day; gaps between windows
  }
}

TEST(ScoreHistory, WithoutUsersKeepsTheAccountsSeriesAndLeavesTheUsersEmpty) {
  const Aggregates ag = events(generated_events());
  const Model model = generated_model(NormalizationMethod::p90);
  const int32_t as_of = kStart + 59;
  const Metrics last = compute_metrics(ag, model, as_of);
  HistoryOptions accounts_only;
  accounts_only.users = false;
  const ScoreHistory h = compute_history(ag, model, last, accounts_only);
  ASSERT_GE(h.days.size(), 3u);
  ASSERT_GT(ag.users.size(), 0u);
  EXPECT_EQ(h.users.size, 0u);
  EXPECT_TRUE(h.users.activation.empty());
  EXPECT_TRUE(h.users.engagement.empty());
  ASSERT_EQ(h.accounts.size, ag.accounts.size());
  // Each account point is still the scoring as of its day (computed here, not by the history).
  for (std::size_t k = 0; k < h.days.size(); ++k) {
    const Metrics at = compute_metrics(ag, model, h.days[k]);
    for (std::size_t a = 0; a < ag.accounts.size(); ++a) {
      EXPECT_TRUE(same(h.accounts.activation_at(k, a), at.accounts.activation_rate[a])) << ag.accounts[a].id;
      EXPECT_TRUE(same(h.accounts.engagement_at(k, a), at.accounts.latest_score(a))) << ag.accounts[a].id;
    }
  }
}

TEST(ScoreHistory, HandComputedCase) {
  // Day d0..d14. Account A (user ua): create_project d0, use x10 d1, invite d8 and d9, use x5
  // d10. Account B (user ub): use x20 d8. Steps: create (1), invite (min_count 2), both account
  // level; importance use = 1, the rest 0; p90 over 7-day windows. Weekly points from the as-of
  // day d14 back to the first event day d0: d0, d7, d14.
  const int32_t d = kStart;
  const Aggregates ag = events(rows(d, "A", "ua", "create_project") + rows(d + 1, "A", "ua", "use", 10) +
                               rows(d + 8, "A", "ua", "invite") + rows(d + 8, "B", "ub", "use", 20) +
                               rows(d + 9, "A", "ua", "invite") + rows(d + 10, "A", "ua", "use", 5));
  Model model;
  model.engagement.importance = {{"use", 1}};
  model.activation.steps = {step("create", StepLevel::account, {"create_project"}),
                            step("invite", StepLevel::account, {"invite"}, 2)};
  const ScoreHistory h = compute_history(ag, model, compute_metrics(ag, model, d + 14));
  ASSERT_EQ(h.days, (std::vector<int32_t>{d, d + 7, d + 14}));
  const uint32_t a = ag.find_account("A"), b = ag.find_account("B");
  // Activation: A created on d0 (1 of 2 steps = 50%), its 2nd invite on d9 makes 100% by d14.
  EXPECT_EQ(h.accounts.activation_at(0, a), 50.0);
  EXPECT_EQ(h.accounts.activation_at(1, a), 50.0);
  EXPECT_EQ(h.accounts.activation_at(2, a), 100.0);
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(h.accounts.activation_at(k, b), 0.0);
  // Engagement: window d-6..d0 has no use (0, 0); d1..d7 only A's 10 uses: n = 1, P90 = 10,
  // A 100; d8..d14: A 5, B 20: n = 2, rank ceil(0.9 x 2) = 2, P90 = 20: A 25, B 100.
  EXPECT_EQ(h.accounts.engagement_at(0, a), 0.0);
  EXPECT_EQ(h.accounts.engagement_at(0, b), 0.0);
  EXPECT_EQ(h.accounts.engagement_at(1, a), 100.0);
  EXPECT_EQ(h.accounts.engagement_at(1, b), 0.0);
  EXPECT_EQ(h.accounts.engagement_at(2, a), 25.0);
  EXPECT_EQ(h.accounts.engagement_at(2, b), 100.0);
  // Users: no user-level steps (activation n/a); engagement as their accounts'.
  const uint32_t ua = user_index(ag, "ua");
  EXPECT_TRUE(std::isnan(h.users.activation_at(2, ua)));
  EXPECT_EQ(h.users.engagement_at(2, ua), 25.0);
}

TEST(ScoreHistory, PointsRunBackFromTheAsOfDayToTheFirstEventDay) {
  const Aggregates ag = events(rows(kStart, "A", "ua", "use") + rows(kStart + 14, "A", "ua", "use"));
  EXPECT_EQ(history_days(ag, kStart + 14, 7), (std::vector<int32_t>{kStart, kStart + 7, kStart + 14}));
  EXPECT_EQ(history_days(ag, kStart + 14, 5), (std::vector<int32_t>{kStart + 4, kStart + 9, kStart + 14}));
  EXPECT_EQ(history_days(ag, kStart - 3, 7), (std::vector<int32_t>{kStart - 3}));  // before any event
  EXPECT_EQ(history_days(Aggregates{}, 0, 7), (std::vector<int32_t>{0}));
  EXPECT_THROW(history_days(ag, kStart + 14, 0), std::invalid_argument);
  EXPECT_THROW(history_days(ag, kStart + 14, 367), std::invalid_argument);
}

}  // namespace
}  // namespace pqlscope
