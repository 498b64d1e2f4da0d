// Newton's method for the L2-regularised logistic loss; the Hessian is solved by Cholesky
// (it is positive definite once l2 > 0, and in practice without it on non-separable data).
#include "pqlscope/segments/logistic_fit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pqlscope {
namespace {

// Solves A z = g for symmetric positive definite A (n x n, row-major), in place in g.
// Returns false when A is not positive definite.
bool cholesky_solve(std::vector<double>& a, std::vector<double>& g, std::size_t n) {
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) return false;
    d = std::sqrt(d);
    a[j * n + j] = d;
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {  // L y = g
    double s = g[i];
    for (std::size_t k = 0; k < i; ++k) s -= a[i * n + k] * g[k];
    g[i] = s / a[i * n + i];
  }
  for (std::size_t i = n; i-- > 0;) {  // L^T z = y
    double s = g[i];
    for (std::size_t k = i + 1; k < n; ++k) s -= a[k * n + i] * g[k];
    g[i] = s / a[i * n + i];
  }
  return true;
}

double log1pexp(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

}  // namespace

double logistic(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

LogisticFit fit_logistic(const std::vector<double>& x_raw, std::size_t rows, std::size_t cols,
                         const std::vector<uint8_t>& y, const LogisticOptions& options) {
  if (rows == 0) throw std::invalid_argument("logistic fit: no rows");
  if (x_raw.size() != rows * cols || y.size() != rows) throw std::invalid_argument("logistic fit: sizes differ");
  // Standardise (constant columns keep scale 1: their weight stays at 0 under any l2 > 0).
  std::vector<double> mean(cols, 0.0), scale(cols, 1.0);
  std::vector<double> x = x_raw;
  if (options.standardize) {
    for (std::size_t j = 0; j < cols; ++j) {
      double s = 0;
      for (std::size_t i = 0; i < rows; ++i) s += x[i * cols + j];
      mean[j] = s / static_cast<double>(rows);
      double v = 0;
      for (std::size_t i = 0; i < rows; ++i) v += (x[i * cols + j] - mean[j]) * (x[i * cols + j] - mean[j]);
      v /= static_cast<double>(rows);
      scale[j] = v > 0 ? std::sqrt(v) : 1.0;
      for (std::size_t i = 0; i < rows; ++i) x[i * cols + j] = (x[i * cols + j] - mean[j]) / scale[j];
    }
  }
  const std::size_t n = cols + 1;  // parameter 0 is the intercept
  std::vector<double> beta(n, 0.0);
  auto loss_of = [&](const std::vector<double>& b) {
    double loss = 0;
    for (std::size_t i = 0; i < rows; ++i) {
      double z = b[0];
      for (std::size_t j = 0; j < cols; ++j) z += b[j + 1] * x[i * cols + j];
      loss += y[i] ? log1pexp(-z) : log1pexp(z);
    }
    for (std::size_t j = 1; j < n; ++j) loss += 0.5 * options.l2 * b[j] * b[j];
    return loss;
  };
  LogisticFit fit;
  double loss = loss_of(beta);
  std::vector<double> hessian(n * n), gradient(n), row(n);
  for (fit.iterations = 0; fit.iterations < options.max_iterations; ++fit.iterations) {
    std::fill(hessian.begin(), hessian.end(), 0.0);
    std::fill(gradient.begin(), gradient.end(), 0.0);
    for (std::size_t i = 0; i < rows; ++i) {
      row[0] = 1.0;
      for (std::size_t j = 0; j < cols; ++j) row[j + 1] = x[i * cols + j];
      double z = 0;
      for (std::size_t j = 0; j < n; ++j) z += beta[j] * row[j];
      const double p = logistic(z);
      const double r = p - (y[i] ? 1.0 : 0.0);
      const double w = std::max(p * (1 - p), 1e-12);
      for (std::size_t j = 0; j < n; ++j) {
        gradient[j] += r * row[j];
        for (std::size_t k = 0; k <= j; ++k) hessian[j * n + k] += w * row[j] * row[k];
      }
    }
    for (std::size_t j = 1; j < n; ++j) {
      gradient[j] += options.l2 * beta[j];
      hessian[j * n + j] += options.l2;
    }
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t k = j + 1; k < n; ++k) hessian[j * n + k] = hessian[k * n + j];
    for (std::size_t j = 0; j < n; ++j) hessian[j * n + j] += 1e-12;  // guards a flat direction
    std::vector<double> step = gradient;
    if (!cholesky_solve(hessian, step, n)) break;
    // Step halving keeps the loss decreasing (Newton can overshoot far from the optimum).
    double t = 1.0, largest = 0;
    std::vector<double> next(n);
    for (int halvings = 0; halvings < 30; ++halvings, t /= 2) {
      for (std::size_t j = 0; j < n; ++j) next[j] = beta[j] - t * step[j];
      const double next_loss = loss_of(next);
      if (next_loss <= loss + 1e-15 * std::fabs(loss)) {
        loss = next_loss;
        break;
      }
    }
    for (std::size_t j = 0; j < n; ++j) largest = std::max(largest, std::fabs(next[j] - beta[j]));
    beta = next;
    if (largest < options.tolerance) {
      fit.converged = true;
      ++fit.iterations;
      break;
    }
  }
  // Back to the raw columns: w_raw = w / scale, b_raw = b - sum w_raw * mean.
  fit.weights.resize(cols);
  fit.intercept = beta[0];
  for (std::size_t j = 0; j < cols; ++j) {
    fit.weights[j] = beta[j + 1] / scale[j];
    fit.intercept -= fit.weights[j] * mean[j];
  }
  return fit;
}

}  // namespace pqlscope
