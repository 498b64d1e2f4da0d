// Shared helpers of the rule families.
#include "rules.hpp"

#include <algorithm>
#include <cmath>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/metrics/metrics.hpp"
#include "pqlscope/model/model.hpp"
#include "segments/format.hpp"

namespace pqlscope::segments_detail {

double RuleContext::activation(uint32_t a) const { return metrics.accounts.activation_rate[a]; }
double RuleContext::engagement(uint32_t a) const { return metrics.accounts.latest_score(a); }
double RuleContext::trend(uint32_t a) const { return metrics.accounts.trend[a]; }
double RuleContext::adoption(uint32_t a) const { return metrics.accounts.adoption_rate[a]; }

std::string RuleContext::size_phrase(uint32_t a) const {
  const AccountFacts& f = facts[a];
  std::string s = std::string("a ") + to_string(f.deal_size.size) + " deal";
  switch (f.deal_size.basis) {
    case DealSizeBasis::column: return s + " (deal-size column)";
    case DealSizeBasis::employees:
      return s + " (" + std::to_string(aggregates.accounts[a].info.employees) + " employees)";
    case DealSizeBasis::unknown: return s + " (size unknown)";
  }
  return s;
}

std::string RuleContext::pql_phrase(uint32_t a) const {
  const PqlStatus& p = facts[a].pql;
  std::string s = "activation ";  // appended: avoids g++ 12's false -Wrestrict on + chains
  s += pct(p.activation);
  s += p.reaches_threshold ? " >= " : " < ";
  s += pct(p.threshold);
  s += " for ";
  s += size_phrase(a);
  return s;
}

void sort_members(std::vector<SegmentMember>& members, bool descending) {
  std::stable_sort(members.begin(), members.end(), [descending](const SegmentMember& x, const SegmentMember& y) {
    const bool xn = std::isnan(x.value), yn = std::isnan(y.value);
    if (xn != yn) return yn;  // NaN last
    if (!xn && x.value != y.value) return descending ? x.value > y.value : x.value < y.value;
    return x.account < y.account;
  });
}

}  // namespace pqlscope::segments_detail
