// pqlscope-gen: the current trial accounts' plans and the daily activity model: which
// events each account and user does on a day.
#include "generator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace gen {

void Generator::plan_trials() {
  for (uint32_t ai = 0; ai < accounts_.size(); ++ai) {
    Account& a = accounts_[ai];
    if (a.plan != kTrial) continue;
    Rng r(stream_seed(o_.seed, kTagTrialPlan, ai));
    TrialPlan p;
    const int sd = a.signup_day;
    const int ndays = E_ - sd + 1;
    p.pre_frac.assign(static_cast<size_t>(ndays), 0.0);
    p.win_w.assign(static_cast<size_t>(ndays), 0.0);
    const int persona = a.persona;

    // Activation: which of the 5 steps, and when.
    int k = 0;
    switch (persona) {
      case kGoldenLead: case kSilentSuccess: case kFizzler: k = static_cast<int>(r.range(4, 5)); break;
      case kContraryConverter: k = static_cast<int>(r.range(2, 3)); break;
      case kUnplanted: k = static_cast<int>(r.range(0, 5)); break;
      default: k = static_cast<int>(r.range(0, 1)); break;
    }
    std::array<bool, kNumSteps> done{};
    if (k >= 4) {
      done.fill(true);
      if (k == 4) { const int drop[] = {1, 3, 4}; done[static_cast<size_t>(drop[r.below(3)])] = false; }
    } else if (k >= 2) {
      done[0] = true;
      std::vector<int> rest = {2, 1, 3};
      if (persona == kUnplanted) rest = {1, 2, 3, 4};
      shuffle(rest, r);
      for (int j = 0; j < k - 1; ++j) done[static_cast<size_t>(rest[static_cast<size_t>(j)])] = true;
    } else if (k == 1) {
      done[r.chance(0.7) ? 0 : 2] = true;
    }
    // Day range of the step events.
    int lo = sd, hi = std::min(sd + 10, E_);
    switch (persona) {
      case kContraryConverter: hi = std::max(sd, std::min(sd + 6, W0_ - 1)); break;
      case kFizzler: hi = std::min(sd + 3, E_); break;
      case kPositiveProcrastinator: case kIncompatibleIgnoramus: case kHeartbreaker: hi = std::min(sd + 1, E_); break;
      default: break;
    }
    const uint32_t nu = a.n_users;
    auto add_step = [&](int day, int ev, int count, uint32_t user) {
      p.steps.push_back({std::clamp(day, lo, hi), ev, count, user});
    };
    int invite_day = -1;
    int invites = 0;
    for (int s = 0; s < kNumSteps; ++s) {
      const bool partial = !done[static_cast<size_t>(s)] && s == 3 && r.chance(0.4);
      if (!done[static_cast<size_t>(s)] && !partial) continue;
      int day = s == 0 ? lo + static_cast<int>(r.range(0, std::min(1, hi - lo))) : static_cast<int>(r.range(lo, hi));
      int ev = kSteps[s].ev_a;
      if (kSteps[s].ev_b >= 0 && r.chance(0.4)) ev = kSteps[s].ev_b;
      int count = 1;
      switch (s) {
        case 0: count = static_cast<int>(r.range(1, 3)); break;
        case 1: count = static_cast<int>(r.range(1, 2)); break;
        case 2: count = static_cast<int>(r.range(1, 3)); break;
        case 3: count = partial ? 1 : static_cast<int>(r.range(2, persona == kGoldenLead ? 5 : 3)); break;
        case 4: count = static_cast<int>(r.range(1, 2)); break;
      }
      const uint32_t user = (s == 2 && nu > 1 && r.chance(0.5)) ? static_cast<uint32_t>(r.below(nu)) : 0;
      add_step(day, ev, count, user);
      if (s == 3) { invite_day = std::clamp(day, lo, hi); invites = count; }
    }
    // Users: the admin joins at signup, invited teammates a day or two after the invites,
    // anyone else signs up on their own during the trial.
    for (uint32_t u = 0; u < nu; ++u) {
      User& us = users_[a.first_user + u];
      if (u == 0) us.join_day = sd;
      else if (invite_day >= 0 && static_cast<int>(u) <= invites) us.join_day = invite_day + static_cast<int>(r.range(0, 2));
      else us.join_day = sd + static_cast<int>(r.range(0, kTrialDays));
    }
    for (const auto& st : p.steps)
      if (st.day >= W0_) p.step_raw_window += st.count * kEvents[st.ev].importance;

    // Engagement: the window target (fraction of P90) and the shape of use per day.
    switch (persona) {
      case kGoldenLead: p.target = r.range_d(0.85, 0.98); break;
      case kSilentSuccess: p.target = r.range_d(0.8, 0.95); break;
      case kContraryConverter: p.target = r.range_d(0.5, 0.6); break;
      case kPositiveProcrastinator: p.target = r.range_d(0.05, 0.22); break;
      case kFizzler: p.target = r.chance(0.5) ? 0.0 : r.range_d(0.01, 0.05); break;
      case kIncompatibleIgnoramus: p.target = r.range_d(0.03, 0.2); break;
      case kHeartbreaker: p.target = r.chance(0.5) ? 0.0 : r.range_d(0.01, 0.06); break;
      default: p.target = r.chance(0.2) ? 0.0 : r.range_d(0.02, 0.98); break;
    }
    const double level = p.target / 7.0;
    int fizzle_days = static_cast<int>(r.range(3, 5));
    int hb_days_left = static_cast<int>(r.range(1, 2));
    const double q = r.range_d(0.3, 0.9);
    for (int d = sd; d <= E_; ++d) {
      const size_t i = static_cast<size_t>(d - sd);
      const bool in_window = d >= W0_;
      const double wd = wd_factor(d);
      switch (persona) {
        case kGoldenLead: case kSilentSuccess: case kContraryConverter:
          if (in_window) p.win_w[i] = wd * r.range_d(0.7, 1.3);
          else p.pre_frac[i] = level * wd * r.range_d(0.6, 1.15) * (d == sd ? 0.6 : 1.0);
          break;
        case kPositiveProcrastinator: case kIncompatibleIgnoramus:
          if (in_window) p.win_w[i] = r.chance(0.4) ? r.range_d(0.5, 1.5) : 0.0;
          else if (r.chance(0.35)) p.pre_frac[i] = r.range_d(0.01, 0.04);
          break;
        case kFizzler:
          if (d - sd < fizzle_days && !in_window) p.pre_frac[i] = r.range_d(0.12, 0.25) * (d == sd ? 0.7 : 1.0);
          else if (in_window) p.win_w[i] = r.chance(0.3) ? 1.0 : 0.0;
          break;
        case kHeartbreaker:
          if (!in_window && d - sd < 5 && hb_days_left > 0 && r.chance(0.5)) { p.pre_frac[i] = r.range_d(0.005, 0.03); --hb_days_left; }
          else if (in_window) p.win_w[i] = r.chance(0.3) ? 1.0 : 0.0;
          break;
        default:
          if (r.chance(q)) {
            if (in_window) p.win_w[i] = wd * r.range_d(0.5, 1.5);
            else p.pre_frac[i] = std::max(level, 0.02) * wd * r.range_d(0.5, 1.5);
          }
          break;
      }
    }
    switch (persona) {
      case kFizzler: p.quiet_visit = 0.2; break;
      case kHeartbreaker: p.quiet_visit = 0.05; break;
      case kPositiveProcrastinator: case kIncompatibleIgnoramus: p.quiet_visit = 0.25; break;
      default: p.quiet_visit = 0.3; break;
    }
    // Keep the window budget somewhere if the pattern left every window day empty.
    double ws = 0;
    for (double w : p.win_w) ws += w;
    if (ws == 0 && p.target > 0) p.win_w.back() = 1.0;
    a.trial_plan = static_cast<int>(trial_plans_.size());
    trial_plans_.push_back(std::move(p));
  }
}

double Generator::lifecycle(const Account& a, int t) const {
  if (t < a.signup_day || a.plan == kTrial || t >= a.churn_day) return 0.0;
  double f = 1.0 + a.trend * ((static_cast<double>(t) + 0.5) / static_cast<double>(D_) - 0.5);
  if (a.period_trial) {
    if (t < a.trial_end_day) f = t == a.signup_day ? 0.8 : 1.3;
    else if (!a.converted) f = 0.1 + 0.7 * det_exp(-static_cast<double>(t - a.trial_end_day) / 8.0);
  }
  if (t >= a.fade_start) f *= static_cast<double>(a.churn_day - t) / static_cast<double>(a.churn_day - a.fade_start);
  return f;
}

const Table& Generator::table_for(const Account& a, int t) const {
  if (a.period_trial && t < a.trial_end_day) return trial_tab_;
  switch (a.plan) {
    case kEnterprise: return ent_tab_;
    case kFree: return free_tab_;
    default: return paid_tab_;
  }
}

uint64_t Generator::key(int sec, uint32_t user, int ev) {
  return (static_cast<uint64_t>(sec) << 46) | (static_cast<uint64_t>(user) << 6) | static_cast<uint64_t>(ev);
}

// Keeps events of the signup day after the signup moment.
int Generator::after_signup(const Account& a, int t, int sec) const {
  if (t != a.signup_day) return sec;
  const int s0 = static_cast<int>(a.signup_ts - day_ts(t));
  if (sec >= s0) return sec;
  return s0 + static_cast<int>(static_cast<int64_t>(sec) * (86399 - s0) / 86400);
}

// One session: consecutive events of one user a few seconds to minutes apart.
template <class NextEvent>
void Generator::session(const Account& a, int t, uint32_t user, int n, Rng& r, NextEvent&& next, std::vector<uint64_t>& out) const {
  double sec = session_second(r, a.tz_min);
  for (int i = 0; i < n; ++i) {
    int s = static_cast<int>(sec);
    if (s >= 86400) s -= 86400;  // stays in the same UTC day
    s = after_signup(a, t, s);
    out.push_back(key(s, user, next()));
    sec += 3.0 + r.exponential(40.0);
    if (sec >= 2 * 86400) sec = 0;
  }
}

void Generator::events_as_sessions(const Account& a, int t, uint32_t user, uint32_t n, const Table& tab, Rng& r,
                        std::vector<uint64_t>& out) const {
  while (n > 0) {
    uint32_t len = 1 + static_cast<uint32_t>(r.exponential(5.0));
    if (len > n) len = n;
    session(a, t, user, static_cast<int>(len), r, [&] { return tab.pick(r); }, out);
    n -= len;
  }
}

// Paid, free and churned accounts (and past trials): Poisson use per user and day.
void Generator::poisson_day(uint32_t ai, int t, std::vector<uint64_t>& out) const {
  const Account& a = accounts_[ai];
  const double life = lifecycle(a, t);
  if (life <= 0) return;
  Rng r(stream_seed(o_.seed, kTagDay, ai, static_cast<uint64_t>(t)));
  const Table& tab = table_for(a, t);
  const double base = scale_ * a.rate * life * kDowFactor[weekday(start_day_ + t)];
  for (uint32_t k = 0; k < a.n_users; ++k) {
    const uint32_t ui = a.first_user + k;
    const User& u = users_[ui];
    if (u.join_day > t) continue;
    if (!r.chance(u.p_active)) continue;
    const uint32_t n = r.poisson(base * u.mult / u.p_active);
    events_as_sessions(a, t, ui, n, tab, r, out);
  }
  // A past trial's onboarding steps (converted ones did most of them).
  if (a.period_trial && t >= a.signup_day && t < a.trial_end_day) {
    Rng s(stream_seed(o_.seed, kTagDay, ai, static_cast<uint64_t>(t) + (1ull << 32)));
    const double p = a.converted ? 0.18 : 0.08;
    for (int st = 0; st < kNumSteps; ++st)
      if (s.chance(p)) {
        const int ev = kSteps[st].ev_b >= 0 && s.chance(0.4) ? kSteps[st].ev_b : kSteps[st].ev_a;
        const int count = st == 3 ? static_cast<int>(s.range(1, 3)) : 1;
        session(a, t, a.first_user, count, s, [&] { return ev; }, out);
      }
  }
}

// Events whose importances add up to exactly `budget` (zero-importance ones come along).
std::vector<int> Generator::fill_budget(int64_t budget, Rng& r) const {
  std::vector<int> evs;
  while (budget > 0) {
    int ev = trial_tab_.pick(r);
    for (int tries = 0; tries < 8 && kEvents[ev].importance > budget; ++tries) ev = trial_tab_.pick(r);
    if (kEvents[ev].importance > budget) ev = r.chance(0.5) ? kEvSearch : kEvFilter;  // importance 1
    budget -= kEvents[ev].importance;
    evs.push_back(ev);
  }
  return evs;
}

// Current trial accounts: use shaped by the persona's per-day engagement budget.
void Generator::trial_day(uint32_t ai, int t, std::vector<uint64_t>& out) const {
  const Account& a = accounts_[ai];
  if (t < a.signup_day) return;
  const TrialPlan& p = trial_plans_[static_cast<size_t>(a.trial_plan)];
  Rng r(stream_seed(o_.seed, kTagDay, ai, static_cast<uint64_t>(t)));
  std::vector<uint32_t> joined;
  for (uint32_t k = 0; k < a.n_users; ++k)
    if (users_[a.first_user + k].join_day <= t) {
      joined.push_back(a.first_user + k);
      if (k == 0) joined.push_back(a.first_user);  // the admin is twice as busy
    }
  for (const auto& st : p.steps)
    if (st.day == t) {
      uint32_t u = a.first_user + st.user;
      if (users_[u].join_day > t) u = a.first_user;
      session(a, t, u, st.count, r, [&] { return st.ev; }, out);
    }
  int64_t budget = p.budget[static_cast<size_t>(t - a.signup_day)];
  if (budget > 0) {
    const std::vector<int> evs = fill_budget(budget, r);
    size_t i = 0;
    while (i < evs.size()) {
      size_t len = 1 + static_cast<size_t>(r.exponential(6.0));
      if (len > evs.size() - i) len = evs.size() - i;
      const uint32_t u = joined[r.below(joined.size())];
      session(a, t, u, static_cast<int>(len), r, [&] { return evs[i++]; }, out);
    }
  } else if (r.chance(p.quiet_visit)) {
    const int n = static_cast<int>(r.range(1, 3));
    session(a, t, joined[r.below(joined.size())], n, r,
            [&] { const double u = r.uniform(); return u < 0.6 ? kEvLogin : u < 0.95 ? kEvPageViewed : kEvHelp; }, out);
  }
}

void Generator::account_day(uint32_t ai, int t, std::vector<uint64_t>& out) const {
  if (accounts_[ai].plan == kTrial) trial_day(ai, t, out);
  else poisson_day(ai, t, out);
}

}  // namespace gen
