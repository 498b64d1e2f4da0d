// Per-account facts: stage, deal size and value, PQL threshold and filters, communication, fit.
#include <gtest/gtest.h>

#include "pqlscope/segments/account_facts.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

TEST(SegmentFacts, StageFollowsPlanAndConversionDate) {
  AccountInfo i;
  EXPECT_EQ(stage_at(i, kDay0), Stage::trial);  // no accounts file: trial
  i.converted_at = ms(kDay0);
  EXPECT_EQ(stage_at(i, kDay0 - 1), Stage::trial);
  EXPECT_EQ(stage_at(i, kDay0), Stage::self_serve);  // converted on the as-of day
  i.plan = Plan::enterprise;
  EXPECT_EQ(stage_at(i, kDay0 - 1), Stage::trial);  // not yet converted then
  EXPECT_EQ(stage_at(i, kDay0), Stage::enterprise);
  i.converted_at.reset();
  EXPECT_EQ(stage_at(i, kDay0 - 100), Stage::enterprise);
  EXPECT_EQ(stage_at(info(Plan::free), kDay0), Stage::free);
  EXPECT_EQ(stage_at(info(Plan::churned), kDay0), Stage::churned);
}

TEST(SegmentFacts, TrialEndsAtFileDateElseSignupPlusLength) {
  TrialSegments t;
  AccountInfo i;
  EXPECT_EQ(trial_end_day(i, kDay0, t), kDay0 + 14);
  EXPECT_EQ(trial_end_day(i, kNoDay, t), kNoDay);
  i.trial_ends_at = ms(kDay0 + 30);
  EXPECT_EQ(trial_end_day(i, kDay0, t), kDay0 + 30);
}

TEST(SegmentFacts, DealSizeBoundariesAndSources) {
  DealSizeModel m;
  auto size = [&](int64_t employees, std::string column = "") {
    AccountInfo i;
    i.employees = employees;
    i.deal_size = std::move(column);
    return deal_size_of(i, m);
  };
  EXPECT_EQ(size(49).size, DealSize::small);
  EXPECT_EQ(size(50).size, DealSize::mid);
  EXPECT_EQ(size(999).size, DealSize::mid);
  EXPECT_EQ(size(1000).size, DealSize::large);
  EXPECT_EQ(size(1000).basis, DealSizeBasis::employees);
  EXPECT_EQ(size(-1).size, DealSize::small);  // unknown_size
  EXPECT_EQ(size(-1).basis, DealSizeBasis::unknown);
  EXPECT_EQ(size(10, "Large").size, DealSize::large);  // auto: the column wins
  EXPECT_EQ(size(10, "Large").basis, DealSizeBasis::column);
  EXPECT_EQ(size(10, "huge").size, DealSize::small);  // unreadable column: employees
  m.source = DealSizeSource::employees;
  EXPECT_EQ(size(10, "large").size, DealSize::small);
  m.source = DealSizeSource::column;
  m.unknown_size = DealSize::mid;
  EXPECT_EQ(size(5000).size, DealSize::mid);
  EXPECT_EQ(size(5000, "small").size, DealSize::small);
}

TEST(SegmentFacts, DealValueOwnElseModelDefault) {
  DealSizeModel m;
  m.default_deal_value = {1000, 5000, 50000};
  AccountInfo i;
  EXPECT_DOUBLE_EQ(deal_value_of(i, DealSize::mid, m).value, 5000);
  EXPECT_TRUE(deal_value_of(i, DealSize::mid, m).is_default);
  i.deal_value = 1234;
  EXPECT_DOUBLE_EQ(deal_value_of(i, DealSize::mid, m).value, 1234);
  EXPECT_FALSE(deal_value_of(i, DealSize::mid, m).is_default);
  i.deal_value = 0;  // an explicit zero is the account's own value
  EXPECT_DOUBLE_EQ(deal_value_of(i, DealSize::large, m).value, 0);
}

TEST(SegmentFacts, PqlThresholdPerSizeAtTheBoundary) {
  DealSizeModel m;
  AccountInfo i;
  EXPECT_TRUE(evaluate_pql(80, DealSize::small, i, m).qualified());
  EXPECT_FALSE(evaluate_pql(79.99, DealSize::small, i, m).qualified());
  EXPECT_TRUE(evaluate_pql(60, DealSize::mid, i, m).qualified());
  EXPECT_FALSE(evaluate_pql(59.99, DealSize::mid, i, m).qualified());
  EXPECT_TRUE(evaluate_pql(25, DealSize::large, i, m).qualified());
  EXPECT_FALSE(evaluate_pql(24.99, DealSize::large, i, m).qualified());
  EXPECT_FALSE(evaluate_pql(kNaN, DealSize::large, i, m).qualified());  // no steps: never
}

TEST(SegmentFacts, PqlFirmographicFilters) {
  DealSizeModel m;
  m.filters.regions = {"NA", "emea"};
  m.filters.min_employees = 100;
  m.filters.max_employees = 5000;
  AccountInfo i;
  i.region = "EMEA";
  i.employees = 100;
  EXPECT_TRUE(evaluate_pql(100, DealSize::mid, i, m).qualified());
  i.employees = 5000;
  EXPECT_TRUE(evaluate_pql(100, DealSize::mid, i, m).qualified());
  i.employees = 5001;
  PqlStatus s = evaluate_pql(100, DealSize::large, i, m);
  EXPECT_TRUE(s.reaches_threshold);
  EXPECT_FALSE(s.qualified());
  EXPECT_EQ(s.filter_failure, "employees 5001 > 5000");
  i.employees = 99;
  EXPECT_EQ(evaluate_pql(100, DealSize::mid, i, m).filter_failure, "employees 99 < 100");
  i.employees = -1;
  EXPECT_FALSE(evaluate_pql(100, DealSize::mid, i, m).qualified());
  i.employees = 200;
  i.region = "APAC";
  EXPECT_EQ(evaluate_pql(100, DealSize::mid, i, m).filter_failure, "region \"APAC\" not in [NA, emea]");
  i.region = "";
  EXPECT_FALSE(evaluate_pql(100, DealSize::mid, i, m).qualified());
}

TEST(SegmentFacts, FitScoreAndGoodFit) {
  FitCriteria c;
  AccountInfo i;
  i.employees = 200;
  i.region = "EMEA";
  FitResult f = evaluate_fit(i, c);
  EXPECT_EQ(f.criteria_set, 0);
  EXPECT_DOUBLE_EQ(f.score, 1);
  EXPECT_FALSE(f.fits);  // no ICP: nobody is a "good fit"
  c.min_employees = 200;
  c.regions = {"na"};
  f = evaluate_fit(i, c);
  EXPECT_EQ(f.criteria_set, 2);
  EXPECT_EQ(f.criteria_met, 1);
  EXPECT_DOUBLE_EQ(f.score, 0.5);
  EXPECT_FALSE(f.fits);
  i.region = "NA";
  EXPECT_TRUE(evaluate_fit(i, c).fits);
  i.employees = 199;
  EXPECT_FALSE(evaluate_fit(i, c).fits);
}

// Communications in the trial window (signup .. trial end), from the file and from events the
// model marks as communication; level active at active_min_count; net sentiment.
TEST(SegmentCommunication, TrialWindowFileAndEvents) {
  const int32_t d = kDay0;
  std::string events = rows(d, "a", "u1", "login") + rows(d + 1, "a", "u1", "support_ticket") +
                       rows(d + 20, "a", "u1", "support_ticket") + rows(d + 1, "b", "u2", "login");
  const std::string accounts =
      "account_id,plan,signup_at,trial_ends_at\n"
      "a,trial," + format_day(d) + "," + format_day(d + 14) + "\n"
      "b,trial," + format_day(d) + "," + format_day(d + 14) + "\n";
  const std::string comms =
      "account_id,timestamp,channel,sentiment\n"
      "a," + at(d + 2) + ",email,positive\n"
      "a," + at(d + 3) + ",email,negative\n"
      "a," + at(d + 3, 1) + ",call,positive\n"
      "a," + at(d + 15) + ",email,negative\n"   // after the trial ended: not counted
      "b," + at(d + 2) + ",email,neutral\n";
  const Aggregates ag = ingest(events, accounts, comms);
  Model model;
  model.communication.event_names = {"support_ticket"};
  const Metrics m = compute_metrics(ag, model, d + 25);
  const auto facts = compute_account_facts(ag, model, m);
  const CommunicationMetrics& a = facts[ag.find_account("a")].communication;
  EXPECT_EQ(a.window_first, d);
  EXPECT_EQ(a.window_last, d + 14);
  EXPECT_EQ(a.count, 4u);  // 3 file rows + 1 event (the day-20 ticket is after the trial)
  EXPECT_EQ(a.from_events, 1u);
  EXPECT_EQ(a.positive, 2u);
  EXPECT_EQ(a.negative, 1u);
  EXPECT_NEAR(a.net_sentiment, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(a.level, CommunicationLevel::active);
  EXPECT_EQ(a.sentiment, NetSentiment::positive);
  const CommunicationMetrics& b = facts[ag.find_account("b")].communication;
  EXPECT_EQ(b.count, 1u);  // one below active_min_count 2
  EXPECT_EQ(b.level, CommunicationLevel::low);
  EXPECT_EQ(b.sentiment, NetSentiment::neutral);

  model.communication.active_min_count = 1;
  EXPECT_EQ(compute_account_facts(ag, model, m)[ag.find_account("b")].communication.level,
            CommunicationLevel::active);
  // A fixed window: the 7 days ending at the as-of day catch only the day-20 ticket.
  model.communication.window_days = 7;
  const CommunicationMetrics a7 = compute_account_facts(ag, model, m)[ag.find_account("a")].communication;
  EXPECT_EQ(a7.window_first, d + 19);
  EXPECT_EQ(a7.count, 1u);
  EXPECT_EQ(a7.from_events, 1u);
  EXPECT_DOUBLE_EQ(a7.net_sentiment, 0);
}

TEST(SegmentFacts, AccountsWithoutEventsBeforeTheirSignupDoNotExistYet) {
  const std::string accounts = "account_id,plan,signup_at\nlate,trial," + format_day(kDay0 + 10) + "\n";
  const Aggregates ag = ingest(rows(kDay0, "early", "u", "login"), accounts);
  Model model;
  const Metrics m = compute_metrics(ag, model, kDay0 + 5);
  const auto facts = compute_account_facts(ag, model, m);
  EXPECT_TRUE(facts[ag.find_account("early")].exists);
  EXPECT_FALSE(facts[ag.find_account("late")].exists);
  const Metrics later = compute_metrics(ag, model, kDay0 + 10);
  EXPECT_TRUE(compute_account_facts(ag, model, later)[ag.find_account("late")].exists);
}

}  // namespace
}  // namespace pqlscope
