// The importance-only re-score (engagement_counts.hpp): the windows' counts are gathered once
// from the cache's runs, by the walk cache_scan.cpp makes for engagement (the same entries, the
// same windows); each re-score then sums importance x count per window and per latest-window
// event, and finishes engagement as compute_metrics does (normalise, trends, the users'
// contributions).
#include "pqlscope/metrics/engagement_counts.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <stdexcept>

#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "metrics/scan_context.hpp"
#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/common/job_errors.hpp"
#include "pqlscope/common/run_on_threads.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/model/model.hpp"

namespace pqlscope {
namespace {

using metrics_detail::EventTables;
using metrics_detail::ScoringPlan;

// Calls add(window, event, count) for each window of entity i's runs that holds one of their
// entries, by run (event) then window: the windows' counts the pass over the cache sums
// (cache_scan.cpp). A window with entries but a zero count is given too: that pass lists such an
// event among the latest window's contributions.
template <typename Add>
void window_counts(const EntityRuns& log, std::size_t i, int32_t as_of, int window_days, int windows,
                   std::vector<uint64_t>& sums, std::vector<uint8_t>& seen, Add&& add) {
  const int64_t start = int64_t{as_of} - int64_t{windows} * window_days + 1;
  for_each_run_within(log, i, start, as_of, [&](const EventRun& run, const uint16_t* days, const uint32_t* cumulative) {
    uint32_t upto = run.days;
    while (upto > 0 && int64_t{days[upto - 1]} > as_of) --upto;
    std::fill(sums.begin(), sums.end(), 0);
    std::fill(seen.begin(), seen.end(), 0);
    for (uint32_t j = upto; j-- > 0 && int64_t{days[j]} >= start;) {
      const auto w = static_cast<std::size_t>(windows - 1 - (as_of - days[j]) / window_days);
      sums[w] += cumulative[j] - (j > 0 ? cumulative[j - 1] : 0u);
      seen[w] = 1;
    }
    for (std::size_t w = 0; w < sums.size(); ++w) {
      if (seen[w]) add(w, run.event, sums[w]);  // below 2^32: no run of the cache passes it
    }
  });
}

// One level's counts, in two walks of the runs: the first sizes each (entity, window), the
// second writes the counts where they go (allocated once: no vector doubling at the peak).
EngagementCounts::Level gather(const EntityRuns& log, int32_t as_of, int window_days, int windows) {
  EngagementCounts::Level level;
  const std::size_t entities = log.run_offsets.size() - 1, h = static_cast<std::size_t>(windows);
  std::vector<uint64_t> sums(h);
  std::vector<uint8_t> seen(h);
  level.offsets.assign(entities * h + 1, 0);  // sizes first (an entity's window: at most one count per event)
  for (std::size_t i = 0; i < entities; ++i) {
    window_counts(log, i, as_of, window_days, windows, sums, seen,
                  [&](std::size_t w, uint16_t, uint64_t) { ++level.offsets[i * h + w + 1]; });
  }
  uint64_t total = 0;
  for (uint32_t& offset : level.offsets) {
    total += offset;
    offset = static_cast<uint32_t>(total);
  }
  if (total > UINT32_MAX) {
    level = {};
    level.too_large = true;
    return level;
  }
  level.counts.resize(total);
  for (std::size_t i = 0; i < entities; ++i) {
    const std::size_t latest_begin = level.offsets[i * h + h - 1];
    window_counts(log, i, as_of, window_days, windows, sums, seen, [&](std::size_t w, uint16_t event, uint64_t count) {
      const uint32_t at = level.offsets[i * h + w]++;  // the cursor of (i, w); moved back below
      level.counts[at] = {event, static_cast<uint16_t>(std::min<uint64_t>(count, kCountInOverflow))};
      if (count >= kCountInOverflow) level.overflow.emplace_back(at, static_cast<uint32_t>(count));
    });
    level.latest += level.offsets[i * h + h - 1] - latest_begin;
  }
  // Each cursor ended at its (entity, window)'s end, the next one's start.
  for (std::size_t k = level.offsets.size() - 1; k > 0; --k) level.offsets[k] = level.offsets[k - 1];
  level.offsets[0] = 0;
  std::sort(level.overflow.begin(), level.overflow.end());
  return level;
}

// The count at `index` of a level's counts.
inline uint32_t count_at(const EngagementCounts::Level& level, uint32_t index) {
  const uint16_t count = level.counts[index].count;
  if (count != kCountInOverflow) return count;
  return std::lower_bound(level.overflow.begin(), level.overflow.end(), std::make_pair(index, uint32_t{0}))->second;
}

// The contributions' order (points descending, then event name) as one integer per contribution:
// points << 16 | (65535 - name rank), sorted descending. The same order as the comparison of
// sort_contributions when the points are integers in [0, 2^47) and the ranks distinct, with a
// sort of integers (in WebAssembly the comparison's sort was a third of the sums).
class PackedOrder {
 public:
  // Whether the order can be packed for these importances: none negative, points below 2^47.
  static std::optional<PackedOrder> of(const EventTables& tables, uint64_t total_count) {
    int64_t largest = 0;
    for (const int64_t weight : tables.integer_importance) {
      if (weight < 0) return std::nullopt;
      largest = std::max(largest, weight);
    }
    if (static_cast<double>(largest) * static_cast<double>(total_count) >= 140737488355328.0) return std::nullopt;  // 2^47
    PackedOrder order;
    order.event_of_rank.assign(tables.name_rank.size(), UINT16_MAX);
    for (std::size_t e = 0; e < tables.name_rank.size(); ++e) {
      const uint32_t rank = tables.name_rank[e];
      if (rank > UINT16_MAX || order.event_of_rank[rank] != UINT16_MAX) return std::nullopt;  // equal names share a rank
      order.event_of_rank[rank] = static_cast<uint16_t>(e);
    }
    order.rank_of_event.assign(tables.name_rank.begin(), tables.name_rank.end());
    return order;
  }

  void sort(EventContribution* first, EventContribution* last) const {
    thread_local std::vector<uint64_t> keys;
    keys.resize(static_cast<std::size_t>(last - first));
    for (std::size_t i = 0; i < keys.size(); ++i) {
      keys[i] = static_cast<uint64_t>(first[i].points) << 16 | (UINT16_MAX - rank_of_event[first[i].event]);
    }
    std::sort(keys.begin(), keys.end(), std::greater<>());
    for (std::size_t i = 0; i < keys.size(); ++i) {
      first[i] = {event_of_rank[UINT16_MAX - (keys[i] & UINT16_MAX)], static_cast<double>(keys[i] >> 16)};
    }
  }

 private:
  std::vector<uint16_t> event_of_rank;
  std::vector<uint32_t> rank_of_event;
};

// Engagement's raw scores and latest-window contributions of one level from its counts: the
// values scan_level (cache_scan.cpp) writes for the same plan. Each window's sum is one loop
// over its counts; in the latest window a contribution is written for every count and kept (the
// cursor moves on) only for an event with an importance.
void sum_level(const EngagementCounts::Level& counts, const EventTables& tables, const PackedOrder* order,
               LevelMetrics& level) {
  const std::size_t n = level.size, windows = level.windows;
  level.raw.resize(n * windows);
  level.event_offsets.resize(n + 1);
  level.event_offsets[0] = 0;
  std::vector<EventContribution>& contributions = level.event_contributions;
  contributions.resize(counts.latest + 1);  // room for every latest-window count, and one written past the last
  EventContribution* const first_contribution = contributions.data();
  EventContribution* next = first_contribution;
  const int64_t* importance = tables.integer_importance.data();
  const EventCount* const all = counts.counts.data();
  for (std::size_t e = 0; e < n; ++e) {
    const uint32_t* offsets = counts.offsets.data() + e * windows;
    double* raw = level.raw.data() + e * windows;
    for (std::size_t w = 0; w + 1 < windows; ++w) {
      int64_t sum = 0;
      for (uint32_t k = offsets[w]; k < offsets[w + 1]; ++k) {
        const uint32_t count = all[k].count != kCountInOverflow ? all[k].count : count_at(counts, k);
        sum += importance[all[k].event] * int64_t{count};
      }
      raw[w] = static_cast<double>(sum);
    }
    EventContribution* const first = next;
    int64_t sum = 0;
    for (uint32_t k = offsets[windows - 1]; k < offsets[windows]; ++k) {
      const uint32_t count = all[k].count != kCountInOverflow ? all[k].count : count_at(counts, k);
      const int64_t weight = importance[all[k].event];
      const int64_t points = weight * int64_t{count};
      sum += points;
      *next = {all[k].event, static_cast<double>(points)};
      next += weight != 0;
    }
    raw[windows - 1] = static_cast<double>(sum);
    if (order) order->sort(first, next);
    else metrics_detail::sort_contributions(first, next, tables);
    level.event_offsets[e + 1] = static_cast<uint32_t>(next - first_contribution);
  }
  contributions.resize(static_cast<std::size_t>(next - first_contribution));
}

}  // namespace

EngagementCounts::EngagementCounts(const Aggregates& aggregates, const MetricsCache& cache, const Model& model,
                                   int32_t as_of_day)
    : cache_(&cache),
      as_of_day_(as_of_day),
      window_days_(model.engagement.window_days),
      history_windows_(model.engagement.history_windows) {
  if (!cache.built_from(aggregates)) {
    throw std::invalid_argument("EngagementCounts: the metrics cache was built from other aggregates");
  }
  accounts_ = gather(cache.accounts(), as_of_day, window_days_, history_windows_);
  users_ = gather(cache.users(), as_of_day, window_days_, history_windows_);
}

bool EngagementCounts::serves(const MetricsCache& cache, const Model& model, int32_t as_of_day) const {
  return &cache == cache_ && as_of_day == as_of_day_ && model.engagement.window_days == window_days_ &&
         model.engagement.history_windows == history_windows_;
}

std::size_t EngagementCounts::bytes() const {
  const auto size = [](const Level& l) {
    return l.offsets.capacity() * sizeof(uint32_t) + l.counts.capacity() * sizeof(EventCount) +
           l.overflow.capacity() * sizeof(std::pair<uint32_t, uint32_t>);
  };
  return size(accounts_) + size(users_);
}

bool only_importances_or_normalisation_differ(const Aggregates& aggregates, const Model& before, const Model& after) {
  Model same = after;
  same.engagement.importance = before.engagement.importance;
  same.engagement.default_importance = before.engagement.default_importance;
  // Normalisation reads only the windows' raw scores, which the counts give again. Recency
  // decay weighs each event by its age instead, which the counts do not keep.
  const auto decays = [](const Model& m) { return m.engagement.normalization.method == NormalizationMethod::recency_decay; };
  if (!decays(before) && !decays(after)) same.engagement.normalization = before.engagement.normalization;
  if (!(same == before)) return false;
  for (const std::string& event : aggregates.event_names) {
    if (counts_as_active(before, event) != counts_as_active(after, event)) return false;
  }
  return true;
}

bool rescore_engagement(const Aggregates& aggregates, const MetricsCache& cache, const EngagementCounts& counts,
                        const Model& model, Metrics& metrics, unsigned threads) {
  if (!cache.built_from(aggregates)) {
    throw std::invalid_argument("rescore_engagement: the metrics cache was built from other aggregates");
  }
  if (!counts.serves(cache, model, metrics.as_of_day)) {
    throw std::invalid_argument("rescore_engagement: the counts are of other windows or another as-of day");
  }
  const ScoringPlan plan = metrics_detail::make_plan(
      model, aggregates.event_names, metrics_detail::paid_columns_needed(aggregates, model, metrics.as_of_day));
  if (!metrics_detail::cache_sums_exact(plan, cache.accounts(), cache.users())) return false;
  if (counts.accounts().too_large || counts.users().too_large) return false;
  const EventTables tables = metrics_detail::event_tables(aggregates, plan);
  const std::optional<PackedOrder> order =
      PackedOrder::of(tables, std::max(cache.accounts().total_count, cache.users().total_count));
  // Each level's sums then its normalisation and trends, the levels side by side; the users'
  // contributions to their accounts read the users' new raw scores, so they come last.
  JobErrors errors(2);
  run_on_threads(2, threads, [&](std::size_t job) {
    errors.run(job, [&] {
      const bool users = job == 0;  // the larger level first
      sum_level(users ? counts.users() : counts.accounts(), tables, order ? &*order : nullptr,
                users ? metrics.users : metrics.accounts);
      metrics_detail::finish_engagement_level(aggregates, plan, metrics.as_of_day, true, users, metrics);
    });
  });
  errors.rethrow_first();
  metrics_detail::finish_user_contributions(aggregates, metrics);
  return true;
}

}  // namespace pqlscope
