// Calibration: AUC on a hand-made outcomes file, conversion rates per persona and PQL status,
// and the outcomes reader.
#include <gtest/gtest.h>

#include "pqlscope/segments/calibration.hpp"
#include "segments/segments_test_util.hpp"

namespace pqlscope {
namespace {

using namespace segments_test;

TEST(Calibration, AucByHand) {
  // Positives 0.9, 0.6, 0.4; negatives 0.6, 0.3. Pairs (P > N): 0.9 beats both (2),
  // 0.6 ties 0.6 (0.5) and beats 0.3 (1), 0.4 beats 0.3 (1): 4.5 / 6 = 0.75.
  EXPECT_DOUBLE_EQ(auc({0.9, 0.6, 0.4, 0.6, 0.3}, {true, true, true, false, false}), 0.75);
  EXPECT_DOUBLE_EQ(auc({1, 2}, {false, true}), 1.0);
  EXPECT_DOUBLE_EQ(auc({1, 2}, {true, false}), 0.0);
  EXPECT_DOUBLE_EQ(auc({5, 5, 5}, {true, false, false}), 0.5);
  EXPECT_TRUE(std::isnan(auc({1, 2}, {true, true})));
  EXPECT_DOUBLE_EQ(auc({kNaN, 1, 2}, {false, false, true}), 1.0);  // NaN skipped
}

TEST(Calibration, ReadsOutcomesCsv) {
  const OutcomesReadResult r = read_outcomes_csv(
      "Account_ID,Converted,Date\n"
      "a,yes,2024-03-01\n"
      "b,No,\n"
      "c,maybe,\n"
      ",yes,\n"
      "d,1,2024-13-01\n"
      "e,won,\n");
  ASSERT_EQ(r.outcomes.size(), 3u);
  EXPECT_EQ(r.outcomes[0].account, "a");
  EXPECT_TRUE(r.outcomes[0].converted);
  EXPECT_EQ(*r.outcomes[0].at, int64_t{kDay0} * kMillisPerDay);
  EXPECT_FALSE(r.outcomes[1].converted);
  EXPECT_FALSE(r.outcomes[1].at.has_value());
  EXPECT_EQ(r.outcomes[2].account, "e");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0], "line 4: converted: expected yes or no, got \"maybe\"");
  EXPECT_EQ(r.errors[1], "line 5: account: empty");
  EXPECT_EQ(r.errors[2].rfind("line 6: date: ", 0), 0u);
  const OutcomesReadResult bad = read_outcomes_csv("who,what\nx,y\n");
  EXPECT_TRUE(bad.outcomes.empty());
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0],
            "line 1: the header needs an account column (account_id, account, id, ...) and a converted column "
            "(converted, outcome, won, ...)");
}

// Six accounts with known personas and activations; the outcomes file says who converted.
TEST(Calibration, AucAndRatesOnAHandMadeOutcomesFile) {
  World w;
  struct Spec {
    const char* id;
    double activation;
    double engagement;
    Plan plan;
  };
  // personas (communication low everywhere): high/high -> Silent Success 0.75, high/low ->
  // Fizzler 0.10, low/low -> Heartbreaker 0.05, medium/medium -> Contrary Converter 0.60.
  const Spec specs[] = {
      {"s1", 90, 90, Plan::self_serve},  // Silent Success, converted
      {"s2", 80, 75, Plan::trial},       // Silent Success, not converted
      {"c1", 50, 50, Plan::self_serve},  // Contrary Converter, converted
      {"f1", 100, 10, Plan::trial},      // Fizzler, not converted
      {"h1", 0, 0, Plan::trial},         // Heartbreaker, not converted
      {"h2", 20, 5, Plan::self_serve},   // Heartbreaker, converted
  };
  for (const Spec& s : specs) {
    const uint32_t a = w.account(s.id, info(s.plan, 10));
    w.activation(a, s.activation);
    w.engagement(a, 0, s.engagement);
  }
  const SegmentReport report = w.segments();
  const OutcomesReadResult o = read_outcomes_csv(
      "account_id,converted\ns1,yes\ns2,no\nc1,yes\nf1,no\nh1,no\nh2,yes\nghost,yes\ns1,no\n");
  ASSERT_TRUE(o.errors.empty());
  const CalibrationReport c = calibrate(w.aggregates, w.model, w.metrics, report, o.outcomes);
  EXPECT_EQ(c.outcomes, 8u);
  EXPECT_EQ(c.matched, 6u);
  EXPECT_EQ(c.unmatched, std::vector<std::string>{"ghost"});
  EXPECT_EQ(c.duplicates, 1u);

  ASSERT_EQ(c.auc.size(), 4u);
  // persona probability: converters 0.75, 0.60, 0.05; others 0.75, 0.10, 0.05.
  // 0.75 vs (0.75 tie .5, 0.10 1, 0.05 1) = 2.5; 0.60 vs (0, 1, 1) = 2; 0.05 vs (0, 0, .5) = .5
  // -> 5 / 9.
  EXPECT_EQ(c.auc[0].score, "persona_probability");
  EXPECT_NEAR(c.auc[0].auc, 5.0 / 9.0, 1e-12);
  EXPECT_EQ(c.auc[0].positives, 3u);
  EXPECT_EQ(c.auc[0].negatives, 3u);
  // activation: converters 90, 50, 20; others 80, 100, 0.
  // 90 beats 80, 0 (2); 50 beats 0 (1); 20 beats 0 (1) -> 4 / 9.
  EXPECT_EQ(c.auc[1].score, "activation");
  EXPECT_NEAR(c.auc[1].auc, 4.0 / 9.0, 1e-12);
  // engagement: converters 90, 50, 5; others 75, 10, 0. 90: 3; 50: 2; 5: 1 -> 6 / 9.
  EXPECT_NEAR(c.auc[2].auc, 6.0 / 9.0, 1e-12);
  // combined (a + e) / 2: converters 90, 50, 12.5; others 77.5, 55, 0. 90: 3; 50: 1; 12.5: 1 -> 5/9.
  EXPECT_NEAR(c.auc[3].auc, 5.0 / 9.0, 1e-12);

  const RateRow& ss = c.personas[static_cast<std::size_t>(Persona::silent_success)];
  EXPECT_EQ(ss.accounts, 2u);
  EXPECT_EQ(ss.converted, 1u);
  EXPECT_DOUBLE_EQ(ss.rate, 0.5);
  EXPECT_DOUBLE_EQ(ss.expected, 0.75);
  const RateRow& hb = c.personas[static_cast<std::size_t>(Persona::heartbreaker)];
  EXPECT_EQ(hb.accounts, 2u);
  EXPECT_DOUBLE_EQ(hb.rate, 0.5);
  EXPECT_TRUE(std::isnan(c.personas[static_cast<std::size_t>(Persona::golden_lead)].rate));

  // PQL = activation >= 80% (all small): s1, s2, f1 (whatever the plan now).
  EXPECT_EQ(c.pql.accounts, 3u);
  EXPECT_EQ(c.pql.converted, 1u);
  EXPECT_NEAR(c.pql.rate, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(c.pql.expected, (0.75 + 0.75 + 0.10) / 3, 1e-12);
  EXPECT_EQ(c.not_pql.accounts, 3u);
  EXPECT_NEAR(c.not_pql.rate, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(c.pql_by_size[static_cast<std::size_t>(DealSize::small)].accounts, 3u);
  EXPECT_EQ(c.pql_by_size[static_cast<std::size_t>(DealSize::large)].accounts, 0u);
}

}  // namespace
}  // namespace pqlscope
