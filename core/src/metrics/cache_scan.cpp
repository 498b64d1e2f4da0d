// The pass of scan.cpp from the per-(entity, event) runs of the cache (metrics_cache.hpp): the
// same state, filled run by run instead of DayCount by DayCount, through the same lowered model
// (scan_context.hpp). Per entity:
// - signup: the accounts file's, else the first day of any run up to as_of;
// - features (all time, in the adoption window) and the last active day: from each run's last
//   day up to as_of;
// - engagement: only the run entries in the history windows, and only of events with an
//   importance: importance x count summed as exact integers (the log pass adds the same exact
//   integers as doubles, whose sums are then exact in any order; see usable());
// - a step's count: each of its runs' cumulative count at the step's last day (the window's end,
//   or as_of), two lookups; the day min_count was reached: the first day the runs' cumulative
//   counts, merged by day, reach it;
// - the distinct users of account steps: each user's first day of the step's events, queued and
//   counted in day order as the log pass does.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "metrics/day_range.hpp"
#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "metrics/scan_context.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"

namespace pqlscope::metrics_detail {
namespace {

// Entries of a run (days sorted) on days <= limit.
inline uint32_t entries_upto(const uint16_t* days, uint32_t n, int64_t limit) {
  if (n == 0 || days[n - 1] <= limit) return n;
  if (days[0] > limit) return 0;
  return static_cast<uint32_t>(std::upper_bound(days, days + n, limit,
                                                [](int64_t v, uint16_t d) { return v < int64_t{d}; }) -
                               days);
}

// A run of a step event of the current entity: where its entries are.
struct StepRun {
  uint32_t step;
  const uint16_t* days;
  const uint32_t* cumulative;
  uint32_t n;
};

// Per step of one entity: the count up to the step's last day and which runs count toward it.
// Kept by the caller across entities; finish_steps leaves it zeroed for the next.
struct StepTotals {
  std::vector<uint64_t> total;     // per step
  std::vector<uint32_t> runs;      // per step: how many of the entity's runs are of its events
  std::vector<uint32_t> last_run;  // per step: the index of its last run in the entity's list
  std::vector<uint32_t> touched;   // the steps with a run, in first-seen order
  std::vector<uint32_t> merging;   // scratch: the runs of one step being merged by day
  std::vector<uint32_t> at;        // scratch: each merged run's next entry
  explicit StepTotals(std::size_t steps) : total(steps, 0), runs(steps, 0), last_run(steps, 0) {}
};

// Counts and count days of one level's steps for one entity, from the runs of their events, in
// the order they were met: each run adds to its step's total, and only a step whose total reaches
// its minimum looks for the day it did (one run: a binary search; more: its runs merged by day).
// (The runs were sorted by step first: a sort of 32-byte records per entity, a fifth of this
// function's samples, round 16.) Writes count, count day per step into `counters`.
void finish_steps(std::vector<StepRun>& runs, const std::vector<StepPlan>& steps, int32_t signup, int32_t as_of,
                  std::vector<uint32_t>& counters, StepTotals& t) {
  for (std::size_t r = 0; r < runs.size(); ++r) {
    StepRun& run = runs[r];
    const StepPlan& step = steps[run.step];
    // in_window: day - signup < window_days, and the log pass reads days <= as_of.
    const int64_t last = step.window_days < 0 ? as_of
                                              : std::min<int64_t>(as_of, int64_t{signup} + step.window_days - 1);
    run.n = entries_upto(run.days, run.n, last);
    if (run.n > 0) t.total[run.step] += run.cumulative[run.n - 1];
    if (t.runs[run.step]++ == 0) t.touched.push_back(run.step);
    t.last_run[run.step] = static_cast<uint32_t>(r);
  }
  for (const uint32_t s : t.touched) {
    const StepPlan& step = steps[s];
    const uint64_t total = t.total[s];
    uint32_t* counter = counters.data() + 2 * std::size_t{s};
    counter[0] = static_cast<uint32_t>(std::min<uint64_t>(total, UINT32_MAX));
    if (total >= step.min_count) {
      if (t.runs[s] == 1) {
        const StepRun& r = runs[t.last_run[s]];
        const uint32_t* hit = std::lower_bound(r.cumulative, r.cumulative + r.n, step.min_count,
                                               [](uint32_t c, uint64_t min) { return c < min; });
        counter[1] = r.days[hit - r.cumulative];
      } else {
        // Merge the step's runs by day until the running count reaches min_count.
        t.merging.clear();
        for (uint32_t r = 0; r <= t.last_run[s]; ++r) {
          if (runs[r].step == s) t.merging.push_back(r);
        }
        t.at.assign(t.merging.size(), 0);
        uint64_t running = 0;
        for (;;) {
          uint32_t day = UINT32_MAX;
          for (std::size_t m = 0; m < t.merging.size(); ++m) {
            const StepRun& r = runs[t.merging[m]];
            if (t.at[m] < r.n) day = std::min<uint32_t>(day, r.days[t.at[m]]);
          }
          for (std::size_t m = 0; m < t.merging.size(); ++m) {
            const StepRun& r = runs[t.merging[m]];
            uint32_t& j = t.at[m];
            if (j < r.n && r.days[j] == day) {
              running += r.cumulative[j] - (j > 0 ? r.cumulative[j - 1] : 0u);
              ++j;
            }
          }
          if (running >= step.min_count) {
            counter[1] = day;
            break;
          }
        }
      }
    }
    t.total[s] = 0;
    t.runs[s] = 0;
  }
  t.touched.clear();
}

// Sizes one level's per-entity outputs, which the ranges then fill slot by slot.
template <bool kUsers>
void prepare_level(const Context& c, LevelMetrics& level, ScanState& state) {
  const std::size_t n = level.size, words = c.words;
  const std::size_t k = kUsers ? c.plan.user_steps.size() : c.plan.account_steps.size();
  level.event_offsets.resize(n + 1);
  level.event_offsets[0] = 0;
  (kUsers ? state.user_features_all_time : state.account_features_all_time).assign(n * words, 0);
  (kUsers ? state.user_features : state.account_features).assign(n * words, 0);
  level.windows = c.windows;
  level.raw.assign(n * c.windows, 0.0);
  level.signup_day.resize(n);
  if constexpr (kUsers) {
    state.user_steps.resize(n * k);
    state.last_active.resize(n);
  } else {
    state.account_steps.resize(n * k);
  }
}

// What a range of entities adds in entity order: the per-event contributions
// (level.event_offsets[i + 1] is then relative to the range's first one) and, for users, the
// account-step candidates.
struct RangeOutput {
  std::vector<EventContribution>* contributions;
  std::vector<UserCandidate>* queue;
};

// One level's pass over entities [first, last). kUsers: users (activity, account-step
// candidates), else accounts. Ranges write disjoint slots of the prepared outputs.
// kStepsOnly: only the steps' counters and the account-step candidates, for a model that changed
// only its checklists (scan_cache_steps); the signup days are the level's, from the last pass.
template <bool kUsers, bool kStepsOnly = false>
void scan_level(const Aggregates& ag, const EntityRuns& log, const Context& c, const EventTables& tables,
                int32_t as_of, std::size_t first, std::size_t last, LevelMetrics& level, ScanState& state,
                RangeOutput range) {
  const ScoringPlan& plan = c.plan;
  const std::size_t words = c.words, windows = c.windows;
  const std::vector<StepPlan>& steps = kUsers ? plan.user_steps : plan.account_steps;
  const EventIndex& step_events = kUsers ? plan.user_step_events : plan.account_step_events;
  const std::size_t k = steps.size(), ka = plan.account_steps.size();
  const int64_t engagement_start = int64_t{as_of} - int64_t{plan.history_windows} * plan.window_days + 1;
  const int64_t adoption_start = int64_t{as_of} - plan.adoption_window_days + 1;
  const int64_t activity_start = int64_t{as_of} - 29;
  const int64_t latest_start = int64_t{as_of} - plan.window_days + 1;
  const std::vector<int64_t>& integer_importance = tables.integer_importance;
  std::vector<EventContribution>& contributions = *range.contributions;
  std::vector<UserCandidate>& queue = *range.queue;
  std::vector<uint32_t>& all_time = kUsers ? state.user_features_all_time : state.account_features_all_time;
  std::vector<uint32_t>& window = kUsers ? state.user_features : state.account_features;
  std::vector<int64_t> sums(windows);
  const uint32_t* const column = c.column.data();  // day offset from as_of -> window
  std::vector<uint32_t> counters(2 * k);
  std::vector<StepRun> step_runs;
  StepTotals step_totals(k);
  std::vector<uint32_t> first_of_account_step(ka, UINT32_MAX);
  std::vector<uint32_t> candidates;  // account steps with a first day for this user

  for (std::size_t i = first; i < last; ++i) {
    const EventRun* const runs = log.runs.data() + log.run_offsets[i];
    const std::size_t run_count = log.run_offsets[i + 1] - log.run_offsets[i];
    uint32_t signup = kNone;
    if constexpr (kStepsOnly) {
      signup = static_cast<uint32_t>(level.signup_day[i]);
    } else {
      if constexpr (!kUsers) {
        const auto& at = ag.accounts[i].info.signup_at;
        if (at) signup = static_cast<uint32_t>(static_cast<int32_t>(floor_div(*at, kMsPerDay)));
      }
      if (signup == kNone) {
        uint32_t first = UINT32_MAX;
        for (std::size_t r = 0; r < run_count; ++r) first = std::min<uint32_t>(first, runs[r].first_day);
        if (int64_t{first} <= as_of) signup = first;
      }
      level.signup_day[i] = static_cast<int32_t>(signup);
    }
    if constexpr (!kStepsOnly) std::fill(sums.begin(), sums.end(), 0);
    step_runs.clear();
    int32_t last_active = kNoDay;
    // A steps-only pass has no feature words (its state's are not sized).
    uint32_t* const all_words = kStepsOnly ? nullptr : all_time.data() + i * words;
    uint32_t* const window_words = kStepsOnly ? nullptr : window.data() + i * words;
    uint64_t entry = log.entry_offsets[i];
    for (std::size_t r = 0; r < run_count; entry += runs[r].days, ++r) {
      const EventRun& run = runs[r];
      if (int64_t{run.first_day} > as_of) continue;
      const uint16_t* days = log.days.data() + entry;
      const uint32_t* cumulative = log.cumulative.data() + entry;
      // The header answers for a run that ends by as_of (all of them when as_of is the last
      // day): its entries are read only for engagement and steps.
      const bool whole = int64_t{run.last_day} <= as_of;
      const uint32_t upto = whole ? run.days : entries_upto(days, run.days, as_of);
      const int64_t last = whole ? int64_t{run.last_day} : int64_t{days[upto - 1]};
      const EventInfo& ev = c.info[run.event];
      if constexpr (!kStepsOnly) {
        const uint32_t* bits = c.feature_bits.data() + std::size_t{run.event} * words;
        const bool in_adoption = last >= adoption_start;
        for (std::size_t w = 0; w < words; ++w) {
          all_words[w] |= bits[w];
          window_words[w] |= in_adoption ? bits[w] : 0u;
        }
        if constexpr (kUsers) {
          if (ev.active && last >= activity_start) last_active = std::max<int32_t>(last_active, static_cast<int32_t>(last));
        }
        const int64_t importance = integer_importance[run.event];
        if (importance != 0 && last >= engagement_start) {
          // The latest window's contribution: its entries are the first this walk back meets.
          int64_t latest = 0;
          bool in_latest = false;
          for (uint32_t j = upto; j-- > 0 && int64_t{days[j]} >= engagement_start;) {
            const uint32_t count = cumulative[j] - (j > 0 ? cumulative[j - 1] : 0u);
            sums[column[static_cast<std::size_t>(as_of - days[j])]] += importance * count;
            if (int64_t{days[j]} >= latest_start) latest += count, in_latest = true;
          }
          if (in_latest) contributions.push_back({run.event, static_cast<double>(importance * latest)});
        }
      }
      if (!(kUsers ? ev.user_steps : ev.account_steps)) continue;  // the common case: no step
      for (uint32_t s = step_events.offsets[run.event]; s < step_events.offsets[run.event + 1u]; ++s) {
        step_runs.push_back({step_events.items[s], days, cumulative, upto});
      }
      if constexpr (kUsers) {
        const EventIndex& idx = plan.account_step_events;
        for (uint32_t s = idx.offsets[run.event]; s < idx.offsets[run.event + 1u]; ++s) {
          uint32_t& first = first_of_account_step[idx.items[s]];
          if (first == UINT32_MAX) candidates.push_back(idx.items[s]);
          first = std::min<uint32_t>(first, run.first_day);
        }
      }
    }
    if constexpr (!kStepsOnly) {
      // As event_contributions (engagement.cpp) orders them; the points are exact integers, so
      // the same doubles as its sums in log order.
      // (event_offsets[first] is the range before's to write: a range starts its list at 0.)
      const std::size_t entity_first = i == first ? 0 : level.event_offsets[i];
      sort_contributions(contributions.data() + entity_first, contributions.data() + contributions.size(), tables);
      level.event_offsets[i + 1] = static_cast<uint32_t>(contributions.size());
      double* raw = level.raw.data() + i * windows;
      for (std::size_t w = 0; w < windows; ++w) raw[w] = static_cast<double>(sums[w]);
      if constexpr (kUsers) state.last_active[i] = last_active;
    }
    for (std::size_t s = 0; s < k; ++s) counters[2 * s] = 0, counters[2 * s + 1] = kNone;
    if (!step_runs.empty()) finish_steps(step_runs, steps, static_cast<int32_t>(signup), as_of, counters, step_totals);
    if constexpr (kUsers) {
      for (std::size_t s = 0; s < k; ++s) {
        state.user_steps[i * k + s] = {counters[2 * s], static_cast<int32_t>(counters[2 * s + 1])};
      }
      const uint32_t home = ag.users[i].account;
      for (const uint32_t s : candidates) {
        if (home != kNoAccount) queue.push_back({home, s, first_of_account_step[s]});
        first_of_account_step[s] = UINT32_MAX;
      }
      candidates.clear();
    } else {
      for (std::size_t s = 0; s < k; ++s) {
        state.account_steps[i * k + s] = {counters[2 * s], static_cast<int32_t>(counters[2 * s + 1]), 0, kNoDay};
      }
    }
  }
}

}  // namespace

bool cache_sums_exact(const ScoringPlan& plan, const EntityRuns& accounts, const EntityRuns& users) {
  if (plan.method == Method::recency_decay || accounts.saturated || users.saturated) return false;
  double largest = 0;
  for (const double importance : plan.importance) {
    if (!std::isfinite(importance) || std::floor(importance) != importance) return false;
    largest = std::max(largest, std::fabs(importance));
  }
  const double bound = largest * static_cast<double>(std::max(accounts.total_count, users.total_count));
  return bound < 9007199254740992.0;  // 2^53
}

EventTables event_tables(const Aggregates& ag, const ScoringPlan& plan) {
  const std::size_t events = plan.importance.size();
  EventTables t;
  t.integer_importance.resize(events);
  for (std::size_t e = 0; e < events; ++e) t.integer_importance[e] = static_cast<int64_t>(plan.importance[e]);
  t.name_rank.resize(events);
  std::vector<uint32_t> by_name(events);
  for (std::size_t e = 0; e < events; ++e) by_name[e] = static_cast<uint32_t>(e);
  std::sort(by_name.begin(), by_name.end(), [&](uint32_t x, uint32_t y) { return ag.event_names[x] < ag.event_names[y]; });
  for (std::size_t r = 0; r < events; ++r) {
    // Equal names (never from ingest, which interns them) share a rank, so they tie as strings do.
    const bool same = r > 0 && ag.event_names[by_name[r]] == ag.event_names[by_name[r - 1]];
    t.name_rank[by_name[r]] = same ? t.name_rank[by_name[r - 1]] : static_cast<uint32_t>(r);
  }
  return t;
}

namespace {

// Both levels' passes, each level in ranges of entities (one range on one thread), the users'
// first (the larger pass starts first). A range's contributions and candidates are appended in
// entity order after all, so the results are one pass's; the first range of a level writes
// straight into the level's own list.
template <bool kStepsOnly>
void scan_levels(const Aggregates& ag, const MetricsCache& cache, const Context& c, const EventTables& tables,
                 int32_t as_of, Metrics& out, ScanState& state, unsigned threads) {
  std::vector<UserCandidate>& queue = state.account_step_candidates;
  queue.clear();
  struct Part {
    bool users;
    bool in_place;  // the level's first range
    std::size_t first, last;
    std::vector<EventContribution> contributions;
    std::vector<UserCandidate> queue;
  };
  const std::size_t parts = threads <= 1 ? 1 : threads;
  std::vector<Part> jobs;
  for (const bool users : {true, false}) {
    const std::size_t n = users ? out.users.size : out.accounts.size;
    for (std::size_t k = 0; k < parts; ++k) jobs.push_back({users, k == 0, n * k / parts, n * (k + 1) / parts, {}, {}});
  }
  JobErrors errors(jobs.size());
  run_on_threads(jobs.size(), threads, [&](std::size_t j) {
    errors.run(j, [&] {
      Part& p = jobs[j];
      LevelMetrics& level = p.users ? out.users : out.accounts;
      const RangeOutput range{p.in_place && !kStepsOnly ? &level.event_contributions : &p.contributions,
                              p.users && p.in_place ? &queue : &p.queue};
      if (p.users) {
        scan_level<true, kStepsOnly>(ag, cache.users(), c, tables, as_of, p.first, p.last, level, state, range);
      } else {
        scan_level<false, kStepsOnly>(ag, cache.accounts(), c, tables, as_of, p.first, p.last, level, state, range);
      }
    });
  });
  errors.rethrow_first();
  for (Part& p : jobs) {
    if (p.in_place) continue;
    LevelMetrics& level = p.users ? out.users : out.accounts;
    if constexpr (!kStepsOnly) {
      const auto base = static_cast<uint32_t>(level.event_contributions.size());
      for (std::size_t i = p.first + 1; i <= p.last; ++i) level.event_offsets[i] += base;
      level.event_contributions.insert(level.event_contributions.end(), p.contributions.begin(), p.contributions.end());
    }
    if (p.users) queue.insert(queue.end(), p.queue.begin(), p.queue.end());
  }
  state.account_step_users_pending = true;
  state.candidates_in_day_order = false;
}

}  // namespace

bool scan_cache(const Aggregates& ag, const MetricsCache& cache, const ScoringPlan& plan, int32_t as_of, Metrics& out,
                ScanState& state, unsigned threads) {
  if (!cache_sums_exact(plan, cache.accounts(), cache.users())) return false;
  const Context c = make_context(plan, as_of);
  state.feature_words = c.words;
  const EventTables tables = event_tables(ag, plan);
  prepare_level<false>(c, out.accounts, state);
  prepare_level<true>(c, out.users, state);
  out.accounts.event_contributions.clear();
  out.users.event_contributions.clear();
  scan_levels<false>(ag, cache, c, tables, as_of, out, state, threads);
  return true;
}

bool scan_cache_steps(const Aggregates& ag, const MetricsCache& cache, const ScoringPlan& plan, int32_t as_of,
                      Metrics& out, ScanState& state, unsigned threads) {
  // The step counts are 32-bit sums of the runs' counts, as the log pass's (saturating) ones are
  // only while no run's total passes 32 bits.
  if (cache.accounts().saturated || cache.users().saturated) return false;
  if (out.accounts.signup_day.size() != out.accounts.size || out.users.signup_day.size() != out.users.size) {
    return false;  // no pass has filled the signup days
  }
  const Context c = make_context(plan, as_of);
  const EventTables tables;  // no engagement is summed
  state.account_steps.resize(out.accounts.size * plan.account_steps.size());
  state.user_steps.resize(out.users.size * plan.user_steps.size());
  scan_levels<true>(ag, cache, c, tables, as_of, out, state, threads);
  return true;
}

}  // namespace pqlscope::metrics_detail
