// Ideal-customer-profile fit (segments.product_led.fit) and enterprise-feature use.
#pragma once

#include <cstdint>
#include <vector>

#include "pqlscope/model/model.hpp"

namespace pqlscope {

struct AccountInfo;
struct Aggregates;

struct FitResult {
  int criteria_set = 0;   // criteria the model sets: min_employees, max_employees, regions, industries
  int criteria_met = 0;   // unknown values (employees -1, empty region) do not meet a criterion
  double score = 1;       // met / set; 1 when no criterion is set (the "fit" of engagement x fit)
  bool fits = false;      // at least one criterion set and all met: a "good fit"
};
FitResult evaluate_fit(const AccountInfo& info, const FitCriteria& fit);

// Per account: how many of segments.product_led.enterprise_features it used in the adoption
// window (adoption.window_days ending at the as-of day).
std::vector<uint32_t> enterprise_features_used(const Aggregates& aggregates, const Model& model,
                                               int32_t as_of_day);

}  // namespace pqlscope
