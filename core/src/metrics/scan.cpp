// The single pass over the logs (see scan.hpp). Semantics, per family:
// - signup: an account's is the accounts file's signup_at, else its first event day up to
//   as_of; a user's is its first event day up to as_of (the logs are day-sorted, so the first
//   entry of an entity is its first day);
// - activation: events on days signup .. signup + window_days - 1 count toward a windowed step
//   (and any earlier ones); a step's count day is the first day its running count reaches
//   min_count; an account step's users are the distinct users whose home account it is and
//   who did one of its events in the account's step window (from user_days);
// - adoption: key features used in the adoption window and at any time up to as_of;
// - engagement: importance x (decay factor) x count summed per window, in log order (the same
//   additions in the same order as a per-window loop, so the same doubles);
// - activity: each user's last day with an active event in the 30 days ending at as_of.
//
// Cost model (20k accounts, 100k users, ~16M DayCounts): the loops are bound by per-entry work
// and branch mispredictions, not by reading the logs. So every DayCount does the same
// branch-free work, and the DayCounts of step events (a quarter, at random) are collected and
// counted in a second loop per block (see kBlock). An event's first step of each level is its
// "slot" (events of the other level's steps use a dummy slot whose counter is never read);
// only the rare cases branch: a second step or a 33rd+ feature for the same event, and a
// user's first event of an account step.
#include "metrics/scan.hpp"

#include <algorithm>
#include <limits>
#include <span>

#include "metrics/day_range.hpp"
#include "metrics/plan.hpp"
#include "metrics/scan_context.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"

namespace pqlscope::metrics_detail {
namespace {

// DayCounts are processed in blocks: a dense loop does what every DayCount needs and collects
// the few that count toward a step (branch-free), then a second loop does the steps. A branch
// on "is this a step event" in the dense loop would be mispredicted on most step events.
constexpr std::size_t kBlock = 1024;

// The per-entity state a pass updates, packed into one record of `stride` 32-bit words per
// entity, so that one DayCount touches one cache line or two (separate arrays would be as many
// streams, and the sparse ones, like step counters, would miss the cache on most accesses):
//   [0] signup day   [1] last active day (users)   [2] home account (users)
//   [features] all-time feature words, then window feature words
//   [seen]     users: account-step slots settled for the user (counted, or past the window);
//              the dummy slot's bit is always set
//   [counters] per slot (the dummy's last): count, count day
struct Layout {
  std::size_t words = 0;
  std::size_t features = 0, window = 0, seen = 0, counters = 0, stride = 0;
  Layout(std::size_t feature_words, std::size_t seen_words, std::size_t counter_words) : words(feature_words) {
    features = 3;
    window = features + words;
    seen = window + words;
    counters = seen + seen_words;
    stride = counters + counter_words;
  }
};

// Features past the first 32 (the first word is marked inline).
template <bool kWindow>
void more_features(const Context& c, const Layout& l, const DayCount& d, uint32_t* record) {
  const uint32_t* bits = c.feature_bits.data() + std::size_t{d.event} * l.words;
  for (std::size_t i = 1; i < l.words; ++i) {
    record[l.features + i] |= bits[i];
    if constexpr (kWindow) record[l.window + i] |= bits[i];
  }
}

// Splits the log's days <= as_of at the given day boundaries; calls f(slice, day of its start)
// for each contiguous piece (a segment that crosses a chunk of the log comes in two).
template <class F>
void for_segments(const DayLog& log, int32_t as_of, std::vector<int64_t> cuts, F&& f) {
  const std::size_t end =
      std::partition_point(log.begin(), log.end(), [as_of](const DayCount& d) { return d.day <= as_of; }).index();
  cuts.push_back(0);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::size_t begin = 0;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const int64_t first = cuts[i];
    if (first > as_of) break;
    std::size_t stop = end;
    if (i + 1 < cuts.size() && cuts[i + 1] <= as_of) {
      const int64_t next = cuts[i + 1];
      stop = std::partition_point(log.begin() + static_cast<std::ptrdiff_t>(begin),
                                  log.begin() + static_cast<std::ptrdiff_t>(end),
                                  [next](const DayCount& d) { return d.day < next; })
                 .index();
    }
    log.for_each_span(begin, stop, [&](std::span<const DayCount> slice) { f(slice, first); });
    begin = stop;
  }
}


// into `steps` and returns how many.
template <bool kEngagement, bool kAdoption, bool kActivity, uint8_t EventInfo::*kHasSteps>
inline std::size_t first_loop(const Context& c, const Layout& l, uint32_t* const base, double* const raw_base,
                              std::span<const DayCount> block, const DayCount** steps) {
  const EventInfo* const info = c.info.data();
  const std::size_t stride = l.stride, features = l.features, window = l.window;
  const std::size_t windows = c.windows;
  const uint32_t* const column = c.column.data();
  const double* const factor = c.factor.data();
  const int32_t as_of = c.as_of;
  std::size_t n = 0;
  for (const DayCount& d : block) {
    const EventInfo& ev = info[d.event];
    uint32_t* record = base + std::size_t{d.entity} * stride;
    if (record[0] == kNone) record[0] = d.day;
    record[features] |= ev.features;
    if constexpr (kAdoption) record[window] |= ev.features;
    steps[n] = &d;
    n += ev.*kHasSteps;
    if (ev.rare & kMoreFeatures) [[unlikely]] more_features<kAdoption>(c, l, d, record);
    if constexpr (kEngagement) {
      const std::size_t age = static_cast<std::size_t>(as_of - d.day);
      raw_base[std::size_t{d.entity} * windows + column[age]] += ev.importance * factor[age] * d.count;
    }
    if constexpr (kActivity) record[1] = ev.active ? d.day : record[1];  // day-sorted: the last wins
  }
  return n;
}

// Accounts: signup, account-step counts, features, raw engagement.
struct AccountPass {
  const Context& c;
  Layout l;
  uint32_t* records;
  double* raw;

  // Steps past the event's slot.
  void more_steps(const DayCount& d, uint32_t* record) const {
    const int32_t signup = static_cast<int32_t>(record[0]);
    const EventIndex& idx = c.plan.account_step_events;
    uint32_t* counters = record + l.counters;
    for (uint32_t i = c.account_slots.first_rare[d.event]; i < idx.offsets[d.event + 1u]; ++i) {
      const uint32_t s = idx.items[i];
      const StepPlan& step = c.plan.account_steps[s];
      if (!in_window(step, signup, d.day)) continue;
      if (add_count(counters[2 * s], d.count, step.min_count)) counters[2 * s + 1] = d.day;
    }
  }

  template <bool kEngagement, bool kAdoption>
  void run(std::span<const DayCount> slice) const {
    const EventInfo* const info = c.info.data();
    const std::size_t stride = l.stride, counters = l.counters;
    const int64_t* const limit = c.account_slots.limit.data();
    const uint64_t* const min_count = c.account_slots.min_count.data();
    const DayCount* steps[kBlock];
    for (std::size_t start = 0; start < slice.size(); start += kBlock) {
      const std::size_t n = first_loop<kEngagement, kAdoption, false, &EventInfo::account_steps>(
          c, l, records, raw, slice.subspan(start, std::min(kBlock, slice.size() - start)), steps);
      for (std::size_t k = 0; k < n; ++k) {
        const DayCount& d = *steps[k];
        const EventInfo& ev = info[d.event];
        uint32_t* record = records + std::size_t{d.entity} * stride;
        const std::size_t s = ev.account_slot;
        count_slot(record + counters + 2 * s, d, static_cast<int32_t>(record[0]), limit[s], min_count[s]);
        if (ev.rare & kMoreAccountSteps) [[unlikely]] more_steps(d, record);
      }
    }
  }
};

// Users: signup, user-step counts, distinct users of account steps, features, raw engagement,
// last active day.
struct UserPass {
  const Context& c;
  Layout l;
  uint32_t* records;
  double* raw;
  std::vector<UserCandidate>* queue;

  // User steps past the event's slot.
  void more_steps(const DayCount& d, uint32_t* record) const {
    const int32_t signup = static_cast<int32_t>(record[0]);
    const EventIndex& idx = c.plan.user_step_events;
    uint32_t* counters = record + l.counters;
    for (uint32_t i = c.user_slots.first_rare[d.event]; i < idx.offsets[d.event + 1u]; ++i) {
      const uint32_t s = idx.items[i];
      const StepPlan& step = c.plan.user_steps[s];
      if (!in_window(step, signup, d.day)) continue;
      if (add_count(counters[2 * s], d.count, step.min_count)) counters[2 * s + 1] = d.day;
    }
  }

  // Account step s not yet settled for this user: the user counts for their home account if the
  // day is in the account's step window. Settled either way (days only grow in the log, so a
  // day past the window stays past it). The account's counters are far away (random access),
  // so the candidate is queued, in log order, and counted after the pass (count_users).
  void settle(const DayCount& d, uint32_t* record, uint32_t s) const {
    record[l.seen + s / 32] |= uint32_t{1} << (s % 32);
    const uint32_t a = record[2];
    if (a != kNoAccount) queue->push_back({a, s, d.day});
  }

  void more_account_steps(const DayCount& d, uint32_t* record) const {
    const EventIndex& idx = c.plan.account_step_events;
    for (uint32_t i = c.account_slots.first_rare[d.event]; i < idx.offsets[d.event + 1u]; ++i) {
      const uint32_t s = idx.items[i];
      if (!((record[l.seen + s / 32] >> (s % 32)) & 1u)) settle(d, record, s);
    }
  }

  template <bool kEngagement, bool kAdoption, bool kActivity>
  void run(std::span<const DayCount> slice) const {
    const EventInfo* const info = c.info.data();
    uint32_t* const base = records;
    const std::size_t stride = l.stride, counters = l.counters, seen = l.seen;
    const int64_t* const limit = c.user_slots.limit.data();
    const uint64_t* const min_count = c.user_slots.min_count.data();
    const DayCount* steps[kBlock];
    for (std::size_t start = 0; start < slice.size(); start += kBlock) {
      const std::size_t n = first_loop<kEngagement, kAdoption, kActivity, &EventInfo::user_steps>(
          c, l, records, raw, slice.subspan(start, std::min(kBlock, slice.size() - start)), steps);
      for (std::size_t k = 0; k < n; ++k) {
        const DayCount& d = *steps[k];
        const EventInfo& ev = info[d.event];
        uint32_t* record = base + std::size_t{d.entity} * stride;
        const std::size_t s = ev.user_slot;
        count_slot(record + counters + 2 * s, d, static_cast<int32_t>(record[0]), limit[s], min_count[s]);
        const uint32_t a = ev.account_slot;
        if (!((record[seen + a / 32] >> (a % 32)) & 1u)) [[unlikely]] settle(d, record, a);
        if (ev.rare & (kMoreUserSteps | kMoreAccountSteps)) [[unlikely]] {
          if (ev.rare & kMoreUserSteps) more_steps(d, record);
          if (ev.rare & kMoreAccountSteps) more_account_steps(d, record);
        }
      }
    }
  }
};

// A range of users' part of the pass holds a few thousand at least: below that, the per-day
// searches and the queues would cost more than the part saves.
constexpr std::size_t kMinUsersPerPart = 4096;

// Calls f(run) for each day of `slice` (day-sorted, entities sorted within a day) with that
// day's entries of entities [lo, hi), in log order: a few binary searches a day.
template <class F>
void for_each_day_of_entities(std::span<const DayCount> slice, uint32_t lo, uint32_t hi, F&& f) {
  auto day_begin = slice.begin();
  while (day_begin != slice.end()) {
    const uint16_t day = day_begin->day;
    const auto day_end = std::partition_point(day_begin, slice.end(), [day](const DayCount& d) { return d.day == day; });
    const auto from = std::partition_point(day_begin, day_end, [lo](const DayCount& d) { return d.entity < lo; });
    const auto to = std::partition_point(from, day_end, [hi](const DayCount& d) { return d.entity < hi; });
    if (from != to) f(std::span<const DayCount>(from, to));
    day_begin = day_end;
  }
}

}  // namespace

void scan_logs(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, Metrics& out, ScanState& state,
               unsigned threads) {
  LevelMetrics& accounts = out.accounts;
  LevelMetrics& users = out.users;
  const std::size_t na = accounts.size, nu = users.size;
  const std::size_t ka = plan.account_steps.size(), ku = plan.user_steps.size();

  const Context c = make_context(plan, as_of);

  // Records (see Layout): counters per step plus the dummy slot.
  const std::size_t account_counters = ka + 1, user_counters = ku + 1;
  const Layout account_layout(c.words, 0, 2 * account_counters);
  const Layout user_layout(c.words, (ka + 1 + 31) / 32, 2 * user_counters);
  // Scratch reused across calls on this thread (no page faults on re-scoring; see docs/metrics.md).
  thread_local std::vector<uint32_t> account_records, user_records;
  account_records.assign(na * account_layout.stride, 0);
  user_records.assign(nu * user_layout.stride, 0);
  uint32_t* const account_base = account_records.data();
  uint32_t* const user_base = user_records.data();
  for (std::size_t a = 0; a < na; ++a) {
    uint32_t* r = account_base + a * account_layout.stride;
    const auto& signup = ag.accounts[a].info.signup_at;
    r[0] = signup ? static_cast<uint32_t>(static_cast<int32_t>(floor_div(*signup, kMsPerDay))) : kNone;
    for (std::size_t s = 0; s < account_counters; ++s) r[account_layout.counters + 2 * s + 1] = kNone;
  }
  const std::size_t dummy = c.account_slots.dummy;
  for (std::size_t u = 0; u < nu; ++u) {
    uint32_t* r = user_base + u * user_layout.stride;
    r[0] = r[1] = kNone;
    r[2] = ag.users[u].account;
    r[user_layout.seen + dummy / 32] |= uint32_t{1} << (dummy % 32);
    for (std::size_t s = 0; s < user_counters; ++s) r[user_layout.counters + 2 * s + 1] = kNone;
  }
  accounts.windows = users.windows = c.windows;
  accounts.raw.assign(na * c.windows, 0.0);
  users.raw.assign(nu * c.windows, 0.0);

  const int64_t engagement_start = int64_t{as_of} - int64_t{plan.history_windows} * plan.window_days + 1;
  const int64_t adoption_start = int64_t{as_of} - plan.adoption_window_days + 1;
  const int64_t activity_start = int64_t{as_of} - 29;

  // The users' pass is the larger (about three times the accounts' at 10M events): on several
  // threads it is cut into ranges of users, each reading its users' entries of every day (the
  // log is sorted by (day, entity, event), so they are one run per day) into its own queue of
  // account-step candidates. A user's entries are read in log order either way, so every sum
  // and count is the same; the queues together are no longer in day order, and
  // count_account_step_users sorts them by day first (the order within a day does not matter).
  const std::size_t user_parts = threads >= 2 && nu >= 2 * kMinUsersPerPart
                                     ? std::min<std::size_t>(3 * std::size_t{threads}, nu / kMinUsersPerPart)
                                     : 1;
  std::vector<std::vector<UserCandidate>> part_queues(user_parts);
  part_queues[0].swap(state.account_step_candidates);  // its capacity, reused across calls
  for (std::vector<UserCandidate>& q : part_queues) q.clear();
  const auto run_users = [&](const UserPass& pass, std::span<const DayCount> slice, int64_t first) {
    const int flags = (first >= engagement_start ? 4 : 0) | (first >= adoption_start ? 2 : 0) |
                      (first >= activity_start ? 1 : 0);
    switch (flags) {
      case 0: pass.run<false, false, false>(slice); break;
      case 1: pass.run<false, false, true>(slice); break;
      case 2: pass.run<false, true, false>(slice); break;
      case 3: pass.run<false, true, true>(slice); break;
      case 4: pass.run<true, false, false>(slice); break;
      case 5: pass.run<true, false, true>(slice); break;
      case 6: pass.run<true, true, false>(slice); break;
      default: pass.run<true, true, true>(slice); break;
    }
  };
  // Job 0 is the accounts' pass (the largest single job once the users' is cut), then the users'
  // parts; they write disjoint state (records, raw scores, queues), so they may run side by side.
  JobErrors errors(1 + user_parts);
  run_on_threads(1 + user_parts, threads, [&](std::size_t job) {
    errors.run(job, [&] {
      if (job > 0) {
        const std::size_t part = job - 1;
        const UserPass user_pass{c, user_layout, user_base, users.raw.data(), &part_queues[part]};
        const auto lo = static_cast<uint32_t>(nu * part / user_parts);
        const auto hi = static_cast<uint32_t>(nu * (part + 1) / user_parts);
        for_segments(ag.user_days, as_of, {engagement_start, adoption_start, activity_start},
                     [&](std::span<const DayCount> slice, int64_t first) {
                       if (user_parts == 1) return run_users(user_pass, slice, first);
                       for_each_day_of_entities(slice, lo, hi,
                                                [&](std::span<const DayCount> run) { run_users(user_pass, run, first); });
                     });
      } else {
        const AccountPass account_pass{c, account_layout, account_base, accounts.raw.data()};
        for_segments(ag.account_days, as_of, {engagement_start, adoption_start}, [&](std::span<const DayCount> slice, int64_t first) {
          const bool eng = first >= engagement_start, adopt = first >= adoption_start;
          if (eng && adopt) account_pass.run<true, true>(slice);
          else if (eng) account_pass.run<true, false>(slice);
          else if (adopt) account_pass.run<false, true>(slice);
          else account_pass.run<false, false>(slice);
        });
      }
    });
  });
  errors.rethrow_first();
  std::vector<UserCandidate>& queue = part_queues[0];
  for (std::size_t part = 1; part < user_parts; ++part) {
    queue.insert(queue.end(), part_queues[part].begin(), part_queues[part].end());
  }
  state.account_step_candidates.swap(queue);

  // The users of account steps are counted from the queue (one part's: in log order, which is
  // day order) by finish_metrics, beside the other families.
  state.account_step_users_pending = true;
  state.candidates_in_day_order = user_parts == 1;

  // Unpack the records into the state the families finish from.
  accounts.signup_day.resize(na);
  state.account_steps.resize(na * ka);
  state.feature_words = c.words;
  state.account_features.resize(na * c.words);
  state.account_features_all_time.resize(na * c.words);
  for (std::size_t a = 0; a < na; ++a) {
    const uint32_t* r = account_base + a * account_layout.stride;
    accounts.signup_day[a] = static_cast<int32_t>(r[0]);
    for (std::size_t i = 0; i < c.words; ++i) {
      state.account_features_all_time[a * c.words + i] = r[account_layout.features + i];
      state.account_features[a * c.words + i] = r[account_layout.window + i];
    }
    for (std::size_t s = 0; s < ka; ++s) {
      const uint32_t* q = r + account_layout.counters + 2 * s;
      state.account_steps[a * ka + s] = {q[0], static_cast<int32_t>(q[1]), 0, kNoDay};
    }
  }
  users.signup_day.resize(nu);
  state.last_active.resize(nu);
  state.user_steps.resize(nu * ku);
  state.user_features.resize(nu * c.words);
  state.user_features_all_time.resize(nu * c.words);
  for (std::size_t u = 0; u < nu; ++u) {
    const uint32_t* r = user_base + u * user_layout.stride;
    users.signup_day[u] = static_cast<int32_t>(r[0]);
    state.last_active[u] = static_cast<int32_t>(r[1]);
    for (std::size_t i = 0; i < c.words; ++i) {
      state.user_features_all_time[u * c.words + i] = r[user_layout.features + i];
      state.user_features[u * c.words + i] = r[user_layout.window + i];
    }
    for (std::size_t s = 0; s < ku; ++s) {
      const uint32_t* q = r + user_layout.counters + 2 * s;
      state.user_steps[u * ku + s] = {q[0], static_cast<int32_t>(q[1])};
    }
  }
}

}  // namespace pqlscope::metrics_detail
