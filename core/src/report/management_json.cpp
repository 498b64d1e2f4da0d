// The management views as JSON (management_json.hpp).
#include "pqlscope/report/management_json.hpp"

#include <cmath>

#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/report/report_parts.hpp"

namespace pqlscope {
namespace {

using ojson = nlohmann::ordered_json;

ojson cohort_json(const SignupCohort& c) {
  return {{"month", c.month},
          {"accounts", c.accounts},
          {"with_checklist", c.with_checklist},
          {"mean_activation", report_number(c.mean_activation)},
          {"activated", c.activated},
          {"mean_engagement", report_number(c.mean_engagement)}};
}

ojson groups_json(const std::vector<EngagementGroup>& groups) {
  ojson out = ojson::array();
  for (const EngagementGroup& g : groups) {
    out.push_back({{"value", g.value},
                   {"accounts", g.accounts},
                   {"mean_engagement", report_number(g.mean_engagement)},
                   {"median_engagement", report_number(g.median_engagement)},
                   {"mean_activation", report_number(g.mean_activation)},
                   {"active_week", g.active_week}});
  }
  return out;
}

}  // namespace

ojson management_json(const ManagementReport& r) {
  ojson cohorts = ojson::array();
  for (const SignupCohort& c : r.cohorts) cohorts.push_back(cohort_json(c));
  ojson weeks = ojson::array();
  for (const WeeklyActive& w : r.weekly_active) {
    weeks.push_back({{"week_end", format_day(w.end_day)}, {"active", w.active}, {"existing", w.existing}});
  }
  // No signup in the as-of month: this_month still names it, with 0 accounts.
  SignupCohort none;
  none.month = format_day(r.as_of_day).substr(0, 7);
  none.mean_activation = none.mean_engagement = std::nan("");
  return {{"as_of", format_day(r.as_of_day)},
          {"this_month", cohort_json(r.this_month ? r.cohorts[*r.this_month] : none)},
          {"cohorts", std::move(cohorts)},
          {"by_plan", groups_json(r.by_plan)},
          {"by_stage", groups_json(r.by_stage)},
          {"by_industry", groups_json(r.by_industry)},
          {"by_owner", groups_json(r.by_owner)},
          {"weekly_active", std::move(weeks)}};
}

}  // namespace pqlscope
