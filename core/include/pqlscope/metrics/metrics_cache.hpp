// MetricsCache: one Aggregates' logs as per-(entity, event) cumulative counts by day, for
// re-scoring a changed model on the same aggregates (docs/metrics.md, "Performance").
//
// Re-scoring over the logs reads every DayCount (~200 MB at 10M events) and touches every
// entity's state at random. From the cache, a step's count up to a day and any window's count
// are two lookups in one (entity, event) run, features and activity come from each run's first
// and last day, and only the DayCounts of the engagement history are read. Results are
// bit-identical to the pass over the logs: the engagement sums are exact integers whenever the
// cache is used (integer importances, no recency decay); otherwise compute_metrics with the
// cache falls back to the pass over the logs.
//
// Memory: 6 bytes per DayCount, 8 per (entity, event) and 16 per entity: 0.62 of the logs
// (12 bytes a DayCount) at the benchmark's scale.
// The cache refers to the Aggregates it was built from by identity and sizes only: the caller
// must drop it (and build another) when those aggregates change or die.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pqlscope/metrics/metrics.hpp"

namespace pqlscope {

struct Aggregates;
struct Model;

// One entity's DayCounts of one event: `days` entries of EntityRuns::days / ::cumulative.
struct EventRun {
  uint16_t event;
  uint16_t first_day;
  uint16_t last_day;
  uint16_t days;  // entries (one per day, so it fits: days are 16-bit)
};
static_assert(sizeof(EventRun) == 8, "keep the run header packed");

// A log grouped by entity, then by event, then by day: entity i's runs are
// runs[run_offsets[i] .. run_offsets[i + 1]) (by event), their entries consecutive from
// entry_offsets[i] (a run's entries by day). cumulative[j]: the run's count up to and
// including days[j], so the count of any day range is two lookups.
struct EntityRuns {
  std::vector<uint64_t> run_offsets;    // entities + 1
  std::vector<uint64_t> entry_offsets;  // entities + 1
  std::vector<EventRun> runs;
  std::vector<uint16_t> days;
  std::vector<uint32_t> cumulative;
  uint64_t total_count = 0;  // of the whole log (bounds the engagement sums)
  bool saturated = false;    // some run's total does not fit 32 bits (then the cache is not used)
};

// Calls f(run, days, cumulative) for each of entity i's runs whose days (by its header) reach
// into [first, last]; `days` and `cumulative` are the run's entries.
template <typename F>
void for_each_run_within(const EntityRuns& log, std::size_t i, int64_t first, int64_t last, F&& f) {
  uint64_t entry = log.entry_offsets[i];
  for (uint64_t r = log.run_offsets[i]; r < log.run_offsets[i + 1]; entry += log.runs[r].days, ++r) {
    const EventRun& run = log.runs[r];
    if (int64_t{run.first_day} > last || int64_t{run.last_day} < first) continue;
    f(run, log.days.data() + entry, log.cumulative.data() + entry);
  }
}

class MetricsCache {
 public:
  // The build gathers blocks of consecutive entities of at most block_entries DayCounts (8 bytes
  // each beyond the cache; one read of the log per block).
  static constexpr std::size_t kBlockEntries = std::size_t{1} << 20;
  explicit MetricsCache(const Aggregates& aggregates, std::size_t block_entries = kBlockEntries);

  // Built from this object, whose logs and entity lists still have the sizes they had.
  bool built_from(const Aggregates& aggregates) const;
  std::size_t bytes() const;

  const EntityRuns& accounts() const { return accounts_; }
  const EntityRuns& users() const { return users_; }

 private:
  const Aggregates* source_;
  std::size_t account_days_, user_days_, account_count_, user_count_;
  EntityRuns accounts_, users_;
};

// compute_metrics(aggregates, model, as_of_day, out) reading the cache instead of the logs:
// the same results, bit for bit. Throws std::invalid_argument when the cache was not built
// from `aggregates` (see MetricsCache::built_from).
void compute_metrics(const Aggregates& aggregates, const MetricsCache& cache, const Model& model, int32_t as_of_day,
                     Metrics& out);
// The same on up to `threads` threads: each level's entities in ranges side by side, then the
// metric families side by side (the same results, bit for bit, on any number).
void compute_metrics(const Aggregates& aggregates, const MetricsCache& cache, const Model& model, int32_t as_of_day,
                     Metrics& out, unsigned threads);

// For a model whose checklists alone changed since `out` was computed (same as-of day,
// engagement, adoption and activity: same_metrics_inputs_but_activation in metrics.hpp), the activation
// fields of `out` computed again from the cache (the steps' statuses, rates, activated days,
// checklists and users' activation per account); the other fields are left as they are, and are
// then compute_metrics(model)'s bit for bit. False, leaving `out` as it was, when the cache's
// step counts could differ from the log pass's (a run's total past 32 bits): then the whole
// computation is the way. Throws std::invalid_argument when the cache was not built from
// `aggregates`.
bool recompute_activation(const Aggregates& aggregates, const MetricsCache& cache, const Model& model, Metrics& out,
                          unsigned threads = 1);

}  // namespace pqlscope
