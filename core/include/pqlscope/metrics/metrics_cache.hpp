// MetricsCache: one Aggregates' logs re-ordered entity-major, for re-scoring a changed model on
// the same aggregates (docs/metrics.md, "Performance").
//
// The logs are (day, entity, event)-sorted, so a pass over them touches every entity's state at
// random: on 100k users that is a cache or TLB miss per DayCount, and it is what re-scoring
// costs. The cache holds each entity's DayCounts contiguously, in log order (by day, then event),
// so a pass keeps one entity's state in L1 and reads memory sequentially; sums are made in the
// same order as over the logs, so every result is bit-identical to compute_metrics without it.
//
// Memory: 8 bytes per DayCount plus 8 per entity (two thirds of the logs' 12 bytes a DayCount).
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

// One DayCount of an entity (the entity is implied by its place in EntityLog).
struct EntityDayCount {
  uint16_t day;
  uint16_t event;
  uint32_t count;
};
static_assert(sizeof(EntityDayCount) == 8, "the cache's unit of memory: keep it packed");

// A log grouped by entity: entity i's DayCounts are entries[offsets[i] .. offsets[i + 1]).
struct EntityLog {
  std::vector<uint64_t> offsets;  // entities + 1
  std::vector<EntityDayCount> entries;
};

class MetricsCache {
 public:
  explicit MetricsCache(const Aggregates& aggregates);

  // Built from this object, whose logs and entity lists still have the sizes they had.
  bool built_from(const Aggregates& aggregates) const;
  std::size_t bytes() const;

  const EntityLog& accounts() const { return accounts_; }
  const EntityLog& users() const { return users_; }

 private:
  const Aggregates* source_;
  std::size_t account_days_, user_days_, account_count_, user_count_;
  EntityLog accounts_, users_;
};

// compute_metrics(aggregates, model, as_of_day, out) reading the cache instead of the logs:
// the same results, bit for bit. Throws std::invalid_argument when the cache was not built
// from `aggregates` (see MetricsCache::built_from).
void compute_metrics(const Aggregates& aggregates, const MetricsCache& cache, const Model& model, int32_t as_of_day,
                     Metrics& out);

}  // namespace pqlscope
