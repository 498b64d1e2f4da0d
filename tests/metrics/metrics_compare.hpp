// Two Metrics compared field by field, doubles bit for bit (NaN equals NaN, -0 differs from 0):
// the tests of paths that must give the very bits of another (threads, the cache, the
// activation-only re-score).
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope::testing {

template <class T>
inline bool same_bits(const std::vector<T>& x, const std::vector<T>& y) {
  return x.size() == y.size() && (x.empty() || std::memcmp(x.data(), y.data(), x.size() * sizeof(T)) == 0);
}

inline bool same_steps(const std::vector<StepStatus>& x, const std::vector<StepStatus>& y) {
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i].done != y[i].done || x[i].count != y[i].count || x[i].users != y[i].users ||
        x[i].completed_day != y[i].completed_day) {
      return false;
    }
  }
  return true;
}

inline bool same_contributions(const std::vector<EventContribution>& x, const std::vector<EventContribution>& y) {
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i].event != y[i].event || std::memcmp(&x[i].points, &y[i].points, sizeof(double)) != 0) return false;
  }
  return true;
}

inline void expect_same_level(const LevelMetrics& x, const LevelMetrics& y, const std::string& what) {
  EXPECT_EQ(x.size, y.size) << what;
  EXPECT_EQ(x.step_count, y.step_count) << what;
  EXPECT_TRUE(same_steps(x.steps, y.steps)) << what;
  EXPECT_TRUE(same_bits(x.activation_rate, y.activation_rate)) << what;
  EXPECT_TRUE(same_bits(x.activated_day, y.activated_day)) << what;
  EXPECT_TRUE(same_bits(x.signup_day, y.signup_day)) << what;
  EXPECT_EQ(x.windows, y.windows) << what;
  EXPECT_TRUE(same_bits(x.raw, y.raw)) << what;
  EXPECT_TRUE(same_bits(x.score, y.score)) << what;
  EXPECT_TRUE(same_bits(x.trend, y.trend)) << what;
  EXPECT_TRUE(same_bits(x.slope, y.slope)) << what;
  EXPECT_TRUE(same_bits(x.reference, y.reference)) << what;
  EXPECT_TRUE(same_bits(x.active_entities, y.active_entities)) << what;
  EXPECT_TRUE(same_bits(x.event_offsets, y.event_offsets)) << what;
  EXPECT_TRUE(same_contributions(x.event_contributions, y.event_contributions)) << what;
  EXPECT_EQ(x.feature_count, y.feature_count) << what;
  EXPECT_TRUE(same_bits(x.feature_used, y.feature_used)) << what;
  EXPECT_TRUE(same_bits(x.feature_used_all_time, y.feature_used_all_time)) << what;
  EXPECT_TRUE(same_bits(x.adoption_rate, y.adoption_rate)) << what;
  EXPECT_TRUE(same_bits(x.adoption_rate_all_time, y.adoption_rate_all_time)) << what;
}

inline void expect_same(const Metrics& x, const Metrics& y, const std::string& what) {
  EXPECT_EQ(x.as_of_day, y.as_of_day) << what;
  EXPECT_TRUE(same_bits(x.account_steps, y.account_steps)) << what;
  EXPECT_TRUE(same_bits(x.user_steps, y.user_steps)) << what;
  expect_same_level(x.accounts, y.accounts, what + ", accounts");
  expect_same_level(x.users, y.users, what + ", users");
  EXPECT_TRUE(same_bits(x.account_users, y.account_users)) << what;
  EXPECT_TRUE(same_bits(x.activated_users, y.activated_users)) << what;
  EXPECT_TRUE(same_bits(x.median_user_activation, y.median_user_activation)) << what;
  EXPECT_TRUE(same_bits(x.user_contribution_offsets, y.user_contribution_offsets)) << what;
  ASSERT_EQ(x.user_contributions.size(), y.user_contributions.size()) << what;
  for (std::size_t i = 0; i < x.user_contributions.size(); ++i) {
    EXPECT_EQ(x.user_contributions[i].user, y.user_contributions[i].user) << what;
    EXPECT_EQ(std::memcmp(&x.user_contributions[i].points, &y.user_contributions[i].points, sizeof(double)), 0) << what;
  }
  ASSERT_EQ(x.account_activity.size(), y.account_activity.size()) << what;
  for (std::size_t a = 0; a < x.account_activity.size(); ++a) {
    EXPECT_EQ(x.account_activity[a].mau, y.account_activity[a].mau) << what;
    EXPECT_EQ(std::memcmp(&x.account_activity[a].stickiness, &y.account_activity[a].stickiness, sizeof(double)), 0) << what;
  }
  EXPECT_TRUE(same_bits(x.seat_penetration, y.seat_penetration)) << what;
  EXPECT_EQ(x.overall.dau, y.overall.dau) << what;
  EXPECT_EQ(x.overall.wau, y.overall.wau) << what;
  EXPECT_EQ(x.overall.mau, y.overall.mau) << what;
  EXPECT_EQ(x.active_accounts_week, y.active_accounts_week) << what;
}

}  // namespace pqlscope::testing
