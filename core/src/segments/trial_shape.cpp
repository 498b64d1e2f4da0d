// The trial's shape (early vs late half engagement, users added) and the account priority.
#include "pqlscope/segments/trial_shape.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {

std::vector<TrialShape> compute_trial_shapes(const Aggregates& aggregates, const Model& model,
                                             const Metrics& metrics, const std::vector<int32_t>& signup,
                                             const std::vector<int32_t>& trial_end) {
  const std::size_t n = aggregates.accounts.size();
  const int32_t as_of = metrics.as_of_day;
  const TrialShapeModel& m = model.personas.shape;
  std::vector<TrialShape> out(n);
  std::vector<int32_t> last(n, kNoDay);  // the trial's last day counted so far
  int32_t first_needed = as_of + 1;
  for (std::size_t a = 0; a < n; ++a) {
    if (signup[a] == kNoDay || signup[a] > as_of) continue;
    const int32_t end = trial_end[a] == kNoDay ? as_of : std::min(trial_end[a], as_of);
    if (end < signup[a]) continue;
    TrialShape& s = out[a];
    last[a] = end;
    s.days = end - signup[a] + 1;
    s.half_days = s.days / 2;
    s.measured = s.days >= m.min_trial_days;
    if (s.measured) first_needed = std::min(first_needed, signup[a]);
  }

  // Raw engagement per half: the importance the model gives each event (decay is a matter of
  // normalisation, not of the trial's shape).
  std::vector<int> importance(aggregates.event_names.size());
  for (std::size_t e = 0; e < importance.size(); ++e) importance[e] = importance_of(model.engagement, aggregates.event_names[e]);
  const DayLog& log = aggregates.account_days;
  const auto begin = std::partition_point(log.begin(), log.end(), [&](const DayCount& d) { return d.day < first_needed; });
  const auto stop = std::partition_point(log.begin(), log.end(), [&](const DayCount& d) { return d.day <= as_of; });
  if (begin < stop) {
    log.for_each_span(begin.index(), stop.index(), [&](std::span<const DayCount> span) {
      for (const DayCount& d : span) {
        if (d.entity >= n || !out[d.entity].measured) continue;
        TrialShape& s = out[d.entity];
        const int32_t day = d.day;
        const double points = static_cast<double>(importance[d.event]) * d.count;
        if (day >= signup[d.entity] && day < signup[d.entity] + s.half_days) s.early_raw += points;
        else if (day > last[d.entity] - s.half_days && day <= last[d.entity]) s.late_raw += points;
      }
    });
  }
  for (TrialShape& s : out) {
    s.tailed_off = s.measured && m.fizzler_late_share > 0 && s.early_raw > 0 &&
                   s.late_raw <= m.fizzler_late_share * s.early_raw;
  }

  // Users added: home users whose first day is after the account's first day of use.
  std::vector<int32_t> first_use(n, kNoDay);
  const std::vector<int32_t>& user_first = metrics.users.signup_day;
  for (std::size_t u = 0; u < aggregates.users.size() && u < user_first.size(); ++u) {
    const uint32_t a = aggregates.users[u].account;
    if (a >= n || user_first[u] == kNoDay) continue;
    if (first_use[a] == kNoDay || user_first[u] < first_use[a]) first_use[a] = user_first[u];
    out[a].has_users = true;
  }
  for (std::size_t u = 0; u < aggregates.users.size() && u < user_first.size(); ++u) {
    const uint32_t a = aggregates.users[u].account;
    if (a >= n || user_first[u] == kNoDay || last[a] == kNoDay) continue;
    if (user_first[u] > first_use[a] && user_first[u] <= last[a]) out[a].added_users += 1;
  }
  return out;
}

double priority_of(const PriorityWeights& w, double activation, double engagement, double trend, DealSize size) {
  const double a = std::isnan(activation) ? 0.0 : activation;
  const double e = std::isnan(engagement) ? 0.0 : engagement;
  const double t = std::isnan(trend) ? 50.0 : std::clamp(50.0 + trend / 2.0, 0.0, 100.0);
  const double d = size == DealSize::large ? 100.0 : size == DealSize::mid ? 50.0 : 0.0;
  const double total = w.activation + w.engagement + w.trend + w.deal_size;
  if (!(total > 0)) return 0;
  return (w.activation * a + w.engagement * e + w.trend * t + w.deal_size * d) / total;
}

}  // namespace pqlscope
