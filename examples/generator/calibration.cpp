// pqlscope-gen: calibration.
// 1. The activity scale so that the total is close to --events.
// 2. The P90 of the accounts' raw engagement scores in the last 7 days, computed exactly
//    for the Poisson accounts (a dry run of those days), then a fixed point including the
//    trial accounts whose window score is a fraction of P90 by construction.
// 3. The trial accounts' integer budgets.
#include "generator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace gen {

double Generator::planted_p90(const std::vector<double>& others, double p0) const {
  double P = p0 > 0 ? p0 : 1.0;
  for (int it = 0; it < 200; ++it) {
    std::vector<double> v;
    v.reserve(others.size() + trial_plans_.size());
    for (double x : others) if (x > 0) v.push_back(x);
    for (const auto& tp : trial_plans_) {
      const double x = std::max(tp.target * P, static_cast<double>(tp.step_raw_window));
      if (x > 0) v.push_back(x);
    }
    const double np = percentile_linear(v, 0.9);
    if (!(np > 0)) return 1.0;
    if (std::abs(np - P) <= 1e-12 * P) { P = np; break; }
    P = np;
  }
  return P;
}

// Expected number of events the budget fill of trial_day() makes for a budget B: small
// budgets reject the heavy events, so the count is not simply B / mean importance.
// Measured once by simulation (a fixed private stream: the same on every run).
double Generator::events_for_budget(int64_t B) const {
  constexpr int64_t kMax = 256;
  if (fill_cost_.empty()) {
    Rng r(stream_seed(0x5eed, kTagTrialPlan, 99));
    fill_cost_.assign(kMax + 1, 0.0);
    for (int64_t b = 1; b <= kMax; ++b) {
      constexpr int kSamples = 64;
      int64_t n = 0;
      for (int k = 0; k < kSamples; ++k) n += static_cast<int64_t>(fill_budget(b, r).size());
      fill_cost_[static_cast<size_t>(b)] = static_cast<double>(n) / kSamples;
    }
  }
  if (B <= 0) return 0.0;
  if (B <= kMax) return fill_cost_[static_cast<size_t>(B)];
  return fill_cost_[kMax] + static_cast<double>(B - kMax) / trial_tab_.mean_importance;
}

double Generator::trial_events_estimate(double P) const {
  double n = 0;
  for (const auto& tp : trial_plans_) {
    const double bg = std::max(0.0, tp.target * P - tp.step_raw_window);
    double ws = 0;
    for (double w : tp.win_w) ws += w;
    for (size_t i = 0; i < tp.pre_frac.size(); ++i) {
      double b = tp.pre_frac[i] * P;
      if (tp.win_w[i] > 0 && ws > 0) b += bg * tp.win_w[i] / ws;
      const int64_t bi = static_cast<int64_t>(b + 0.5);
      n += bi > 0 ? events_for_budget(bi) : 2.0 * tp.quiet_visit;  // else: zero-importance visits
    }
    for (const auto& s : tp.steps) n += s.count;
  }
  return n;
}

void Generator::calibrate() {
  // Expected events (per unit of scale) and window raw score of the Poisson accounts.
  const size_t N = accounts_.size();
  std::vector<double> window_raw_unit(N, 0.0);
  double base_total = 0, fixed_total = 0;
  for (uint32_t ai = 0; ai < N; ++ai) {
    const Account& a = accounts_[ai];
    if (a.plan == kTrial) continue;
    for (int t = std::max(0, a.signup_day); t < D_; ++t) {
      const double life = lifecycle(a, t);
      if (life <= 0) continue;
      double m = 0;
      for (uint32_t k = 0; k < a.n_users; ++k)
        if (users_[a.first_user + k].join_day <= t) m += users_[a.first_user + k].mult;
      const double e = a.rate * life * kDowFactor[weekday(start_day_ + t)] * m;
      base_total += e;
      if (t >= W0_) window_raw_unit[ai] += e * table_for(a, t).mean_importance;
    }
    if (a.period_trial) {
      const int days = std::max(0, std::min(a.trial_end_day, D_) - std::max(0, a.signup_day));
      fixed_total += days * kNumSteps * (a.converted ? 0.18 : 0.08) * 1.2;
    }
  }
  // Fixed point for the scale: the trial accounts' volume depends on P90, which scales.
  const double target = static_cast<double>(o_.events);
  double s = base_total > 0 ? std::max(0.0, target - fixed_total) / base_total : 0.0;
  for (int it = 0; it < 30 && base_total > 0; ++it) {
    std::vector<double> raw(N);
    for (size_t i = 0; i < N; ++i) raw[i] = window_raw_unit[i] * s;
    const double P = planted_p90(raw, percentile_linear(raw, 0.9));
    const double trial_n = trial_events_estimate(P);
    const double ns = std::max(target - fixed_total - trial_n, 0.02 * target) / base_total;
    if (std::abs(ns - s) <= 1e-9 * s) { s = ns; break; }
    s = ns;
  }
  scale_ = s;

  // Exact window scores of the Poisson accounts: a dry run of the last 7 days. The exact P90
  // is higher than the one of expected values (noise widens the spread), which changes the
  // trial accounts' volume, hence the scale: a few rounds until the scale settles.
  std::vector<double> raw(N);
  std::vector<uint64_t> scratch;
  constexpr int kRounds = 6;
  for (int round = 0; round < kRounds; ++round) {
    std::fill(raw.begin(), raw.end(), 0.0);
    for (uint32_t ai = 0; ai < N; ++ai) {
      if (accounts_[ai].plan == kTrial) continue;
      for (int t = W0_; t < D_; ++t) {
        scratch.clear();
        poisson_day(ai, t, scratch);
        for (uint64_t k : scratch) raw[ai] += kEvents[k & 63].importance;
      }
    }
    std::vector<double> active;
    for (double x : raw) if (x > 0) active.push_back(x);
    p90_ = planted_p90(raw, percentile_linear(active, 0.9));
    if (base_total <= 0) break;
    const double ns = std::max(target - fixed_total - trial_events_estimate(p90_), 0.02 * target) / base_total;
    if (round + 1 == kRounds || std::abs(ns - scale_) <= 0.002 * scale_) break;  // p90_ matches scale_
    scale_ = ns;
  }

  // Integer budgets of the trial accounts.
  for (auto& tp : trial_plans_) {
    const size_t n = tp.pre_frac.size();
    tp.budget.assign(n, 0);
    for (size_t i = 0; i < n; ++i) tp.budget[i] = static_cast<int64_t>(tp.pre_frac[i] * p90_ + 0.5);
    const int64_t total = static_cast<int64_t>(tp.target * p90_ + 0.5);
    const int64_t bg = std::max<int64_t>(0, total - tp.step_raw_window);
    double ws = 0;
    for (double w : tp.win_w) ws += w;
    if (bg > 0 && ws > 0) {
      std::vector<std::pair<double, size_t>> rem;
      int64_t used = 0;
      for (size_t i = 0; i < n; ++i) {
        if (tp.win_w[i] <= 0) continue;
        const double x = static_cast<double>(bg) * tp.win_w[i] / ws;
        tp.budget[i] = static_cast<int64_t>(x);
        used += tp.budget[i];
        rem.push_back({x - static_cast<double>(tp.budget[i]), i});
      }
      std::sort(rem.begin(), rem.end(), [](auto& x, auto& y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
      for (size_t j = 0; used < bg; ++j, ++used) tp.budget[rem[j % rem.size()].second]++;
    }
  }
}

}  // namespace gen
