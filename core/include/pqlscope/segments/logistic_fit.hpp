// L2-regularised logistic regression, fitted by Newton's method (IRLS) on a small dense design:
// the calibration's event weights (docs/segments.md "Fitting the model to outcomes").
//
// Minimises  sum_i [ -y_i ln p_i - (1 - y_i) ln(1 - p_i) ] + (l2 / 2) sum_j w_j^2,
//   p_i = 1 / (1 + exp(-(b + sum_j w_j x_ij))),
// the intercept b unpenalised. With `standardize`, each column is centred and scaled to unit
// variance before the fit (so one l2 treats every column alike) and the result is mapped back
// to the raw columns. Deterministic: fixed iteration order, no randomness.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pqlscope {

struct LogisticOptions {
  double l2 = 1.0;
  bool standardize = true;
  int max_iterations = 100;
  double tolerance = 1e-10;  // stop when the largest Newton step is below this
};

struct LogisticFit {
  double intercept = 0;
  std::vector<double> weights;  // per column of the raw (unstandardised) design
  int iterations = 0;
  bool converged = false;
};

// x: rows x cols, row-major; y: one label per row. Throws std::invalid_argument on
// mismatched sizes or no rows.
LogisticFit fit_logistic(const std::vector<double>& x, std::size_t rows, std::size_t cols,
                         const std::vector<uint8_t>& y, const LogisticOptions& options = {});

// 1 / (1 + exp(-z)), without overflow for large |z|.
double logistic(double z);

}  // namespace pqlscope
