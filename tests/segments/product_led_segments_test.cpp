// Product-led-sales segments at their boundaries, on hand-set metrics.
#include <gtest/gtest.h>

#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

TEST(SegmentProductLed, TopAccountsByEngagementTimesFit) {
  World w;
  w.model.segments.product_led.fit.min_employees = 100;
  w.model.segments.product_led.fit.regions = {"EMEA"};
  w.model.segments.product_led.top_accounts = 2;
  AccountInfo fits = info(Plan::trial, 500);
  fits.region = "emea";
  AccountInfo half = info(Plan::free, 500);
  half.region = "NA";
  const uint32_t a = w.account("a", fits);
  const uint32_t b = w.account("b", half);
  const uint32_t c = w.account("c", fits);
  const uint32_t paid = w.account("paid", [&] { AccountInfo i = fits; i.plan = Plan::self_serve; return i; }());
  const uint32_t zero = w.account("zero", fits);
  w.engagement(a, 0, 60);     // 60 x 1 = 60
  w.engagement(b, 0, 100);    // 100 x 0.5 = 50
  w.engagement(c, 0, 40);     // 40
  w.engagement(paid, 0, 100);
  const SegmentReport r = w.segments();
  const auto& m = r.find("top_accounts")->members;
  ASSERT_EQ(m.size(), 2u);  // top 2 of a, b, c
  EXPECT_EQ(m[0].account, a);
  EXPECT_EQ(m[1].account, b);
  EXPECT_DOUBLE_EQ(m[1].value, 50);
  EXPECT_EQ(m[1].reason, "engagement 100 x fit 50% (1 of 2 ICP criteria) = 50, rank 2 of 2");
  EXPECT_FALSE(in(r, "top_accounts", paid));
  EXPECT_FALSE(in(r, "top_accounts", zero));
}

TEST(SegmentProductLed, SelfServeReadyForEnterprise) {
  World w;
  const uint32_t ready = w.account("ready", info(Plan::self_serve));
  const uint32_t low_eng = w.account("loweng", info(Plan::self_serve));
  const uint32_t low_adopt = w.account("lowadopt", info(Plan::self_serve));
  const uint32_t trial = w.account("trial", info(Plan::trial));
  w.engagement(ready, 0, 70);
  w.metrics.accounts.adoption_rate[ready] = 50;
  w.engagement(low_eng, 0, 69.9);
  w.metrics.accounts.adoption_rate[low_eng] = 100;
  w.engagement(low_adopt, 0, 100);
  w.metrics.accounts.adoption_rate[low_adopt] = 49.9;
  w.engagement(trial, 0, 100);
  w.metrics.accounts.adoption_rate[trial] = 100;
  const SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "ready_for_enterprise", ready));
  EXPECT_FALSE(in(r, "ready_for_enterprise", low_eng));
  EXPECT_FALSE(in(r, "ready_for_enterprise", low_adopt));
  EXPECT_FALSE(in(r, "ready_for_enterprise", trial));
  EXPECT_EQ(reason(r, "ready_for_enterprise", ready), "self-serve, engagement 70 >= 70, adoption 50% >= 50%");
}

TEST(SegmentProductLed, EnterpriseLowSeatPenetrationAndLowFeatureUse) {
  World w;
  AccountInfo seats = info(Plan::enterprise, 5000);
  seats.seats = 20;
  const uint32_t low = w.account("low", seats);
  const uint32_t thirty = w.account("thirty", seats);
  const uint32_t by_employees = w.account("emp", info(Plan::enterprise, 100));
  w.metrics.seat_penetration[low] = 15;
  w.metrics.account_activity[low].mau = 3;
  w.metrics.seat_penetration[thirty] = 30;
  w.metrics.seat_penetration[by_employees] = 10;
  w.metrics.account_activity[by_employees].mau = 10;
  SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "enterprise_low_seats", low));
  EXPECT_FALSE(in(r, "enterprise_low_seats", thirty));  // 30 is not below 30
  EXPECT_EQ(reason(r, "enterprise_low_seats", low), "enterprise, 3 monthly active users / 20 seats = 15% < 30%");
  EXPECT_EQ(reason(r, "enterprise_low_seats", by_employees),
            "enterprise, 10 monthly active users / 100 employees = 10% < 30%");
  EXPECT_TRUE(r.find("enterprise_low_features")->members.empty());  // no enterprise features listed
}

TEST(SegmentProductLed, EnterpriseFeatureUseFromEventsInTheAdoptionWindow) {
  const int32_t d = kDay0;
  const std::string events = rows(d + 25, "ent1", "u1", "sso_login") + rows(d + 26, "ent2", "u2", "sso_login") +
                             rows(d + 26, "ent2", "u2", "audit_export") + rows(d - 30, "ent3", "u3", "sso_login") +
                             rows(d + 29, "ent3", "u3", "login");
  const std::string accounts = "account_id,plan\nent1,enterprise\nent2,enterprise\nent3,enterprise\n";
  const Aggregates ag = ingest(events, accounts);
  Model model;
  model.segments.product_led.enterprise_features = {feature("sso", {"sso_login"}), feature("audit", {"audit_export"}),
                                                    feature("scim", {"scim_sync"}), feature("roles", {"role_edit"})};
  const SegmentReport r = compute_segments_as_of(ag, model, d + 29);
  const uint32_t e1 = ag.find_account("ent1"), e2 = ag.find_account("ent2"), e3 = ag.find_account("ent3");
  EXPECT_DOUBLE_EQ(r.accounts[e1].enterprise_feature_adoption, 25);
  EXPECT_DOUBLE_EQ(r.accounts[e2].enterprise_feature_adoption, 50);
  EXPECT_DOUBLE_EQ(r.accounts[e3].enterprise_feature_adoption, 0);  // its SSO use is too old
  EXPECT_TRUE(in(r, "enterprise_low_features", e1));
  EXPECT_FALSE(in(r, "enterprise_low_features", e2));  // 50% is not below 50%
  EXPECT_TRUE(in(r, "enterprise_low_features", e3));
  EXPECT_EQ(reason(r, "enterprise_low_features", e1), "enterprise, 1 of 4 enterprise features used in 30 days = 25% < 50%");
  EXPECT_EQ(r.find("enterprise_low_features")->members.front().account, e3);  // lowest first
}

TEST(SegmentProductLed, OpportunisticNeedsAnIcpAndLowEngagement) {
  World w;
  AccountInfo big = info(Plan::trial, 2000);
  const uint32_t low = w.account("low", big);
  const uint32_t forty = w.account("forty", big);
  const uint32_t small = w.account("small", info(Plan::trial, 10));
  const uint32_t ent = w.account("ent", [&] { AccountInfo i = big; i.plan = Plan::enterprise; return i; }());
  w.engagement(low, 0, 39.9);
  w.engagement(forty, 0, 40);
  EXPECT_TRUE(w.segments().find("opportunistic")->members.empty());  // no ICP set: no "good fit"
  w.model.segments.product_led.fit.min_employees = 1000;
  const SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "opportunistic", low));
  EXPECT_FALSE(in(r, "opportunistic", forty));
  EXPECT_FALSE(in(r, "opportunistic", small));
  EXPECT_FALSE(in(r, "opportunistic", ent));
  EXPECT_EQ(reason(r, "opportunistic", low), "trial, meets all 1 ICP criteria, engagement 39.9 < 40");
}

TEST(SegmentProductLed, DeadZoneLowAdoptionTinyCompany) {
  World w;
  const uint32_t dead = w.account("dead", info(Plan::free, 10));
  const uint32_t eleven = w.account("eleven", info(Plan::free, 11));
  const uint32_t twenty = w.account("twenty", info(Plan::trial, 3));
  const uint32_t unknown = w.account("unknown", info(Plan::trial));
  const uint32_t churned = w.account("churned", info(Plan::churned, 3));
  for (uint32_t a : {dead, eleven, unknown, churned}) w.metrics.accounts.adoption_rate[a] = 19.9;
  w.metrics.accounts.adoption_rate[twenty] = 20;
  const SegmentReport r = w.segments();
  EXPECT_TRUE(in(r, "dead_zone", dead));
  EXPECT_FALSE(in(r, "dead_zone", eleven));
  EXPECT_FALSE(in(r, "dead_zone", twenty));
  EXPECT_FALSE(in(r, "dead_zone", unknown));
  EXPECT_FALSE(in(r, "dead_zone", churned));
  EXPECT_EQ(reason(r, "dead_zone", dead), "adoption 19.9% < 20% at 10 employees <= 10");
}

}  // namespace
}  // namespace pqlscope
