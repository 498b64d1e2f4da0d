// Building the entity-major cache (metrics_cache.hpp) and scoring from it.
#include "pqlscope/metrics/metrics_cache.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>

#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "pqlscope/aggregate/aggregates.hpp"

namespace pqlscope {
namespace {

// Groups the (day, entity, event)-sorted log by entity (a stable counting sort: each entity's
// DayCounts stay by day), then each entity's DayCounts by event (stable: by day within an
// event), and writes the runs with their cumulative counts.
EntityRuns group_by_entity(const DayLog& log, std::size_t entities) {
  std::vector<uint64_t> offsets(entities + 1, 0);
  log.for_each_span([&](std::span<const DayCount> span) {
    for (const DayCount& d : span) ++offsets[std::size_t{d.entity} + 1];
  });
  for (std::size_t i = 0; i < entities; ++i) offsets[i + 1] += offsets[i];
  struct Entry {
    uint16_t event, day;
    uint32_t count;
  };
  std::vector<Entry> entries(log.size());
  {
    std::vector<uint64_t> next(offsets.begin(), offsets.end() - 1);
    log.for_each_span([&](std::span<const DayCount> span) {
      for (const DayCount& d : span) entries[next[d.entity]++] = {d.event, d.day, d.count};
    });
  }
  EntityRuns out;
  out.entry_offsets = offsets;
  out.run_offsets.assign(entities + 1, 0);
  out.days.resize(log.size());
  out.cumulative.resize(log.size());
  for (std::size_t i = 0; i < entities; ++i) {
    const auto first = entries.begin() + static_cast<std::ptrdiff_t>(offsets[i]);
    const auto last = entries.begin() + static_cast<std::ptrdiff_t>(offsets[i + 1]);
    std::stable_sort(first, last, [](const Entry& x, const Entry& y) { return x.event < y.event; });
    uint64_t j = offsets[i];
    for (auto run = first; run != last;) {
      auto stop = run;
      uint64_t total = 0;
      EventRun header{run->event, run->day, run->day, 0};
      for (; stop != last && stop->event == run->event; ++stop, ++j) {
        total += stop->count;
        out.total_count += stop->count;
        if (total > UINT32_MAX) out.saturated = true;
        out.days[j] = stop->day;
        out.cumulative[j] = static_cast<uint32_t>(std::min<uint64_t>(total, UINT32_MAX));
        header.last_day = stop->day;
        ++header.days;
      }
      out.runs.push_back(header);
      run = stop;
    }
    out.run_offsets[i + 1] = out.runs.size();
  }
  out.runs.shrink_to_fit();
  return out;
}

}  // namespace

MetricsCache::MetricsCache(const Aggregates& aggregates)
    : source_(&aggregates),
      account_days_(aggregates.account_days.size()),
      user_days_(aggregates.user_days.size()),
      account_count_(aggregates.accounts.size()),
      user_count_(aggregates.users.size()),
      accounts_(group_by_entity(aggregates.account_days, aggregates.accounts.size())),
      users_(group_by_entity(aggregates.user_days, aggregates.users.size())) {}

bool MetricsCache::built_from(const Aggregates& aggregates) const {
  return source_ == &aggregates && account_days_ == aggregates.account_days.size() &&
         user_days_ == aggregates.user_days.size() && account_count_ == aggregates.accounts.size() &&
         user_count_ == aggregates.users.size();
}

std::size_t MetricsCache::bytes() const {
  const auto size = [](const EntityRuns& log) {
    return (log.run_offsets.capacity() + log.entry_offsets.capacity()) * sizeof(uint64_t) +
           log.runs.capacity() * sizeof(EventRun) + log.days.capacity() * sizeof(uint16_t) +
           log.cumulative.capacity() * sizeof(uint32_t);
  };
  return size(accounts_) + size(users_);
}

void compute_metrics(const Aggregates& aggregates, const MetricsCache& cache, const Model& model, int32_t as_of_day,
                     Metrics& out) {
  if (!cache.built_from(aggregates)) {
    throw std::invalid_argument("compute_metrics: the metrics cache was built from other aggregates");
  }
  using namespace metrics_detail;
  const ScoringPlan plan = make_plan(model, aggregates.event_names);
  prepare_metrics(aggregates, plan, as_of_day, out);
  thread_local ScanState state;
  if (!scan_cache(aggregates, cache, plan, as_of_day, out, state)) scan_logs(aggregates, plan, as_of_day, out, state);
  finish_metrics(aggregates, plan, as_of_day, state, out);
}

}  // namespace pqlscope
