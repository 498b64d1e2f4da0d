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

double shown(double value) { return std::round(value * 10000.0) / 10000.0; }

void sort_members(std::vector<SegmentMember>& members, bool descending, const Aggregates& aggregates) {
  std::sort(members.begin(), members.end(), [&](const SegmentMember& x, const SegmentMember& y) {
    const bool xn = std::isnan(x.value), yn = std::isnan(y.value);
    if (xn != yn) return yn;  // NaN last
    const double xv = shown(x.value), yv = shown(y.value);
    if (!xn && xv != yv) return descending ? xv > yv : xv < yv;
    // Ties by account id, not index: the index is the input order, and the same data in
    // another row order must give the same list (and the same top_accounts cut-off).
    return aggregates.accounts[x.account].id < aggregates.accounts[y.account].id;
  });
}

}  // namespace pqlscope::segments_detail
