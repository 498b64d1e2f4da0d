#include "pqlscope/segments/pql.hpp"

#include <cmath>

#include "pqlscope/aggregate/aggregates.hpp"
#include "pqlscope/io/text.hpp"

namespace pqlscope {

PqlStatus evaluate_pql(double activation, DealSize size, const AccountInfo& info,
                       const DealSizeModel& model) {
  PqlStatus s;
  s.activation = activation;
  s.size = size;
  s.threshold = model.pql_activation[size];
  s.reaches_threshold = !std::isnan(activation) && activation >= s.threshold;

  const FirmographicFilters& f = model.filters;
  if (!f.regions.empty()) {
    bool found = false;
    for (const std::string& r : f.regions) found = found || iequals(trim(info.region), trim(r));
    if (!found) {
      std::string list;
      for (const std::string& r : f.regions) list += (list.empty() ? "" : ", ") + r;
      s.passes_filters = false;
      s.filter_failure = info.region.empty() ? "no region (filter: " + list + ")"
                                             : "region \"" + info.region + "\" not in [" + list + "]";
      return s;
    }
  }
  if (f.min_employees || f.max_employees) {
    if (info.employees < 0) {
      s.passes_filters = false;
      s.filter_failure = "employees unknown (filter on employees)";
    } else if (f.min_employees && info.employees < *f.min_employees) {
      s.passes_filters = false;
      s.filter_failure = "employees " + std::to_string(info.employees) + " < " + std::to_string(*f.min_employees);
    } else if (f.max_employees && info.employees > *f.max_employees) {
      s.passes_filters = false;
      s.filter_failure = "employees " + std::to_string(info.employees) + " > " + std::to_string(*f.max_employees);
    }
  }
  return s;
}

}  // namespace pqlscope
