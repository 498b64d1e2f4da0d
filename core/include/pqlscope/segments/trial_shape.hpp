// The shape of an account's trial (docs/segments.md, "Personas"): its engagement in the early
// half of the trial against the late half, and the team members it brought in. The personas
// read it: a Fizzler started hot and tailed off, a Golden Lead brings in team members.
#pragma once
#include <cstdint>
#include <vector>

#include "pqlscope/model/model.hpp"

namespace pqlscope {

struct Aggregates;
struct Metrics;
class MetricsCache;

struct TrialShape {
  int32_t days = 0;            // trial days so far: signup .. min(trial end, as-of), inclusive
  bool measured = false;       // days >= personas.shape.min_trial_days: the halves are compared
  int32_t half_days = 0;       // days / 2; each half is this long (an odd middle day is left out)
  double early_raw = 0;        // importance x count over the first half
  double late_raw = 0;         // ... over the last half
  bool tailed_off = false;     // measured, early_raw > 0, late_raw <= fizzler_late_share x early_raw
  uint32_t added_users = 0;    // home users first seen after the account's first day of use,
                               // up to min(trial end, as-of)
  bool has_users = false;      // any home user with an event by the as-of day (without user ids
                               // the data cannot show team members: the Golden Lead rule is skipped)
};

struct AccountFacts;

// The facts of an earlier scoring of the same aggregates, with the model they were scored with:
// a re-score whose trials and importances are those takes their halves as they are.
struct EarlierFacts {
  const std::vector<AccountFacts>& facts;
  const Model& model;
};

// One per account (indexed like Aggregates::accounts); `signup` and `trial_end` are the
// accounts' days (AccountFacts), kNoDay for an account that does not exist. The halves' raw
// engagement is read from the account log, or, with a `cache` built from `aggregates`, from its
// per-(account, event) cumulative counts: four lookups per run instead of a read of the whole
// log (7.5M DayCounts at 10M events), with the same doubles (the sums are exact integers; the
// log is read when they might not be).
// With `earlier` facts whose model gives every event the same importance and whose accounts'
// trials are these (the same signup day, days and measured flag), the halves are copied from
// them instead: the same doubles, since the halves are functions of those alone. A session's
// cheap re-score paths (a PQL threshold, a checklist edit) keep the trials; at 10M events the
// lookups are about 9 ms, a third of the segments stage.
std::vector<TrialShape> compute_trial_shapes(const Aggregates& aggregates, const Model& model,
                                             const Metrics& metrics, const std::vector<int32_t>& signup,
                                             const std::vector<int32_t>& trial_end,
                                             const MetricsCache* cache = nullptr,
                                             const EarlierFacts* earlier = nullptr);

// The counts behind the trial halves of a set of facts (compute_account_facts), importance not
// applied: each measured account's events in its early and late half. A model that changed only
// its importances (engagement_counts.hpp) gets its halves from these: two multiplications per
// (account, event) instead of the lookups in the cache. Built from a cache (metrics_cache.hpp).
struct TrialHalfCounts {
  struct Item {
    uint16_t event;
    uint32_t early;
    uint32_t late;
  };
  // The trial each account's counts are of (its facts' signup day and shape).
  struct Span {
    int32_t signup_day;
    int32_t days;
    int32_t half_days;
    bool measured;
    bool operator==(const Span&) const = default;
  };
  std::vector<uint32_t> offsets;  // accounts + 1: account a's items are [offsets[a], offsets[a + 1])
  std::vector<Item> items;
  std::vector<Span> spans;        // per account
  uint64_t total_count = 0;       // of the account log (bounds the sums: see reshape_trials)
};
// Empty (which reshape_trials refuses) when the facts are not one per account of the cache.
TrialHalfCounts trial_half_counts(const MetricsCache& cache, const std::vector<AccountFacts>& facts);

// Facts of one model re-shaped for another that differs only in its importances: each measured
// trial's halves summed again from `counts`, and tailed_off and the priority from them and
// `metrics` (the other model's). The same doubles compute_account_facts gives. False, having
// changed nothing, when the counts are of other trials than these facts' (another trial length
// or minimum, as-of day or signup), or a sum might not be exact (an importance times the log's
// total count past 2^53).
bool reshape_trials(const Aggregates& aggregates, const TrialHalfCounts& counts, const Model& model,
                    const Metrics& metrics, std::vector<AccountFacts>& facts);

// Whether a trial tailed off: measured, and its late half's raw engagement at most
// fizzler_late_share of its early half's (docs/segments.md, "Personas").
inline bool tails_off(const TrialShapeModel& m, const TrialShape& s) {
  return s.measured && m.fizzler_late_share > 0 && s.early_raw > 0 && s.late_raw <= m.fizzler_late_share * s.early_raw;
}

// The priority of one account (docs/segments.md, "Priority"), 0..100: the weighted mean of
// activation (n/a = 0), engagement, trend mapped to 0..100 (50 + trend / 2, clamped; n/a = 50)
// and deal size (small 0, mid 50, large 100), with the model's `priority` weights.
double priority_of(const PriorityWeights& weights, double activation, double engagement, double trend,
                   DealSize size);

}  // namespace pqlscope
