#include <gtest/gtest.h>

#include "metrics/metrics_test_util.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;

constexpr int32_t D = 19800;

Model ten_features() {
  Model model;
  for (int i = 0; i < 10; ++i) {
    model.adoption.key_features.push_back(feature("f" + std::to_string(i), {"use_f" + std::to_string(i)}));
  }
  model.adoption.key_features[3].events.push_back("alt_f3");
  return model;
}

TEST(AdoptionMetrics, TwoOfTenIsTwentyPercent) {
  // "2 of 10 used in 30 days = 20%"; an older third feature counts only all-time.
  Aggregates ag = events(rows(D - 40, "acme", "u1", "use_f7") + rows(D - 29, "acme", "u1", "use_f1", 3) +
                         rows(D - 2, "acme", "u2", "alt_f3") + rows(D, "acme", "u2", "login"));
  Metrics m = compute_metrics(ag, ten_features(), D);
  ASSERT_EQ(m.accounts.feature_count, 10u);
  EXPECT_EQ(m.adoption_window_days, 30);
  EXPECT_DOUBLE_EQ(m.accounts.adoption_rate[0], 20.0);
  EXPECT_DOUBLE_EQ(m.accounts.adoption_rate_all_time[0], 30.0);
  auto used = m.accounts.features_of(0);
  std::vector<int> used_ids, not_used;
  for (int f = 0; f < 10; ++f) (used[f] ? used_ids : not_used).push_back(f);
  EXPECT_EQ(used_ids, (std::vector<int>{1, 3}));
  EXPECT_EQ(not_used.size(), 8u);
  EXPECT_TRUE(m.accounts.features_all_time_of(0)[7]);

  const uint32_t u1 = user_index(ag, "u1"), u2 = user_index(ag, "u2");
  EXPECT_DOUBLE_EQ(m.users.adoption_rate[u1], 10.0);
  EXPECT_DOUBLE_EQ(m.users.adoption_rate_all_time[u1], 20.0);
  EXPECT_DOUBLE_EQ(m.users.adoption_rate[u2], 10.0);
  EXPECT_TRUE(m.users.features_of(u2)[3]);

  // One day later use_f1 (D-29) is 30 days old and leaves the window.
  Metrics later = compute_metrics(ag, ten_features(), D + 1);
  EXPECT_DOUBLE_EQ(later.accounts.adoption_rate[0], 10.0);
  // Scoring as of before alt_f3: only f1 in the window, f7 and f1 all-time.
  Metrics earlier = compute_metrics(ag, ten_features(), D - 3);
  EXPECT_DOUBLE_EQ(earlier.accounts.adoption_rate[0], 10.0);
  EXPECT_DOUBLE_EQ(earlier.accounts.adoption_rate_all_time[0], 20.0);
}

TEST(AdoptionMetrics, NoKeyFeaturesIsNotApplicable) {
  Aggregates ag = events(rows(D, "acme", "u1", "use_f1"));
  Metrics m = compute_metrics(ag, Model{}, D);
  EXPECT_EQ(m.accounts.feature_count, 0u);
  EXPECT_TRUE(std::isnan(m.accounts.adoption_rate[0]));
  EXPECT_TRUE(std::isnan(m.users.adoption_rate_all_time[0]));
}

}  // namespace
}  // namespace pqlscope
