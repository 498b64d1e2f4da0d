// Trial-phase (sales) segments at their boundaries, on hand-set metrics.
#include <gtest/gtest.h>

#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

TEST(SegmentSales, NewTrialsSignedUpWithinAThirdOfTheTrial) {
  World w;  // 14-day trial: new = signed up within 5 days, as-of day included
  const int32_t t = w.metrics.as_of_day;
  const uint32_t today = w.account("today", {}, t);
  const uint32_t four = w.account("four", {}, t - 4);
  const uint32_t five = w.account("five", {}, t - 5);
  const uint32_t paid = w.account("paid", info(Plan::self_serve), t);
  const uint32_t future = w.account("future", {}, t + 1);
  const SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "new_trials", today));
  EXPECT_TRUE(in(r, "new_trials", four));
  EXPECT_FALSE(in(r, "new_trials", five));
  EXPECT_FALSE(in(r, "new_trials", paid));
  EXPECT_FALSE(in(r, "new_trials", future));  // does not exist yet
  EXPECT_EQ(r.find("new_trials")->members.front().account, today);  // newest first
  EXPECT_EQ(reason(r, "new_trials", four),
            "signed up 4 days ago (" + format_day(t - 4) + "), within the new-trial window of 5 days");
  w.model.segments.trial.new_trial_days = 6;
  EXPECT_TRUE(in(w.segments(), "new_trials", five));
}

TEST(SegmentSales, PqlPerDealSizeWithReason) {
  World w;
  const uint32_t small80 = w.account("small80", info(Plan::trial, 12));
  const uint32_t small79 = w.account("small79", info(Plan::trial, 49));
  const uint32_t mid60 = w.account("mid60", info(Plan::trial, 50));
  const uint32_t large25 = w.account("large25", info(Plan::free, 1000));
  const uint32_t large24 = w.account("large24", info(Plan::trial, 1000));
  const uint32_t paid = w.account("paid", info(Plan::self_serve, 10));
  const uint32_t nosteps = w.account("nosteps", info(Plan::trial, 10));
  w.activation(small80, 80);
  w.activation(small79, 79.9);
  w.activation(mid60, 60);
  w.activation(large25, 25);
  w.activation(large24, 24.9);
  w.activation(paid, 100);
  const SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "pql", small80));
  EXPECT_FALSE(in(r, "pql", small79));
  EXPECT_TRUE(in(r, "pql", mid60));
  EXPECT_TRUE(in(r, "pql", large25));  // free accounts are prospects too
  EXPECT_FALSE(in(r, "pql", large24));
  EXPECT_FALSE(in(r, "pql", paid));    // already paying
  EXPECT_FALSE(in(r, "pql", nosteps));
  EXPECT_EQ(reason(r, "pql", small80), "activation 80% >= 80% for a small deal (12 employees)");
  EXPECT_EQ(reason(r, "pql", large25), "activation 25% >= 25% for a large deal (1000 employees)");
  // Sorted by activation, descending.
  const auto& m = r.find("pql")->members;
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].account, small80);
  EXPECT_EQ(m[2].account, large25);

  w.model.deal_size.filters.min_employees = 20;
  const SegmentReport f = w.segments();
  EXPECT_FALSE(in(f, "pql", small80));
  EXPECT_EQ(reason(f, "pql", mid60), "activation 60% >= 60% for a mid deal (50 employees), passes the firmographic filters");
}

TEST(SegmentSales, RedHotPqlEngagementRoseByMoreThanTenPoints) {
  World w;
  const uint32_t hot = w.account("hot", info(Plan::trial, 5));
  const uint32_t ten = w.account("ten", info(Plan::trial, 5));
  const uint32_t not_pql = w.account("notpql", info(Plan::trial, 5));
  for (uint32_t a : {hot, ten}) w.activation(a, 100);
  w.activation(not_pql, 50);
  w.engagement(hot, 40, 50.5);
  w.engagement(ten, 40, 50);
  w.engagement(not_pql, 10, 90);
  const SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "red_hot", hot));
  EXPECT_FALSE(in(r, "red_hot", ten));  // exactly 10: not more than 10
  EXPECT_FALSE(in(r, "red_hot", not_pql));
  EXPECT_EQ(reason(r, "red_hot", hot),
            "PQL (activation 100% >= 80% for a small deal (5 employees)), engagement 40 -> 50.5 (+10.5 points > 10)");
}

TEST(SegmentSales, SoonToExpireWithinThreeDaysSortedByActivation) {
  World w;
  const int32_t t = w.metrics.as_of_day;
  auto trial_ending = [&](std::string id, int32_t end_day) {
    AccountInfo i = info(Plan::trial);
    i.trial_ends_at = ms(end_day);
    return w.account(std::move(id), i, t - 10);
  };
  const uint32_t today = trial_ending("today", t);
  const uint32_t three = trial_ending("three", t + 3);
  const uint32_t four = trial_ending("four", t + 4);
  const uint32_t ended = trial_ending("ended", t - 1);
  w.activation(today, 20);
  w.activation(three, 90);
  const SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "soon_to_expire", today));
  EXPECT_TRUE(in(r, "soon_to_expire", three));
  EXPECT_FALSE(in(r, "soon_to_expire", four));
  EXPECT_FALSE(in(r, "soon_to_expire", ended));
  EXPECT_EQ(r.find("soon_to_expire")->members[0].account, three);  // highest activation first
  EXPECT_EQ(reason(r, "soon_to_expire", three),
            "trial ends in 3 days (" + format_day(t + 3) + ") <= 3 days, activation 90%");
}

TEST(SegmentSales, ActivatedNotConvertedBuckets) {
  World w(kDay0 + 200);
  const int32_t t = w.metrics.as_of_day;
  auto ended = [&](std::string id, int32_t days_ago, Plan plan = Plan::trial, bool activated = true) {
    AccountInfo i = info(plan);
    i.trial_ends_at = ms(t - days_ago);
    const uint32_t a = w.account(std::move(id), i, t - days_ago - 14);
    if (activated) w.metrics.accounts.activated_day[a] = t - days_ago - 3;
    w.activation(a, activated ? 100 : 50);
    return a;
  };
  const uint32_t d0 = ended("d0", 0);  // ends today: not ended yet
  const uint32_t d1 = ended("d1", 1);
  const uint32_t d30 = ended("d30", 30);
  const uint32_t d31 = ended("d31", 31);
  const uint32_t d60 = ended("d60", 60);
  const uint32_t d90 = ended("d90", 90);
  const uint32_t d91 = ended("d91", 91);
  const uint32_t free_plan = ended("free", 10, Plan::free);
  const uint32_t paid = ended("paid", 10, Plan::self_serve);
  const uint32_t not_activated = ended("na", 10, Plan::trial, false);
  const SegmentReport r = w.segments();
  auto bucket = [&](uint32_t a) -> std::string {
    for (const char* id : {"not_converted_30", "not_converted_60", "not_converted_90"}) {
      if (in(r, id, a)) return id;
    }
    return "none";
  };
  EXPECT_EQ(bucket(d0), "none");
  EXPECT_EQ(bucket(d1), "not_converted_30");
  EXPECT_EQ(bucket(d30), "not_converted_30");
  EXPECT_EQ(bucket(d31), "not_converted_60");
  EXPECT_EQ(bucket(d60), "not_converted_60");
  EXPECT_EQ(bucket(d90), "not_converted_90");
  EXPECT_EQ(bucket(d91), "none");
  EXPECT_EQ(bucket(free_plan), "not_converted_30");  // downgraded to free: still not converted
  EXPECT_EQ(bucket(paid), "none");
  EXPECT_EQ(bucket(not_activated), "none");
  EXPECT_EQ(reason(r, "not_converted_60", d31),
            "activated " + format_day(t - 34) + " (every step done), trial ended 31 days ago (" +
                format_day(t - 31) + "), not converted (trial): 31-60 days bucket");
}

TEST(SegmentSales, SegmentIdsAndTags) {
  World w;
  const uint32_t a = w.account("a", info(Plan::trial, 5), w.metrics.as_of_day);
  w.activation(a, 100);
  const SegmentReport r = w.segments();
  std::vector<std::string> ids;
  for (const Segment& s : r.segments) ids.push_back(s.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"new_trials", "pql", "red_hot", "soon_to_expire", "not_converted_30",
                                           "not_converted_60", "not_converted_90", "top_accounts",
                                           "ready_for_enterprise", "enterprise_low_seats", "enterprise_low_features",
                                           "opportunistic", "dead_zone", "onboarding", "at_risk", "expansion",
                                           "invite_burst"}));
  EXPECT_EQ(r.tags_of(a), (std::vector<std::string_view>{"new_trials", "pql"}));
  EXPECT_EQ(r.memberships()[a], (std::vector<uint16_t>{0, 1}));
  EXPECT_EQ(r.find("pql")->rule,
            "trial or free account with activation >= 80% (small), 60% (mid), 25% (large), passing the firmographic filters");
}

}  // namespace
}  // namespace pqlscope

namespace pqlscope {
namespace {

using namespace segments_test;

// "Activated (or a significant way toward becoming Activated)": segments.trial.near_activation,
// 60% by default. 60 is in, 59.9 is out; 100 keeps the old rule (every step done).
TEST(SegmentSales, NotConvertedIncludesNearlyActivated) {
  World w(kDay0 + 200);
  const int32_t t = w.metrics.as_of_day;
  auto ended = [&](std::string id, double rate) {
    AccountInfo i = info(Plan::trial);
    i.trial_ends_at = ms(t - 10);
    const uint32_t a = w.account(std::move(id), i, t - 24);
    w.activation(a, rate);
    return a;
  };
  const uint32_t sixty = ended("sixty", 60);
  const uint32_t below = ended("below", 59.9);
  const SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "not_converted_30", sixty));
  EXPECT_FALSE(in(r, "not_converted_30", below));
  EXPECT_EQ(reason(r, "not_converted_30", sixty),
            "activation 60% >= 60% (a significant way toward activation), trial ended 10 days ago (" +
                format_day(t - 10) + "), not converted (trial): 1-30 days bucket");
  w.model.segments.trial.near_activation = 100;
  EXPECT_FALSE(in(w.segments(), "not_converted_30", sixty));
}

}  // namespace
}  // namespace pqlscope
