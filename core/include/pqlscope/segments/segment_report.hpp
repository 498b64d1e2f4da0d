// The segments stage (docs/scoring.md §3, §4): everything computed after the metrics.
//
//   Metrics metrics = compute_metrics(aggregates, model, as_of);
//   SegmentReport report = compute_segments(aggregates, model, metrics);
//
// Segment order and ids (all always present, possibly empty):
//   sales:            new_trials, pql, red_hot, soon_to_expire,
//                     not_converted_<B> for each bucket B of not_converted_buckets_days
//   product_led:      top_accounts, ready_for_enterprise, enterprise_low_seats,
//                     enterprise_low_features, opportunistic, dead_zone
//   customer_success: onboarding, at_risk, expansion
//   signals:          invite_burst (group sales)
//   user segments:    power_users, problem_users, invite_bursts, champions
// Rules and defaults: docs/segments.md.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "pqlscope/segments/account_facts.hpp"
#include "pqlscope/segments/personas.hpp"
#include "pqlscope/segments/segment.hpp"

namespace pqlscope {

struct Aggregates;
struct Metrics;
class MetricsCache;
struct Model;

struct SegmentReport {
  int32_t as_of_day = 0;
  std::vector<AccountFacts> accounts;       // indexed like Aggregates::accounts
  std::vector<Segment> segments;            // in the order above
  std::vector<UserSegment> user_segments;
  PersonaReport personas;                   // trial accounts' personas and the forecast

  const Segment* find(std::string_view id) const;
  const UserSegment* find_user_segment(std::string_view id) const;
  // Ids of the segments one account is in, in segment order. Scans every segment: for all
  // accounts at once (the CSV export's segment tags) use memberships().
  std::vector<std::string_view> tags_of(uint32_t account) const;
  // Per account (indexed like Aggregates::accounts), the indices into `segments` of the
  // segments it is in, ascending. One pass over all members.
  std::vector<std::vector<uint16_t>> memberships() const;
};

// With a MetricsCache built from `aggregates` (metrics_cache.hpp), the facts that would read the
// whole account log (the trial shapes) are read from it instead: the same results, bit for bit.
// Natively the rule families and the personas run side by side on `threads` > 1 (the same
// results on any number). `earlier` facts (a session's last scoring) spare the trial shapes'
// sums where they hold the same trials (compute_trial_shapes).
SegmentReport compute_segments(const Aggregates& aggregates, const Model& model,
                               const Metrics& metrics, const MetricsCache* cache = nullptr, unsigned threads = 1,
                               const EarlierFacts* earlier = nullptr);

// compute_segments from the accounts' facts of these metrics (compute_account_facts, or facts
// re-shaped for a model that changed only its importances: trial_shape.hpp).
SegmentReport compute_segments_from_facts(const Aggregates& aggregates, const Model& model, const Metrics& metrics,
                                          std::vector<AccountFacts> facts, unsigned threads = 1);

// Convenience: compute_metrics at as_of_day, then compute_segments.
SegmentReport compute_segments_as_of(const Aggregates& aggregates, const Model& model,
                                     int32_t as_of_day);

}  // namespace pqlscope
