// The logistic regression against optima derived by hand, and the FNV-1a split hash against
// its published test vectors.
#include <gtest/gtest.h>

#include <cmath>

#include "pqlscope/segments/logistic_fit.hpp"
#include "pqlscope/segments/model_fit.hpp"

namespace pqlscope {
namespace {

TEST(LogisticFit, InterceptOnlyIsTheLogOdds) {
  // No columns: the loss is minimised where the mean prediction is the base rate, b = ln(3/7).
  const std::vector<uint8_t> y = {1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
  const LogisticFit f = fit_logistic({}, y.size(), 0, y);
  EXPECT_TRUE(f.converged);
  EXPECT_NEAR(f.intercept, std::log(3.0 / 7.0), 1e-9);
}

TEST(LogisticFit, SaturatedBinaryFeatureWithoutPenalty) {
  // x = 0: 1 of 4 converted; x = 1: 3 of 4. Unpenalised, a saturated model reproduces each
  // group's rate: b = logit(1/4) = ln(1/3), b + w = logit(3/4) = ln 3, so w = 2 ln 3.
  const std::vector<double> x = {0, 0, 0, 0, 1, 1, 1, 1};
  const std::vector<uint8_t> y = {1, 0, 0, 0, 1, 1, 1, 0};
  for (bool standardize : {false, true}) {  // no penalty: standardising must not change it
    LogisticOptions o;
    o.l2 = 0;
    o.standardize = standardize;
    const LogisticFit f = fit_logistic(x, 8, 1, y, o);
    EXPECT_TRUE(f.converged) << standardize;
    EXPECT_NEAR(f.intercept, std::log(1.0 / 3.0), 1e-7) << standardize;
    ASSERT_EQ(f.weights.size(), 1u);
    EXPECT_NEAR(f.weights[0], 2 * std::log(3.0), 1e-7) << standardize;
  }
}

TEST(LogisticFit, SeparableDataHasAFiniteOptimumUnderL2) {
  // x = +1 converted, x = -1 not: separable, so only the penalty keeps w finite. By symmetry
  // b = 0; the gradient in w is (sigma(w) - 1) - sigma(-w) + l2 w = 2 (sigma(w) - 1) + w = 0
  // (l2 = 1), i.e. w = 2 (1 - sigma(w)). Bisection on that equation gives w = 0.6748...
  LogisticOptions o;
  o.l2 = 1;
  o.standardize = false;
  const LogisticFit f = fit_logistic({1, -1}, 2, 1, {1, 0}, o);
  double lo = 0, hi = 2;
  for (int k = 0; k < 200; ++k) {
    const double mid = (lo + hi) / 2;
    (mid - 2 * (1 - 1 / (1 + std::exp(-mid))) < 0 ? lo : hi) = mid;
  }
  EXPECT_NEAR(f.intercept, 0, 1e-9);
  EXPECT_NEAR(f.weights[0], lo, 1e-9);
  EXPECT_GT(f.weights[0], 0.67);
  EXPECT_LT(f.weights[0], 0.68);
}

TEST(LogisticFit, RejectsMismatchedSizes) {
  EXPECT_THROW(fit_logistic({1, 2, 3}, 2, 1, {1, 0}), std::invalid_argument);
  EXPECT_THROW(fit_logistic({}, 0, 0, {}), std::invalid_argument);
}

TEST(LogisticFit, LogisticIsStableAtTheExtremes) {
  EXPECT_DOUBLE_EQ(logistic(0), 0.5);
  EXPECT_EQ(logistic(-1000), 0.0);
  EXPECT_EQ(logistic(1000), 1.0);
  EXPECT_NEAR(logistic(std::log(3.0)), 0.75, 1e-15);
}

TEST(ModelFitSplit, Fnv1a64MatchesThePublishedVectors) {
  // The FNV-1a 64-bit offset basis and the reference value for "a" (the FNV authors' test suite).
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
  EXPECT_EQ(is_held_out("a", 100), true);
  EXPECT_EQ(is_held_out("a", 0), false);
  EXPECT_EQ(is_held_out("a", 30), 0xaf63dc4c8601ec8cULL % 100 < 30);
}

}  // namespace
}  // namespace pqlscope
