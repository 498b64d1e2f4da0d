// Building the entity-major cache (metrics_cache.hpp) and scoring from it.
#include "pqlscope/metrics/metrics_cache.hpp"

#include <stdexcept>

#include "metrics/plan.hpp"
#include "metrics/scan.hpp"
#include "pqlscope/aggregate/aggregates.hpp"

namespace pqlscope {
namespace {

// A stable counting sort of the log by entity: each entity keeps its DayCounts in log order.
EntityLog group_by_entity(const DayLog& log, std::size_t entities) {
  EntityLog out;
  out.offsets.assign(entities + 1, 0);
  log.for_each_span([&](std::span<const DayCount> span) {
    for (const DayCount& d : span) ++out.offsets[std::size_t{d.entity} + 1];
  });
  for (std::size_t i = 0; i < entities; ++i) out.offsets[i + 1] += out.offsets[i];
  out.entries.resize(log.size());
  std::vector<uint64_t> next(out.offsets.begin(), out.offsets.end() - 1);
  log.for_each_span([&](std::span<const DayCount> span) {
    for (const DayCount& d : span) out.entries[next[d.entity]++] = {d.day, d.event, d.count};
  });
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
  const auto size = [](const EntityLog& log) {
    return log.offsets.capacity() * sizeof(uint64_t) + log.entries.capacity() * sizeof(EntityDayCount);
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
  scan_cache(aggregates, cache, plan, as_of_day, out, state);
  finish_metrics(aggregates, plan, as_of_day, state, out);
}

}  // namespace pqlscope
