// pqlscope-gen: communications (emails, meetings, chats, tickets) with accounts.
#include "generator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace gen {

int64_t Generator::comm_time(Rng& r, const Account& a, int day, int64_t lo, int64_t hi) const {
  const int local = static_cast<int>(r.range(9, 17)) * 3600 + static_cast<int>(r.below(3600));
  int s = (local - a.tz_min * 60) % 86400;
  if (s < 0) s += 86400;
  int64_t ts = day_ts(day) + s;
  if (ts < lo || ts > hi) ts = lo + static_cast<int64_t>(r.below(static_cast<uint64_t>(std::max<int64_t>(1, hi - lo))));
  return ts;
}

uint32_t Generator::comm_user(Rng& r, const Account& a, int day) const {
  std::vector<uint32_t> joined;
  for (uint32_t k = 0; k < a.n_users; ++k)
    if (users_[a.first_user + k].join_day <= day) joined.push_back(a.first_user + k);
  if (joined.empty() || r.chance(0.5)) return a.first_user;
  return joined[r.below(joined.size())];
}

void Generator::make_comms() {
  const int64_t period_start = day_ts(0), period_end = day_ts(D_) - 1;
  for (uint32_t ai = 0; ai < accounts_.size(); ++ai) {
    const Account& a = accounts_[ai];
    Rng r(stream_seed(o_.seed, kTagComms, ai));
    if (a.plan == kTrial) {
      const int persona = a.persona;
      int n = 0;
      switch (persona) {
        case kGoldenLead: n = static_cast<int>(r.range(2, 5)); break;
        case kSilentSuccess: case kFizzler: n = r.chance(0.35) ? 1 : 0; break;
        case kContraryConverter: n = static_cast<int>(r.range(3, 6)); break;
        case kPositiveProcrastinator: case kIncompatibleIgnoramus: n = static_cast<int>(r.range(2, 4)); break;
        case kHeartbreaker: n = 0; break;
        default: n = static_cast<int>(r.range(0, 4)); break;
      }
      std::vector<int> sent(static_cast<size_t>(n), kNeutral);
      const int majority = n / 2 + 1;
      auto fill = [&](int main, int count, int other_a, int other_b) {
        for (int i = 0; i < n; ++i) sent[static_cast<size_t>(i)] = i < count ? main : (r.chance(0.5) ? other_a : other_b);
      };
      std::vector<int> channels;
      switch (persona) {
        case kGoldenLead: case kPositiveProcrastinator:
          fill(kPositive, static_cast<int>(r.range(majority, n)), kNeutral, persona == kGoldenLead ? kNeutral : kNegative);
          channels = {kMeeting, kEmail, kEmail, kChat};
          break;
        case kContraryConverter:
          fill(kNegative, static_cast<int>(r.range(majority, n)), kNeutral, kPositive);
          channels = {kTicket, kTicket, kChat, kEmail, kMeeting};
          break;
        case kIncompatibleIgnoramus:
          fill(kNegative, static_cast<int>(r.range(1, n)), kNeutral, kNeutral);
          channels = {kTicket, kEmail, kChat};
          break;
        case kSilentSuccess: case kFizzler:
          fill(r.chance(0.5) ? kPositive : kNeutral, n, kNeutral, kNeutral);
          channels = {kEmail, kChat, kTicket};
          break;
        default:
          for (auto& s : sent) s = static_cast<int>(r.below(3));
          channels = {kEmail, kMeeting, kChat, kTicket};
          break;
      }
      shuffle(sent, r);
      // All inside the trial (and inside the period).
      const int64_t lo = a.signup_ts + 1800;
      const int64_t hi = std::min(a.trial_end_ts, period_end);
      const int last_day = static_cast<int>(floor_div(hi, kDay) - start_day_);
      for (int i = 0; i < n; ++i) {
        const int day = static_cast<int>(r.range(a.signup_day, std::max(a.signup_day, last_day)));
        const int64_t ts = comm_time(r, a, day, lo, hi);
        comms_.push_back({ts, ai, comm_user(r, a, day), channels[r.below(channels.size())], sent[static_cast<size_t>(i)]});
      }
      continue;
    }
    // Everyone else: occasional contact over the period.
    double per30 = 0;
    std::array<int, 4> ch{};      // email, meeting, chat, ticket weights
    std::array<int, 3> sw{};      // positive, neutral, negative weights
    switch (a.plan) {
      case kEnterprise: per30 = 2.0; ch = {35, 35, 10, 20}; sw = {45, 40, 15}; break;
      case kSelfServe: per30 = 0.5; ch = {30, 5, 30, 35}; sw = {40, 42, 18}; break;
      case kFree: per30 = 0.12; ch = {20, 0, 30, 50}; sw = {30, 50, 20}; break;
      default: per30 = 0.9; ch = {30, 15, 15, 40}; sw = {20, 40, 40}; break;
    }
    const int from = std::max(0, a.signup_day);
    const int to = std::min(D_, a.churn_day);
    if (to <= from) continue;
    uint32_t n = r.poisson(per30 * static_cast<double>(to - from) / 30.0);
    if (a.period_trial) n += r.poisson(1.0);
    for (uint32_t i = 0; i < n; ++i) {
      int day = static_cast<int>(r.range(from, to - 1));
      if (a.period_trial && i + 1 == n && n > 0 && r.chance(0.5)) day = std::min(to - 1, a.signup_day + static_cast<int>(r.range(0, kTrialDays - 1)));
      std::array<int, 3> w = sw;
      if (a.plan == kChurned && day >= a.fade_start) w = {10, 30, 60};
      const int64_t lo = std::max(a.signup_ts + 1800, period_start);
      const int64_t ts = comm_time(r, a, day, lo, period_end);
      comms_.push_back({ts, ai, comm_user(r, a, day), pick_weighted(r, ch), pick_weighted(r, w)});
    }
  }
  std::sort(comms_.begin(), comms_.end(), [](const Comm& x, const Comm& y) {
    if (x.ts != y.ts) return x.ts < y.ts;
    if (x.account != y.account) return x.account < y.account;
    if (x.user != y.user) return x.user < y.user;
    if (x.channel != y.channel) return x.channel < y.channel;
    return x.sentiment < y.sentiment;
  });
}

}  // namespace gen
