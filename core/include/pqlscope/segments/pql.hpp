// Product-qualified lead (docs/scoring.md §2): activation at or above the threshold of the account's
// deal size, narrowed by the optional firmographic filters.
#pragma once

#include <string>

#include "pqlscope/model/model.hpp"

namespace pqlscope {

struct AccountInfo;

struct PqlStatus {
  double activation = 0;         // percent; NaN when the model has no account-level steps
  double threshold = 0;          // pql_activation[size]
  DealSize size = DealSize::small;
  bool reaches_threshold = false;  // activation >= threshold (NaN never reaches)
  bool passes_filters = true;
  std::string filter_failure;    // why the filters fail: `region "EMEA" not in [NA]`, ...
  bool qualified() const { return reaches_threshold && passes_filters; }
};

// Filters: regions (case-insensitive; an account without a region fails a region filter),
// min / max employees inclusive (unknown employees fail a set bound).
PqlStatus evaluate_pql(double activation, DealSize size, const AccountInfo& info,
                       const DealSizeModel& model);

}  // namespace pqlscope
