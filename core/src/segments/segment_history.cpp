// Segment moves over the score history (segment_history.hpp).
#include "pqlscope/segments/segment_history.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/metrics/metrics_cache.hpp"
#include "pqlscope/segments/segment_report.hpp"

namespace pqlscope {
namespace {

struct PendingMove {
  uint32_t account;
  SegmentMove move;
};

// Members of each segment (by index into ids) at one point: account -> reason.
using Members = std::vector<std::map<uint32_t, const std::string*>>;

Members members_by_segment(const SegmentReport& report, const std::vector<std::string>& ids) {
  Members members(ids.size());
  for (std::size_t s = 0; s < ids.size(); ++s) {
    const Segment* segment = report.find(ids[s]);
    if (!segment) continue;
    for (const SegmentMember& m : segment->members) members[s].emplace(m.account, &m.reason);
  }
  return members;
}

}  // namespace

SegmentHistory compute_segment_history(const Aggregates& aggregates, const Model& model,
                                       const std::vector<int32_t>& days, const SegmentReport* last,
                                       const MetricsCache* cache) {
  SegmentHistory history;
  history.days = days;
  const std::size_t accounts = aggregates.accounts.size();
  std::vector<PendingMove> pending;
  std::optional<SegmentReport> previous;
  Members previous_members;
  Metrics metrics;  // reused across points
  for (std::size_t k = 0; k < days.size(); ++k) {
    std::optional<SegmentReport> computed;
    const SegmentReport* report = nullptr;
    if (last != nullptr && k + 1 == days.size() && last->as_of_day == days[k]) {
      report = last;
    } else {
      if (cache != nullptr) {
        compute_metrics(aggregates, *cache, model, days[k], metrics);
      } else {
        compute_metrics(aggregates, model, days[k], metrics);
      }
      computed = compute_segments(aggregates, model, metrics, cache);
      report = &*computed;
    }
    if (history.segment_ids.empty()) {
      for (const Segment& s : report->segments) {
        history.segment_ids.push_back(s.id);
        history.segment_labels.push_back(s.label);
      }
    }
    Members members = members_by_segment(*report, history.segment_ids);
    for (std::size_t s = 0; s < members.size(); ++s) {
      const auto segment = static_cast<uint16_t>(s);
      for (const auto& [account, reason] : members[s]) {
        if (k > 0 && previous_members[s].count(account)) continue;
        pending.push_back({account, {days[k], segment, true, *reason}});
      }
      if (k == 0) continue;
      for (const auto& [account, reason] : previous_members[s]) {
        if (members[s].count(account)) continue;
        pending.push_back({account, {days[k], segment, false, *reason}});
      }
    }
    // The reasons point into the report: keep it alive while its members are the previous ones.
    previous = std::move(computed);
    previous_members = std::move(members);
  }
  std::stable_sort(pending.begin(), pending.end(), [](const PendingMove& a, const PendingMove& b) {
    if (a.account != b.account) return a.account < b.account;
    if (a.move.day != b.move.day) return a.move.day < b.move.day;
    if (a.move.entered != b.move.entered) return a.move.entered;
    return a.move.segment < b.move.segment;
  });
  history.offsets.assign(accounts + 1, 0);
  for (const PendingMove& p : pending) ++history.offsets[p.account + 1];
  for (std::size_t a = 0; a < accounts; ++a) history.offsets[a + 1] += history.offsets[a];
  history.moves.reserve(pending.size());
  for (PendingMove& p : pending) history.moves.push_back(std::move(p.move));
  return history;
}

}  // namespace pqlscope
