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

void RuleContext::append_size_phrase(std::string& out, uint32_t a) const {
  const AccountFacts& f = facts[a];
  out += "a ";
  out += to_string(f.deal_size.size);
  out += " deal";
  switch (f.deal_size.basis) {
    case DealSizeBasis::column: out += " (deal-size column)"; return;
    case DealSizeBasis::employees:
      out += " (";
      append_integer(out, aggregates.accounts[a].info.employees);
      out += " employees)";
      return;
    case DealSizeBasis::unknown: out += " (size unknown)"; return;
  }
}

void RuleContext::append_pql_phrase(std::string& out, uint32_t a) const {
  const PqlStatus& p = facts[a].pql;
  out += "activation ";
  append_pct(out, p.activation);
  out += p.reaches_threshold ? " >= " : " < ";
  append_pct(out, p.threshold);
  out += " for ";
  append_size_phrase(out, a);
}

double shown(double value) { return std::round(value * 10000.0) / 10000.0; }

uint64_t id_prefix(std::string_view id) {
  uint64_t key = 0;
  for (std::size_t i = 0; i < 8; ++i) key = key << 8 | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
  return key;
}

void sort_members(std::vector<SegmentMember>& members, bool descending, const Aggregates& aggregates) {
  sort_top_members(members, descending, aggregates, members.size());
}

void sort_top_members(std::vector<SegmentMember>& members, bool descending, const Aggregates& aggregates,
                      std::size_t limit) {
  // The shown values once per member, not twice per comparison, and indices sorted instead of
  // members (each with its reason string) moved around; then one permutation.
  struct Key {
    double shown;
    uint64_t id_prefix;  // the account id's first bytes: most ties end here, without the strings
    bool nan;
    uint32_t at;
  };
  std::vector<Key> keys(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    const bool nan = std::isnan(members[i].value);
    keys[i] = {nan ? 0.0 : shown(members[i].value), id_prefix(aggregates.accounts[members[i].account].id), nan,
               static_cast<uint32_t>(i)};
  }
  const auto before = [&](const Key& x, const Key& y) {
    if (x.nan != y.nan) return y.nan;  // NaN last
    if (!x.nan && x.shown != y.shown) return descending ? x.shown > y.shown : x.shown < y.shown;
    // Ties by account id, not index: the index is the input order, and the same data in
    // another row order must give the same list (and the same top_accounts cut-off). The
    // prefixes order as the ids do; equal prefixes leave it to the whole ids.
    if (x.id_prefix != y.id_prefix) return x.id_prefix < y.id_prefix;
    return aggregates.accounts[members[x.at].account].id < aggregates.accounts[members[y.at].account].id;
  };
  // A total order (account ids are distinct), so the first `limit` of a partial sort are those
  // of the full sort.
  const std::size_t kept = std::min(limit, keys.size());
  if (kept < keys.size()) {
    std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(kept), keys.end(), before);
  } else {
    std::sort(keys.begin(), keys.end(), before);
  }
  std::vector<SegmentMember> sorted;
  sorted.reserve(kept);
  for (std::size_t i = 0; i < kept; ++i) sorted.push_back(std::move(members[keys[i].at]));
  members.swap(sorted);
}

}  // namespace pqlscope::segments_detail
