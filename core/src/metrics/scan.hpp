// Internal to the metrics stage: the single pass over each log (accounts, then users) that
// gathers everything the metric families need, and the state it leaves for them.
//
// Every family reads the same (day, entity, event)-sorted logs, most of them the full history
// up to the as-of day (activation, all-time adoption), so the logs are scanned once: each
// DayCount is dispatched through a per-event table (importance, active flag, step and feature
// bits) to the step counters, feature bitmasks, engagement windows and activity. The log is cut
// into day segments in which the set of windows a day belongs to is constant, and each segment
// runs a loop specialised for that set, so the inner loops test no days.
//
// Per-entity state is entity-major (one entity's steps, windows or feature words are adjacent):
// within a day the log is sorted by entity, so the pass walks every array forwards.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope {
struct Aggregates;
class MetricsCache;
struct EntityRuns;
}

namespace pqlscope::metrics_detail {

struct ScoringPlan;

// 32-bit counts keep the arrays small; they saturate (4e9 events of one step and entity).
struct AccountStepCounter {
  uint32_t count = 0;
  int32_t count_day = kNoDay;  // first day count reached min_count
  uint32_t users = 0;          // distinct home users who did it (in the step window)
  int32_t users_day = kNoDay;  // first day users reached min_users
};

struct UserStepCounter {
  uint32_t count = 0;
  int32_t day = kNoDay;  // first day count reached min_count
};

// A user's first event of an account step (see UserPass::settle).
struct UserCandidate {
  uint32_t account;
  uint32_t step;
  uint32_t day;
};

struct ScanState {
  std::vector<AccountStepCounter> account_steps;  // accounts x account steps
  std::vector<UserStepCounter> user_steps;         // users x user steps
  // Key features used, as bitmasks of feature_words 32-bit words per entity.
  std::size_t feature_words = 1;
  std::vector<uint32_t> account_features, account_features_all_time;
  std::vector<uint32_t> user_features, user_features_all_time;
  std::vector<int32_t> last_active;  // per user: last day with an active event in the 30 days
  // The cache pass leaves the distinct users of account steps to count from these candidates
  // (count_account_step_users): finish_metrics counts them in the activation job, the one that
  // reads them, beside the other families instead of before them all. The rest is its scratch,
  // kept for the next re-score.
  bool account_step_users_pending = false;
  bool candidates_in_day_order = false;  // the log pass queues them so; the cache pass by entity
  std::vector<UserCandidate> account_step_candidates, candidates_by_day;
  std::vector<uint32_t> candidates_per_day, account_step_users;
  std::vector<uint32_t> fewest_step_days;  // per (account, step): its candidates' smallest days
};

// This thread's ScanState, the scratch every metrics computation on it reuses (each call resizes
// and overwrites every field it reads): one per thread, not one per entry point, since each
// holds entities x steps counters and the account steps' candidates.
ScanState& thread_scan_state();

// Fills state.account_steps[].users and users_day from state.account_step_candidates.
void count_account_step_users(const ScoringPlan& plan, const Metrics& out, ScanState& state);

// Fills `state`, the signup days (LevelMetrics::signup_day) and the entity-major raw
// engagement scores (LevelMetrics::raw, windows) of both levels.
// With threads > 1 the accounts' pass and the users' pass run side by side (they write
// disjoint state). The users of account steps are left pending in `state` for finish_metrics
// (count_account_step_users), as the cache pass leaves them.
void scan_logs(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, Metrics& out, ScanState& state,
               unsigned threads = 1);

// The same from the cache (cache_scan.cpp); false, having done nothing, when the cache cannot
// give bit-identical results for this plan (recency decay, non-integer importances, counts
// past 32 bits): then scan_logs is the way. With threads > 1 each level is cut into ranges of
// entities run side by side (the same results).
bool scan_cache(const Aggregates& ag, const MetricsCache& cache, const ScoringPlan& plan, int32_t as_of, Metrics& out,
                ScanState& state, unsigned threads = 1);

// Only the steps' counters of `state` and the account steps' candidates (pending, as above),
// from the cache, for a model whose checklists alone changed since `out` was computed with the
// same as-of day: the levels' signup days are read from `out`, which is not written. False,
// having done nothing, when the cache's 32-bit counts could differ from the log pass's or `out`
// holds no signup days.
bool scan_cache_steps(const Aggregates& ag, const MetricsCache& cache, const ScoringPlan& plan, int32_t as_of,
                      Metrics& out, ScanState& state, unsigned threads = 1);

// Whether the cache's engagement sums (64-bit integers) are the log pass's doubles: no recency
// decay, integer importances, and no partial sum can reach 2^53 (the log pass adds the same
// exact integers as doubles, whose sums are then exact in any order).
bool cache_sums_exact(const ScoringPlan& plan, const EntityRuns& accounts, const EntityRuns& users);

// Per event, for both levels: the importance as the integer it is (cache_sums_exact), and its
// name's rank (ties of contributions are by name; ranks compare the same, without comparing strings).
struct EventTables {
  std::vector<int64_t> integer_importance;
  std::vector<uint32_t> name_rank;
};
EventTables event_tables(const Aggregates& ag, const ScoringPlan& plan);

// Per-entity contributions to the latest window, ordered as event_contributions (engagement.cpp)
// orders them: points descending, then by event name.
inline void sort_contributions(EventContribution* first, EventContribution* last, const EventTables& tables) {
  std::sort(first, last, [&](const EventContribution& x, const EventContribution& y) {
    return x.points != y.points ? x.points > y.points : tables.name_rank[x.event] < tables.name_rank[y.event];
  });
}

// What compute_metrics does around the pass: resets `out` for this call, then finishes every family.
void prepare_metrics(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, Metrics& out);
// The families write disjoint fields of `out`, so with threads > 1 they (and engagement's two
// levels) run side by side, each the same computation as on one thread.
void finish_metrics(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, ScanState& state,
                    bool contributions_done, Metrics& out, unsigned threads = 1);

void finish_activation(const Aggregates& ag, const ScoringPlan& plan, const ScanState& state, Metrics& out);
// contributions_done: the pass already wrote the per-event contributions (scan_cache does).
void finish_engagement(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, bool contributions_done,
                       Metrics& out);
// finish_engagement in parts: one level (accounts, or users), then the users' contributions to
// their accounts (which read only the users' raw scores).
void finish_engagement_level(const Aggregates& ag, const ScoringPlan& plan, int32_t as_of, bool contributions_done,
                             bool users, Metrics& out);
void finish_user_contributions(const Aggregates& ag, Metrics& out);
void finish_adoption(const ScoringPlan& plan, const ScanState& state, Metrics& out);
void finish_activity(const Aggregates& ag, const ScanState& state, int32_t as_of, Metrics& out);

}  // namespace pqlscope::metrics_detail
