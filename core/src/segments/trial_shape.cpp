// The trial's shape (early vs late half engagement, users added) and the account priority.
#include "pqlscope/segments/trial_shape.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/model/model.hpp"
#include "pqlscope/segments/account_facts.hpp"

namespace pqlscope {

namespace {

// Adds importance x count of the account log's DayCounts on days first_needed .. as_of to the
// early or late half of their measured account.
void halves_from_log(const DayLog& log, const std::vector<int>& importance, const std::vector<int32_t>& signup,
                     const std::vector<int32_t>& last, int32_t first_needed, int32_t as_of,
                     std::vector<TrialShape>& out) {
  const std::size_t n = out.size();
  const auto begin = std::partition_point(log.begin(), log.end(), [&](const DayCount& d) { return d.day < first_needed; });
  const auto stop = std::partition_point(log.begin(), log.end(), [&](const DayCount& d) { return d.day <= as_of; });
  if (begin >= stop) return;
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

// Trials spanning fewer days than this are summed by walking their entries, longer ones by lookups.
constexpr int64_t kWalkDays = 64;

// Entries of a run (days sorted) on days <= day.
inline uint32_t entries_upto(const uint16_t* days, uint32_t n, int64_t day) {
  if (n == 0 || int64_t{days[0]} > day) return 0;
  if (int64_t{days[n - 1]} <= day) return n;
  return static_cast<uint32_t>(
      std::upper_bound(days, days + n, day, [](int64_t v, uint16_t d) { return v < int64_t{d}; }) - days);
}

// A run's cumulative count up to and including `day` (0 before its first entry).
inline uint64_t count_upto(const uint16_t* days, const uint32_t* cumulative, uint32_t n, int64_t day) {
  const uint32_t upto = entries_upto(days, n, day);
  return upto == 0 ? 0 : cumulative[upto - 1];
}

// The same sums from the cache's runs: per run, importance x (the count of each half, by two
// lookups). The log pass adds integer-valued doubles; whenever no partial sum can reach 2^53 they
// are exact, so any order of adding gives the same double. Otherwise (or with saturated
// counts) returns false and the log is read.
bool halves_from_cache(const EntityRuns& runs, const std::vector<int>& importance, const std::vector<int32_t>& signup,
                       const std::vector<int32_t>& last, std::vector<TrialShape>& out) {
  if (runs.saturated || runs.run_offsets.size() != out.size() + 1) return false;
  double largest = 0;
  for (const int i : importance) largest = std::max(largest, std::fabs(static_cast<double>(i)));
  if (largest * static_cast<double>(runs.total_count) >= 9007199254740992.0) return false;  // 2^53
  for (std::size_t a = 0; a < out.size(); ++a) {
    TrialShape& s = out[a];
    if (!s.measured || s.half_days <= 0) continue;
    const int64_t early_first = signup[a], early_last = int64_t{signup[a]} + s.half_days - 1;
    const int64_t late_first = int64_t{last[a]} - s.half_days + 1, late_last = last[a];
    int64_t early = 0, late = 0;
    uint64_t entry = runs.entry_offsets[a];
    for (uint64_t r = runs.run_offsets[a]; r < runs.run_offsets[a + 1]; entry += runs.runs[r].days, ++r) {
      const EventRun& run = runs.runs[r];
      const int points = run.event < importance.size() ? importance[run.event] : 0;
      if (points == 0 || int64_t{run.first_day} > late_last || int64_t{run.last_day} < early_first) continue;
      const uint16_t* days = runs.days.data() + entry;
      const uint32_t* cumulative = runs.cumulative.data() + entry;
      if (late_last - early_first < kWalkDays) {
        // A short trial: walk its entries from the run's start (the trial is where the run
        // begins, usually), cheaper than three binary searches.
        uint32_t j = int64_t{days[0]} >= early_first ? 0 : static_cast<uint32_t>(entries_upto(days, run.days, early_first - 1));
        int64_t early_count = 0, late_count = 0;
        for (; j < run.days && int64_t{days[j]} <= late_last; ++j) {
          const int64_t count = cumulative[j] - (j > 0 ? cumulative[j - 1] : 0u);
          if (int64_t{days[j]} <= early_last) early_count += count;
          else if (int64_t{days[j]} >= late_first) late_count += count;
        }
        early += points * early_count;
        late += points * late_count;
        continue;
      }
      const auto in = [&](int64_t first, int64_t final_day) {
        return static_cast<int64_t>(count_upto(days, cumulative, run.days, final_day) -
                                    count_upto(days, cumulative, run.days, first - 1));
      };
      early += points * in(early_first, early_last);
      late += points * in(late_first, late_last);
    }
    s.early_raw = static_cast<double>(early);
    s.late_raw = static_cast<double>(late);
  }
  return true;
}

// Each event's importance under `model` (the halves' weights).
std::vector<int> importances_of(const Aggregates& aggregates, const Model& model) {
  std::vector<int> importance(aggregates.event_names.size());
  for (std::size_t e = 0; e < importance.size(); ++e) importance[e] = importance_of(model.engagement, aggregates.event_names[e]);
  return importance;
}

// The halves of `earlier`'s trials, when every account's trial is the same one (signup day,
// days, hence the last day, and measured) and every event weighs the same; false, having
// changed nothing, otherwise.
bool halves_from_earlier(const Aggregates& aggregates, const EarlierFacts& earlier, const std::vector<int>& importance,
                         const std::vector<int32_t>& signup, std::vector<TrialShape>& out) {
  if (earlier.facts.size() != out.size() || importances_of(aggregates, earlier.model) != importance) return false;
  for (std::size_t a = 0; a < out.size(); ++a) {
    const AccountFacts& before = earlier.facts[a];
    if (before.signup_day != signup[a] || before.shape.days != out[a].days || before.shape.measured != out[a].measured) {
      return false;
    }
  }
  for (std::size_t a = 0; a < out.size(); ++a) {
    out[a].early_raw = earlier.facts[a].shape.early_raw;
    out[a].late_raw = earlier.facts[a].shape.late_raw;
  }
  return true;
}

}  // namespace

std::vector<TrialShape> compute_trial_shapes(const Aggregates& aggregates, const Model& model,
                                             const Metrics& metrics, const std::vector<int32_t>& signup,
                                             const std::vector<int32_t>& trial_end, const MetricsCache* cache,
                                             const EarlierFacts* earlier) {
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
  const std::vector<int> importance = importances_of(aggregates, model);
  const bool done = (earlier != nullptr && halves_from_earlier(aggregates, *earlier, importance, signup, out)) ||
                    (cache != nullptr && cache->built_from(aggregates) &&
                     halves_from_cache(cache->accounts(), importance, signup, last, out));
  if (!done) halves_from_log(aggregates.account_days, importance, signup, last, first_needed, as_of, out);
  for (TrialShape& s : out) s.tailed_off = tails_off(m, s);

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

TrialHalfCounts trial_half_counts(const MetricsCache& cache, const std::vector<AccountFacts>& facts) {
  const EntityRuns& runs = cache.accounts();
  TrialHalfCounts out;
  if (runs.run_offsets.size() != facts.size() + 1) return out;
  out.total_count = runs.total_count;
  out.offsets.assign(facts.size() + 1, 0);
  out.spans.reserve(facts.size());
  for (std::size_t a = 0; a < facts.size(); ++a) {
    const TrialShape& s = facts[a].shape;
    out.spans.push_back({facts[a].signup_day, s.days, s.half_days, s.measured});
    if (s.measured && s.half_days > 0) {
      // The halves compute_trial_shapes summed: from the signup day, and back from its last day.
      const int64_t early_first = facts[a].signup_day, early_last = early_first + s.half_days - 1;
      const int64_t late_last = early_first + s.days - 1, late_first = late_last - s.half_days + 1;
      for_each_run_within(runs, a, early_first, late_last,
                          [&](const EventRun& run, const uint16_t* days, const uint32_t* cumulative) {
                            const auto in = [&](int64_t first, int64_t final_day) {
                              return static_cast<uint32_t>(count_upto(days, cumulative, run.days, final_day) -
                                                           count_upto(days, cumulative, run.days, first - 1));
                            };
                            const uint32_t early = in(early_first, early_last), late = in(late_first, late_last);
                            if (early != 0 || late != 0) out.items.push_back({run.event, early, late});
                          });
    }
    out.offsets[a + 1] = static_cast<uint32_t>(out.items.size());
  }
  out.items.shrink_to_fit();
  return out;
}

bool reshape_trials(const Aggregates& aggregates, const TrialHalfCounts& counts, const Model& model,
                    const Metrics& metrics, std::vector<AccountFacts>& facts) {
  if (counts.spans.size() != facts.size()) return false;
  for (std::size_t a = 0; a < facts.size(); ++a) {
    const TrialShape& s = facts[a].shape;
    if (!(counts.spans[a] == TrialHalfCounts::Span{facts[a].signup_day, s.days, s.half_days, s.measured})) return false;
  }
  std::vector<int64_t> importance(aggregates.event_names.size());
  double largest = 0;
  for (std::size_t e = 0; e < importance.size(); ++e) {
    importance[e] = importance_of(model.engagement, aggregates.event_names[e]);
    largest = std::max(largest, std::fabs(static_cast<double>(importance[e])));
  }
  if (largest * static_cast<double>(counts.total_count) >= 9007199254740992.0) return false;  // 2^53, as halves_from_cache
  for (std::size_t a = 0; a < facts.size(); ++a) {
    AccountFacts& f = facts[a];
    TrialShape& s = f.shape;
    if (s.measured && s.half_days > 0) {
      int64_t early = 0, late = 0;
      for (uint32_t k = counts.offsets[a]; k < counts.offsets[a + 1]; ++k) {
        const TrialHalfCounts::Item& item = counts.items[k];
        early += importance[item.event] * int64_t{item.early};
        late += importance[item.event] * int64_t{item.late};
      }
      s.early_raw = static_cast<double>(early);
      s.late_raw = static_cast<double>(late);
    }
    s.tailed_off = tails_off(model.personas.shape, s);
    f.priority = account_priority(model, metrics, a, f);
  }
  return true;
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
