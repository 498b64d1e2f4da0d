#include <gtest/gtest.h>

#include "metrics/metrics_test_util.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;

constexpr int32_t D = 19800;

Aggregates activity_data() {
  // acme: u1 active today, u2 3 days ago, u3 20 days ago; beta: u4 40 days ago, u5 only logs in.
  return events(rows(D - 40, "beta", "u4", "use") + rows(D - 20, "acme", "u3", "use") +
                    rows(D - 3, "acme", "u2", "use") + rows(D, "acme", "u1", "use") + rows(D, "beta", "u5", "login") +
                    rows(D, "gamma", "u6", "use"),
                "account_id,seats,employees\nacme,6,500\nbeta,,10\n");
}

Model use_model() {
  Model model;
  model.engagement.importance = {{"use", 3}};
  return model;
}

TEST(ActivityMetrics, DauWauMauPerAccountAndOverall) {
  Aggregates ag = activity_data();
  Metrics m = compute_metrics(ag, use_model(), D);
  const uint32_t acme = ag.find_account("acme"), beta = ag.find_account("beta"), gamma = ag.find_account("gamma");
  const ActivityCounts& a = m.account_activity[acme];
  EXPECT_EQ(a.dau, 1u);
  EXPECT_EQ(a.wau, 2u);
  EXPECT_EQ(a.mau, 3u);
  EXPECT_DOUBLE_EQ(a.stickiness, 100.0 / 3);
  const ActivityCounts& b = m.account_activity[beta];
  EXPECT_EQ(b.dau + b.wau + b.mau, 0u);
  EXPECT_TRUE(std::isnan(b.stickiness));
  EXPECT_EQ(m.overall.dau, 2u);
  EXPECT_EQ(m.overall.wau, 3u);
  EXPECT_EQ(m.overall.mau, 4u);
  EXPECT_DOUBLE_EQ(m.overall.stickiness, 50.0);
  EXPECT_EQ(m.active_accounts_day, 2u);
  EXPECT_EQ(m.active_accounts_month, 2u);
  // Seats first, then employees, else not applicable.
  EXPECT_DOUBLE_EQ(m.seat_penetration[acme], 50.0);
  EXPECT_DOUBLE_EQ(m.seat_penetration[beta], 0.0);
  EXPECT_TRUE(std::isnan(m.seat_penetration[gamma]));
}

TEST(ActivityMetrics, WindowEdgesAndActiveEvents) {
  Aggregates ag = activity_data();
  // As of D + 6, u2 (D - 3) is 9 days old: out of WAU; u3 (D - 20) 26 days: still in MAU.
  Metrics m = compute_metrics(ag, use_model(), D + 6);
  const uint32_t acme = ag.find_account("acme");
  EXPECT_EQ(m.account_activity[acme].dau, 0u);
  EXPECT_EQ(m.account_activity[acme].wau, 1u);
  EXPECT_EQ(m.account_activity[acme].mau, 3u);
  // As of D + 10, u3 is 30 days old: out of MAU.
  EXPECT_EQ(compute_metrics(ag, use_model(), D + 10).account_activity[acme].mau, 2u);

  // The model's active_events replace "importance > 0": only login counts.
  Model logins = use_model();
  logins.activity.active_events = std::vector<std::string>{"login"};
  Metrics l = compute_metrics(ag, logins, D);
  EXPECT_EQ(l.account_activity[ag.find_account("beta")].dau, 1u);
  EXPECT_EQ(l.account_activity[acme].mau, 0u);
  EXPECT_EQ(l.overall.mau, 1u);
}

}  // namespace
}  // namespace pqlscope
