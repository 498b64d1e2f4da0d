// The pass of scan.cpp over the entity-major cache (metrics_cache.hpp): entity by entity, each
// entity's DayCounts in log order, its state in a few local words. The rules are scan.cpp's,
// applied through the same lowered model (scan_context.hpp):
// - the engagement sums add the same terms in the same order per entity and window (an
//   entity's DayCounts keep their log order), so the doubles are identical;
// - step counts, count days, features and the last active day depend only on one entity's
//   DayCounts in day order;
// - the distinct users of account steps are queued per user, then sorted by day: counted in
//   day order they reach min_users on the same day as in log order (which is by day).
// No per-DayCount branch depends on the event (step or not): non-step events count into the
// dummy slot, as in scan.cpp.
#include <algorithm>
#include <vector>

#include "metrics/day_range.hpp"
#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "metrics/scan_context.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"

namespace pqlscope::metrics_detail {
namespace {

// Day bounds of the windowed families, as in scan_logs.
struct Bounds {
  int64_t engagement, adoption, activity;
};

// One entity's state during its DayCounts (reused from one entity to the next).
struct EntityState {
  uint32_t signup = kNone;
  uint32_t last_active = kNone;
  std::vector<uint32_t> all_time, window;  // feature words
  std::vector<uint32_t> counters;          // per slot (the dummy's last): count, count day
  std::vector<uint32_t> seen;              // users: account-step slots settled

  void reset(uint32_t signup_day, std::size_t dummy_account_slot) {
    signup = signup_day;
    last_active = kNone;
    std::fill(all_time.begin(), all_time.end(), 0u);
    std::fill(window.begin(), window.end(), 0u);
    for (std::size_t i = 0; i < counters.size(); i += 2) counters[i] = 0, counters[i + 1] = kNone;
    std::fill(seen.begin(), seen.end(), 0u);
    if (!seen.empty()) seen[dummy_account_slot / 32] |= uint32_t{1} << (dummy_account_slot % 32);
  }
};

// Steps past the event's slot (scan.cpp's more_steps).
void more_steps(const Slots& slots, const EventIndex& idx, const std::vector<StepPlan>& steps, const DayCount& d,
                EntityState& s) {
  for (uint32_t i = slots.first_rare[d.event]; i < idx.offsets[d.event + 1u]; ++i) {
    const uint32_t k = idx.items[i];
    if (!in_window(steps[k], static_cast<int32_t>(s.signup), d.day)) continue;
    if (add_count(s.counters[2 * k], d.count, steps[k].min_count)) s.counters[2 * k + 1] = d.day;
  }
}

// What every DayCount does at both levels: signup, features, engagement; users also activity.
template <bool kUsers>
inline void common(const Context& c, const Bounds& b, const DayCount& d, const EventInfo& ev, EntityState& s,
                   double* raw) {
  if (s.signup == kNone) s.signup = d.day;
  const bool adopt = d.day >= b.adoption;
  s.all_time[0] |= ev.features;
  s.window[0] |= adopt ? ev.features : 0u;
  if (ev.rare & kMoreFeatures) [[unlikely]] {
    const uint32_t* bits = c.feature_bits.data() + std::size_t{d.event} * c.words;
    for (std::size_t i = 1; i < c.words; ++i) {
      s.all_time[i] |= bits[i];
      if (adopt) s.window[i] |= bits[i];
    }
  }
  if (d.day >= b.engagement) {
    const std::size_t age = static_cast<std::size_t>(c.as_of - d.day);
    raw[c.column[age]] += ev.importance * c.factor[age] * d.count;  // the expression of scan.cpp
  }
  if constexpr (kUsers) {
    if (d.day >= b.activity && ev.active) s.last_active = d.day;
  }
}

}  // namespace

void scan_cache(const Aggregates& ag, const MetricsCache& cache, const ScoringPlan& plan, int32_t as_of, Metrics& out,
                ScanState& state) {
  LevelMetrics& accounts = out.accounts;
  LevelMetrics& users = out.users;
  const std::size_t na = accounts.size, nu = users.size;
  const std::size_t ka = plan.account_steps.size(), ku = plan.user_steps.size();
  const Context c = make_context(plan, as_of);
  const std::size_t words = c.words, windows = c.windows;
  const Bounds bounds{int64_t{as_of} - int64_t{plan.history_windows} * plan.window_days + 1,
                      int64_t{as_of} - plan.adoption_window_days + 1, int64_t{as_of} - 29};
  const int64_t last_day = as_of;

  accounts.windows = users.windows = windows;
  accounts.raw.assign(na * windows, 0.0);
  users.raw.assign(nu * windows, 0.0);
  accounts.signup_day.resize(na);
  users.signup_day.resize(nu);
  state.feature_words = words;
  state.account_features.resize(na * words);
  state.account_features_all_time.resize(na * words);
  state.user_features.resize(nu * words);
  state.user_features_all_time.resize(nu * words);
  state.account_steps.resize(na * ka);
  state.user_steps.resize(nu * ku);
  state.last_active.resize(nu);

  EntityState s;
  s.all_time.resize(words);
  s.window.resize(words);

  // Accounts.
  s.counters.resize(2 * (ka + 1));
  const int64_t* const account_limit = c.account_slots.limit.data();
  const uint64_t* const account_min = c.account_slots.min_count.data();
  const EntityLog& alog = cache.accounts();
  for (std::size_t a = 0; a < na; ++a) {
    const auto& signup_at = ag.accounts[a].info.signup_at;
    s.reset(signup_at ? static_cast<uint32_t>(static_cast<int32_t>(floor_div(*signup_at, kMsPerDay))) : kNone, 0);
    double* raw = accounts.raw.data() + a * windows;
    const auto entity = static_cast<uint32_t>(a);
    for (uint64_t i = alog.offsets[a], end = alog.offsets[a + 1]; i < end; ++i) {
      const EntityDayCount& e = alog.entries[i];
      if (e.day > last_day) break;  // day-sorted: the rest is after as_of
      const DayCount d{entity, e.event, e.day, e.count};
      const EventInfo& ev = c.info[e.event];
      common<false>(c, bounds, d, ev, s, raw);
      const std::size_t slot = ev.account_slot;
      count_slot(s.counters.data() + 2 * slot, d, static_cast<int32_t>(s.signup), account_limit[slot],
                 account_min[slot]);
      if (ev.rare & kMoreAccountSteps) [[unlikely]] {
        more_steps(c.account_slots, plan.account_step_events, plan.account_steps, d, s);
      }
    }
    accounts.signup_day[a] = static_cast<int32_t>(s.signup);
    std::copy(s.all_time.begin(), s.all_time.end(), state.account_features_all_time.begin() + a * words);
    std::copy(s.window.begin(), s.window.end(), state.account_features.begin() + a * words);
    for (std::size_t k = 0; k < ka; ++k) {
      state.account_steps[a * ka + k] = {s.counters[2 * k], static_cast<int32_t>(s.counters[2 * k + 1]), 0, kNoDay};
    }
  }

  // Users.
  const std::size_t dummy_account = c.account_slots.dummy;
  s.counters.resize(2 * (ku + 1));
  s.seen.resize((ka + 1 + 31) / 32);
  const int64_t* const user_limit = c.user_slots.limit.data();
  const uint64_t* const user_min = c.user_slots.min_count.data();
  thread_local std::vector<UserCandidate> queue;
  queue.clear();
  const EntityLog& ulog = cache.users();
  for (std::size_t u = 0; u < nu; ++u) {
    s.reset(kNone, dummy_account);
    double* raw = users.raw.data() + u * windows;
    const uint32_t home = ag.users[u].account;
    const auto entity = static_cast<uint32_t>(u);
    // An account step not yet settled for the user: a candidate for the home account (scan.cpp's settle).
    const auto settle = [&](const DayCount& d, uint32_t k) {
      s.seen[k / 32] |= uint32_t{1} << (k % 32);
      if (home != kNoAccount) queue.push_back({home, k, d.day});
    };
    for (uint64_t i = ulog.offsets[u], end = ulog.offsets[u + 1]; i < end; ++i) {
      const EntityDayCount& e = ulog.entries[i];
      if (e.day > last_day) break;
      const DayCount d{entity, e.event, e.day, e.count};
      const EventInfo& ev = c.info[e.event];
      common<true>(c, bounds, d, ev, s, raw);
      const std::size_t slot = ev.user_slot;
      count_slot(s.counters.data() + 2 * slot, d, static_cast<int32_t>(s.signup), user_limit[slot], user_min[slot]);
      const uint32_t k = ev.account_slot;
      if (!((s.seen[k / 32] >> (k % 32)) & 1u)) [[unlikely]] settle(d, k);
      if (ev.rare & (kMoreUserSteps | kMoreAccountSteps)) [[unlikely]] {
        if (ev.rare & kMoreUserSteps) more_steps(c.user_slots, plan.user_step_events, plan.user_steps, d, s);
        if (ev.rare & kMoreAccountSteps) {
          const EventIndex& idx = plan.account_step_events;
          for (uint32_t j = c.account_slots.first_rare[d.event]; j < idx.offsets[d.event + 1u]; ++j) {
            const uint32_t step = idx.items[j];
            if (!((s.seen[step / 32] >> (step % 32)) & 1u)) settle(d, step);
          }
        }
      }
    }
    users.signup_day[u] = static_cast<int32_t>(s.signup);
    state.last_active[u] = static_cast<int32_t>(s.last_active);
    std::copy(s.all_time.begin(), s.all_time.end(), state.user_features_all_time.begin() + u * words);
    std::copy(s.window.begin(), s.window.end(), state.user_features.begin() + u * words);
    for (std::size_t k = 0; k < ku; ++k) {
      state.user_steps[u * ku + k] = {s.counters[2 * k], static_cast<int32_t>(s.counters[2 * k + 1])};
    }
  }

  // Distinct users of account steps: the candidates in day order, as the log pass queues them.
  std::sort(queue.begin(), queue.end(), [](const UserCandidate& x, const UserCandidate& y) { return x.day < y.day; });
  thread_local std::vector<uint32_t> account_users;
  account_users.assign(na * ka * 2, 0);
  for (std::size_t i = 1; i < account_users.size(); i += 2) account_users[i] = kNone;
  count_users(queue, plan, accounts.signup_day, ka, account_users);
  for (std::size_t i = 0; i < na * ka; ++i) {
    state.account_steps[i].users = account_users[2 * i];
    state.account_steps[i].users_day = static_cast<int32_t>(account_users[2 * i + 1]);
  }
}

}  // namespace pqlscope::metrics_detail
