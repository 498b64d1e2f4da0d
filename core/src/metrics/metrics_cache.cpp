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

struct Entry {
  uint16_t event, day;
  uint32_t count;
};

// Orders one entity's entries by event, keeping their (day) order within an event: a counting
// sort over the events the entity has (a std::stable_sort per entity allocates each time).
void by_event(std::vector<Entry>::iterator begin, std::vector<Entry>::iterator end, std::vector<Entry>& scratch,
              std::vector<uint32_t>& slot) {
  const auto n = static_cast<std::size_t>(end - begin);
  if (n < 2) return;
  thread_local std::vector<uint16_t> events;  // the entity's distinct events
  events.clear();
  for (auto it = begin; it != end; ++it) {
    if (it->event >= slot.size()) slot.resize(std::size_t{it->event} + 1, 0);
    if (slot[it->event]++ == 0) events.push_back(it->event);
  }
  std::sort(events.begin(), events.end());
  uint32_t at = 0;
  for (const uint16_t e : events) {
    const uint32_t count = slot[e];
    slot[e] = at;
    at += count;
  }
  scratch.resize(n);
  for (auto it = begin; it != end; ++it) scratch[slot[it->event]++] = *it;
  std::copy(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(n), begin);
  for (const uint16_t e : events) slot[e] = 0;
}

// Groups the (day, entity, event)-sorted log by entity (each entity's DayCounts stay by day),
// then each entity's DayCounts by event (stable: by day within an event), and writes the runs
// with their cumulative counts. Works on blocks of consecutive entities of at most
// block_entries DayCounts (or one entity), gathered by one read of the log each.
EntityRuns group_by_entity(const DayLog& log, std::size_t entities, std::size_t block_entries) {
  EntityRuns out;
  std::vector<uint64_t>& offsets = out.entry_offsets;
  offsets.assign(entities + 1, 0);
  log.for_each_span([&](std::span<const DayCount> span) {
    for (const DayCount& d : span) ++offsets[std::size_t{d.entity} + 1];
  });
  for (std::size_t i = 0; i < entities; ++i) offsets[i + 1] += offsets[i];
  out.run_offsets.assign(entities + 1, 0);
  out.days.resize(log.size());
  out.cumulative.resize(log.size());
  std::vector<Entry> block, scratch;
  std::vector<uint32_t> slot;  // per event: its count, then where its entries go (reset after each entity)
  std::vector<uint64_t> next;
  for (std::size_t first = 0; first < entities;) {
    std::size_t last = first + 1;  // block: entities first .. last-1
    while (last < entities && offsets[last + 1] - offsets[first] <= block_entries) ++last;
    const uint64_t base = offsets[first];
    block.resize(offsets[last] - base);
    next.assign(offsets.begin() + static_cast<std::ptrdiff_t>(first),
                offsets.begin() + static_cast<std::ptrdiff_t>(last));
    log.for_each_span([&](std::span<const DayCount> span) {
      for (const DayCount& d : span) {
        if (d.entity >= first && d.entity < last) block[next[d.entity - first]++ - base] = {d.event, d.day, d.count};
      }
    });
    for (std::size_t i = first; i < last; ++i) {
      const auto begin = block.begin() + static_cast<std::ptrdiff_t>(offsets[i] - base);
      const auto end = block.begin() + static_cast<std::ptrdiff_t>(offsets[i + 1] - base);
      by_event(begin, end, scratch, slot);
      uint64_t j = offsets[i];
      for (auto run = begin; run != end;) {
        auto stop = run;
        uint64_t total = 0;
        EventRun header{run->event, run->day, run->day, 0};
        for (; stop != end && stop->event == run->event; ++stop, ++j) {
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
    first = last;
  }
  out.runs.shrink_to_fit();
  return out;
}

}  // namespace

MetricsCache::MetricsCache(const Aggregates& aggregates, std::size_t block_entries)
    : source_(&aggregates),
      account_days_(aggregates.account_days.size()),
      user_days_(aggregates.user_days.size()),
      account_count_(aggregates.accounts.size()),
      user_count_(aggregates.users.size()),
      accounts_(group_by_entity(aggregates.account_days, aggregates.accounts.size(), block_entries)),
      users_(group_by_entity(aggregates.user_days, aggregates.users.size(), block_entries)) {}

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
  compute_metrics(aggregates, cache, model, as_of_day, out, 1);
}

void compute_metrics(const Aggregates& aggregates, const MetricsCache& cache, const Model& model, int32_t as_of_day,
                     Metrics& out, unsigned threads) {
  if (!cache.built_from(aggregates)) {
    throw std::invalid_argument("compute_metrics: the metrics cache was built from other aggregates");
  }
  using namespace metrics_detail;
  const ScoringPlan plan = make_plan(model, aggregates.event_names, paid_columns_needed(aggregates, model, as_of_day));
  prepare_metrics(aggregates, plan, as_of_day, out);
  ScanState& state = thread_scan_state();
  const bool cached = scan_cache(aggregates, cache, plan, as_of_day, out, state, threads);
  if (!cached) scan_logs(aggregates, plan, as_of_day, out, state, threads);
  finish_metrics(aggregates, plan, as_of_day, state, cached, out, threads);
}

bool recompute_activation(const Aggregates& aggregates, const MetricsCache& cache, const Model& model, Metrics& out,
                          unsigned threads) {
  if (!cache.built_from(aggregates)) {
    throw std::invalid_argument("recompute_activation: the metrics cache was built from other aggregates");
  }
  using namespace metrics_detail;
  const int32_t as_of = out.as_of_day;
  const ScoringPlan plan = make_plan(model, aggregates.event_names, paid_columns_needed(aggregates, model, as_of));
  ScanState& state = thread_scan_state();
  if (!scan_cache_steps(aggregates, cache, plan, as_of, out, state, threads)) return false;
  count_account_step_users(plan, out, state);
  // finish_activation appends the step columns (prepare_metrics clears them before a whole pass).
  out.account_steps.clear();
  out.user_steps.clear();
  finish_activation(aggregates, plan, state, out);
  return true;
}

}  // namespace pqlscope
