// Scoring as of a past day must equal ingesting only the events up to that day, then scoring.
#include <gtest/gtest.h>

#include <cstdint>

#include "metrics/metrics_test_util.hpp"

namespace pqlscope {
namespace {

using namespace metrics_test;

constexpr int32_t kStart = 19780;
constexpr int32_t kDays = 70;

struct Row {
  int32_t day;
  std::string text;
};

// Deterministic pseudo-random events: 6 accounts, 3 users each, 70 days, in time order.
std::vector<Row> generate() {
  const char* names[] = {"login", "create_project", "invite", "upload", "share", "report", "comment", "export"};
  uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  std::vector<Row> out;
  for (int32_t day = kStart; day < kStart + kDays; ++day) {
    for (int a = 0; a < 6; ++a) {
      if (next() % 4 == 0 || day < kStart + a * 5) continue;  // staggered signups, idle days
      for (int u = 0; u < 3; ++u) {
        const int n = static_cast<int>(next() % 4);
        for (int i = 0; i < n; ++i) {
          const std::string account = "acct" + std::to_string(a);
          const std::string user = account + "_u" + std::to_string(u);
          out.push_back({day, at(day, a * 300 + u * 50 + i) + "," + account + "," + user + "," + names[next() % 8] + "\n"});
        }
      }
    }
  }
  return out;
}

Model full_model(NormalizationMethod method) {
  Model model;
  model.engagement.importance = {{"create_project", 5}, {"invite", 8}, {"upload", 3}, {"share", 4},
                                 {"report", 6},         {"comment", 1}, {"export", 2}};
  model.engagement.normalization.method = method;
  model.engagement.normalization.lifespan_days = 10;
  model.engagement.history_windows = 4;
  ActivationStep windowed = step("upload_early", StepLevel::account, {"upload"}, 3);
  windowed.window_days = 10;
  model.activation.steps = {step("create", StepLevel::account, {"create_project"}),
                            step("invite", StepLevel::account, {"invite"}, 3, 2), windowed,
                            step("share", StepLevel::user, {"share"}, 2),
                            step("report", StepLevel::user, {"report", "export"})};
  model.adoption.window_days = 14;
  model.adoption.key_features = {feature("a", {"share"}), feature("b", {"report"}), feature("c", {"comment"})};
  return model;
}

bool same(double x, double y) { return (std::isnan(x) && std::isnan(y)) || std::abs(x - y) < 1e-9; }

// Compares the metrics of entity `x` in the full data with entity `y` (or none) in the cut data.
void expect_level_equal(const LevelMetrics& full, std::size_t x, const LevelMetrics* cut, std::size_t y,
                        const std::string& what) {
  SCOPED_TRACE(what);
  for (std::size_t s = 0; s < full.step_count; ++s) {
    const StepStatus a = full.steps_of(x)[s];
    const StepStatus b = cut ? cut->steps_of(y)[s] : StepStatus{};
    EXPECT_EQ(a.done, b.done);
    EXPECT_EQ(a.count, b.count);
    EXPECT_EQ(a.users, b.users);
    EXPECT_EQ(a.completed_day, b.completed_day);
  }
  if (cut) {
    EXPECT_TRUE(same(full.activation_rate[x], cut->activation_rate[y]));
    EXPECT_EQ(full.activated_day[x], cut->activated_day[y]);
    EXPECT_TRUE(same(full.adoption_rate[x], cut->adoption_rate[y]));
    EXPECT_TRUE(same(full.adoption_rate_all_time[x], cut->adoption_rate_all_time[y]));
    EXPECT_TRUE(same(full.trend[x], cut->trend[y]));
    EXPECT_TRUE(same(full.slope[x], cut->slope[y]));
    EXPECT_EQ(full.contributions_of(x).size(), cut->contributions_of(y).size());
  } else {
    EXPECT_EQ(full.contributions_of(x).size(), 0u);
  }
  for (std::size_t k = 0; k < full.windows; ++k) {
    EXPECT_TRUE(same(full.raw_of(x)[k], cut ? cut->raw_of(y)[k] : 0.0));
    EXPECT_TRUE(same(full.score_of(x)[k], cut ? cut->score_of(y)[k] : 0.0));
  }
}

void check_as_of(int32_t as_of, NormalizationMethod method) {
  SCOPED_TRACE("as of " + format_day(as_of) + " " + to_string(method));
  const std::vector<Row> all = generate();
  std::string full_text, cut_text;
  for (const Row& r : all) {
    full_text += r.text;
    if (r.day <= as_of) cut_text += r.text;
  }
  const std::string accounts = "account_id,signup_at\nacct1," + format_day(kStart - 2) + "\n";
  Aggregates full = events(full_text, accounts);
  Aggregates cut = events(cut_text, accounts);
  ASSERT_LT(cut.user_days.size(), full.user_days.size());
  const Model model = full_model(method);
  Metrics mf = compute_metrics(full, model, as_of);
  Metrics mc = compute_metrics(cut, model, default_as_of_day(cut));
  ASSERT_EQ(mc.as_of_day, as_of);

  // The data exercises both outcomes of the steps (not a vacuous comparison).
  std::size_t done = 0;
  for (const StepStatus& s : mf.accounts.steps) done += s.done;
  EXPECT_GT(done, 0u);
  EXPECT_LT(done, mf.accounts.steps.size());
  EXPECT_GT(mf.accounts.event_contributions.size(), 0u);

  for (std::size_t a = 0; a < full.accounts.size(); ++a) {
    const uint32_t c = cut.find_account(full.accounts[a].id);
    expect_level_equal(mf.accounts, a, c == kNoAccount ? nullptr : &mc.accounts, c, full.accounts[a].id);
    if (c == kNoAccount) continue;
    EXPECT_EQ(mf.activated_users[a], mc.activated_users[c]);
    EXPECT_EQ(mf.account_users[a], mc.account_users[c]);
    EXPECT_TRUE(same(mf.median_user_activation[a], mc.median_user_activation[c]));
    EXPECT_EQ(mf.account_activity[a].mau, mc.account_activity[c].mau);
    EXPECT_EQ(mf.account_activity[a].dau, mc.account_activity[c].dau);
    EXPECT_EQ(mf.user_contributions_of(a).size(), mc.user_contributions_of(c).size());
  }
  for (std::size_t u = 0; u < full.users.size(); ++u) {
    const uint32_t c = user_index(cut, full.users[u].id);
    expect_level_equal(mf.users, u, c == UINT32_MAX ? nullptr : &mc.users, c, full.users[u].id);
  }
  EXPECT_EQ(mf.overall.dau, mc.overall.dau);
  EXPECT_EQ(mf.overall.wau, mc.overall.wau);
  EXPECT_EQ(mf.overall.mau, mc.overall.mau);
  ASSERT_EQ(mf.accounts.reference.size(), mc.accounts.reference.size());
  for (std::size_t k = 0; k < mf.accounts.reference.size(); ++k) {
    EXPECT_TRUE(same(mf.accounts.reference[k], mc.accounts.reference[k]));
    EXPECT_TRUE(same(mf.users.reference[k], mc.users.reference[k]));
  }
}

TEST(AsOfMetrics, PastDayEqualsIngestingOnlyEventsUpToIt) {
  for (NormalizationMethod method : {NormalizationMethod::p90, NormalizationMethod::percentile_rank,
                                     NormalizationMethod::min_max, NormalizationMethod::recency_decay}) {
    check_as_of(kStart + 12, method);  // some accounts have not started yet
    check_as_of(kStart + 40, method);
  }
}

TEST(AsOfMetrics, ModelAsOfDayOverridesTheLastEvent) {
  Aggregates ag = events(rows(kStart, "a", "u", "x") + rows(kStart + 5, "a", "u", "x"));
  Model model;
  EXPECT_EQ(resolve_as_of_day(ag, model), kStart + 5);
  model.as_of_day = kStart + 2;
  EXPECT_EQ(resolve_as_of_day(ag, model), kStart + 2);
  EXPECT_EQ(default_as_of_day(Aggregates{}), 0);
}

}  // namespace
}  // namespace pqlscope
