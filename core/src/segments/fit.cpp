#include "pqlscope/segments/fit.hpp"

#include <algorithm>
#include <span>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/text.hpp"

namespace pqlscope {
namespace {

bool in_list(const std::vector<std::string>& list, std::string_view value) {
  value = trim(value);
  if (value.empty()) return false;
  return std::any_of(list.begin(), list.end(), [&](const std::string& s) { return iequals(trim(s), value); });
}

}  // namespace

FitResult evaluate_fit(const AccountInfo& info, const FitCriteria& fit) {
  FitResult r;
  auto criterion = [&r](bool met) {
    ++r.criteria_set;
    r.criteria_met += met ? 1 : 0;
  };
  if (fit.min_employees) criterion(info.employees >= 0 && info.employees >= *fit.min_employees);
  if (fit.max_employees) criterion(info.employees >= 0 && info.employees <= *fit.max_employees);
  if (!fit.regions.empty()) criterion(in_list(fit.regions, info.region));
  if (!fit.industries.empty()) criterion(in_list(fit.industries, info.industry));
  r.score = r.criteria_set == 0 ? 1.0 : static_cast<double>(r.criteria_met) / r.criteria_set;
  r.fits = r.criteria_set > 0 && r.criteria_met == r.criteria_set;
  return r;
}

std::vector<uint32_t> enterprise_features_used(const Aggregates& aggregates, const Model& model,
                                               int32_t as_of_day) {
  const auto& features = model.segments.product_led.enterprise_features;
  const std::size_t n = aggregates.accounts.size();
  std::vector<uint32_t> used(n, 0);
  if (features.empty()) return used;
  // event -> features that include it
  std::vector<std::vector<uint32_t>> of_event(aggregates.event_names.size());
  for (uint32_t f = 0; f < features.size(); ++f) {
    for (const std::string& name : features[f].events) {
      const uint32_t e = aggregates.find_event(name);
      if (e != UINT32_MAX && std::find(of_event[e].begin(), of_event[e].end(), f) == of_event[e].end()) {
        of_event[e].push_back(f);
      }
    }
  }
  std::vector<uint8_t> seen(n * features.size(), 0);
  const int32_t first = as_of_day - model.adoption.window_days + 1;
  // The window's days only (the log is day-sorted), read as contiguous spans.
  const DayLog& log = aggregates.account_days;
  const auto begin = std::partition_point(log.begin(), log.end(), [first](const DayCount& d) { return d.day < first; });
  const auto end = std::partition_point(begin, log.end(), [as_of_day](const DayCount& d) { return d.day <= as_of_day; });
  log.for_each_span(begin.index(), end.index(), [&](std::span<const DayCount> span) {
    for (const DayCount& d : span) {
      if (d.entity >= n || d.count == 0) continue;
      for (uint32_t f : of_event[d.event]) {
        uint8_t& s = seen[d.entity * features.size() + f];
        if (!s) {
          s = 1;
          ++used[d.entity];
        }
      }
    }
  });
  return used;
}

}  // namespace pqlscope
