#include <gtest/gtest.h>

#include "metrics/metrics_test_util.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;

constexpr int32_t D = 19800;

TEST(EngagementMetrics, WorkedExampleRawIs399) {
  // The articles' example: 2x50 + 9x11 + 5x25 + 1x75 = 399; login is not engagement.
  Model model;
  model.engagement.importance = {{"a", 2}, {"b", 9}, {"c", 5}, {"d", 1}};
  Aggregates ag = events(rows(D - 3, "acme", "u1", "a", 30) + rows(D, "acme", "u2", "a", 20) +
                         rows(D - 1, "acme", "u1", "b", 11) + rows(D, "acme", "u1", "c", 25) +
                         rows(D - 6, "acme", "u2", "d", 75) + rows(D, "acme", "u1", "login", 40));
  Metrics m = compute_metrics(ag, model, D);
  ASSERT_EQ(m.accounts.windows, 8u);
  EXPECT_DOUBLE_EQ(m.accounts.latest_raw(0), 399.0);
  EXPECT_DOUBLE_EQ(m.accounts.latest_score(0), 100.0);  // the only active account: Pn = 399
  for (std::size_t k = 0; k + 1 < 8; ++k) EXPECT_EQ(m.accounts.raw_of(0)[k], 0.0);

  // Contributions: each event, then each user, by points descending.
  auto events_of = m.accounts.contributions_of(0);
  ASSERT_EQ(events_of.size(), 4u);
  EXPECT_EQ(ag.event_names[events_of[0].event], "c");
  EXPECT_DOUBLE_EQ(events_of[0].points, 125);
  EXPECT_EQ(ag.event_names[events_of[1].event], "a");
  EXPECT_DOUBLE_EQ(events_of[1].points, 100);  // merged over two days and two users
  EXPECT_DOUBLE_EQ(events_of[2].points, 99);
  EXPECT_DOUBLE_EQ(events_of[3].points, 75);
  auto users = m.user_contributions_of(0);
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(ag.users[users[0].user].id, "u1");
  EXPECT_DOUBLE_EQ(users[0].points, 60 + 99 + 125);
  EXPECT_DOUBLE_EQ(users[1].points, 40 + 75);
  EXPECT_DOUBLE_EQ(m.users.latest_raw(user_index(ag, "u1")), 284);

  // One day later the D-6 events leave the 7-day window.
  Metrics later = compute_metrics(ag, model, D + 1);
  EXPECT_DOUBLE_EQ(later.accounts.latest_raw(0), 324.0);
  EXPECT_DOUBLE_EQ(later.accounts.raw_of(0)[6], 75.0);  // now in the previous window
}

// Accounts A..D with latest raw 10, 20, 30, 40 and E with only a login (raw 0).
Aggregates four_levels() {
  return events(rows(D, "A", "ua", "use", 10) + rows(D, "B", "ub", "use", 20) + rows(D, "C", "uc", "use", 30) +
                rows(D, "D", "ud", "use", 40) + rows(D, "E", "ue", "login", 7));
}

Model use_model(NormalizationMethod method, double percentile = 90) {
  Model model;
  model.engagement.importance = {{"use", 1}};
  model.engagement.normalization.method = method;
  model.engagement.normalization.percentile = percentile;
  return model;
}

std::vector<double> latest_scores(const Aggregates& ag, const Metrics& m) {
  std::vector<double> out;
  for (const char* id : {"A", "B", "C", "D", "E"}) out.push_back(m.accounts.latest_score(ag.find_account(id)));
  return out;
}

TEST(EngagementMetrics, P90NearestRank) {
  Aggregates ag = four_levels();
  Metrics m = compute_metrics(ag, use_model(NormalizationMethod::p90), D);
  // Non-zero raws {10, 20, 30, 40}: rank ceil(0.9 x 4) = 4 -> P90 = 40.
  EXPECT_DOUBLE_EQ(m.accounts.reference.back(), 40);
  EXPECT_EQ(m.accounts.active_entities.back(), 4u);
  EXPECT_EQ(latest_scores(ag, m), (std::vector<double>{25, 50, 75, 100, 0}));
  // P50: rank ceil(0.5 x 4) = 2 -> 20; capped at 100.
  Metrics p50 = compute_metrics(ag, use_model(NormalizationMethod::p90, 50), D);
  EXPECT_DOUBLE_EQ(p50.accounts.reference.back(), 20);
  EXPECT_EQ(latest_scores(ag, p50), (std::vector<double>{50, 100, 100, 100, 0}));
  // Users are normalised separately (same raws here).
  EXPECT_DOUBLE_EQ(m.users.latest_score(user_index(ag, "ub")), 50);
}

TEST(EngagementMetrics, PercentileRank) {
  Aggregates ag = four_levels();
  Metrics m = compute_metrics(ag, use_model(NormalizationMethod::percentile_rank), D);
  // Share of the 4 active accounts (raw 10, 20, 30, 40) with a raw score <= the account's:
  // A 1/4 = 25, B 2/4 = 50, C 3/4 = 75, D 4/4 = 100; E (raw 0, login only) 0. The least active
  // account that used the product is not scored like one that did not.
  EXPECT_EQ(latest_scores(ag, m), (std::vector<double>{25, 50, 75, 100, 0}));
  // Ties share the higher rank: raw 5, 5, 9 -> 2/3, 2/3, 3/3.
  Aggregates tied = events(rows(D, "A", "ua", "use", 5) + rows(D, "B", "ub", "use", 5) + rows(D, "C", "uc", "use", 9));
  const Metrics t = compute_metrics(tied, use_model(NormalizationMethod::percentile_rank), D);
  EXPECT_DOUBLE_EQ(t.accounts.latest_score(0), 200.0 / 3);
  EXPECT_DOUBLE_EQ(t.accounts.latest_score(1), 200.0 / 3);
  EXPECT_DOUBLE_EQ(t.accounts.latest_score(2), 100.0);
  // The only active account: 1/1 = 100 (it was 0 under "strictly lower", like no use).
  Aggregates one = events(rows(D, "A", "ua", "use", 3));
  EXPECT_DOUBLE_EQ(compute_metrics(one, use_model(NormalizationMethod::percentile_rank), D).accounts.latest_score(0), 100);
}

TEST(EngagementMetrics, MinMax) {
  Aggregates ag = four_levels();
  Metrics m = compute_metrics(ag, use_model(NormalizationMethod::min_max), D);
  auto s = latest_scores(ag, m);
  EXPECT_DOUBLE_EQ(s[0], 0);
  EXPECT_DOUBLE_EQ(s[1], 100.0 / 3);
  EXPECT_DOUBLE_EQ(s[2], 200.0 / 3);
  EXPECT_DOUBLE_EQ(s[3], 100);
  EXPECT_DOUBLE_EQ(s[4], 0);
  // One active entity: max == min -> 100.
  Aggregates one = events(rows(D, "A", "ua", "use", 3));
  EXPECT_DOUBLE_EQ(compute_metrics(one, use_model(NormalizationMethod::min_max), D).accounts.latest_score(0), 100);
}

TEST(EngagementMetrics, RecencyDecay) {
  Model model = use_model(NormalizationMethod::recency_decay);
  model.engagement.normalization.lifespan_days = 10;
  // A: 10 today (x1) = 10; B: 20 five days ago (x0.5) = 10; C: 40 five days ago = 20;
  // D: 10 ten days ago: outside the latest window (and would weigh 0 in it).
  Aggregates ag = events(rows(D - 10, "D", "ud", "use", 10) + rows(D - 5, "B", "ub", "use", 20) +
                         rows(D - 5, "C", "uc", "use", 40) + rows(D, "A", "ua", "use", 10) +
                         rows(D, "E", "ue", "login"));
  Metrics m = compute_metrics(ag, model, D);
  EXPECT_DOUBLE_EQ(m.accounts.latest_raw(ag.find_account("A")), 10);
  EXPECT_DOUBLE_EQ(m.accounts.latest_raw(ag.find_account("B")), 10);
  EXPECT_DOUBLE_EQ(m.accounts.latest_raw(ag.find_account("C")), 20);
  EXPECT_DOUBLE_EQ(m.accounts.reference.back(), 20);  // P90 of {10, 10, 20}: rank 3
  EXPECT_EQ(latest_scores(ag, m), (std::vector<double>{50, 50, 100, 0, 0}));
  // D's events are in the previous window, 3 days before its end: 10 x 0.7.
  EXPECT_NEAR(m.accounts.raw_of(ag.find_account("D"))[6], 7, 1e-12);
  auto c = m.accounts.contributions_of(ag.find_account("B"));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_DOUBLE_EQ(c[0].points, 10);
}

TEST(EngagementMetrics, TrendAndSlope) {
  Model model;
  model.engagement.importance = {{"use", 1}};
  model.engagement.history_windows = 3;
  model.engagement.window_days = 7;
  // X: active in the oldest and the latest window; Y: only the latest. Windows end at D, D-7, D-14.
  Aggregates ag = events(rows(D - 14, "X", "ux", "use") + rows(D - 20, "Z", "uz", "use") +
                         rows(D - 21, "Z", "uz", "use") + rows(D, "X", "ux", "use") + rows(D, "Y", "uy", "use"));
  Metrics m = compute_metrics(ag, model, D);
  const uint32_t x = ag.find_account("X"), y = ag.find_account("Y"), z = ag.find_account("Z");
  EXPECT_EQ(std::vector<double>(m.accounts.score_of(x).begin(), m.accounts.score_of(x).end()),
            (std::vector<double>{100, 0, 100}));
  EXPECT_DOUBLE_EQ(m.accounts.trend[x], 100);
  EXPECT_DOUBLE_EQ(m.accounts.slope[x], 0);
  EXPECT_DOUBLE_EQ(m.accounts.trend[y], 100);
  EXPECT_DOUBLE_EQ(m.accounts.slope[y], 50);
  // Z's D-20 event is in the oldest window (D-20..D-14); D-21 is before the history.
  EXPECT_DOUBLE_EQ(m.accounts.raw_of(z)[0], 1);
  EXPECT_DOUBLE_EQ(m.accounts.trend[z], 0);
  EXPECT_DOUBLE_EQ(m.accounts.slope[z], -50);

  model.engagement.history_windows = 1;
  Metrics single = compute_metrics(ag, model, D);
  EXPECT_TRUE(std::isnan(single.accounts.trend[x]));
  EXPECT_TRUE(std::isnan(single.accounts.slope[x]));
}

}  // namespace
}  // namespace pqlscope
