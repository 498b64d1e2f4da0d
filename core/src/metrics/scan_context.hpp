// Internal to the metrics stage: the model lowered for the per-DayCount loops (per-event
// table, step slots, engagement columns), shared by the pass over the logs (scan.cpp) and the
// pass over the cache (cache_scan.cpp), so both apply the same rules.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope::metrics_detail {

constexpr uint32_t kNone = static_cast<uint32_t>(kNoDay);

// Rare per-event cases, handled off the hot path.
constexpr uint8_t kMoreUserSteps = 1;     // user steps past the event's slot
constexpr uint8_t kMoreAccountSteps = 2;  // account steps past the event's slot
constexpr uint8_t kMoreFeatures = 4;      // key features past the first 32

// What one event name does, looked up once per DayCount.
struct EventInfo {
  double importance = 0;
  uint32_t features = 0;     // bits of the first 32 key features
  uint8_t user_slot = 0;     // first user step of the event; the dummy slot when none
  uint8_t account_slot = 0;  // first account step; the dummy slot when none
  uint8_t rare = 0;
  uint8_t active = 0;        // counts as active (activity)
  uint8_t account_steps = 0; // 1 when the event counts toward an account step
  uint8_t user_steps = 0;    // 1 when it counts toward a user step or an account step's users
};

// Steps lowered for the loops: per slot (steps, then the dummy slot).
struct Slots {
  std::size_t count = 0;            // steps
  std::size_t dummy = 0;            // the dummy slot's index (== count when count < 255)
  std::vector<int64_t> limit;       // days after signup: window_days, or "no window"
  std::vector<uint64_t> min_count;  // dummy: never reached
  std::vector<uint32_t> min_users;
  std::vector<uint32_t> first_rare; // per event: index in the EventIndex items where the
                                    // rare path starts (1 past the slot, or 0)

  void build(const std::vector<StepPlan>& steps, const EventIndex& index, std::size_t events) {
    count = steps.size();
    dummy = std::min<std::size_t>(count, 255);
    limit.assign(dummy + 1, std::numeric_limits<int64_t>::max());
    min_count.assign(dummy + 1, std::numeric_limits<uint64_t>::max());
    min_users.assign(dummy + 1, std::numeric_limits<uint32_t>::max());
    for (std::size_t s = 0; s < dummy; ++s) {
      if (steps[s].window_days >= 0) limit[s] = steps[s].window_days;
      min_count[s] = steps[s].min_count;
      min_users[s] = steps[s].min_users;
    }
    first_rare.assign(events, 0);
    for (std::size_t e = 0; e < events; ++e) first_rare[e] = index.offsets[e];
  }
  // The slot of an event (updates first_rare to skip it).
  uint8_t slot_of(const EventIndex& index, std::size_t e) {
    if (index.offsets[e] == index.offsets[e + 1] || index.items[index.offsets[e]] >= dummy) {
      return static_cast<uint8_t>(dummy);
    }
    first_rare[e] = index.offsets[e] + 1;
    return static_cast<uint8_t>(index.items[index.offsets[e]]);
  }
};

inline bool in_window(const StepPlan& step, int32_t signup, int32_t day) {
  return step.window_days < 0 || day - signup < step.window_days;
}

// Adds a DayCount to a running count; returns whether it reached `min` now.
inline bool add_count(uint32_t& count, uint32_t n, uint64_t min) {
  const uint64_t before = count;
  const uint64_t after = before + n;
  count = static_cast<uint32_t>(std::min<uint64_t>(after, UINT32_MAX));
  return before < min && after >= min;
}

// Shared, read-only inputs of the loops.
struct Context {
  const ScoringPlan& plan;
  int32_t as_of;
  std::vector<EventInfo> info;         // per event
  std::size_t words = 1;               // 32-bit feature words per entity and period
  std::vector<uint32_t> feature_bits;  // event x words
  Slots account_slots, user_slots;
  // Engagement: per age (as_of - day) in the history span, its window and weight factor.
  std::size_t windows = 1;
  std::vector<uint32_t> column;
  std::vector<double> factor;
};

// One slot's count, branch-free: counter[0] count, counter[1] the day it reached min_count.
inline void count_slot(uint32_t* counter, const DayCount& d, int32_t signup, int64_t limit, uint64_t min) {
  const bool in = int64_t{d.day} - signup < limit;
  const uint64_t before = counter[0];
  const uint64_t after = before + (in ? d.count : 0u);
  counter[0] = static_cast<uint32_t>(std::min<uint64_t>(after, UINT32_MAX));
  const bool reached = before < min && after >= min;
  counter[1] = reached ? uint32_t{d.day} : counter[1];
}


// Whether a queued candidate counts toward its account step: its day is in the step's window
// from the account's signup (an account without one: from that day).
inline bool candidate_counts(const UserCandidate& q, const ScoringPlan& plan, const std::vector<int32_t>& signup) {
  const int32_t day = static_cast<int32_t>(q.day);
  const int32_t start = signup[q.account] == kNoDay ? day : signup[q.account];
  return in_window(plan.account_steps[q.step], start, day);
}

// Distinct users of account steps, from the queued candidates in log order: a candidate counts
// when candidate_counts; users_day is the first day the number of users reached min_users.
// `counters` is accounts x steps x (users, users day).
inline void count_users(const std::vector<UserCandidate>& queue, const ScoringPlan& plan, const std::vector<int32_t>& signup,
                 std::size_t steps, std::vector<uint32_t>& counters) {
  for (const UserCandidate& q : queue) {
    if (!candidate_counts(q, plan, signup)) continue;
    const StepPlan& step = plan.account_steps[q.step];
    uint32_t* counter = counters.data() + 2 * (std::size_t{q.account} * steps + q.step);
    ++counter[0];
    if (counter[1] == kNone && counter[0] >= step.min_users) counter[1] = q.day;
  }
}

// The first loop over a block, the same for both levels: signup day, features (all time and in
// the adoption window), raw engagement and, for users, the last active day. Collects the
// entries whose event has steps at this level (EventInfo::*kHasSteps is 0 or 1, so no branch)

// The plan lowered for the loops at this as-of day.
inline Context make_context(const ScoringPlan& plan, int32_t as_of) {
  const std::size_t events = plan.importance.size();
  Context c{plan, as_of, {}, 1, {}, {}, {}, 1, {}, {}};
  c.account_slots.build(plan.account_steps, plan.account_step_events, events);
  c.user_slots.build(plan.user_steps, plan.user_step_events, events);
  c.words = std::max<std::size_t>(1, (plan.feature_count + 31) / 32);
  c.feature_bits.assign(events * c.words, 0);
  c.info.resize(events);
  for (std::size_t e = 0; e < events; ++e) {
    EventInfo& info = c.info[e];
    info.importance = plan.importance[e];
    info.active = plan.active[e];
    info.user_slot = c.user_slots.slot_of(plan.user_step_events, e);
    info.account_slot = c.account_slots.slot_of(plan.account_step_events, e);
    if (c.user_slots.first_rare[e] < plan.user_step_events.offsets[e + 1]) info.rare |= kMoreUserSteps;
    if (c.account_slots.first_rare[e] < plan.account_step_events.offsets[e + 1]) info.rare |= kMoreAccountSteps;
    for (uint32_t i = plan.feature_events.offsets[e]; i < plan.feature_events.offsets[e + 1]; ++i) {
      const uint32_t f = plan.feature_events.items[i];
      c.feature_bits[e * c.words + f / 32] |= uint32_t{1} << (f % 32);
      if (f >= 32) info.rare |= kMoreFeatures;
    }
    info.features = c.feature_bits[e * c.words];
    const bool account_step = plan.account_step_events.any(static_cast<uint16_t>(e));
    info.account_steps = account_step ? 1 : 0;
    info.user_steps = account_step || plan.user_step_events.any(static_cast<uint16_t>(e)) ? 1 : 0;
  }
  const int64_t w = plan.window_days;
  const int64_t h = plan.history_windows;
  const bool decay = plan.method == Method::recency_decay;
  const auto span = static_cast<std::size_t>(h * w);
  c.windows = static_cast<std::size_t>(h);
  c.column.resize(span);
  c.factor.assign(span, 1.0);
  for (std::size_t age = 0; age < span; ++age) {
    const int64_t back = static_cast<int64_t>(age) / w;  // 0 = latest window
    c.column[age] = static_cast<uint32_t>(h - 1 - back);
    if (decay) {
      const double since_end = static_cast<double>(static_cast<int64_t>(age) - back * w);
      c.factor[age] = std::max(0.0, 1.0 - since_end / plan.lifespan_days);
    }
  }
  return c;
}

}  // namespace pqlscope::metrics_detail
