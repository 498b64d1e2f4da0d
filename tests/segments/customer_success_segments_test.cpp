// Customer-success segments at their boundaries, on hand-set metrics.
#include <gtest/gtest.h>

#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

TEST(SegmentCustomerSuccess, OnboardingOfAccountsConvertedWithin30Days) {
  World w;
  const int32_t t = w.metrics.as_of_day;
  auto converted = [&](std::string id, int32_t days_ago) {
    AccountInfo i = info(Plan::self_serve);
    i.converted_at = ms(t - days_ago);
    return w.account(std::move(id), i, t - days_ago - 14);
  };
  const uint32_t today = converted("today", 0);
  const uint32_t d29 = converted("d29", 29);
  const uint32_t d30 = converted("d30", 30);
  const uint32_t future = [&] {
    AccountInfo i = info(Plan::self_serve);
    i.converted_at = ms(t + 1);
    return w.account("future", i, t - 5);
  }();
  w.activation(today, 75);
  w.activation(d29, 25);
  w.metrics.accounts.step_count = 4;
  w.metrics.accounts.steps.assign(4 * w.metrics.accounts.size, {});
  for (int s = 0; s < 3; ++s) w.metrics.accounts.steps[today * 4 + s].done = true;
  const SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "onboarding", today));
  EXPECT_TRUE(in(r, "onboarding", d29));
  EXPECT_FALSE(in(r, "onboarding", d30));
  EXPECT_FALSE(in(r, "onboarding", future));  // still a trial on the as-of day
  EXPECT_EQ(r.find("onboarding")->members.front().account, d29);  // furthest behind first
  EXPECT_EQ(reason(r, "onboarding", today),
            "converted today (" + format_day(t) + ") < 30 days, onboarding 3 of 4 steps = activation 75%");
}

TEST(SegmentCustomerSuccess, AtRiskAndExpansionByMoreThanTenPoints) {
  World w;
  const uint32_t fell = w.account("fell", info(Plan::self_serve));
  const uint32_t fell10 = w.account("fell10", info(Plan::enterprise));
  const uint32_t rose = w.account("rose", info(Plan::enterprise));
  const uint32_t rose10 = w.account("rose10", info(Plan::self_serve));
  const uint32_t trial = w.account("trial", info(Plan::trial));
  w.engagement(fell, 70, 59);
  w.engagement(fell10, 70, 60);
  w.engagement(rose, 20, 30.5);
  w.engagement(rose10, 20, 30);
  w.engagement(trial, 90, 10);
  const SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "at_risk", fell));
  EXPECT_FALSE(in(r, "at_risk", fell10));
  EXPECT_FALSE(in(r, "at_risk", trial));
  EXPECT_TRUE(in(r, "expansion", rose));
  EXPECT_FALSE(in(r, "expansion", rose10));
  EXPECT_EQ(reason(r, "at_risk", fell), "self_serve, engagement 70 -> 59 (-11 points), fell by more than 10");
  EXPECT_EQ(reason(r, "expansion", rose), "enterprise, engagement 20 -> 30.5 (+10.5 points), rose by more than 10");
}

TEST(SegmentCustomerSuccess, PowerAndProblemUsersPerPaidAccount) {
  World w;
  const uint32_t paid = w.account("paid", info(Plan::self_serve));
  const uint32_t trial = w.account("trial", info(Plan::trial));
  const uint32_t power = w.user("power", paid, 50, 70);
  const uint32_t almost = w.user("almost", paid, 50, 69.9);
  const uint32_t problem = w.user("problem", paid, 40, 29);
  const uint32_t drop10 = w.user("drop10", paid, 40, 30);
  const uint32_t trial_user = w.user("tu", trial, 90, 95);
  const SegmentReport r = w.segments();
  auto has = [&](std::string_view id, uint32_t u) {
    for (const UserSegmentMember& m : r.find_user_segment(id)->members) {
      if (m.user == u) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("power_users", power));
  EXPECT_FALSE(has("power_users", almost));
  EXPECT_FALSE(has("power_users", trial_user));
  EXPECT_TRUE(has("problem_users", problem));
  EXPECT_FALSE(has("problem_users", drop10));
  const auto& pm = r.find_user_segment("problem_users")->members;
  ASSERT_EQ(pm.size(), 1u);
  EXPECT_EQ(pm[0].account, paid);
  EXPECT_EQ(pm[0].reason, "engagement 40 -> 29 (-11 points), fell by more than 10");
  EXPECT_EQ(r.find_user_segment("power_users")->members[0].reason, "engagement 70 >= 70");
}

}  // namespace
}  // namespace pqlscope
