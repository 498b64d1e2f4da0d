#include "pqlscope/segments/account_facts.hpp"

#include <algorithm>
#include <limits>
#include <span>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {
namespace {

// Accounts with an event on or before the as-of day, for the accounts whose recorded signup is
// after it (an accounts file exported later than the events, or events before the recorded
// signup): they exist that day too. The log is day-sorted, so the days up to as-of are a prefix;
// it is read only when some account needs it.
// With a cache, only those accounts' runs are looked at (a run's first day), not the log.
std::vector<uint8_t> had_event_by(const Aggregates& aggregates, const std::vector<AccountFacts>& facts,
                                  int32_t as_of, const MetricsCache* cache) {
  std::vector<uint8_t> had(facts.size(), 0);
  // Only a recorded signup can be after an event: without one the signup day is the first event
  // day up to as-of (kNoDay: no event by then; days are >= 0), so such an account has no event
  // to find. The scoring one window earlier (the alerts' baseline) has many accounts that do
  // not exist yet, none of them for this reason unless an accounts file says so.
  const auto recorded_later = [&](std::size_t a) {
    return !facts[a].exists && a < aggregates.accounts.size() && aggregates.accounts[a].info.signup_at.has_value();
  };
  bool needed = false;
  for (std::size_t a = 0; a < facts.size() && !needed; ++a) needed = recorded_later(a);
  if (!needed) return had;
  if (cache != nullptr && cache->built_from(aggregates)) {
    const EntityRuns& runs = cache->accounts();
    for (std::size_t a = 0; a < facts.size() && a + 1 < runs.run_offsets.size(); ++a) {
      if (facts[a].exists) continue;
      for (uint64_t r = runs.run_offsets[a]; r < runs.run_offsets[a + 1] && !had[a]; ++r) {
        had[a] = int32_t{runs.runs[r].first_day} <= as_of ? 1 : 0;
      }
    }
    return had;
  }
  const DayLog& log = aggregates.account_days;
  const auto end = std::partition_point(log.begin(), log.end(), [as_of](const DayCount& d) { return d.day <= as_of; });
  log.for_each_span(0, end.index(), [&](std::span<const DayCount> span) {
    for (const DayCount& d : span) {
      if (d.entity < had.size()) had[d.entity] = 1;
    }
  });
  return had;
}

}  // namespace

std::vector<AccountFacts> compute_account_facts(const Aggregates& aggregates, const Model& model,
                                                const Metrics& metrics, const MetricsCache* cache,
                                                const EarlierFacts* earlier) {
  const std::size_t n = aggregates.accounts.size();
  const int32_t as_of = metrics.as_of_day;
  std::vector<AccountFacts> out(n);
  std::vector<int32_t> signup(n, kNoDay), trial_end(n, kNoDay);
  for (std::size_t a = 0; a < n; ++a) {
    const AccountInfo& info = aggregates.accounts[a].info;
    AccountFacts& f = out[a];
    f.signup_day = a < metrics.accounts.signup_day.size() ? metrics.accounts.signup_day[a] : kNoDay;
    f.exists = f.signup_day != kNoDay && f.signup_day <= as_of;
    f.stage = stage_at(info, as_of);
    f.trial_end_day = trial_end_day(info, f.signup_day, model.segments.trial);
    f.converted_day = converted_day_at(info, as_of);
    f.deal_size = deal_size_of(info, model.deal_size);
    f.deal_value = deal_value_of(info, f.deal_size.size, model.deal_size);
    const double activation = a < metrics.accounts.activation_rate.size()
                                  ? metrics.accounts.activation_rate[a]
                                  : std::numeric_limits<double>::quiet_NaN();
    f.pql = evaluate_pql(activation, f.deal_size.size, info, model.deal_size);
    f.fit = evaluate_fit(info, model.segments.product_led.fit);
    signup[a] = f.signup_day;
    trial_end[a] = f.trial_end_day;
  }
  const std::vector<uint8_t> had_event = had_event_by(aggregates, out, as_of, cache);
  for (std::size_t a = 0; a < n; ++a) out[a].exists = out[a].exists || had_event[a] != 0;
  std::vector<CommunicationMetrics> comm = compute_communication(aggregates, model, as_of, signup, trial_end);
  const std::vector<uint32_t> used = enterprise_features_used(aggregates, model, as_of);
  const std::size_t k = model.segments.product_led.enterprise_features.size();
  for (std::size_t a = 0; a < n; ++a) {
    out[a].communication = comm[a];
    out[a].enterprise_features_used = used[a];
    out[a].enterprise_feature_adoption =
        k == 0 ? std::numeric_limits<double>::quiet_NaN() : 100.0 * used[a] / static_cast<double>(k);
  }
  std::vector<TrialShape> shapes = compute_trial_shapes(aggregates, model, metrics, signup, trial_end, cache, earlier);
  for (std::size_t a = 0; a < n; ++a) {
    out[a].shape = shapes[a];
    out[a].priority = account_priority(model, metrics, a, out[a]);
  }
  return out;
}

double account_priority(const Model& model, const Metrics& metrics, std::size_t a, const AccountFacts& f) {
  if (!f.exists || a >= metrics.accounts.trend.size()) return 0;
  return priority_of(model.priority, metrics.accounts.activation_rate[a], metrics.accounts.latest_score(a),
                     metrics.accounts.trend[a], f.deal_size.size);
}

}  // namespace pqlscope
