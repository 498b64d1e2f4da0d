// Management views: signup cohorts, engagement by plan / industry / owner, weekly active
// accounts. Expected values are worked out by hand from the events below (comments per number).
#include <gtest/gtest.h>

#include <cmath>

#include "pqlscope/report/management_json.hpp"
#include "pqlscope/segments/management.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

// kDay0 = 2024-03-01; March has 31 days, so April 1 is kDay0 + 31.
constexpr int32_t kMar = kDay0, kApr = kDay0 + 31;
constexpr int32_t kAsOf = kApr + 9;  // 2024-04-10

struct ManagementWorld {
  Aggregates ag;
  Model model;
  Metrics metrics;
  SegmentReport segments;
  ManagementWorld() {
    // Checklist: create a project, invite. Only create_project and invite have importance, so
    // only they make a user active (activity.active_events unset); login is plumbing.
    model.activation.steps = {step("create", StepLevel::account, {"create_project"}),
                              step("invite", StepLevel::account, {"invite"})};
    model.engagement.importance = {{"create_project", 5}, {"invite", 8}, {"login", 0}};
    model.as_of_day = kAsOf;
    const std::string events = rows(kMar + 4, "m1", "u1", "create_project") + rows(kMar + 5, "m1", "u1", "invite") +
                               rows(kMar + 20, "m2", "u2", "create_project") +
                               rows(kApr + 2, "a1", "u3", "create_project") + rows(kApr + 8, "a1", "u3", "invite") +
                               rows(kApr + 7, "a2", "u4", "login");
    // f1 signs up after the as-of day and has no events: it does not exist yet.
    const std::string accounts = "account_id,plan,signup_at,industry,owner\n"
                                 "m1,Pro," + format_day(kMar + 4) + ",Fintech,Ann\n"
                                 "m2,pro," + format_day(kMar + 19) + ",fintech,Bob\n"
                                 "a1,Team," + format_day(kApr + 1) + ",Retail,Ann\n"
                                 "a2,Team," + format_day(kApr + 7) + ",,ann\n"
                                 "f1,Pro," + format_day(kApr + 30) + ",Retail,Bob\n";
    ag = ingest(events, accounts);
    metrics = compute_metrics(ag, model, kAsOf);
    segments = compute_segments(ag, model, metrics);
  }
};

TEST(Management, SignupCohortsAverageTheirActivation) {
  const ManagementWorld w;
  const ManagementReport r = compute_management(w.ag, w.model, w.metrics, w.segments);
  ASSERT_EQ(r.cohorts.size(), 2u);
  // March: m1 did both steps (100 %), m2 created a project only (50 %): mean 75, 1 activated.
  EXPECT_EQ(r.cohorts[0].month, "2024-03");
  EXPECT_EQ(r.cohorts[0].accounts, 2u);
  EXPECT_EQ(r.cohorts[0].with_checklist, 2u);
  EXPECT_DOUBLE_EQ(r.cohorts[0].mean_activation, 75);
  EXPECT_EQ(r.cohorts[0].activated, 1u);
  // April (this month): a1 did both (100 %), a2 only logged in (0 %): mean 50. f1 (signs up in
  // May) is not counted.
  EXPECT_EQ(r.cohorts[1].month, "2024-04");
  EXPECT_EQ(r.cohorts[1].accounts, 2u);
  EXPECT_DOUBLE_EQ(r.cohorts[1].mean_activation, 50);
  EXPECT_EQ(r.cohorts[1].activated, 1u);
  ASSERT_TRUE(r.this_month.has_value());
  EXPECT_EQ(*r.this_month, 1u);
  // Engagement in the last 7 days (Apr 4..10): only a1 scores (invite, 8 points); a lone scored
  // account gets 100 under p90 (docs/metrics.md), the rest 0. April: (100 + 0) / 2.
  EXPECT_DOUBLE_EQ(r.cohorts[1].mean_engagement, 50);
  EXPECT_DOUBLE_EQ(r.cohorts[0].mean_engagement, 0);
}

TEST(Management, EngagementByPlanIndustryAndOwnerGroupsCaseInsensitively) {
  const ManagementWorld w;
  const ManagementReport r = compute_management(w.ag, w.model, w.metrics, w.segments);
  // Plan as the file writes it: "Pro" and "pro" are one group named by its first spelling.
  ASSERT_EQ(r.by_plan.size(), 2u);
  EXPECT_EQ(r.by_plan[0].value, "Pro");
  EXPECT_EQ(r.by_plan[0].accounts, 2u);  // m1, m2 (f1 does not exist yet)
  EXPECT_DOUBLE_EQ(r.by_plan[0].mean_engagement, 0);
  EXPECT_DOUBLE_EQ(r.by_plan[0].mean_activation, 75);
  EXPECT_EQ(r.by_plan[1].value, "Team");
  EXPECT_DOUBLE_EQ(r.by_plan[1].mean_engagement, 50);    // a1 100, a2 0
  EXPECT_DOUBLE_EQ(r.by_plan[1].median_engagement, 50);  // even count: mean of the middle two
  EXPECT_EQ(r.by_plan[1].active_week, 1u);               // a1's invite on Apr 9
  // Owners: Ann = m1, a1, a2 ("ann" folds in): mean 100 / 3, median 0; Bob = m2.
  ASSERT_EQ(r.by_owner.size(), 2u);
  EXPECT_EQ(r.by_owner[0].value, "Ann");
  EXPECT_EQ(r.by_owner[0].accounts, 3u);
  EXPECT_NEAR(r.by_owner[0].mean_engagement, 100.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(r.by_owner[0].median_engagement, 0);
  EXPECT_EQ(r.by_owner[1].value, "Bob");
  // Industries: Fintech (2), then the 1-account groups by value: "" (not given) before Retail.
  ASSERT_EQ(r.by_industry.size(), 3u);
  EXPECT_EQ(r.by_industry[0].value, "Fintech");
  EXPECT_EQ(r.by_industry[1].value, "");
  EXPECT_EQ(r.by_industry[1].accounts, 1u);
  EXPECT_EQ(r.by_industry[2].value, "Retail");
  uint32_t staged = 0;
  for (const EngagementGroup& g : r.by_stage) staged += g.accounts;
  EXPECT_EQ(staged, 4u);
}

TEST(Management, WeeklyActiveAccountsOverTheSpan) {
  const ManagementWorld w;
  const ManagementReport r = compute_management(w.ag, w.model, w.metrics, w.segments);
  // First event Mar 5, as of Apr 10: 36 days, so 6 weeks ending Mar 6, 13, 20, 27, Apr 3, 10.
  ASSERT_EQ(r.weekly_active.size(), 6u);
  const uint32_t active[] = {1, 0, 0, 1, 1, 1};    // m1 (Mar 5-6), -, -, m2 (Mar 21), a1 (Apr 3), a1 (Apr 9)
  const uint32_t existing[] = {1, 1, 2, 2, 3, 4};  // m1; m1; + m2 (Mar 20); ; + a1 (Apr 2); + a2
  for (std::size_t k = 0; k < 6; ++k) {
    EXPECT_EQ(r.weekly_active[k].end_day, kAsOf - static_cast<int32_t>(7 * (5 - k))) << k;
    EXPECT_EQ(r.weekly_active[k].active, active[k]) << k;
    EXPECT_EQ(r.weekly_active[k].existing, existing[k]) << k;
  }
  // The last week is the summary's "active this week" (a2's login is not an active event).
  EXPECT_EQ(r.weekly_active.back().active, w.metrics.active_accounts_week);
}

TEST(Management, JsonNamesThisMonthEvenWithoutSignups) {
  ManagementWorld w;
  w.model.as_of_day = kApr + 40;  // 2024-05-11: nobody started in May (f1 exists from May 1)
  w.metrics = compute_metrics(w.ag, w.model, kApr + 40);
  w.segments = compute_segments(w.ag, w.model, w.metrics);
  const nlohmann::ordered_json j = management_json(compute_management(w.ag, w.model, w.metrics, w.segments));
  // f1 signed up May 1, on or before the as-of day: it exists and is May's one signup.
  EXPECT_EQ(j["this_month"]["month"], "2024-05");
  EXPECT_EQ(j["this_month"]["accounts"], 1);
  EXPECT_EQ(j["this_month"]["mean_activation"], 0);
  EXPECT_EQ(j["as_of"], "2024-05-11");
  EXPECT_EQ(j["weekly_active"].back()["week_end"], "2024-05-11");

  w.model.as_of_day = kApr + 29;  // 2024-04-30: April's cohort
  w.metrics = compute_metrics(w.ag, w.model, kApr + 29);
  w.segments = compute_segments(w.ag, w.model, w.metrics);
  ManagementReport r = compute_management(w.ag, w.model, w.metrics, w.segments);
  r.this_month.reset();  // as if nobody had signed up this month
  const nlohmann::ordered_json none = management_json(r);
  EXPECT_EQ(none["this_month"]["month"], "2024-04");
  EXPECT_EQ(none["this_month"]["accounts"], 0);
  EXPECT_TRUE(none["this_month"]["mean_activation"].is_null());
}

}  // namespace
}  // namespace pqlscope
