// The JSON form of the management views (segments/management.hpp): the report's "management"
// section and the package's management() answer (docs/report.md, wasm/README.md).
#pragma once

#include <nlohmann/json.hpp>

#include "pqlscope/segments/management.hpp"

namespace pqlscope {

// {as_of, this_month: the as-of month's cohort (0 accounts when none signed up), cohorts: [{month, accounts, with_checklist,
//  mean_activation, activated, mean_engagement}], by_plan / by_stage / by_industry / by_owner:
//  [{value, accounts, mean_engagement, median_engagement, mean_activation, active_week}],
//  weekly_active: [{week_end, active, existing}]}. Numbers rounded to 4 decimals, NaN as null.
nlohmann::ordered_json management_json(const ManagementReport& report);

}  // namespace pqlscope
