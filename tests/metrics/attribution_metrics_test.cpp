// Which account an event counts for, and numbers that must not depend on floating-point
// rounding or on the order of the input rows (issue 18). Expected values are worked out by hand
// in the comments from docs/metrics.md.
#include <gtest/gtest.h>

#include <string>

#include "metrics/metrics_test_util.hpp"
#include "metrics/plan.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;

constexpr int32_t D = 19800;  // 2024-03-18

Model create_project_step(int min_users = 1) {
  Model m;
  m.activation.steps = {step("create", StepLevel::account, {"create_project"}, 1, min_users)};
  return m;
}

TEST(Attribution, AccountEventsWithoutAUserCompleteAccountSteps) {
  // A server-side export: the account is known, the user is not. min_users 1 (the default)
  // asks for one event in the account, so the step is done: 1 of 1 step = 100%.
  Aggregates a = events(rows(D, "acme", "", "create_project"));
  ASSERT_EQ(a.users.size(), 0u);
  Metrics m = compute_metrics(a, create_project_step(), D);
  const uint32_t acme = a.find_account("acme");
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[acme], 100.0);
  EXPECT_TRUE(m.accounts.steps_of(acme)[0].done);
  EXPECT_EQ(m.accounts.steps_of(acme)[0].completed_day, D);
  EXPECT_EQ(m.accounts.steps_of(acme)[0].count, 1u);
  EXPECT_EQ(m.accounts.steps_of(acme)[0].users, 0u);  // no identified user: reported as 0
  // min_users 2 needs two distinct identified users: anonymous events cannot show that, so
  // the step stays open (count 3, users 0): 0 of 1 step = 0%.
  Aggregates three = events(rows(D, "acme", "", "create_project", 3));
  Metrics two = compute_metrics(three, create_project_step(2), D);
  EXPECT_DOUBLE_EQ(two.accounts.activation_rate[0], 0.0);
  EXPECT_EQ(two.accounts.steps_of(0)[0].count, 3u);
}

TEST(Attribution, TheAccountWhereTheEventHappenedGetsTheStep) {
  // alice's home account is A (seen there first), bob's is B. alice creates a project in B,
  // bob one in A. Each account had one create_project of its own: both 100% -- because of
  // their own events, not because of their home users' events elsewhere.
  const std::string homes = rows(D - 5, "A", "alice", "login") + rows(D - 5, "B", "bob", "login");
  Aggregates both = events(homes + rows(D, "B", "alice", "create_project") + rows(D, "A", "bob", "create_project"));
  ASSERT_EQ(both.users[user_index(both, "alice")].account, both.find_account("A"));
  Metrics m = compute_metrics(both, create_project_step(), D);
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[both.find_account("A")], 100.0);
  EXPECT_DOUBLE_EQ(m.accounts.activation_rate[both.find_account("B")], 100.0);
  // alice's event alone: it happened in B, so B has the step (100%) and A has none (0%).
  // (Before issue 18 both came out 0%: A lacked the event, B lacked a home user.)
  Aggregates alone = events(homes + rows(D, "B", "alice", "create_project"));
  Metrics one = compute_metrics(alone, create_project_step(), D);
  EXPECT_DOUBLE_EQ(one.accounts.activation_rate[alone.find_account("A")], 0.0);
  EXPECT_DOUBLE_EQ(one.accounts.activation_rate[alone.find_account("B")], 100.0);
}

TEST(Attribution, NearestRankIsExactInIntegers) {
  // ceil(28 / 100 x 25) = ceil(7) = 7; in floating point 28 / 100.0 * 25 = 7.000000000000001.
  EXPECT_EQ(metrics_detail::nearest_rank(28, 25), 7u);
  EXPECT_EQ(metrics_detail::nearest_rank(90, 4), 4u);    // ceil(3.6) = 4
  EXPECT_EQ(metrics_detail::nearest_rank(50, 4), 2u);    // ceil(2) = 2
  EXPECT_EQ(metrics_detail::nearest_rank(1, 10), 1u);    // ceil(0.1) = 1
  EXPECT_EQ(metrics_detail::nearest_rank(100, 7), 7u);
  EXPECT_EQ(metrics_detail::nearest_rank(0.5, 300), 2u);  // ceil(1.5) = 2
}

TEST(Attribution, PercentileOfTwentyEightAmongTwentyFive) {
  // The reproduction: 25 accounts with one event each, a01..a07 `small` (importance 1),
  // a08..a25 `big` (2); p = 28. Sorted raws: seven 1s, then eighteen 2s. Rank ceil(28 x 25 /
  // 100) = ceil(700 / 100) = 7, so P28 = v[7] = 1: a01..a07 score min(100, 100 x 1 / 1) = 100,
  // a08..a25 min(100, 100 x 2 / 1) = 100. (Rank 8 would give P28 = 2 and a01..a07 50.)
  std::string csv;
  for (int i = 1; i <= 25; ++i) {
    const std::string id = std::string(i < 10 ? "a0" : "a") + std::to_string(i);
    csv += rows(D, id, "u" + id, i <= 7 ? "small" : "big");
  }
  Aggregates a = events(csv);
  Model model;
  model.engagement.importance = {{"small", 1}, {"big", 2}};
  model.engagement.normalization.percentile = 28;
  Metrics m = compute_metrics(a, model, D);
  EXPECT_DOUBLE_EQ(m.accounts.reference.back(), 1.0);
  for (uint32_t e = 0; e < 25; ++e) EXPECT_DOUBLE_EQ(m.accounts.latest_score(e), 100.0) << a.accounts[e].id;
}

TEST(Attribution, EqualContributionsAreListedByNameWhateverTheRowOrder) {
  // Two events of 5 points each (importance 1 x 5): a tie. Listed by event name (alpha, beta)
  // and the users by id (ann, bob), in both row orders.
  Model model;
  model.engagement.importance = {{"alpha", 1}, {"beta", 1}};
  for (bool beta_first : {false, true}) {
    const std::string first = rows(D, "acme", "bob", "beta", 5);
    const std::string second = rows(D, "acme", "ann", "alpha", 5);
    Aggregates a = events(beta_first ? first + second : second + first);
    Metrics m = compute_metrics(a, model, D);
    auto events_of = m.accounts.contributions_of(0);
    ASSERT_EQ(events_of.size(), 2u);
    EXPECT_EQ(a.event_names[events_of[0].event], "alpha");
    EXPECT_EQ(a.event_names[events_of[1].event], "beta");
    auto users = m.user_contributions_of(0);
    ASSERT_EQ(users.size(), 2u);
    EXPECT_EQ(a.users[users[0].user].id, "ann");
    EXPECT_EQ(a.users[users[1].user].id, "bob");
  }
}

}  // namespace
}  // namespace pqlscope
