#include <gtest/gtest.h>

#include "metrics/metrics_test_util.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;

constexpr int32_t D = 19800;  // 2024-03-18

Model five_steps() {
  Model m;
  m.activation.steps = {step("create", StepLevel::account, {"create_project"}),
                        step("invite", StepLevel::account, {"invite"}, 2),
                        step("upload", StepLevel::account, {"upload"}, 1, 2),
                        step("share", StepLevel::account, {"share"}),
                        step("report", StepLevel::account, {"report", "export"})};
  return m;
}

TEST(ActivationMetrics, TwoOfFiveStepsIsFortyPercent) {
  // The spec's worked example (and its erratum): 2 of 5 steps done = 40%, not 20%.
  Aggregates a = events(rows(D, "acme", "u1", "create_project") + rows(D + 1, "acme", "u1", "export") +
                        rows(D + 1, "acme", "u1", "invite") + rows(D + 2, "acme", "u1", "login"));
  Metrics m = compute_metrics(a, five_steps(), default_as_of_day(a));
  EXPECT_EQ(m.as_of_day, D + 2);
  ASSERT_EQ(m.accounts.step_count, 5u);
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[0], 40.0);
  auto steps = m.accounts.steps_of(0);
  EXPECT_TRUE(steps[0].done);
  EXPECT_EQ(steps[0].completed_day, D);
  EXPECT_FALSE(steps[1].done);  // invite needs 2
  EXPECT_EQ(steps[1].count, 1u);
  EXPECT_TRUE(steps[4].done);   // any of its events counts
  EXPECT_EQ(steps[4].completed_day, D + 1);
  EXPECT_EQ(m.accounts.activated_day[0], kNoDay);
  EXPECT_EQ(m.account_steps, (std::vector<uint32_t>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(m.user_steps.empty());
  EXPECT_TRUE(std::isnan(m.users.activation_rate[0]));  // no user-level steps
}

TEST(ActivationMetrics, MinCountAndMinUsers) {
  Aggregates a = events(rows(D, "acme", "u1", "invite") + rows(D, "acme", "u1", "upload", 3) +
                        rows(D + 2, "acme", "u1", "invite") + rows(D + 3, "acme", "u2", "upload") +
                        rows(D + 4, "beta", "u3", "upload", 5) + rows(D + 4, "beta", "u3", "invite", 2));
  Metrics m = compute_metrics(a, five_steps(), D + 4);
  const uint32_t acme = a.find_account("acme"), beta = a.find_account("beta");
  auto s = m.accounts.steps_of(acme);
  EXPECT_TRUE(s[1].done);
  EXPECT_EQ(s[1].count, 2u);
  EXPECT_EQ(s[1].completed_day, D + 2);  // the day the second invite happened
  EXPECT_TRUE(s[2].done);
  EXPECT_EQ(s[2].count, 4u);
  EXPECT_EQ(s[2].users, 2u);
  EXPECT_EQ(s[2].completed_day, D + 3);  // the day the second distinct user uploaded
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[acme], 40.0);

  auto b = m.accounts.steps_of(beta);
  EXPECT_TRUE(b[1].done);
  EXPECT_FALSE(b[2].done);  // 5 uploads, but by one user
  EXPECT_EQ(b[2].count, 5u);
  EXPECT_EQ(b[2].users, 1u);
  EXPECT_EQ(b[2].completed_day, kNoDay);

  // As of D + 2 the second user had not uploaded yet.
  Metrics earlier = compute_metrics(a, five_steps(), D + 2);
  EXPECT_FALSE(earlier.accounts.steps_of(acme)[2].done);
  EXPECT_EQ(earlier.accounts.steps_of(acme)[2].users, 1u);
  EXPECT_TRUE(earlier.accounts.steps_of(acme)[1].done);
}

TEST(ActivationMetrics, StepWindowCountsFromSignup) {
  Model model;
  ActivationStep quick = step("quick", StepLevel::account, {"upload"}, 2);
  quick.window_days = 3;  // days signup .. signup + 2
  model.activation.steps = {quick};
  // Signup from the first event (D): uploads on D+1 and D+3; the second is too late.
  Aggregates a = events(rows(D, "acme", "u1", "login") + rows(D + 1, "acme", "u1", "upload") +
                        rows(D + 3, "acme", "u1", "upload") + rows(D + 2, "beta", "u2", "upload", 2));
  Metrics m = compute_metrics(a, model, D + 3);
  EXPECT_FALSE(m.accounts.steps_of(a.find_account("acme"))[0].done);
  EXPECT_EQ(m.accounts.steps_of(a.find_account("acme"))[0].count, 1u);
  EXPECT_EQ(m.accounts.signup_day[a.find_account("acme")], D);
  EXPECT_TRUE(m.accounts.steps_of(a.find_account("beta"))[0].done);
  EXPECT_EQ(m.accounts.activated_day[a.find_account("beta")], D + 2);
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[a.find_account("beta")], 100.0);

  // The accounts file's signup_at moves beta's window back: D+2 is then outside it.
  Aggregates b = events(rows(D + 2, "beta", "u2", "upload", 2),
                        "account_id,signup_at\nbeta," + format_day(D - 5) + "T08:00:00Z\n");
  Metrics mb = compute_metrics(b, model, D + 3);
  EXPECT_EQ(mb.accounts.signup_day[b.find_account("beta")], D - 5);
  EXPECT_FALSE(mb.accounts.steps_of(b.find_account("beta"))[0].done);
}

TEST(ActivationMetrics, UserActivationAndMedianPerAccount) {
  Model model;
  model.activation.steps = {step("acct", StepLevel::account, {"create_project"}),
                            step("profile", StepLevel::user, {"edit_profile"}),
                            step("first_doc", StepLevel::user, {"create_doc"}, 2)};
  Aggregates a = events(rows(D, "acme", "u1", "edit_profile") + rows(D, "acme", "u1", "create_doc") +
                        rows(D + 1, "acme", "u1", "create_doc") +  // u1: 100%, activated on D+1
                        rows(D, "acme", "u2", "edit_profile") + rows(D, "acme", "u2", "create_doc") +  // 50%
                        rows(D, "acme", "u3", "login") +                                             // 0%
                        rows(D, "acme", "u4", "edit_profile") + rows(D, "acme", "u4", "create_doc", 2) +  // 100%
                        rows(D, "beta", "u5", "edit_profile"));
  Metrics m = compute_metrics(a, model, D + 1);
  EXPECT_EQ(m.account_steps, (std::vector<uint32_t>{0}));
  EXPECT_EQ(m.user_steps, (std::vector<uint32_t>{1, 2}));
  const uint32_t u1 = user_index(a, "u1"), u2 = user_index(a, "u2"), u3 = user_index(a, "u3");
  EXPECT_DOUBLE_EQ(m.users.activation_rate[u1], 100.0);
  EXPECT_EQ(m.users.activated_day[u1], D + 1);
  EXPECT_EQ(m.users.steps_of(u1)[1].completed_day, D + 1);
  EXPECT_DOUBLE_EQ(m.users.activation_rate[u2], 50.0);
  EXPECT_EQ(m.users.activated_day[u2], kNoDay);
  EXPECT_DOUBLE_EQ(m.users.activation_rate[u3], 0.0);
  const uint32_t acme = a.find_account("acme"), beta = a.find_account("beta");
  EXPECT_EQ(m.account_users[acme], 4u);
  EXPECT_EQ(m.activated_users[acme], 2u);
  EXPECT_DOUBLE_EQ(m.median_user_activation[acme], 75.0);  // {0, 50, 100, 100}
  EXPECT_EQ(m.activated_users[beta], 0u);
  EXPECT_DOUBLE_EQ(m.median_user_activation[beta], 50.0);
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[acme], 0.0);
  EXPECT_EQ(m.users.steps_of(u1)[0].users, 0u);  // distinct users only for account steps

  // As of D, u1 had one create_doc: not yet activated; median {50, 50, 0, 100} = 50.
  Metrics earlier = compute_metrics(a, model, D);
  EXPECT_EQ(earlier.activated_users[acme], 1u);
  EXPECT_DOUBLE_EQ(earlier.median_user_activation[acme], 50.0);
}

}  // namespace
}  // namespace pqlscope
